// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_END_USER_ENDPOINTS_IPP
#define TRUSTHUB_IMPL_END_USER_ENDPOINTS_IPP

#include <trusthub/end_user_codec.hpp>
#include <trusthub/end_user_endpoints.hpp>
#include <trusthub/end_user_type_codec.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace trusthub {

namespace detail::end_user_handlers {

using codec = end_user_codec;
using response_type = endpoint_table::response_type;

// The checks of `end_user_endpoint_options`, shared by the create and update handlers. Made
// once when the endpoints are added; read-only afterwards.
struct type_checker {
    const end_user_type_catalogue* catalogue;
    bool strict;
    std::function<void(std::string_view)> warn;

    // What a mismatch becomes: the 400 to answer (strict), or nothing after a report (warn).
    std::optional<http_error> judge(const endpoint_call& call, const end_user_type_mismatch& m) const
    {
        if (strict)
            return end_user_type_codec::encode_mismatch(m);
        std::string line = "end user type check (warn): ";
        line.append(call.request.method_string()).append(" ").append(call.path);
        line.append(" by ").append(call.account_sid).append(": ").append(m.parameter).append(" ").append(m.why);
        if (warn)
            warn(line);
        else
            std::cerr << "trusthub: " << line << std::endl;
        return std::nullopt;
    }
};

inline boost::asio::awaitable<response_type> create(service& operations, const type_checker* checks,
                                                    const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_create(call.request);
    if (!params)
        co_return params.error().to_response(version);
    if (checks) {
        if (auto mismatch = checks->catalogue->check(params->type, params->attributes))
            if (auto refused = checks->judge(call, *mismatch))
                co_return refused->to_response(version);
    }
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

inline boost::asio::awaitable<response_type> update(service& operations, const type_checker* checks,
                                                    const endpoint_call& call)
{
    unsigned version = call.request.version();
    std::string_view sid = call.parameters[0];
    auto params = codec::decode_update(call.request, sid, call.path);
    if (!params)
        co_return params.error().to_response(version);
    if (checks && params->attributes) {
        // The type is the record's, which no update changes: read it first. A record removed
        // in between is the update's 404 all the same.
        auto current = co_await operations.fetch(call.account_sid, std::string(sid));
        if (!current)
            co_return codec::encode_failure(current.error(), call.path).to_response(version);
        if (const end_user_type* type = checks->catalogue->find_by_machine_name(current->type))
            if (auto mismatch = end_user_type_catalogue::check_keys(*type, *params->attributes))
                if (auto refused = checks->judge(call, *mismatch))
                    co_return refused->to_response(version);
    }
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
    add_end_user_endpoints(table, operations, end_user_endpoint_options{});
}

void add_end_user_endpoints(endpoint_table& table, service& operations, end_user_endpoint_options options)
{
    namespace handlers = detail::end_user_handlers;
    using boost::beast::http::verb;
    const std::string collection(end_user_codec::collection_path);
    const std::string item = collection + "/{Sid}";
    // Owned by the handlers that use it, and so by the table; they hand the coroutines a plain
    // pointer, which stays valid as long as the table does. Null when nothing is checked.
    std::shared_ptr<const handlers::type_checker> checker;
    if (options.check_types != type_checking::off)
        checker = std::make_shared<const handlers::type_checker>(handlers::type_checker{
            options.catalogue ? options.catalogue : &default_catalogue(),
            options.check_types == type_checking::strict, std::move(options.warn)});
    // Plain lambdas that hand back the handler's coroutine: no frame of their own.
    table.add(collection, verb::get, [&operations](const endpoint_call& c) { return handlers::list(operations, c); });
    table.add(collection, verb::post, [&operations, checker](const endpoint_call& c) {
        return handlers::create(operations, checker.get(), c);
    });
    table.add(item, verb::get, [&operations](const endpoint_call& c) { return handlers::fetch(operations, c); });
    table.add(item, verb::post, [&operations, checker](const endpoint_call& c) {
        return handlers::update(operations, checker.get(), c);
    });
    table.add(item, verb::delete_, [&operations](const endpoint_call& c) { return handlers::remove(operations, c); });
}

} // namespace trusthub

#endif
