// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_END_USERS_HPP
#define TRUSTHUB_RESOURCES_END_USERS_HPP

#include <trusthub/resources/resource.hpp>

namespace trusthub::resources {

/// `/v1/EndUsers` (`IT`): an individual or a business that a bundle is about.
namespace end_users_detail {
inline constexpr field_descriptor fields[] = {
    {.wire_name = "friendly_name", .parameter = "FriendlyName", .required = true, .updatable = true},
    {.wire_name = "type", .parameter = "Type", .required = true},
    {.wire_name = "attributes",
     .parameter = "Attributes",
     .type = field_type::json_object,
     .initial = "{}",
     .updatable = true,
     .personal = true},
};
inline constexpr member_descriptor members[] = {
    {member_kind::sid, "sid"},
    {member_kind::account_sid, "account_sid"},
    {member_kind::field, "friendly_name", 0},
    {member_kind::field, "type", 1},
    {member_kind::field, "attributes", 2},
    {member_kind::date_created, "date_created"},
    {member_kind::date_updated, "date_updated"},
    {member_kind::url, "url"},
};
} // namespace end_users_detail

inline constexpr resource_descriptor end_users{
    .kind = "end_users",
    .sid_prefix = "IT",
    .path = "/v1/EndUsers",
    .list_key = "results",
    .fields = end_users_detail::fields,
    .members = end_users_detail::members,
};

/// The index of each EndUser field in `record::fields`.
namespace end_user_field {
inline constexpr std::size_t friendly_name = 0;
inline constexpr std::size_t type = 1;
inline constexpr std::size_t attributes = 2;
} // namespace end_user_field

} // namespace trusthub::resources

#endif
