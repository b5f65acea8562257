// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_END_USER_TYPE_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_END_USER_TYPE_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/resources/end_user_types.hpp>
#include <trusthub/http/endpoint_table.hpp>

namespace trusthub {

/// Adds the two EndUserType endpoints to `table`, served from `types`:
///
/// | method | path | |
/// |---|---|---|
/// | `GET` | `/v1/EndUserTypes` | list, paged as the EndUsers are, key `end_user_types` |
/// | `GET` | `/v1/EndUserTypes/{Sid}` | fetch by `OY…` SID or by machine name |
///
/// Every account sees the same catalogue; authentication, 404, 405, `HEAD` and `OPTIONS` are
/// the table's, as for every resource. The table keeps its own copy of the types.
TRUSTHUB_DECL void add_end_user_type_endpoints(endpoint_table& table,
                                               const type_catalogue& types = default_catalogue());

/// The same for `/v1/SupportingDocumentTypes`, key `supporting_document_types`.
TRUSTHUB_DECL void add_supporting_document_type_endpoints(
    endpoint_table& table, const type_catalogue& types = default_supporting_document_types());

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/end_user_type_endpoints.ipp>
#endif

#endif
