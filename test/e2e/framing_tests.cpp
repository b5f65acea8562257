// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// HTTP/1.1 framing by RFC 9112 and 9110 over real loopback sockets: requests whose length
// cannot be trusted, requests cut short, HEAD, Host, absolute-form targets, ambiguous
// credentials.

#include "server_fixture.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <mutex>

using namespace trusthub;
using namespace trusthub::test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

std::string create_victim(listener_fixture& f)
{
    auto c = f.client();
    auto made = c.post("/v1/EndUsers", "FriendlyName=victim&Type=individual");
    BOOST_REQUIRE(made.result_int() == 201u);
    return std::string(json::parse(made.body()).as_object()["sid"].as_string());
}

void check_refused(http_client::response res)
{
    BOOST_TEST(res.result_int() == 400u);
    BOOST_TEST(json::parse(res.body()).as_object()["code"].as_int64() == 20001);
    BOOST_TEST(!res["Twilio-Request-Id"].empty());
    BOOST_TEST(!res.keep_alive());
}

// What a client that sends `bytes` and then closes its side reads back: every answer, until
// the server closes the connection too (`closed`), or the time is up.
struct after_a_close {
    std::vector<http_client::response> answers;
    bool closed = false;
};

after_a_close send_then_close(boost::asio::ip::tcp::endpoint server, std::string bytes)
{
    namespace asio = boost::asio;
    asio::io_context io;
    after_a_close out;
    auto talk = [&]() -> asio::awaitable<void> {
        asio::ip::tcp::socket socket(co_await asio::this_coro::executor);
        co_await socket.async_connect(server, asio::use_awaitable);
        co_await asio::async_write(socket, asio::buffer(bytes), asio::use_awaitable);
        socket.shutdown(asio::ip::tcp::socket::shutdown_send);
        boost::beast::flat_buffer buffer;
        for (;;) {
            http_client::response res;
            auto [ec, n] = co_await http::async_read(socket, buffer, res, asio::as_tuple(asio::use_awaitable));
            if (ec) {
                out.closed = ec == http::error::end_of_stream;
                co_return;
            }
            out.answers.push_back(std::move(res));
        }
    };
    asio::co_spawn(io, talk(), asio::detached);
    io.run_for(std::chrono::seconds(10));
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(framing)

BOOST_AUTO_TEST_CASE(a_transfer_encoding_that_does_not_end_in_chunked_is_400_and_closes)
{
    listener_fixture f;
    std::string victim = create_victim(f);
    std::string auth = basic_auth(account_a, "token-a");
    for (std::string coding : {"identity", "gzip", "xchunked", "chunked, identity", "", "chunked, chunked"}) {
        BOOST_TEST_CONTEXT("Transfer-Encoding: " << coding)
        {
            auto c = f.client();
            // A DELETE hidden in what a lenient server reads as the next request.
            c.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                        "\r\nTransfer-Encoding: " + coding + "\r\n\r\nDELETE /v1/EndUsers/" + victim +
                        " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n");
            check_refused(c.read());
            BOOST_TEST(c.closed_by_server(2s));
        }
    }
    BOOST_TEST(f.client().get("/v1/EndUsers/" + victim).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(transfer_encoding_in_http_1_0_or_beside_content_length_is_400_and_closes)
{
    listener_fixture f;
    std::string auth = basic_auth(account_a, "token-a");
    for (std::string head : {"POST /v1/EndUsers HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n",
                             "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n"}) {
        auto c = f.client();
        c.write_raw(head + "Authorization: " + auth + "\r\n\r\n0\r\n\r\n");
        check_refused(c.read());
        BOOST_TEST(c.closed_by_server(2s));
    }
    // Chunked as HTTP/1.1 means it is served.
    auto c = f.client();
    std::string body = "FriendlyName=chunked&Type=t";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    c.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" + size + "\r\n" + body + "\r\n0\r\n\r\n");
    BOOST_TEST(c.read().result_int() == 201u);
}

BOOST_AUTO_TEST_CASE(a_request_cut_short_by_the_clients_close_is_400_and_closes)
{
    listener_fixture f;
    std::string auth = basic_auth(account_a, "token-a");
    for (std::string cut : std::vector<std::string>{
             "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                 "\r\nContent-Length: 50\r\n\r\nFriendlyName=cut",
             "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nFriendly",
             "GET /v1/EndUsers HTTP/1.1\r\nHo"}) {
        BOOST_TEST_CONTEXT(cut)
        {
            auto got = send_then_close(f.server.local_endpoint(), cut);
            BOOST_REQUIRE(got.answers.size() == 1u);
            check_refused(got.answers[0]);
            BOOST_TEST(got.closed);
        }
    }
    BOOST_TEST(f.records.size() == 0u);  // what was cut short never ran
}

BOOST_AUTO_TEST_CASE(a_close_between_requests_answers_those_sent_and_nothing_more)
{
    listener_fixture f;
    std::string auth = basic_auth(account_a, "token-a");
    std::string get = "GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n";
    auto got = send_then_close(f.server.local_endpoint(), get + get);
    BOOST_REQUIRE(got.answers.size() == 2u);
    for (const auto& res : got.answers) {
        BOOST_TEST(res.result_int() == 200u);
        BOOST_TEST(res.keep_alive());
    }
    BOOST_TEST(got.closed);
    // Nothing sent at all: closed without a word.
    auto nothing = send_then_close(f.server.local_endpoint(), "");
    BOOST_TEST(nothing.answers.empty());
    BOOST_TEST(nothing.closed);
}

BOOST_AUTO_TEST_CASE(why_a_request_was_refused_is_logged_at_debug_under_its_request_id)
{
    std::mutex mutex;
    std::vector<std::string> lines;
    listener_options lo;
    lo.logger = logger(log_level::debug, [&](log_level level, std::string_view line) {
        std::lock_guard lock(mutex);
        lines.push_back(std::string(log_level_name(level)) + ": " + std::string(line));
    });
    listener_fixture f(lo);
    auto c = f.client();
    c.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n");
    auto res = c.read();
    check_refused(res);
    std::lock_guard lock(mutex);
    BOOST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(lines[0] == "debug: " + std::string(res["Twilio-Request-Id"]) +
                               " refused with 400: Bad Request: Transfer-Encoding must end in chunked");
}

BOOST_AUTO_TEST_CASE(head_is_answered_as_get_without_a_body)
{
    listener_fixture f;
    std::string victim = create_victim(f);
    auto c = f.client();
    auto got = c.get("/v1/EndUsers/" + victim);
    std::string auth = basic_auth(account_a, "token-a");
    // A HEAD, then a GET on the same connection: the GET's answer must be read as its own.
    c.write_raw("HEAD /v1/EndUsers/" + victim + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                "\r\n\r\nGET /v1/EndUsers/" + victim + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n");
    auto head = c.read(true);
    BOOST_TEST(head.result_int() == 200u);
    BOOST_TEST(head.body().empty());
    BOOST_TEST(head[http::field::content_length] == std::to_string(got.body().size()));
    BOOST_TEST(head[http::field::content_type] == "application/json; charset=utf-8");
    auto after = c.read();
    BOOST_TEST(after.result_int() == 200u);
    BOOST_TEST(json::parse(after.body()).as_object()["sid"].as_string() == victim);

    // Errors too: no credentials (401) and a path without GET (405), then a request that works.
    c.write_raw("HEAD /v1/EndUsers HTTP/1.1\r\nHost: x\r\n\r\n");
    auto unauthorised = c.read(true);
    BOOST_TEST(unauthorised.result_int() == 401u);
    BOOST_TEST(unauthorised.body().empty());
    c.write_raw("HEAD /nowhere HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/EndUsers/" + victim +
                " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n");
    auto missing = c.read(true);
    BOOST_TEST(missing.result_int() == 404u);
    BOOST_TEST(missing.body().empty());
    BOOST_TEST(c.read().result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(http_1_1_needs_exactly_one_host)
{
    listener_fixture f;
    std::string auth = basic_auth(account_a, "token-a");
    for (std::string hosts : {"", "Host: a\r\nHost: b\r\n"}) {
        auto c = f.client();
        c.write_raw("GET /v1/EndUsers HTTP/1.1\r\n" + hosts + "Authorization: " + auth + "\r\n\r\n");
        check_refused(c.read());
        BOOST_TEST(c.closed_by_server(2s));
    }
    // HTTP/1.0 has no Host requirement.
    auto c = f.client();
    c.write_raw("GET /v1/EndUsers HTTP/1.0\r\nAuthorization: " + auth + "\r\n\r\n");
    BOOST_TEST(c.read().result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(an_absolute_form_target_is_served)
{
    listener_fixture f;
    std::string victim = create_victim(f);
    auto c = f.client();
    auto res = c.get("http://127.0.0.1/v1/EndUsers/" + victim);
    BOOST_TEST(res.result_int() == 200u);
    auto page = c.get("HTTP://example.com:8080/v1/EndUsers?PageSize=1");
    BOOST_TEST(page.result_int() == 200u);
    BOOST_TEST(json::parse(page.body()).as_object()["results"].as_array().size() == 1u);
    auto missing = c.get("http://127.0.0.1/v1/EndUsers/IT" + std::string(32, '0'));
    BOOST_TEST(json::parse(missing.body()).as_object()["message"].as_string() ==
               "The requested resource /v1/EndUsers/IT" + std::string(32, '0') + " was not found");
}

BOOST_AUTO_TEST_CASE(two_authorization_headers_are_not_credentials)
{
    listener_fixture f;
    auto c = f.client();
    std::string good = basic_auth(account_a, "token-a"), other = basic_auth(account_b, "token-b");
    c.write_raw("GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + good + "\r\nAuthorization: " + other +
                "\r\n\r\n");
    auto res = c.read();
    BOOST_TEST(res.result_int() == 401u);
    BOOST_TEST(res[http::field::www_authenticate].starts_with("Basic realm="));
}

BOOST_AUTO_TEST_CASE(a_page_number_that_would_wrap_is_400)
{
    listener_fixture f;
    auto c = f.client();
    auto res = c.get("/v1/EndUsers?Page=18446744073709551615");
    BOOST_TEST(res.result_int() == 400u);
    BOOST_TEST(json::parse(res.body()).as_object()["message"].as_string() ==
               "Invalid parameter Page: must be at most 9223372036854775806");
}

BOOST_AUTO_TEST_SUITE_END()
