// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_RESOURCE_ENDPOINTS_IPP
#define TRUSTHUB_RESOURCES_IMPL_RESOURCE_ENDPOINTS_IPP

#include <trusthub/resources/resource_endpoints.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trusthub {

namespace detail::resource_handlers {

using codec = resource_codec;
using response_type = endpoint_table::response_type;

// What every handler of one collection shares. Made once when the endpoints are added; owned
// by the table's handlers, read-only afterwards.
struct collection {
    service& operations;
    const resource_descriptor& resource;
    resource_hooks hooks;

    // The caller's scope: the parent is the path's first parameter in a subcollection.
    record_scope scope_of(const endpoint_call& call) const
    {
        return {call.account_sid, resource.nested() ? std::string(call.parameters[0]) : std::string()};
    }

    std::string sid_of(const endpoint_call& call) const
    {
        return std::string(call.parameters[resource.nested() ? 1 : 0]);
    }

    // The service's calls, started here rather than in the handlers: their arguments (the
    // scope, the SID, the fields) are temporaries of this call, gone once it returns, where
    // in a handler they would sit in its coroutine frame across the wait. Asio recycles only
    // small frames; a larger one is a heap allocation of its own on every request, too large
    // for malloc's per-thread cache.
    boost::asio::awaitable<result<record>> create(const endpoint_call& call, std::vector<std::string> fields) const
    {
        return operations.create(resource, scope_of(call), std::move(fields));
    }

    boost::asio::awaitable<result<record>> fetch(const endpoint_call& call, std::string sid) const
    {
        return operations.fetch(resource, scope_of(call), std::move(sid));
    }

    boost::asio::awaitable<result<record>> update(const endpoint_call& call, std::string sid,
                                                  std::vector<std::pair<std::size_t, std::string>> changes) const
    {
        return operations.update(resource, scope_of(call), std::move(sid), std::move(changes));
    }

    // The error a failed call answers: the hooks' own for what the store refuses on account
    // of references, the codec's for the rest.
    http_error failure(boost::system::error_code ec, const endpoint_call& call) const
    {
        if (ec == errc::referenced && hooks.when_referenced)
            return *hooks.when_referenced;
        if (ec == errc::missing_reference && hooks.when_reference_missing)
            return *hooks.when_reference_missing;
        return codec::encode_failure(ec, call.path);
    }

