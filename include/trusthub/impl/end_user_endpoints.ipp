// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_END_USER_ENDPOINTS_IPP
#define TRUSTHUB_IMPL_END_USER_ENDPOINTS_IPP

#include <trusthub/end_user_codec.hpp>
#include <trusthub/end_user_endpoints.hpp>

#include <string>

namespace trusthub {

namespace detail::end_user_handlers {

using codec = end_user_codec;
using response_type = endpoint_table::response_type;

inline boost::asio::awaitable<response_type> create(service& operations, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_create(call.request);
    if (!params)
        co_return params.error().to_response(version);
    auto created = co_await operations.create(call.account_sid, std::move(*params));
    if (!created)
        co_return codec::encode_failure(created.error(), call.path).to_response(version);
    co_return codec::encode(*created, boost::beast::http::status::created, call.base_url, version);
}

inline boost::asio::awaitable<response_type> fetch(service& operations, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto found = co_await operations.fetch(call.account_sid, std::string(call.parameters[0]));
    if (!found)
        co_return codec::encode_failure(found.error(), call.path).to_response(version);
    co_return codec::encode(*found, boost::beast::http::status::ok, call.base_url, version);
}

inline boost::asio::awaitable<response_type> update(service& operations, const endpoint_call& call)
{
    unsigned version = call.request.version();
    std::string_view sid = call.parameters[0];
    auto params = codec::decode_update(call.request, sid, call.path);
    if (!params)
        co_return params.error().to_response(version);
    auto updated = co_await operations.update(call.account_sid, std::string(sid), std::move(*params));
    if (!updated)
        co_return codec::encode_failure(updated.error(), call.path).to_response(version);
    co_return codec::encode(*updated, boost::beast::http::status::ok, call.base_url, version);
}

inline boost::asio::awaitable<response_type> remove(service& operations, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto removed = co_await operations.remove(call.account_sid, std::string(call.parameters[0]));
    if (!removed)
        co_return codec::encode_failure(removed.error(), call.path).to_response(version);
    co_return codec::encode_deleted(version);
}

// A named type rather than a lambda: it lives in a coroutine frame of a function that
// separate compilation makes non-inline, and such members must have linkage.
struct add_to_page {
    codec::page_encoder* body;
    void operator()(const end_user_view& u) const { body->add(u); }
};

inline boost::asio::awaitable<response_type> list(service& operations, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_list(call.query);
    if (!params)
        co_return params.error().to_response(version);
    // Each record is written as the store reads it, never copied into an end_user.
    codec::page_encoder body(call.base_url, params->page_size);
    store::record_visitor add = add_to_page{&body};
    auto listed = co_await operations.list(call.account_sid, std::move(*params), std::move(add));
    if (!listed)
        co_return codec::encode_failure(listed.error(), call.path).to_response(version);
    co_return std::move(body).finish(*listed, version);
}

} // namespace detail::end_user_handlers

void add_end_user_endpoints(endpoint_table& table, service& operations)
{
    namespace handlers = detail::end_user_handlers;
    using boost::beast::http::verb;
    const std::string collection(end_user_codec::collection_path);
    const std::string item = collection + "/{Sid}";
    // Plain lambdas that hand back the handler's coroutine: no frame of their own.
    table.add(collection, verb::get, [&operations](const endpoint_call& c) { return handlers::list(operations, c); });
    table.add(collection, verb::post, [&operations](const endpoint_call& c) { return handlers::create(operations, c); });
    table.add(item, verb::get, [&operations](const endpoint_call& c) { return handlers::fetch(operations, c); });
    table.add(item, verb::post, [&operations](const endpoint_call& c) { return handlers::update(operations, c); });
    table.add(item, verb::delete_, [&operations](const endpoint_call& c) { return handlers::remove(operations, c); });
}

} // namespace trusthub

#endif
