// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_HTTP_CLIENT_HPP
#define TRUSTHUB_TEST_SUPPORT_HTTP_CLIENT_HPP

#include <support/basic_auth.hpp>
#include <support/run.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace trusthub::test {

namespace http = boost::beast::http;

/// A keep-alive HTTP/1.1 client over a real socket, on an io_context of its own so that every
/// exchange is bounded by `run_for`: a server that does not answer fails the test, never hangs it.
/// Defined in http_client.cpp, compiled once for every test program: Beast's reads and writes
/// are the heaviest templates a test file would otherwise instantiate.
class http_client {
public:
    using response = http::response<http::string_body>;

    explicit http_client(boost::asio::ip::tcp::endpoint server, std::chrono::seconds timeout = std::chrono::seconds(10))
        : server_(server), timeout_(timeout)
    {
    }

    std::optional<std::string> authorization;  ///< sent with every request when set

    /// Called with every request sent through `request`/`send` and its response (say, to check
    /// every response a test sees against the wire contract).
    std::function<void(const http::request<http::string_body>&, const response&)> on_response;

    response request(http::verb method, std::string target, std::string body = {},
                     std::optional<std::string> content_type = "application/x-www-form-urlencoded");

    response get(std::string target) { return request(http::verb::get, std::move(target)); }
    response post(std::string target, std::string body) { return request(http::verb::post, std::move(target), std::move(body)); }
    response del(std::string target) { return request(http::verb::delete_, std::move(target)); }

    response send(http::request<http::string_body> req);

    /// Writes raw bytes on the connection (for pipelining and malformed requests).
    void write_raw(std::string bytes);

    /// Reads the next response on the connection. `to_head`: the response answers a HEAD, so
    /// it has no body whatever its Content-Length says.
    response read(bool to_head = false);

    /// True when the server has closed the connection (a read finds end of stream), waiting
    /// at most `wait`.
    bool closed_by_server(std::chrono::steady_clock::duration wait);

    void close();

private:
    boost::asio::awaitable<void> connect();
    boost::asio::awaitable<response> exchange(http::request<http::string_body> req);
    boost::asio::awaitable<int> write_bytes(std::string bytes);
    boost::asio::awaitable<response> read_response(bool to_head = false);
    boost::asio::awaitable<bool> wait_for_close();

    // On the heap so that the client can move: the stream keeps a reference to it.
    std::unique_ptr<boost::asio::io_context> io_ = std::make_unique<boost::asio::io_context>();
    boost::asio::ip::tcp::endpoint server_;
    std::chrono::seconds timeout_;
    std::optional<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
};

} // namespace trusthub::test

#endif
