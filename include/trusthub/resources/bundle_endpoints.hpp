// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_BUNDLE_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_BUNDLE_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/resources/policy_catalogue.hpp>
#include <trusthub/resources/service.hpp>

namespace trusthub {

/// How the bundles are served.
struct bundle_endpoint_options {
    /// The Policies a bundle's `PolicySid` must name (null: `default_policies()`). It must
    /// outlive the table.
    const catalogue* policies = nullptr;
    /// Accept the Primary Customer Profile policy on create. Twilio makes Primary profiles in
    /// its Console only, and its API refuses them; the test-control API makes an approved one
    /// for tests that need it.
    bool allow_api_primary_profiles = false;
};

/// Adds the CustomerProfiles and TrustProducts endpoints to `table`, served by `operations`:
/// for each of `/v1/CustomerProfiles` and `/v1/TrustProducts`, list (filters `Status`,
/// `FriendlyName`, `PolicySid`), create, fetch, update and delete, as
/// `add_resource_endpoints` serves them, with the bundles' rules:
///
/// - `PolicySid` names a policy of the catalogue made for the bundle's kind, and not the
///   Primary Customer Profile policy unless allowed; else `400 20001`.
/// - A new bundle is `draft`, whatever the request says.
/// - `Status` moves only as a client may move it: `draft` → `pending-review` (submit), and
///   `twilio-rejected` → `draft` or `pending-review`; `draft` to `draft` changes nothing. Any
///   other change of status is `409 20409`, and nothing is written.
/// - A bundle under review (`pending-review`, `in-review`) cannot be deleted: `409 20409`.
///
/// `operations` must outlive the table.
TRUSTHUB_DECL void add_bundle_endpoints(endpoint_table& table, service& operations,
                                        const bundle_endpoint_options& options = {});

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/bundle_endpoints.ipp>
#endif

#endif
