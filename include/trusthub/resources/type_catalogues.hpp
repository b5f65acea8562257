// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_TYPE_CATALOGUES_HPP
#define TRUSTHUB_RESOURCES_TYPE_CATALOGUES_HPP

#include <trusthub/resources/resource.hpp>

namespace trusthub::resources {

/// `/v1/EndUserTypes` and `/v1/SupportingDocumentTypes` (`OY`): read-only catalogues of the
/// attributes an EndUser or a SupportingDocument of each type carries. Both have one shape.
namespace type_catalogues_detail {
inline constexpr field_descriptor fields[] = {
    {.wire_name = "friendly_name"},
    {.wire_name = "machine_name"},
    {.wire_name = "fields"},
};
inline constexpr member_descriptor members[] = {
    {member_kind::sid, "sid"},
    {member_kind::field, "friendly_name", 0},
    {member_kind::field, "machine_name", 1},
    {member_kind::field, "fields", 2},
    {member_kind::url, "url"},
};
inline constexpr resource_operations read_only{.create = false, .update = false, .remove = false};
} // namespace type_catalogues_detail

/// The index of the machine name, by which a type is found as by its SID.
inline constexpr std::size_t type_machine_name_field = 1;

inline constexpr resource_descriptor end_user_types{
    .kind = "end_user_types",
    .sid_prefix = "OY",
    .path = "/v1/EndUserTypes",
    .list_key = "end_user_types",
    .fields = type_catalogues_detail::fields,
    .members = type_catalogues_detail::members,
    .operations = type_catalogues_detail::read_only,
};

inline constexpr resource_descriptor supporting_document_types{
    .kind = "supporting_document_types",
    .sid_prefix = "OY",
    .path = "/v1/SupportingDocumentTypes",
    .list_key = "supporting_document_types",
    .fields = type_catalogues_detail::fields,
    .members = type_catalogues_detail::members,
    .operations = type_catalogues_detail::read_only,
};

} // namespace trusthub::resources

#endif
