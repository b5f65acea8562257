// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_ASSIGNMENT_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_ASSIGNMENT_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/resources/service.hpp>

namespace trusthub {

/// Adds what bundles hold to `table`, served by `operations`: under each of
/// `/v1/CustomerProfiles/{Sid}` and `/v1/TrustProducts/{Sid}`, the `EntityAssignments` and
/// the `ChannelEndpointAssignments`, each with create, fetch, list and delete as
/// `add_resource_endpoints` serves them, with these rules (doc/compatibility.md gives each
/// its source):
///
/// - A bundle of the other kind, or another account's, is `404 20404` for all of them.
/// - An EntityAssignment's `ObjectSid` must be an EndUser, a SupportingDocument or a
///   CustomerProfile of the account, and not the bundle itself: else `400 22205`. One object
///   is assigned to one bundle once: a second time is `409 20409`. Assignments are made and
///   removed only while the bundle is `draft` or `twilio-rejected`: else `409 20409`.
///   `ObjectType` keeps those whose object has that `type`.
/// - A ChannelEndpointAssignment's `ChannelEndpointSid` is a SID; one number sits on one bundle
///   once (`409 20409`). On a TrustProduct, the number must already sit on a CustomerProfile
///   the TrustProduct holds: else `400 20001 Invalid parameter ChannelEndpointSid`. That
///   profile's assignment of the number cannot be removed meanwhile (`409 20409`). Allowed in
///   every status of the bundle.
/// - The objects assigned are held: an EndUser cannot be removed while assigned (`400 21644`),
///   nor a SupportingDocument or a CustomerProfile (`409 20409`). The store checks this in the
///   same step as it removes or assigns, so concurrent calls cannot leave an assignment
///   naming nothing. Removing a bundle removes its assignments.
///
/// `operations` must outlive the table.
TRUSTHUB_DECL void add_assignment_endpoints(endpoint_table& table, service& operations);

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/assignment_endpoints.ipp>
#endif

#endif
