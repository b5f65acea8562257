// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_FUZZ_SERVER_HPP
#define TRUSTHUB_FUZZ_SERVER_HPP

// The whole request path of trusthub in one process, without sockets: the listener's own
// request reader (`detail::request_reader`: parsing, limits, framing checks, refusals), then
// the exchange, the endpoint table and every collection's handlers (`trusthub::api`), the
// service and a memory store.
// Every answer is checked for well-formedness before it is handed back, so each target that
// serves requests through it checks the same contract.
//
// Declared here and defined in one translation unit (server.cpp): the coroutines and the
// parser are compiled once for every target that serves requests.

#include <trusthub/resources/end_user.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub::fuzz {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;

/// The accounts the credential table knows: inputs authenticate as either.
struct test_account {
    std::string_view sid;
    std::string_view secret;
};
inline constexpr test_account accounts[2] = {
    {"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token-a"},
    {"ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "token-b"},
};

/// `Basic base64(user:secret)`.
std::string basic_authorization(std::string_view user, std::string_view secret);

/// A response body as JSON, as deep as attributes may nest inside a page; aborts if it is not.
boost::json::value parse_body(std::string_view body);

/// The public URL every absolute URL in a response starts with.
inline constexpr std::string_view public_url = "http://fuzz.test";

/// One answer on the connection.
struct answer {
    request head;      ///< the request as read (head only when it was refused)
    response res;      ///< what the connection would write
    bool refused = false;  ///< answered by `exchange::reject`: the connection closes after it
    std::optional<std::string> account;  ///< who the credentials named, when they did
};

/// A fresh store behind a fresh exchange; deterministic (sequential SIDs, a manual clock) so
/// that an input always does the same thing.
class server {
public:
    server();
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Reads `bytes` with the listener's own request reader, as a connection on which the
    /// client sent them and then closed its side: one request after another, each judged by
    /// `framing_error` as soon as its head is read, until one is refused (a request the bytes
    /// end inside is refused too, as cut short), the bytes end between two, an answer closes
    /// the connection, or `max_requests` were answered.
    std::vector<answer> serve(std::string_view bytes, std::size_t max_requests);

    /// Answers one request through the exchange.
    answer handle(request req);

    void advance_clock(std::chrono::seconds by);
    timestamp now() const;

    /// What the memory store holds, read through its own API rather than the exchange.
    std::size_t stored_count() const;
    std::vector<end_user> stored(std::string_view account_sid) const;
    /// The account's record `sid`, of whichever stored collection holds it.
    std::optional<record> stored(std::string_view account_sid, std::string_view sid) const;

private:
    struct state;
    std::unique_ptr<state> s_;
};

} // namespace trusthub::fuzz

#endif
