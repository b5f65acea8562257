// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_HTTP_CLIENT_HPP
#define TRUSTHUB_TEST_SUPPORT_HTTP_CLIENT_HPP

#include <support/basic_auth.hpp>
#include <support/run.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace trusthub::test {

namespace http = boost::beast::http;

/// A keep-alive HTTP/1.1 client over a real socket, on an io_context of its own so that every
/// exchange is bounded by `run_for`: a server that does not answer fails the test, never hangs it.
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
                     std::optional<std::string> content_type = "application/x-www-form-urlencoded")
    {
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        if (authorization)
            req.set(http::field::authorization, *authorization);
        if (!body.empty() && content_type)
            req.set(http::field::content_type, *content_type);
        req.body() = std::move(body);
        req.prepare_payload();
        return send(std::move(req));
    }

    response get(std::string target) { return request(http::verb::get, std::move(target)); }
    response post(std::string target, std::string body) { return request(http::verb::post, std::move(target), std::move(body)); }
    response del(std::string target) { return request(http::verb::delete_, std::move(target)); }

    response send(http::request<http::string_body> req)
    {
        auto res = run_bounded(*io_, exchange(req), timeout_);
        if (on_response)
            on_response(req, res);
        return res;
    }

    /// Writes raw bytes on the connection (for pipelining and malformed requests).
    void write_raw(std::string bytes) { run_bounded(*io_, write_bytes(std::move(bytes)), timeout_); }

    /// Reads the next response on the connection. `to_head`: the response answers a HEAD, so
    /// it has no body whatever its Content-Length says.
    response read(bool to_head = false) { return run_bounded(*io_, read_response(to_head), timeout_); }

    /// True when the server has closed the connection (a read finds end of stream), waiting
    /// at most `wait`.
    bool closed_by_server(std::chrono::steady_clock::duration wait)
    {
        try {
            return run_bounded(*io_, wait_for_close(), wait);
        } catch (const std::runtime_error&) {
            close();  // still open after `wait`
            return false;
        }
    }

    void close()
    {
        if (stream_) {
            boost::system::error_code ignored;
            stream_->socket().close(ignored);
            stream_.reset();
        }
        buffer_.clear();
    }

private:
    boost::asio::awaitable<void> connect()
    {
        if (stream_ && stream_->socket().is_open())
            co_return;
        stream_.emplace(*io_);
        co_await stream_->async_connect(server_, boost::asio::use_awaitable);
        stream_->socket().set_option(boost::asio::ip::tcp::no_delay(true));
    }

    boost::asio::awaitable<response> exchange(http::request<http::string_body> req)
    {
        co_await connect();
        co_await http::async_write(*stream_, req, boost::asio::use_awaitable);
        co_return co_await read_response();
    }

    boost::asio::awaitable<int> write_bytes(std::string bytes)
    {
        co_await connect();
        co_await boost::asio::async_write(*stream_, boost::asio::buffer(bytes), boost::asio::use_awaitable);
        co_return 0;
    }

    boost::asio::awaitable<response> read_response(bool to_head = false)
    {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        parser.skip(to_head);
        co_await http::async_read(*stream_, buffer_, parser, boost::asio::use_awaitable);
        auto res = parser.release();
        if (!res.keep_alive())
            close();
        co_return res;
    }

    boost::asio::awaitable<bool> wait_for_close()
    {
        if (!stream_)
            co_return true;
        char byte;
        auto [ec, n] = co_await stream_->async_read_some(boost::asio::buffer(&byte, 1),
                                                         boost::asio::as_tuple(boost::asio::use_awaitable));
        co_return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
    }

    // On the heap so that the client can move: the stream keeps a reference to it.
    std::unique_ptr<boost::asio::io_context> io_ = std::make_unique<boost::asio::io_context>();
    boost::asio::ip::tcp::endpoint server_;
    std::chrono::seconds timeout_;
    std::optional<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
};

} // namespace trusthub::test

#endif
