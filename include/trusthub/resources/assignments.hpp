// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_ASSIGNMENTS_HPP
#define TRUSTHUB_RESOURCES_ASSIGNMENTS_HPP

#include <trusthub/resources/resource.hpp>

#include <cstddef>
#include <string_view>

namespace trusthub::resources {

/// What a bundle holds, as two subcollections under each kind of bundle:
///
/// - `…/EntityAssignments` (`BV`): an EndUser, a SupportingDocument or a CustomerProfile put
///   into the bundle. The object cannot be removed while the assignment exists, unless it is
///   a CustomerProfile of the account's parent account, which lives elsewhere.
/// - `…/ChannelEndpointAssignments` (`RA`): a phone number put on the bundle. A
///   TrustProduct's number must sit on one of the CustomerProfiles it holds, and that
///   profile's assignment of the number cannot be removed while the TrustProduct's exists.
///
/// Neither is ever updated; removing a bundle removes its assignments.
namespace assignments_detail {
inline constexpr field_descriptor entity_fields[] = {
    // Checked by the endpoints, not the codec: a SID of a kind no bundle holds is Twilio's
    // 22205, not a malformed parameter.
    {.wire_name = "object_sid", .parameter = "ObjectSid", .required = true},
    // The object's type (`business`, `customer_profile_business_information`…), copied when
    // it is assigned, which a type never changes after: what the `ObjectType` filter reads.
    // Null for a CustomerProfile. Not served.
    {.wire_name = "object_type", .filter = "ObjectType"},
    // The object again, held, so that it cannot be removed while assigned; null for a parent
    // account's CustomerProfile, which a store keeps in another account. Not served.
    {.wire_name = "held_object_sid", .holds_reference = true, .defaults_to = "object_sid"},
};
inline constexpr field_descriptor channel_fields[] = {
    {.wire_name = "channel_endpoint_type", .parameter = "ChannelEndpointType", .required = true},
    {.wire_name = "channel_endpoint_sid",
     .parameter = "ChannelEndpointSid",
     .type = field_type::sid_reference,
     .required = true,
     .filter = "ChannelEndpointSid",
     .filter_any = "ChannelEndpointSids"},
    // On a TrustProduct: the assignment of the same number to one of its CustomerProfiles,
    // which cannot be removed while this one exists. Null on a CustomerProfile. Not served.
    {.wire_name = "supporting_assignment_sid", .holds_reference = true},
};
template <std::string_view const& Parent>
inline constexpr member_descriptor entity_members[] = {
    {member_kind::sid, "sid"},
    {member_kind::parent_sid, Parent},
    {member_kind::account_sid, "account_sid"},
    {member_kind::field, "object_sid", 0},
    {member_kind::date_created, "date_created"},
    {member_kind::url, "url"},
};
template <std::string_view const& Parent>
inline constexpr member_descriptor channel_members[] = {
    {member_kind::sid, "sid"},
    {member_kind::parent_sid, Parent},
    {member_kind::account_sid, "account_sid"},
    {member_kind::field, "channel_endpoint_type", 0},
    {member_kind::field, "channel_endpoint_sid", 1},
    {member_kind::date_created, "date_created"},
    {member_kind::url, "url"},
};
inline constexpr std::string_view customer_profile_sid = "customer_profile_sid";
inline constexpr std::string_view trust_product_sid = "trust_product_sid";
inline constexpr resource_operations no_update{.update = false};
} // namespace assignments_detail

/// The indexes of an EntityAssignment's fields.
inline constexpr std::size_t entity_object_field = 0;
inline constexpr std::size_t entity_object_type_field = 1;
inline constexpr std::size_t entity_held_object_field = 2;
/// The indexes of a ChannelEndpointAssignment's fields.
inline constexpr std::size_t channel_endpoint_type_field = 0;
inline constexpr std::size_t channel_endpoint_sid_field = 1;
inline constexpr std::size_t channel_supporting_assignment_field = 2;

inline constexpr resource_descriptor customer_profile_entity_assignments{
    .kind = "customer_profile_entity_assignments",
    .sid_prefix = "BV",
    .path = "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments",
    .list_key = "results",
    .fields = assignments_detail::entity_fields,
    .members = assignments_detail::entity_members<assignments_detail::customer_profile_sid>,
    .parent_prefix = "BU",
    .parent_kind = "customer_profiles",
    .operations = assignments_detail::no_update,
};

inline constexpr resource_descriptor trust_product_entity_assignments{
    .kind = "trust_product_entity_assignments",
    .sid_prefix = "BV",
    .path = "/v1/TrustProducts/{TrustProductSid}/EntityAssignments",
    .list_key = "results",
    .fields = assignments_detail::entity_fields,
    .members = assignments_detail::entity_members<assignments_detail::trust_product_sid>,
    .parent_prefix = "BU",
    .parent_kind = "trust_products",
    .operations = assignments_detail::no_update,
};

inline constexpr resource_descriptor customer_profile_channel_endpoint_assignments{
    .kind = "customer_profile_channel_endpoint_assignments",
    .sid_prefix = "RA",
    .path = "/v1/CustomerProfiles/{CustomerProfileSid}/ChannelEndpointAssignments",
    .list_key = "results",
    .fields = assignments_detail::channel_fields,
    .members = assignments_detail::channel_members<assignments_detail::customer_profile_sid>,
    .parent_prefix = "BU",
    .parent_kind = "customer_profiles",
    .operations = assignments_detail::no_update,
};

inline constexpr resource_descriptor trust_product_channel_endpoint_assignments{
    .kind = "trust_product_channel_endpoint_assignments",
    .sid_prefix = "RA",
    .path = "/v1/TrustProducts/{TrustProductSid}/ChannelEndpointAssignments",
    .list_key = "results",
    .fields = assignments_detail::channel_fields,
    .members = assignments_detail::channel_members<assignments_detail::trust_product_sid>,
    .parent_prefix = "BU",
    .parent_kind = "trust_products",
    .operations = assignments_detail::no_update,
};

} // namespace trusthub::resources

#endif
