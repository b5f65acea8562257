// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_HTTP_ERROR_HPP
#define TRUSTHUB_HTTP_HTTP_ERROR_HPP

#include <trusthub/config.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <string_view>

namespace trusthub {

/// An answer that is an error, as Twilio gives it: an HTTP status, a Twilio error code and a
/// message, sent as `{"code", "message", "more_info", "status"}` (exactly these keys, in this
/// order: with `type` or `title` the Node SDK raises a different exception class).
///
/// What a codec's decode returns for a request it will not pass on, and what an endpoint's
/// handler answers with; `to_response` makes the HTTP message.
struct http_error {
    unsigned status = 500;
    unsigned code = 20500;
    std::string message;
    /// Seconds a client should wait before it retries (`Retry-After`); 0 sends no header.
    unsigned retry_after = 0;

    /// `404 20404 The requested resource {path} was not found`.
    TRUSTHUB_DECL static http_error not_found(std::string_view path);

    /// `405 20004 The requested resource {path} does not support the attempted HTTP method {method}`.
    TRUSTHUB_DECL static http_error method_not_allowed(std::string_view path, std::string_view method);

    /// `400 20001 Invalid parameter {name}: {why}`.
    TRUSTHUB_DECL static http_error invalid_parameter(std::string_view name, std::string_view why);

    /// `409 20409 The request could not be completed due to a conflict with the current state of
    /// the target resource.`: a change the record's state does not allow (a bundle under
    /// review, a record something else refers to).
    TRUSTHUB_DECL static http_error conflict();

    /// `500 20500 Internal Server Error`: all a client learns of a failure on this side.
    TRUSTHUB_DECL static http_error internal();

    /// The response: the JSON body, its content type, and `Retry-After` if set. The headers
    /// every response carries (request id, CORS) are added by the exchange.
    TRUSTHUB_DECL boost::beast::http::response<boost::beast::http::string_body> to_response(unsigned version) const;
};

/// What `boost::system::result<T, http_error>::value()` throws when it holds an error.
[[noreturn]] TRUSTHUB_DECL void throw_exception_from_error(const http_error& e, const boost::source_location& where);

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/http/impl/http_error.ipp>
#endif

#endif
