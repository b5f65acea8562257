// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// A host program's own HTTP server, as it might look before trusthub arrived: a plain Beast
// coroutine session loop with its own route (`/health`). Mounting the EndUser endpoints takes
// the three places marked below; everything else is the host's own code.

#ifndef TRUSTHUB_EXAMPLE_MOUNT_HOST_HPP
#define TRUSTHUB_EXAMPLE_MOUNT_HOST_HPP

// Only what mounting needs: the exchange, the EndUser endpoints, a store.
#include <trusthub/api.hpp>
#include <trusthub/http/credentials.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/store/memory_store.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace host {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// The host's own handler for what is not an EndUser route.
inline http::response<http::string_body> own_routes(const http::request<http::string_body>& req)
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

inline asio::awaitable<void> session(beast::tcp_stream stream, trusthub::exchange& end_users)
{
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        stream.expires_after(std::chrono::seconds(30));
        auto [ec, n] = co_await http::async_read(stream, buffer, req, asio::as_tuple(asio::use_awaitable));
        if (ec)
            break;
        bool keep_alive = req.keep_alive();
        http::response<http::string_body> res;
        // (1) Offer the request to the EndUser endpoints; they answer what is theirs.
        if (end_users.owns(req.target()))
            res = co_await end_users.handle(std::move(req));
        else
            res = own_routes(req);
        auto [wec, wn] = co_await http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
        if (wec || !keep_alive)
            break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

inline asio::awaitable<void> accept(asio::ip::tcp::acceptor& acceptor, trusthub::exchange& end_users)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()),
                                                           asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return;  // the acceptor was closed: the host is shutting down
        auto executor = socket.get_executor();
        asio::co_spawn(executor, session(beast::tcp_stream(std::move(socket)), end_users), asio::detached);
    }
}

/// Everything the host keeps for the TrustHub endpoints: a store, the API wired over it, and
/// the exchange that answers requests with its endpoints.
struct end_user_api {
    // (2) Build the layers once, beside the host's own state.
    end_user_api(trusthub::credential_table credentials, std::string public_url)
        : api(wired.endpoints(), make_options(std::move(credentials), std::move(public_url)))
    {
    }

    static trusthub::exchange_options make_options(trusthub::credential_table credentials, std::string public_url)
    {
        trusthub::exchange_options o;
        o.authenticate = std::move(credentials);
        o.public_url = std::move(public_url);
        return o;
    }

    trusthub::memory_store records;
    trusthub::api wired{records};
    trusthub::exchange api;
};

} // namespace host

#endif
