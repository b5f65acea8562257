// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_IMPL_EXCHANGE_IPP
#define TRUSTHUB_HTTP_IMPL_EXCHANGE_IPP

#include <trusthub/detail/target.hpp>
#include <trusthub/http/exchange.hpp>

#include <chrono>
#include <exception>
#include <string>

namespace trusthub {

namespace detail {

// What the operator reads of a 500: enough to find the request by the id its client was given,
// and why it failed.
inline void log_failure(const logger& to, const request_log& e)
{
    if (!to.enabled(log_level::error))
        return;
    std::string line;
    line.append(e.request_id).append(" ").append(e.method).append(" ").append(e.path);
    if (!e.account_sid.empty())
        line.append(" ").append(e.account_sid);
    line.append(" answered 500: ").append(e.failure);
    to.log(log_level::error, line);
}

// The log's view of a request answered with `status` after `started`.
inline request_log log_entry(const exchange::request_type& req, std::string_view path, unsigned status,
                             std::chrono::steady_clock::time_point started, std::string_view request_id,
                             std::string_view account_sid, std::string_view failure = {})
{
    return {req.method_string(), path, status,
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started),
            request_id, account_sid, failure};
}

} // namespace detail

exchange::exchange(const endpoint_table& endpoints, exchange_options options)
    : endpoints_(endpoints), options_(std::move(options))
{
    options_.mount_prefix = detail::without_trailing_slashes(std::move(options_.mount_prefix));
    set_public_url(std::move(options_.public_url));
}

void exchange::set_public_url(std::string url)
{
    options_.public_url = detail::without_trailing_slashes(std::move(url));
    base_url_ = options_.public_url + options_.mount_prefix;
}

bool exchange::below_prefix(std::string_view path, std::string_view& below) const noexcept
{
    if (!path.starts_with(options_.mount_prefix))
        return false;
    below = path.substr(options_.mount_prefix.size());
    return below.starts_with('/');
}

bool exchange::owns(std::string_view target) const noexcept
{
    std::string_view below;
    return below_prefix(detail::path_of(detail::origin_form(target)), below) && endpoints_.owns(below);
}

auto exchange::handle(request_type req) -> boost::asio::awaitable<response_type>
{
    auto started = std::chrono::steady_clock::now();
    std::string request_id = options_.request_ids("RQ");
    std::string_view target = detail::origin_form(req.target());
    endpoint_call call{req, detail::path_of(target), {}, detail::query_of(target), base_url_, {}, {}, request_id};
    response_type res;
    std::string failure;  // why the answer is a 500
    try {
        std::string_view below;
        if (below_prefix(call.path, below) && endpoints_.owns(below))
            res = co_await endpoints_.dispatch(call, below, options_.authenticate);
        else
            res = http_error::not_found(call.path).to_response(req.version());
    } catch (const connection_dropped&) {
        // On purpose (a fault rule): logged as answered with nothing, then passed on to the
        // session, which closes the connection.
        if (options_.log)
            options_.log(detail::log_entry(req, call.path, 0, started, request_id, call.account_sid));
        throw;
    } catch (const std::exception& e) {
        // Details stay on this side: the client learns only that it may retry.
        res = http_error::internal().to_response(req.version());
        failure = e.what();
        if (failure.empty())
            failure = "an exception without a message";
        detail::log_failure(options_.logger,
                            detail::log_entry(req, call.path, 500, started, request_id, call.account_sid, failure));
    }
    finish(res, req, request_id);
    if (options_.log)
        options_.log(detail::log_entry(req, call.path, res.result_int(), started, request_id, call.account_sid, failure));
    co_return res;
}

auto exchange::reject(const request_type& head, const http_error& why) -> response_type
{
    std::string request_id = options_.request_ids("RQ");
    response_type res = why.to_response(head.version());
    finish(res, head, request_id);
    if (options_.log) {
        request_log entry{head.method_string(), detail::path_of(detail::origin_form(head.target())), res.result_int(),
                          std::chrono::microseconds(0), request_id, {}, {}};
        options_.log(entry);
    }
    return res;
}

// Headers every response carries, and the framing.
// (`insert`, not `set`: none of these is there yet, and `set` would look for it first.)
void exchange::finish(response_type& res, const request_type& req, std::string_view request_id) const
{
    namespace http = boost::beast::http;
    res.insert("Twilio-Request-Id", request_id);
    res.insert(http::field::access_control_allow_origin, "*");
    // Set already by a preflight's answer. (A walk over the response's few fields by code is
    // cheaper than a lookup by name.)
    bool methods_set = false;
    for (const auto& f : res)
        methods_set = methods_set || f.name() == http::field::access_control_allow_methods;
    if (!methods_set)
        res.insert(http::field::access_control_allow_methods, "GET, POST, DELETE, OPTIONS");
    res.insert(http::field::access_control_allow_headers, "Content-Type, Authorization");
    res.insert(http::field::access_control_expose_headers, "ETag, Twilio-Request-Id");
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    // A HEAD is answered as the GET would be, without the body (RFC 9110 section 9.3.2): the
    // same headers, Content-Length included. A body here would be read as the start of the
    // next response on a keep-alive connection.
    if (req.method() == http::verb::head)
        res.body().clear();
}

} // namespace trusthub

#endif
