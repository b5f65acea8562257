// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The test client's definitions (see http_client.hpp), compiled once into trusthub_test_main.

#include <support/http_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

namespace trusthub::test {

http_client::response http_client::request(http::verb method, std::string target, std::string body,
                                           std::optional<std::string> content_type)
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

http_client::response http_client::send(http::request<http::string_body> req)
{
    auto res = run_bounded(*io_, exchange(req), timeout_);
    if (on_response)
        on_response(req, res);
    return res;
}

void http_client::write_raw(std::string bytes)
{
    run_bounded(*io_, write_bytes(std::move(bytes)), timeout_);
}

http_client::response http_client::read(bool to_head)
{
    return run_bounded(*io_, read_response(to_head), timeout_);
}

bool http_client::closed_by_server(std::chrono::steady_clock::duration wait)
{
    try {
        return run_bounded(*io_, wait_for_close(), wait);
    } catch (const std::runtime_error&) {
        close();  // still open after `wait`
        return false;
    }
}

void http_client::close()
{
    if (stream_) {
        boost::system::error_code ignored;
        stream_->socket().close(ignored);
        stream_.reset();
    }
    buffer_.clear();
}

boost::asio::awaitable<void> http_client::connect()
{
    if (stream_ && stream_->socket().is_open())
        co_return;
    stream_.emplace(*io_);
    co_await stream_->async_connect(server_, boost::asio::use_awaitable);
    stream_->socket().set_option(boost::asio::ip::tcp::no_delay(true));
}

boost::asio::awaitable<http_client::response> http_client::exchange(http::request<http::string_body> req)
{
    co_await connect();
    co_await http::async_write(*stream_, req, boost::asio::use_awaitable);
    co_return co_await read_response();
}

boost::asio::awaitable<int> http_client::write_bytes(std::string bytes)
{
    co_await connect();
    co_await boost::asio::async_write(*stream_, boost::asio::buffer(bytes), boost::asio::use_awaitable);
    co_return 0;
}

boost::asio::awaitable<http_client::response> http_client::read_response(bool to_head)
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

boost::asio::awaitable<bool> http_client::wait_for_close()
{
    if (!stream_)
        co_return true;
    char byte;
    auto [ec, n] = co_await stream_->async_read_some(boost::asio::buffer(&byte, 1),
                                                     boost::asio::as_tuple(boost::asio::use_awaitable));
    co_return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
}

} // namespace trusthub::test
