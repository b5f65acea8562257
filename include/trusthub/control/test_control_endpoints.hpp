// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_TEST_CONTROL_ENDPOINTS_HPP
#define TRUSTHUB_CONTROL_TEST_CONTROL_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/control/test_control.hpp>
#include <trusthub/resources/policy_catalogue.hpp>
#include <trusthub/resources/service.hpp>

namespace trusthub {

/// Serves `control` over HTTP, and puts it between `table` and its handlers (the journal and
/// the fault rules see every call to the table's other endpoints):
///
/// | method | path | |
/// |---|---|---|
/// | `POST` | `/_trusthub/reset` | the account's records, journal, rules and clock, reset |
/// | `GET`, `PUT` | `/_trusthub/snapshot` | the account's records, out or in |
/// | `GET`, `DELETE` | `/_trusthub/requests` | the journal |
/// | `GET`, `POST`, `DELETE` | `/_trusthub/faults` | the fault rules |
/// | `DELETE` | `/_trusthub/faults/{Id}` | one rule |
/// | `GET`, `PUT` | `/_trusthub/clock` | the account's clock |
///
/// The caller authenticates as for the API and acts on its own account only. Off unless a host
/// calls this: a server open to anyone other than test suites should not. `control` must
/// outlive the table; the table must have no interceptor yet.
TRUSTHUB_DECL void add_test_control_endpoints(endpoint_table& table, test_control& control);

/// Adds the test-control calls that do what only Twilio can do to bundles, through
/// `operations` (so the records are dated by the account's clock):
///
/// | method | path | |
/// |---|---|---|
/// | `POST` | `/_trusthub/bundles/{Sid}/review` | a CustomerProfile or TrustProduct moved to any status, as a review would move it |
/// | `POST` | `/_trusthub/primary-profile` | a Primary Customer Profile, made directly in its status (by default `twilio-approved`) |
///
/// A review to `twilio-approved` that names no `valid_until` sets it a year from the
/// account's now; any other status that names none clears it. `errors` is kept only as given
/// (`null` when left out). The Primary profile's policy is the one of `policies` whose bundle
/// type is `primary_customer_profile_type_business`. Same authentication and scope as
/// `add_test_control_endpoints`; `operations` and `policies` must outlive the table.
TRUSTHUB_DECL void add_bundle_control_endpoints(endpoint_table& table, service& operations,
                                                const catalogue& policies = default_policies());

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/test_control_endpoints.ipp>
#endif

#endif
