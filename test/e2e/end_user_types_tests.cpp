// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The EndUserTypes endpoints over real loopback sockets, each response checked against Twilio's
// OpenAPI file by the fixture's client.

#include "server_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace trusthub;
using namespace trusthub::test;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(end_user_types_end_to_end)

BOOST_AUTO_TEST_CASE(list_fetch_and_errors_on_one_keep_alive_connection)
{
    listener_fixture f;
    auto c = f.client();
    std::string base = "http://127.0.0.1:" + std::to_string(f.server.local_endpoint().port());

    // Paged by two, following next_page_url as the SDKs do.
    std::vector<std::string> sids;
    std::string next = "/v1/EndUserTypes?PageSize=2";
    for (int guard = 0; !next.empty() && guard < 20; ++guard) {
        auto res = c.get(next);
        BOOST_TEST_REQUIRE(res.result_int() == 200u);
        BOOST_TEST(res.keep_alive());
        auto body = json::parse(res.body()).as_object();
        for (const auto& t : body["end_user_types"].as_array())
            sids.emplace_back(t.as_object().at("sid").as_string());
        const auto& link = body["meta"].as_object()["next_page_url"];
        next.clear();
        if (!link.is_null()) {
            std::string url(link.as_string());
            BOOST_TEST_REQUIRE(url.starts_with(base));
            next = url.substr(base.size());
        }
    }
    BOOST_TEST(sids.size() == default_catalogue().size());

    for (const auto& t : default_catalogue().types()) {
        auto by_sid = c.get("/v1/EndUserTypes/" + t.sid);
        BOOST_TEST(by_sid.result_int() == 200u);
        auto body = json::parse(by_sid.body()).as_object();
        BOOST_TEST(body["machine_name"].as_string() == t.machine_name);
        BOOST_TEST(body["url"].as_string() == base + "/v1/EndUserTypes/" + t.sid);
        BOOST_TEST(c.get("/v1/EndUserTypes/" + t.machine_name).body() == by_sid.body());
    }

    auto missing = c.get("/v1/EndUserTypes/OY" + std::string(32, 'f'));
    BOOST_TEST(missing.result_int() == 404u);
    BOOST_TEST(json::parse(missing.body()).as_object()["code"].as_int64() == 20404);
    auto wrong = c.post("/v1/EndUserTypes", "FriendlyName=x");
    BOOST_TEST(wrong.result_int() == 405u);
    BOOST_TEST(wrong[http::field::allow] == "GET, OPTIONS");
    c.authorization.reset();
    BOOST_TEST(c.get("/v1/EndUserTypes").result_int() == 401u);
}

BOOST_AUTO_TEST_CASE(head_is_framed_as_the_get)
{
    listener_fixture f;
    auto c = f.client();
    std::string path = "/v1/EndUserTypes/authorized_representative_1";
    auto got = c.get(path);
    std::string auth = basic_auth(account_a, "token-a");
    // A HEAD then a GET on the same connection: the GET's answer must be read as its own.
    c.write_raw("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\nGET " + path +
                " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n");
    auto head = c.read(true);
    BOOST_TEST(head.result_int() == 200u);
    BOOST_TEST(head.body().empty());
    BOOST_TEST(head[http::field::content_length] == std::to_string(got.body().size()));
    auto after = c.read();
    BOOST_TEST(after.body() == got.body());
}

BOOST_AUTO_TEST_SUITE_END()
