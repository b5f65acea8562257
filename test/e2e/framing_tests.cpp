// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// HTTP/1.1 framing by RFC 9112 and 9110 over real loopback sockets: requests whose length
// cannot be trusted, HEAD, Host, absolute-form targets, ambiguous credentials.

#include "server_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

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
