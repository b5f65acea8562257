// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_ASSIGNMENT_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_ASSIGNMENT_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/resources/service.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub {

/// What the assignments learn of accounts beyond their records.
struct assignment_endpoint_options {
    /// The account an account is a subaccount of, if any: a subaccount may assign its parent's
    /// CustomerProfiles (a Primary profile, say) into its own bundles, though it cannot list or
    /// fetch them. Empty: no account has a parent.
    std::function<std::optional<std::string>(std::string_view account_sid)> parent_account;
    /// Whether the account may assign the number `number_sid`. Empty: any well-formed SID.
    std::function<bool(std::string_view account_sid, std::string_view number_sid)> number_allowed;
};

/// Adds what bundles hold to `table`, served by `operations`: under each of
/// `/v1/CustomerProfiles/{Sid}` and `/v1/TrustProducts/{Sid}`, the `EntityAssignments` and
/// the `ChannelEndpointAssignments`, each with create, fetch, list and delete as
/// `add_resource_endpoints` serves them, with these rules (doc/compatibility.md gives each
/// its source):
///
/// - A bundle of the other kind, or another account's, is `404 20404` for all of them.
/// - An EntityAssignment's `ObjectSid` must be an EndUser, a SupportingDocument or a
///   CustomerProfile of the account (or its parent account's CustomerProfile), and not the
///   bundle itself: else `400 22205`. One object
///   is assigned to one bundle once: a second time is `409 20409`. Assignments are made and
///   removed only while the bundle is `draft` or `twilio-rejected`: else `409 20409`.
///   `ObjectType` keeps those whose object has that `type`.
/// - A ChannelEndpointAssignment's `ChannelEndpointSid` is a SID the account may assign; one
///   number sits on one bundle once (`409 20409`). On a TrustProduct, the number must already sit on a CustomerProfile
///   the TrustProduct holds: else `400 20001 Invalid parameter ChannelEndpointSid`. That
///   profile's assignment of the number cannot be removed meanwhile (`409 20409`). Allowed in
///   every status of the bundle.
/// - The objects assigned are held: an EndUser cannot be removed while assigned (`400 21644`),
///   nor a SupportingDocument or a CustomerProfile (`409 20409`). The store checks this in the
///   same step as it removes or assigns, so concurrent calls cannot leave an assignment
///   naming nothing. Removing a bundle removes its assignments.
///
/// `operations` must outlive the table.
TRUSTHUB_DECL void add_assignment_endpoints(endpoint_table& table, service& operations,
                                            assignment_endpoint_options options = {});

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/assignment_endpoints.ipp>
#endif

#endif
