// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The yardstick of the compile-time benchmark (bench/compile_time.sh): example/mount as it
// would be without trusthub. The same Beast coroutine session loop, accept loop and `/health`
// route, the same Beast headers, and nothing of trusthub; what example/mount/main.cpp costs
// to compile beyond this is what mounting the EndUser endpoints costs a host.

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

http::response<http::string_body> own_routes(const http::request<http::string_body>& req)
{
    http::response<http::string_body> res{http::status::not_found, req.version()};
    res.set(http::field::content_type, "text/plain");
    if (req.target() == "/health") {
        res.result(http::status::ok);
        res.body() = "ok\n";
    } else {
        res.body() = "no such page\n";
    }
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return res;
}

asio::awaitable<void> session(beast::tcp_stream stream)
{
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        stream.expires_after(std::chrono::seconds(30));
        auto [ec, n] = co_await http::async_read(stream, buffer, req, asio::as_tuple(asio::use_awaitable));
        if (ec)
            break;
        bool keep_alive = req.keep_alive();
        http::response<http::string_body> res = own_routes(req);
        auto [wec, wn] = co_await http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
        if (wec || !keep_alive)
            break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept(asio::ip::tcp::acceptor& acceptor)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()),
                                                           asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return;
        auto executor = socket.get_executor();
        asio::co_spawn(executor, session(beast::tcp_stream(std::move(socket))), asio::detached);
    }
}

} // namespace

int main(int argc, char** argv)
{
    unsigned short port = argc > 1 ? static_cast<unsigned short>(std::stoi(argv[1])) : 8081;
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
    asio::co_spawn(io, accept(acceptor), asio::detached);
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](auto, int) {
        acceptor.close();
        io.stop();
    });
    std::cout << "host listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    io.run();
}
