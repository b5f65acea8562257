// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_POLICIES_HPP
#define TRUSTHUB_RESOURCES_POLICIES_HPP

#include <trusthub/resources/resource.hpp>

#include <cstddef>

namespace trusthub::resources {

/// `/v1/Policies` (`RN`): a read-only catalogue of what a CustomerProfile or a TrustProduct
/// must hold, the same for every account. `requirements` is served as the data gives it. Two
/// fields are the server's own, never on the wire: which bundles a policy is for, and the
/// bundle type a bundle made under it counts as where another policy asks for one.
namespace policies_detail {
inline constexpr field_descriptor fields[] = {
    {.wire_name = "friendly_name"},
    {.wire_name = "requirements", .type = field_type::json_object},
    {.wire_name = "bundle"},
    {.wire_name = "bundle_type"},
};
inline constexpr member_descriptor members[] = {
    {member_kind::sid, "sid"},
    {member_kind::field, "friendly_name", 0},
    {member_kind::field, "requirements", 1},
    {member_kind::url, "url"},
};
} // namespace policies_detail

/// The indexes of a policy's fields.
inline constexpr std::size_t policy_requirements_field = 1;
/// The kind of the bundles the policy is for (a JSON string: `"customer_profiles"`,
/// `"trust_products"`).
inline constexpr std::size_t policy_bundle_field = 2;
/// What a bundle made under the policy counts as (a JSON string, or null): what a
/// `supporting_customer_profiles` requirement names, `"primary_customer_profile_type_business"`.
inline constexpr std::size_t policy_bundle_type_field = 3;

inline constexpr resource_descriptor policies{
    .kind = "policies",
    .sid_prefix = "RN",
    .path = "/v1/Policies",
    .list_key = "results",
    .fields = policies_detail::fields,
    .members = policies_detail::members,
    .operations = {.create = false, .update = false, .remove = false},
};

} // namespace trusthub::resources

#endif
