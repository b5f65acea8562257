// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_END_USER_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_END_USER_ENDPOINTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/resources/end_user_types.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/log.hpp>
#include <trusthub/resources/service.hpp>

#include <functional>
#include <string_view>

namespace trusthub {

/// Whether EndUsers are checked against an EndUserTypes catalogue when they are created and
/// updated. Twilio's public contract shows no such check at create time (a bundle's
/// Evaluation is where missing or wrong information is reported), so `off` is the default.
enum class type_checking {
    /// Nothing is checked: any `Type`, any `Attributes` keys.
    off,
    /// What `strict` would refuse is accepted and reported, one line each, to `warn`.
    warn,
    /// An unknown `Type` on create, or an `Attributes` key the type does not list on create
    /// or update, is a 400 (code 20001) naming it; nothing is written.
    strict,
};

/// How the EndUser endpoints behave beyond the wire contract.
struct end_user_endpoint_options {
    type_checking check_types = type_checking::off;
    /// What EndUsers are checked against; null means `default_catalogue()`. Must outlive the
    /// table.
    const end_user_type_catalogue* catalogue = nullptr;
    /// Where `warn` reports go, at `log_level::warning`: one line each, without a newline,
    /// naming the operation, the account, the type and the keys (never attribute values).
    logger log;
};

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
/// They are `add_resource_endpoints` for `resources::end_users`, with the catalogue checks as
/// hooks. `operations` must outlive the table.
TRUSTHUB_DECL void add_end_user_endpoints(endpoint_table& table, service& operations);

/// The same, with `options`: checking EndUsers against an EndUserTypes catalogue.
///
/// On update, the keys of a new `Attributes` are checked against the type of the record (read
/// first; the type never changes); a record whose type the catalogue does not know (made while
/// checks were off, or with another catalogue) has nothing to be checked against.
TRUSTHUB_DECL void add_end_user_endpoints(endpoint_table& table, service& operations,
                                          end_user_endpoint_options options);

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/end_user_endpoints.ipp>
#endif

#endif
