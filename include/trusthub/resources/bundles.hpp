// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_BUNDLES_HPP
#define TRUSTHUB_RESOURCES_BUNDLES_HPP

#include <trusthub/resources/resource.hpp>

#include <cstddef>
#include <string_view>

namespace trusthub::resources {

/// `/v1/CustomerProfiles` and `/v1/TrustProducts` (`BU`): the two kinds of bundle, one shape.
/// A bundle gathers what its policy asks for (EndUsers, SupportingDocuments, other bundles)
/// and goes through review: `draft` → `pending-review` (the client submits) → `in-review` →
/// `twilio-approved` or `twilio-rejected`. Each kind is a collection of its own: a bundle of
/// one kind does not exist at the other's path.
namespace bundles_detail {
inline constexpr std::string_view statuses[] = {"draft", "pending-review", "in-review", "twilio-rejected",
                                                "twilio-approved"};
inline constexpr std::string_view policy_prefix[] = {"RN"};
// In the order the list filters are echoed (Status, FriendlyName, PolicySid), as Twilio's
// example page URLs give them.
inline constexpr field_descriptor fields[] = {
    {.wire_name = "status",
     .parameter = "Status",
     .type = field_type::enumeration,
     .initial = R"("draft")",
     .updatable = true,
     .filter = "Status",
     .values = statuses},
    {.wire_name = "friendly_name", .parameter = "FriendlyName", .required = true, .updatable = true,
     .filter = "FriendlyName"},
    {.wire_name = "policy_sid",
     .parameter = "PolicySid",
     .type = field_type::sid_reference,
     .required = true,
     .filter = "PolicySid",
     .values = policy_prefix},
    {.wire_name = "email", .parameter = "Email", .required = true, .updatable = true, .personal = true},
    {.wire_name = "status_callback", .parameter = "StatusCallback", .type = field_type::url, .updatable = true},
    {.wire_name = "valid_until", .type = field_type::date},
    {.wire_name = "errors"},
};
// The members in the order Twilio's examples write them.
inline constexpr member_descriptor members[] = {
    {member_kind::sid, "sid"},
    {member_kind::account_sid, "account_sid"},
    {member_kind::field, "policy_sid", 2},
    {member_kind::field, "friendly_name", 1},
    {member_kind::field, "status", 0},
    {member_kind::field, "email", 3},
    {member_kind::field, "status_callback", 4},
    {member_kind::field, "valid_until", 5},
    {member_kind::date_created, "date_created"},
    {member_kind::date_updated, "date_updated"},
    {member_kind::url, "url"},
    {member_kind::links, "links"},
    {member_kind::field, "errors", 6},
};
inline constexpr link_descriptor customer_profile_links[] = {
    {"customer_profiles_entity_assignments", "/EntityAssignments"},
    {"customer_profiles_evaluations", "/Evaluations"},
    {"customer_profiles_channel_endpoint_assignment", "/ChannelEndpointAssignments"},
};
inline constexpr link_descriptor trust_product_links[] = {
    {"trust_products_entity_assignments", "/EntityAssignments"},
    {"trust_products_evaluations", "/Evaluations"},
    {"trust_products_channel_endpoint_assignment", "/ChannelEndpointAssignments"},
};
} // namespace bundles_detail

/// The indexes of a bundle's fields.
inline constexpr std::size_t bundle_status_field = 0;
inline constexpr std::size_t bundle_policy_field = 2;
inline constexpr std::size_t bundle_valid_until_field = 5;
inline constexpr std::size_t bundle_errors_field = 6;

inline constexpr resource_descriptor customer_profiles{
    .kind = "customer_profiles",
    .sid_prefix = "BU",
    .path = "/v1/CustomerProfiles",
    .list_key = "results",
    .fields = bundles_detail::fields,
    .members = bundles_detail::members,
    .links = bundles_detail::customer_profile_links,
};

inline constexpr resource_descriptor trust_products{
    .kind = "trust_products",
    .sid_prefix = "BU",
    .path = "/v1/TrustProducts",
    .list_key = "results",
    .fields = bundles_detail::fields,
    .members = bundles_detail::members,
    .links = bundles_detail::trust_product_links,
};

} // namespace trusthub::resources

#endif
