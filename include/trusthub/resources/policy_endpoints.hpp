// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_POLICY_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_POLICY_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/resources/policy_catalogue.hpp>

namespace trusthub {

/// Adds the two Policies endpoints to `table`, served from `policies` (made by
/// `parse_policies`):
///
/// | method | path | |
/// |---|---|---|
/// | `GET` | `/v1/Policies` | list, paged as every collection is, key `results` |
/// | `GET` | `/v1/Policies/{Sid}` | fetch by `RN…` SID |
///
/// Every account sees the same Policies; authentication, 404, 405, `HEAD` and `OPTIONS` are
/// the table's, as for every resource. The table keeps its own copy.
TRUSTHUB_DECL void add_policy_endpoints(endpoint_table& table, const catalogue& policies = default_policies());

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/policy_endpoints.ipp>
#endif

#endif
