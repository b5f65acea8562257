// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_ENDPOINT_TABLE_HPP
#define TRUSTHUB_HTTP_ENDPOINT_TABLE_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/credentials.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include <array>
#include <cstddef>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

/// What an endpoint's handler is given: the request, and what the exchange and the table have
/// learnt of it. Lives as long as the handler's coroutine runs.
struct endpoint_call {
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;

    /// The most `{…}` segments a pattern may have.
    static constexpr std::size_t max_parameters = 4;

    const request_type& request;
    /// The path as the client sent it (with any mount prefix), without the query: what error
    /// messages name.
    std::string_view path;
    /// The same path below the mount prefix: what the table's patterns are matched against.
    std::string_view local_path;
    /// What follows the `?` of the target; empty if nothing does.
    std::string_view query;
    /// The public URL with the mount prefix: every absolute URL in a response starts here.
    std::string_view base_url;
    /// The caller's account, as the authenticator named it.
    std::string account_sid;
    /// The segments that matched the pattern's `{…}` segments, in order.
    std::array<std::string_view, max_parameters> parameters{};
    /// The `Twilio-Request-Id` the response will carry.
    std::string_view request_id;
};

/// Thrown by a handler (or an interceptor) to end the connection without an answer: what a
/// fault rule that drops the connection does. The exchange logs the request (status 0) and
/// lets it through; the listener closes the connection. A host's own session loop must close
/// its connection too, which it does if it lets the exception end the session.
class connection_dropped : public std::exception {
public:
    const char* what() const noexcept override { return "the connection is dropped without an answer"; }
};

/// Every endpoint the exchange serves: a path pattern, its methods and their handlers, declared
/// once. Adding a resource is adding its entries; nothing else changes.
///
/// What the table answers itself, in this order, so that every resource answers alike:
/// 404 for a path no pattern matches; the CORS preflight for `OPTIONS` (before
/// authentication: browsers send no credentials with it); 401 with `WWW-Authenticate` without
/// valid credentials; 405 with `Allow` for a method the path does not have.
///
/// Fill it before the first request; it is read-only afterwards and needs no lock.
class endpoint_table {
public:
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;
    using response_type = boost::beast::http::response<boost::beast::http::string_body>;
    /// Answers one call. It is given its call by reference: the call outlives the coroutine.
    using handler = std::function<boost::asio::awaitable<response_type>(const endpoint_call&)>;
    /// Stands between the table and the handler it chose, for every call that passed
    /// authentication and has a method: it may call `next` (once or not at all), change its
    /// answer, or answer itself. What the test-control API's journal and fault rules use.
    using interceptor = std::function<boost::asio::awaitable<response_type>(const endpoint_call&, const handler& next)>;

    /// Adds `handle` for `method` on `pattern`: a path below the mount prefix made of literal
    /// segments and `{Name}` segments, each of which matches one non-empty segment
    /// (`/v1/EndUsers/{Sid}`). Throws `std::invalid_argument` for a malformed pattern or a
    /// method added twice.
    TRUSTHUB_DECL endpoint_table& add(std::string_view pattern, boost::beast::http::verb method, handler handle);

    /// Puts `wrap` between the table and every handler. One interceptor a table: throws
    /// `std::logic_error` if one is set already.
    TRUSTHUB_DECL endpoint_table& intercept(interceptor wrap);

    /// True when `path` (below the mount prefix) is the table's: a pattern's literal head
    /// (`/v1/EndUsers` for `/v1/EndUsers/{Sid}`) or a path below it. A host routes what is not
    /// the table's elsewhere.
    TRUSTHUB_DECL bool owns(std::string_view path) const noexcept;

    /// Answers `call`, whose `path` below the mount prefix is `path`, with `who` deciding who
    /// the caller is.
    TRUSTHUB_DECL boost::asio::awaitable<response_type> dispatch(endpoint_call& call, std::string_view path,
                                                                 const authenticator& who) const;

private:
    struct route {
        std::vector<std::string> segments;  // a literal, or "{…}" for a parameter
        std::vector<std::pair<boost::beast::http::verb, handler>> methods;
        std::string allow;  // the `Allow` header: the methods, then OPTIONS
    };

    TRUSTHUB_DECL static bool match(const route& r, std::string_view path, endpoint_call& call) noexcept;
    TRUSTHUB_DECL static std::string allow_of(const route& r);

    std::vector<route> routes_;
    std::vector<std::string> heads_;  // the literal head of each pattern
    interceptor interceptor_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/http/impl/endpoint_table.ipp>
#endif

#endif
