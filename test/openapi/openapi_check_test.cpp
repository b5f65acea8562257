// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The OpenAPI checker itself: it accepts what Twilio documents and names what is wrong.

#include "support/openapi_check.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace json = boost::json;
using trusthub::test::openapi_problems;

namespace {

json::object good_end_user()
{
    return json::parse(R"({
        "sid": "IT0123456789abcdef0123456789abcdef",
        "account_sid": "AC0123456789abcdef0123456789abcdef",
        "friendly_name": "Ada Lovelace",
        "type": "individual",
        "attributes": {"first_name": "Ada", "n": [1, 2.5, true, null, {"x": "y"}]},
        "date_created": "2021-02-16T20:40:57Z",
        "date_updated": "2021-02-16T20:40:57Z",
        "url": "http://127.0.0.1:8080/v1/EndUsers/IT0123456789abcdef0123456789abcdef"})")
        .as_object();
}

// True when one of `problems` mentions every one of `words`.
bool mentions(const std::vector<std::string>& problems, std::initializer_list<std::string_view> words)
{
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
        return std::all_of(words.begin(), words.end(), [&](std::string_view w) { return p.find(w) != std::string::npos; });
    });
}

std::string joined(const std::vector<std::string>& problems)
{
    std::string out;
    for (const auto& p : problems)
        out += p + "\n";
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(openapi_check)

BOOST_AUTO_TEST_CASE(accepts_a_correct_resource_for_every_operation)
{
    json::value body = good_end_user();
    for (auto [path, method, status] : {std::tuple{"/v1/EndUsers", "POST", 201u},
                                        std::tuple{"/v1/EndUsers/{Sid}", "GET", 200u},
                                        std::tuple{"/v1/EndUsers/{Sid}", "POST", 200u}}) {
        auto problems = openapi_problems(body, path, method, status);
        BOOST_TEST(problems.empty(), method << " " << path << ":\n" << joined(problems));
    }
}

BOOST_AUTO_TEST_CASE(accepts_null_where_nullable)
{
    json::object body = good_end_user();
    body["attributes"] = nullptr;  // nullable, no type
    body["friendly_name"] = nullptr;  // nullable string
    auto problems = openapi_problems(body, "/v1/EndUsers/{Sid}", "GET", 200);
    BOOST_TEST(problems.empty(), joined(problems));
}

BOOST_AUTO_TEST_CASE(accepts_a_page_with_null_links)
{
    json::value page = json::parse(R"({"results": [], "meta": {"page": 0, "page_size": 50,
        "first_page_url": "http://127.0.0.1:8080/v1/EndUsers?PageSize=50&Page=0",
        "previous_page_url": null,
        "url": "http://127.0.0.1:8080/v1/EndUsers?PageSize=50&Page=0",
        "next_page_url": null, "key": "results"}})");
    page.as_object()["results"].as_array().push_back(good_end_user());
    auto problems = openapi_problems(page, "/v1/EndUsers", "GET", 200);
    BOOST_TEST(problems.empty(), joined(problems));
}

BOOST_AUTO_TEST_CASE(catches_a_wrong_type)
{
    json::object body = good_end_user();
    body["friendly_name"] = 42;
    auto problems = openapi_problems(body, "/v1/EndUsers/{Sid}", "GET", 200);
    BOOST_TEST(mentions(problems, {"$.friendly_name", "integer", "string"}), joined(problems));
}

BOOST_AUTO_TEST_CASE(catches_a_null_where_not_nullable)
{
    json::value page = json::parse(R"({"results": [], "meta": {"page": 0, "page_size": 50,
        "first_page_url": null, "previous_page_url": null, "url": "http://h/v1/EndUsers",
        "next_page_url": null, "key": "results"}})");
    auto problems = openapi_problems(page, "/v1/EndUsers", "GET", 200);
    BOOST_TEST(mentions(problems, {"$.meta.first_page_url", "null"}), joined(problems));
}

BOOST_AUTO_TEST_CASE(catches_a_bad_sid_pattern)
{
    json::object body = good_end_user();
    body["sid"] = "XX0123456789abcdef0123456789abcdef";
    body["account_sid"] = "AC0123456789abcdef0123456789abcdeZ";
    auto problems = openapi_problems(body, "/v1/EndUsers/{Sid}", "GET", 200);
    BOOST_TEST(mentions(problems, {"$.sid", "pattern"}), joined(problems));
    BOOST_TEST(mentions(problems, {"$.account_sid", "pattern"}), joined(problems));
}

BOOST_AUTO_TEST_CASE(catches_a_wrong_length_and_format)
{
    json::object body = good_end_user();
    body["sid"] = "IT0123";
    body["date_created"] = "16/02/2021 20:40";
    body["url"] = "/v1/EndUsers/IT0123";
    auto problems = openapi_problems(body, "/v1/EndUsers/{Sid}", "GET", 200);
    BOOST_TEST(mentions(problems, {"$.sid", "shorter than 34"}), joined(problems));
    BOOST_TEST(mentions(problems, {"$.date_created", "date-time"}), joined(problems));
    BOOST_TEST(mentions(problems, {"$.url", "absolute URI"}), joined(problems));
}

BOOST_AUTO_TEST_CASE(catches_a_missing_documented_field)
{
    json::object body = good_end_user();
    body.erase("date_updated");
    auto problems = openapi_problems(body, "/v1/EndUsers/{Sid}", "GET", 200);
    BOOST_TEST(mentions(problems, {"$.date_updated", "documented field missing"}), joined(problems));
    BOOST_TEST(problems.size() == 1u, joined(problems));
}

BOOST_AUTO_TEST_CASE(checks_every_item_of_a_page)
{
    json::value page = json::parse(R"({"results": [], "meta": {"page": 0, "page_size": 50,
        "first_page_url": "http://h/v1/EndUsers?PageSize=50&Page=0", "previous_page_url": null,
        "url": "http://h/v1/EndUsers?PageSize=50&Page=0", "next_page_url": null}})");
    auto& results = page.as_object()["results"].as_array();
    results.push_back(good_end_user());
    json::object bad = good_end_user();
    bad.erase("url");
    results.push_back(bad);
    auto problems = openapi_problems(page, "/v1/EndUsers", "GET", 200);
    BOOST_TEST(mentions(problems, {"$.results[1].url", "missing"}), joined(problems));
    BOOST_TEST(mentions(problems, {"$.meta.key", "missing"}), joined(problems));
    BOOST_TEST(!mentions(problems, {"$.results[0]"}), joined(problems));
}

BOOST_AUTO_TEST_CASE(catches_an_undocumented_status_and_a_body_on_204)
{
    json::value body = good_end_user();
    BOOST_TEST(mentions(openapi_problems(body, "/v1/EndUsers", "POST", 200), {"status 200 not documented"}));
    BOOST_TEST(mentions(openapi_problems(body, "/v1/EndUsers/{Sid}", "DELETE", 204), {"without a body"}));
    BOOST_TEST(openapi_problems(json::value(nullptr), "/v1/EndUsers/{Sid}", "DELETE", 204).empty());
    BOOST_TEST(mentions(openapi_problems(body, "/v1/Nothing", "GET", 200), {"path not in the OpenAPI file"}));
    BOOST_TEST(mentions(openapi_problems(body, "/v1/EndUsers", "DELETE", 204), {"method not in the OpenAPI file"}));
}

BOOST_AUTO_TEST_SUITE_END()
