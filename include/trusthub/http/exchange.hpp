// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_EXCHANGE_HPP
#define TRUSTHUB_HTTP_EXCHANGE_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/credentials.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/http/http_error.hpp>
#include <trusthub/log.hpp>
#include <trusthub/http/request_log.hpp>
#include <trusthub/sid.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <string_view>

namespace trusthub {

struct exchange_options {
    /// The absolute URL clients reach this server at (`https://trusthub.example.com`; a
    /// trailing slash is dropped). Every URL in a response is built from it: the SDKs follow
    /// `next_page_url` verbatim.
    std::string public_url = "http://127.0.0.1:8080";
    /// A path prefix the endpoints live under (`/trusthub` serves `/trusthub/v1/EndUsers`);
    /// empty for the root.
    std::string mount_prefix;
    /// Who may call: the credential table that ships, or the host's own check. Empty: nobody.
    authenticator authenticate;
    /// The request log: called once for every answered request, a 500 with its cause in
    /// `request_log::failure`; nothing if empty.
    request_logger log;
    /// Where a failure goes: a request answered with a 500 is logged at `error` with its
    /// request id, method, path, account and cause, whether or not `log` is set, so that an
    /// operator can find it by the id the client was given. The default: standard error,
    /// without holding up the request (see `logger`).
    trusthub::logger logger;
    /// Where request ids (`RQ…`, the `Twilio-Request-Id` header) come from.
    sid_source request_ids = random_sids();
};

/// One request in, one response out: what the listener and a host's own session loop both
/// call for every request.
///
/// It owns what every response shares, whatever endpoint answers it: the request id, the
/// timing and the access log, the common headers (`Twilio-Request-Id`, CORS, keep-alive and
/// framing), and the exception boundary: anything thrown below is answered with a
/// Twilio-shaped 500 that reveals nothing, and logged (`exchange_options::logger`) with its
/// cause and the request id. The connection goes on serving.
///
/// Safe to call from several threads at once; `endpoints` must outlive it and every request in
/// flight.
class exchange {
public:
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;
    using response_type = boost::beast::http::response<boost::beast::http::string_body>;

    TRUSTHUB_DECL exchange(const endpoint_table& endpoints, exchange_options options);

    /// Changes the public URL (say, once a port-0 listener knows its port). Not synchronised:
    /// call it before the first request.
    TRUSTHUB_DECL void set_public_url(std::string url);

    /// True when `target` (path and query) is one of the endpoints': a host routes the rest
    /// to its own handlers.
    TRUSTHUB_DECL bool owns(std::string_view target) const noexcept;

    /// Answers `req`. A target it does not own is answered with Twilio's 404. Throws
    /// `connection_dropped` when an endpoint asks for the connection to be closed without an
    /// answer (only a test-control fault rule does): the caller closes it.
    TRUSTHUB_DECL boost::asio::awaitable<response_type> handle(request_type req);

    /// Answers a request that its session rejects before it is read whole (a body over the
    /// limit, a malformed head): `why` with the common headers, logged like any other. `head`
    /// is what was read of the request, or a default request if nothing was.
    TRUSTHUB_DECL response_type reject(const request_type& head, const http_error& why);

    const exchange_options& options() const noexcept { return options_; }

private:
    TRUSTHUB_DECL bool below_prefix(std::string_view path, std::string_view& below) const noexcept;
    TRUSTHUB_DECL void finish(response_type& res, const request_type& req, std::string_view request_id) const;

    const endpoint_table& endpoints_;
    exchange_options options_;
    std::string base_url_;  // public URL and mount prefix
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/http/impl/exchange.ipp>
#endif

#endif
