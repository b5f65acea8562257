// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_SUPPORTING_DOCUMENTS_HPP
#define TRUSTHUB_RESOURCES_SUPPORTING_DOCUMENTS_HPP

#include <trusthub/resources/resource.hpp>

#include <string_view>

namespace trusthub::resources {

/// `/v1/SupportingDocuments` (`RD`): information a bundle needs besides its EndUsers, such as a
/// business address. In TrustHub flows a document carries attributes only, never a file, so
/// `mime_type` stays null; a new document is `DRAFT`.
namespace supporting_documents_detail {
inline constexpr std::string_view statuses[] = {"DRAFT",    "PENDING_REVIEW", "REJECTED",
                                                "APPROVED", "EXPIRED",        "PROVISIONALLY_APPROVED"};
inline constexpr field_descriptor fields[] = {
    {.wire_name = "friendly_name", .parameter = "FriendlyName", .required = true, .updatable = true},
    {.wire_name = "mime_type"},
    {.wire_name = "status", .type = field_type::enumeration, .initial = R"("DRAFT")", .values = statuses},
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
    {member_kind::field, "mime_type", 1},
    {member_kind::field, "status", 2},
    {member_kind::field, "type", 3},
    {member_kind::field, "attributes", 4},
    {member_kind::date_created, "date_created"},
    {member_kind::date_updated, "date_updated"},
    {member_kind::url, "url"},
};
} // namespace supporting_documents_detail

inline constexpr resource_descriptor supporting_documents{
    .kind = "supporting_documents",
    .sid_prefix = "RD",
    .path = "/v1/SupportingDocuments",
    .list_key = "results",
    .fields = supporting_documents_detail::fields,
    .members = supporting_documents_detail::members,
};

} // namespace trusthub::resources

#endif
