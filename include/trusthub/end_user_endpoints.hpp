// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_END_USER_ENDPOINTS_HPP
#define TRUSTHUB_END_USER_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/endpoint_table.hpp>
#include <trusthub/service.hpp>

namespace trusthub {

/// Adds the five EndUser endpoints to `table`, served by `operations`:
///
/// | method | path | |
/// |---|---|---|
/// | `GET` | `/v1/EndUsers` | list, paged |
/// | `POST` | `/v1/EndUsers` | create |
/// | `GET` | `/v1/EndUsers/{Sid}` | fetch |
/// | `POST` | `/v1/EndUsers/{Sid}` | update |
/// | `DELETE` | `/v1/EndUsers/{Sid}` | delete |
///
/// Each handler decodes with `end_user_codec`, calls the service as the caller's account, and
/// encodes the outcome. `operations` must outlive the table.
TRUSTHUB_DECL void add_end_user_endpoints(endpoint_table& table, service& operations);

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/end_user_endpoints.ipp>
#endif

#endif