    boost::asio::awaitable<result<void>> remove(const endpoint_call& call) const
    {
        return operations.remove(resource, scope_of(call), sid_of(call));
    }
};

// A record's response, made outside the handlers for the same reason: the views of its
// fields are room no handler needs across a wait.
inline response_type encode_record(const resource_descriptor& resource, const record& r,
                                   boost::beast::http::status status, std::string_view base_url, unsigned version)
{
    detail::record_field_views fields(r);
    return codec::encode(resource, view_of(r, fields), status, base_url, version);
}

inline boost::asio::awaitable<response_type> create(const collection& c, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_create(c.resource, call.request);
    if (!params)
        co_return params.error().to_response(version);
    if (c.hooks.check_create)
        if (auto refused = c.hooks.check_create(call, *params))
            co_return refused->to_response(version);
    if (c.hooks.verify_create) {
        auto verdict = c.hooks.verify_create(call, *params);
        if (auto refused = co_await std::move(verdict))
            co_return refused->to_response(version);
    }
    auto created = co_await c.create(call, std::move(params->fields));
    if (!created)
        co_return c.failure(created.error(), call).to_response(version);
    co_return encode_record(c.resource, *created, boost::beast::http::status::created, call.base_url, version);
}

inline boost::asio::awaitable<response_type> fetch(const collection& c, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto found = co_await c.fetch(call, c.sid_of(call));
    if (!found)
        co_return codec::encode_failure(found.error(), call.path).to_response(version);
    co_return encode_record(c.resource, *found, boost::beast::http::status::ok, call.base_url, version);
}

inline boost::asio::awaitable<response_type> update(const collection& c, const endpoint_call& call)
{
    unsigned version = call.request.version();
    std::string sid = c.sid_of(call);
    auto params = codec::decode_update(c.resource, call.request, sid, call.path);
    if (!params)
        co_return params.error().to_response(version);
    if (c.hooks.check_update) {
        auto current = co_await c.fetch(call, sid);
        if (!current)
            co_return codec::encode_failure(current.error(), call.path).to_response(version);
        if (auto refused = c.hooks.check_update(call, *current, *params))
            co_return refused->to_response(version);
    }
    auto updated = co_await c.update(call, std::move(sid), std::move(params->fields));
    if (!updated)
        co_return codec::encode_failure(updated.error(), call.path).to_response(version);
    co_return encode_record(c.resource, *updated, boost::beast::http::status::ok, call.base_url, version);
}

inline boost::asio::awaitable<response_type> remove(const collection& c, const endpoint_call& call)
{
    unsigned version = call.request.version();
    if (c.hooks.check_remove) {
        auto current = co_await c.fetch(call, c.sid_of(call));
        if (!current)
            co_return codec::encode_failure(current.error(), call.path).to_response(version);
        if (auto refused = c.hooks.check_remove(call, *current))
            co_return refused->to_response(version);
    }
    if (c.hooks.verify_remove) {
        auto verdict = c.hooks.verify_remove(call);
        if (auto refused = co_await std::move(verdict))
            co_return refused->to_response(version);
    }
    auto removed = co_await c.remove(call);
    if (!removed)
        co_return c.failure(removed.error(), call).to_response(version);
    co_return codec::encode_deleted(version);
}

// A named type rather than a lambda: it lives in a coroutine frame of a function that
// separate compilation makes non-inline, and such members must have linkage.
struct add_to_page {
    codec::page_encoder* body;
    void operator()(const record_view& r) const { body->add(r); }
};

inline boost::asio::awaitable<response_type> list(const collection& c, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_list(c.resource, call.query);
    if (!params)
        co_return params.error().to_response(version);
    record_scope scope = c.scope_of(call);
    // Each record is written as the store reads it, never copied into a record.
    codec::page_encoder body(c.resource, codec::collection_url(c.resource, call.base_url, scope.parent_sid),
                             params->paging.page_size, std::move(params->echo));
    store::record_visitor add = add_to_page{&body};
    auto listed = co_await c.operations.list(c.resource, std::move(scope), std::move(params->filters),
                                             std::move(params->paging), std::move(add));
    if (!listed)
        co_return codec::encode_failure(listed.error(), call.path).to_response(version);
    co_return std::move(body).finish(*listed, version);
}

// Coroutines although nothing here waits: the table's handlers all return one.
inline boost::asio::awaitable<response_type> list_catalogue(const catalogue& entries, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_paging(call.query);
    if (!params)
        co_return params.error().to_response(version);
    auto listed = entries.list(call.account_sid, *params);
    if (!listed)
        co_return codec::encode_failure(listed.error(), call.path).to_response(version);
    codec::page_encoder body(entries.resource(), codec::collection_url(entries.resource(), call.base_url, {}),
                             params->page_size);
    for (const record* r : listed->items) {
        detail::record_field_views fields(*r);
        body.add(view_of(*r, fields));
    }
    co_return std::move(body).finish(listed->meta, version);
}

inline boost::asio::awaitable<response_type> fetch_catalogue(const catalogue& entries, const endpoint_call& call)
{
    unsigned version = call.request.version();
    const record* found = entries.find(call.parameters[0]);
    if (!found)
        co_return codec::encode_failure(errc::not_found, call.path).to_response(version);
    co_return encode_record(entries.resource(), *found, boost::beast::http::status::ok, call.base_url, version);
}

} // namespace detail::resource_handlers

void add_resource_endpoints(endpoint_table& table, service& operations, const resource_descriptor& resource,
                            resource_hooks hooks)
{
    namespace handlers = detail::resource_handlers;
    using boost::beast::http::verb;
    const std::string collection(resource.path);
    const std::string item = collection + "/{Sid}";
    // Owned by the handlers, and so by the table; they hand the coroutines a reference, which
    // stays valid as long as the table does.
    auto shared = std::make_shared<const handlers::collection>(handlers::collection{operations, resource, std::move(hooks)});
    const resource_operations& ops = resource.operations;
    // Plain lambdas that hand back the handler's coroutine: no frame of their own.
    if (ops.list)
        table.add(collection, verb::get, [shared](const endpoint_call& call) { return handlers::list(*shared, call); });
    if (ops.create)
        table.add(collection, verb::post,
                  [shared](const endpoint_call& call) { return handlers::create(*shared, call); });
    if (ops.fetch)
        table.add(item, verb::get, [shared](const endpoint_call& call) { return handlers::fetch(*shared, call); });
    if (ops.update)
        table.add(item, verb::post, [shared](const endpoint_call& call) { return handlers::update(*shared, call); });
    if (ops.remove)
        table.add(item, verb::delete_,
                  [shared](const endpoint_call& call) { return handlers::remove(*shared, call); });
}

void add_catalogue_endpoints(endpoint_table& table, std::shared_ptr<const catalogue> entries)
{
    namespace handlers = detail::resource_handlers;
    using boost::beast::http::verb;
    const std::string collection(entries->resource().path);
    table.add(collection, verb::get,
              [entries](const endpoint_call& call) { return handlers::list_catalogue(*entries, call); });
    table.add(collection + "/{Sid}", verb::get,
              [entries](const endpoint_call& call) { return handlers::fetch_catalogue(*entries, call); });
}

} // namespace trusthub

#endif
