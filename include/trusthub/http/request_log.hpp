// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_REQUEST_LOG_HPP
#define TRUSTHUB_HTTP_REQUEST_LOG_HPP

#include <chrono>
#include <functional>
#include <string_view>

namespace trusthub {

/// What the exchange tells the request log (`exchange_options::log`) about each answered
/// request: one structured record, for an access log or metrics. It carries no request body,
/// no attributes and no credentials: nothing here is a secret or personal data.
/// The views are valid only during the call. (The library's diagnostics, failures among them,
/// go to a `trusthub::logger`, in `trusthub/log.hpp`.)
struct request_log {
    std::string_view method;
    std::string_view path;  ///< without the query string
    unsigned status = 0;  ///< 0: the connection was dropped without an answer, on purpose
    std::chrono::microseconds duration{};
    std::string_view request_id;   ///< the `Twilio-Request-Id` of the response
    std::string_view account_sid;  ///< empty when the request did not authenticate
    /// Why the request was answered with a 500: the exception's `what()`. Empty otherwise. For
    /// the operator only: the client is told nothing of it. (The exchange's logger has it too.)
    std::string_view failure;
};

/// Receives one `request_log` a request. Called on an io_context thread: it must not block,
/// and must be safe to call from several threads at once.
using request_logger = std::function<void(const request_log&)>;

} // namespace trusthub

#endif
