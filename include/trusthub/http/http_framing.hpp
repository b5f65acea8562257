// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_HTTP_FRAMING_HPP
#define TRUSTHUB_HTTP_HTTP_FRAMING_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/http_error.hpp>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

#include <optional>

namespace trusthub {

/// What RFC 9112 has a server refuse in a request's head, with the 400 to answer and close
/// the connection with; nothing when the head may be served.
///
/// - `Transfer-Encoding` in an HTTP/1.0 request, or whose last coding is not `chunked`, or with
///   `chunked` more than once, or beside `Content-Length` (sections 6.1 and 6.3): the body's
///   length cannot be known, and a server that guesses it lets the rest of the body run as
///   the next request (request smuggling).
/// - An HTTP/1.1 request without `Host`, or any request with more than one (section 3.2).
///
/// `trusthub::listener` checks every request with it as soon as the head is read, before it
/// reads the body or answers `Expect: 100-continue`. A host's own session loop should do the
/// same: the exchange sees a request only once its session has framed it.
TRUSTHUB_DECL std::optional<http_error> framing_error(const boost::beast::http::request_header<>& head);

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/http/impl/http_framing.ipp>
#endif

#endif
