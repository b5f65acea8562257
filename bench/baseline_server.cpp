// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// trusthub-baseline-server: the yardstick of the load benchmarks. A bare Boost.Beast awaitable
// HTTP/1.1 server on one thread that answers every request, whatever its method and target,
// with a fixed body of a given size and the same response headers trusthub sends. What it
// does per request (read with a parser, build a response, write it) is the least any Beast
// server does; what trusthub does beyond that is its overhead.
//
//   trusthub-baseline-server [--listen HOST:PORT] [--body-size N] [--status CODE]
//
// Prints `listening PORT` once bound (port 0 picks one).

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "heap.hpp"
#include "options.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct config {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::size_t body_size = 0;
    unsigned status = 200;
};

// A JSON-looking body of exactly `n` bytes.
std::string make_body(std::size_t n)
{
    if (n < 2)
        return std::string(n, ' ');
    std::string body = "{\"x\":\"";
    if (n < body.size() + 2)
        return "{" + std::string(n - 2, ' ') + "}";
    body.append(n - body.size() - 2, 'x');
    body.append("\"}");
    return body;
}

asio::awaitable<void> session(tcp::socket socket, std::shared_ptr<const std::string> body, unsigned status)
{
    using asio::as_tuple;
    using asio::use_awaitable;
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        stream.expires_after(std::chrono::seconds(60));
        auto [ec, n] = co_await http::async_read(stream, buffer, req, as_tuple(use_awaitable));
        if (ec)
            break;
        http::response<http::string_body> res{static_cast<http::status>(status), req.version()};
        // The headers trusthub sends, with values of the same length.
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.set("Twilio-Request-Id", "RQ00000000000000000000000000000000");
        res.set(http::field::access_control_allow_origin, "*");
        res.set(http::field::access_control_allow_methods, "GET, POST, DELETE, OPTIONS");
        res.set(http::field::access_control_allow_headers, "Content-Type, Authorization");
        res.set(http::field::access_control_expose_headers, "ETag, Twilio-Request-Id");
        res.body() = *body;
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        stream.expires_after(std::chrono::seconds(30));
        auto [wec, wn] = co_await http::async_write(stream, res, as_tuple(use_awaitable));
        if (wec || !res.keep_alive())
            break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, std::shared_ptr<const std::string> body, unsigned status)
{
    auto executor = co_await asio::this_coro::executor;
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::operation_aborted)
            co_return;
        if (ec)
            continue;
        socket.set_option(tcp::no_delay(true), ec);
        asio::co_spawn(executor, session(std::move(socket), body, status), asio::detached);
    }
}

config parse(int argc, char** argv)
{
    config c;
    trusthub_server::arguments args(argc, argv);
    while (args.next()) {
        std::string_view arg = args.option();
        auto value = [&args] { return args.value(); };
        if (arg == "--listen") {
            std::tie(c.host, c.port) = trusthub_server::split_host_port(value());
        } else if (arg == "--body-size") {
            c.body_size = std::stoul(value());
        } else if (arg == "--status") {
            c.status = static_cast<unsigned>(std::stoul(value()));
        } else {
            throw std::invalid_argument("unknown option " + std::string(arg) +
                                        "; usage: [--listen HOST:PORT] [--body-size N] [--status CODE]");
        }
    }
    return c;
}

} // namespace

int main(int argc, char** argv)
{
    trusthub_server::keep_freed_heap();
    try {
        config c = parse(argc, argv);
        asio::io_context io(1);
        tcp::acceptor acceptor(io, {asio::ip::make_address(c.host), c.port});
        auto body = std::make_shared<const std::string>(make_body(c.body_size));
        asio::co_spawn(io, accept_loop(acceptor, body, c.status), asio::detached);
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const beast::error_code&, int) { io.stop(); });
        std::cout << "listening " << acceptor.local_endpoint().port() << std::endl;
        io.run();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "trusthub-baseline-server: " << e.what() << "\n";
        return 2;
    }
}
