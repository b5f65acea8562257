// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_RESOURCE_ENDPOINTS_HPP
#define TRUSTHUB_RESOURCES_RESOURCE_ENDPOINTS_HPP

#include <trusthub/resources/catalogue.hpp>
#include <trusthub/config.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/http/http_error.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/resources/service.hpp>

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace trusthub {

/// What a resource with behaviour of its own adds to the generic handlers. Each is optional;
/// each runs on the thread that handles the request, and must not block.
struct resource_hooks {
    /// Judges a create after its parameters are decoded, before anything is stored: the error
    /// to answer instead, or nothing. It may change the fields (a status the server sets).
    std::function<std::optional<http_error>(const endpoint_call&, create_fields&)> check_create;
    /// Judges an update against the record as it is, which is read first when this is set. A
    /// record removed in between is the update's 404 all the same.
    std::function<std::optional<http_error>(const endpoint_call&, const record&, update_fields&)> check_update;
    /// Judges a delete against the record as it is, which is read first when this is set. What
    /// the store itself refuses (a record something refers to) needs no hook.
    std::function<std::optional<http_error>(const endpoint_call&, const record&)> check_remove;

    /// Judges a create against other records, after `check_create`, reading them through the
    /// store: the error to answer instead, or nothing. It may change the fields. What fields
    /// marked `holds_reference` name, the store keeps from removal in the same step as it
    /// stores the record, so a record that goes meanwhile is `when_reference_missing`.
    std::function<boost::asio::awaitable<std::optional<http_error>>(const endpoint_call&, create_fields&)>
        verify_create;
    /// Judges a delete against other records, after `check_remove`.
    std::function<boost::asio::awaitable<std::optional<http_error>>(const endpoint_call&)> verify_remove;
    /// What a delete answers when the store refuses it because another record refers to this
    /// one (`errc::referenced`); nothing: `409 20409`.
    std::optional<http_error> when_referenced;
    /// What a create answers when a record it refers to does not exist (`errc::missing_reference`);
    /// nothing: `400 20001`.
    std::optional<http_error> when_reference_missing;
};

/// Adds the endpoints of the collection `resource` to `table`, served by `operations`: for
/// each of `resource.operations`,
///
/// | method | path | |
/// |---|---|---|
/// | `GET` | `{path}` | list, paged, with the descriptor's filters |
/// | `POST` | `{path}` | create |
/// | `GET` | `{path}/{Sid}` | fetch |
/// | `POST` | `{path}/{Sid}` | update |
/// | `DELETE` | `{path}/{Sid}` | delete |
///
/// Each handler decodes with `resource_codec`, calls the service as the caller's account, and
/// encodes the outcome. `operations` and `resource` must outlive the table.
TRUSTHUB_DECL void add_resource_endpoints(endpoint_table& table, service& operations,
                                          const resource_descriptor& resource, resource_hooks hooks = {});

/// Adds the two endpoints of a catalogue to `table`:
///
/// | method | path | |
/// |---|---|---|
/// | `GET` | `{path}` | list, paged as every collection is |
/// | `GET` | `{path}/{Sid}` | fetch by SID, or by name when the catalogue has a name field |
///
/// Every account sees the same catalogue; authentication, 404, 405, `HEAD` and `OPTIONS` are
/// the table's, as for every resource. The table shares the ownership of `entries`.
TRUSTHUB_DECL void add_catalogue_endpoints(endpoint_table& table, std::shared_ptr<const catalogue> entries);

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/resource_endpoints.ipp>
#endif

#endif
