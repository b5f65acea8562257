// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The routes on in-memory requests: paths, methods, authentication, parameters, JSON bodies
// and headers, without sockets.

#include <support/response_conformance.hpp>
#include <support/run.hpp>

#include <trusthub/resources/end_user_endpoints.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/store/memory_store.hpp>

#include <boost/asio/io_context.hpp>
#include <support/basic_auth.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <regex>

using namespace trusthub;
using trusthub::test::run_bounded;
namespace json = boost::json;
namespace http = boost::beast::http;
using request = exchange::request_type;
using response = exchange::response_type;

namespace {

const std::string account_a = "AC" + std::string(32, 'a');
const std::string account_b = "AC" + std::string(32, 'b');
const std::string key_sid = "SK" + std::string(32, 'c');


endpoint_table end_user_table(service& operations)
{
    endpoint_table table;
    add_end_user_endpoints(table, operations);
    return table;
}

struct fixture {
    boost::asio::io_context io;
    manual_clock clock{timestamp(std::chrono::seconds(1613508057))};
    memory_store records;
    service svc{records, service_options{clock, sequential_sids()}};
    std::vector<std::string> log_lines;
    endpoint_table endpoints = end_user_table(svc);
    exchange api{endpoints, [this] {
                   exchange_options o;
                   o.public_url = "https://th.example.com/";
                   credential_table table;
                   table.add_account(account_a, "token-a").add_account(account_b, "token-b");
                   table.add_api_key(key_sid, "key-secret", account_a);
                   o.authenticate = table;
                   o.log = [this](const request_log& e) {
                       log_lines.push_back(std::string(e.method) + " " + std::string(e.path) + " " +
                                           std::to_string(e.status) + " " + std::string(e.request_id) + " " +
                                           std::string(e.account_sid));
                   };
                   return o;
               }()};

    response send(http::verb method, std::string target, std::string body = {},
                  std::optional<std::string> auth = account_a + ":token-a")
    {
        request req{method, target, 11};
        if (auth)
            req.set(http::field::authorization, test::basic_auth(*auth));
        if (!body.empty())
            req.set(http::field::content_type, "application/x-www-form-urlencoded");
        req.body() = std::move(body);
        req.prepare_payload();
        auto sent_target = std::string(req.target());
        auto res = run_bounded(io, api.handle(std::move(req)));
        for (const auto& problem : test::response_problems(method, sent_target, res))
            BOOST_ERROR(problem);
        return res;
    }

    json::object body_of(const response& res)
    {
        BOOST_TEST(res[http::field::content_type] == "application/json; charset=utf-8");
        return json::parse(res.body()).as_object();
    }

    void check_error(const response& res, unsigned status, int code, std::string_view message)
    {
        BOOST_TEST(res.result_int() == status);
        auto b = body_of(res);
        BOOST_TEST(b.size() == 4u);
        BOOST_TEST(b["code"].as_int64() == code);
        BOOST_TEST(b["message"].as_string() == message);
        BOOST_TEST(b["more_info"].as_string() == "https://www.twilio.com/docs/errors/" + std::to_string(code));
        BOOST_TEST(b["status"].as_int64() == status);
    }

    json::object create(std::string body, std::optional<std::string> auth = account_a + ":token-a")
    {
        auto res = send(http::verb::post, "/v1/EndUsers", std::move(body), std::move(auth));
        BOOST_TEST_REQUIRE(res.result_int() == 201u);
        return body_of(res);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(paths_and_methods, fixture)

BOOST_AUTO_TEST_CASE(only_end_user_paths_are_owned)
{
    BOOST_TEST(api.owns("/v1/EndUsers"));
    BOOST_TEST(api.owns("/v1/EndUsers?PageSize=1"));
    BOOST_TEST(api.owns("/v1/EndUsers/IT123"));
    BOOST_TEST(!api.owns("/v1/EndUsersX"));
    BOOST_TEST(!api.owns("/v1/EndUserTypes"));
    BOOST_TEST(!api.owns("/health"));
    BOOST_TEST(!api.owns("/"));
    request req{http::verb::get, "/health", 11};
    // Not the endpoints': Twilio's 404, so that a listener can hand it every request.
    auto res = run_bounded(io, api.handle(req));
    check_error(res, 404, 20404, "The requested resource /health was not found");
}

BOOST_AUTO_TEST_CASE(a_mount_prefix_moves_paths_and_urls)
{
    exchange_options o;
    o.mount_prefix = "/trusthub/";
    o.public_url = "http://host:9";
    o.authenticate = credential_table().add_account(account_a, "token-a");
    exchange mounted{endpoints, o};
    BOOST_TEST(mounted.owns("/trusthub/v1/EndUsers"));
    BOOST_TEST(!mounted.owns("/v1/EndUsers"));
    request req{http::verb::post, "/trusthub/v1/EndUsers", 11};
    req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
    req.body() = "FriendlyName=a&Type=b";
    req.prepare_payload();
    auto res = run_bounded(io, mounted.handle(req));
    BOOST_TEST(res.result_int() == 201u);
    auto url = json::parse(res.body()).as_object()["url"].as_string();
    BOOST_TEST(url.starts_with("http://host:9/trusthub/v1/EndUsers/IT"));
}

BOOST_AUTO_TEST_CASE(a_resource_is_added_by_entries_alone)
{
    // A second resource beside the EndUsers: its entries and its handler, nothing else.
    std::vector<std::string> seen;
    endpoint_table::handler widget = [&seen](const endpoint_call& call) -> boost::asio::awaitable<response> {
        seen.push_back(std::string(call.parameters[0]) + " " + std::string(call.parameters[1]) + " " +
                       call.account_sid + " " + std::string(call.query) + " " + std::string(call.base_url));
        response res{http::status::ok, call.request.version()};
        res.body() = "{}";
        co_return res;
    };
    endpoints.add("/v1/Widgets/{Sid}/Parts/{Part}", http::verb::get, widget);
    exchange both{endpoints, api.options()};
    BOOST_TEST(both.owns("/v1/Widgets"));
    BOOST_TEST(both.owns("/v1/Widgets/WG1/Parts/p2?x=1"));
    BOOST_TEST(both.owns("/v1/EndUsers"));
    BOOST_TEST(!both.owns("/v1/WidgetsX"));

    auto ask = [&](http::verb method, std::string target, bool signed_in = true) {
        request req{method, target, 11};
        if (signed_in)
            req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
        return run_bounded(io, both.handle(std::move(req)));
    };
    auto ok = ask(http::verb::get, "/v1/Widgets/WG1/Parts/p2?x=1");
    BOOST_TEST(ok.result_int() == 200u);
    BOOST_TEST(!ok["Twilio-Request-Id"].empty());
    BOOST_REQUIRE(seen.size() == 1u);
    BOOST_TEST(seen[0] == "WG1 p2 " + account_a + " x=1 https://th.example.com");
    // What the table answers for every resource alike.
    check_error(ask(http::verb::get, "/v1/Widgets/WG1"), 404, 20404, "The requested resource /v1/Widgets/WG1 was not found");
    check_error(ask(http::verb::get, "/v1/Widgets/WG1/Parts/p2", false), 401, 20003, "Authenticate");
    auto wrong = ask(http::verb::delete_, "/v1/Widgets/WG1/Parts/p2");
    check_error(wrong, 405, 20004,
                "The requested resource /v1/Widgets/WG1/Parts/p2 does not support the attempted HTTP method DELETE");
    BOOST_TEST(wrong[http::field::allow] == "GET, OPTIONS");
    auto preflight = ask(http::verb::options, "/v1/Widgets/WG1/Parts/p2", false);
    BOOST_TEST(preflight.result_int() == 200u);
    BOOST_TEST(preflight[http::field::access_control_allow_methods] == "GET, OPTIONS");
    BOOST_TEST(seen.size() == 1u);
    // The EndUsers are as they were.
    BOOST_TEST(ask(http::verb::get, "/v1/EndUsers").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(malformed_patterns_and_repeated_methods_are_refused)
{
    endpoint_table t;
    endpoint_table::handler none;
    BOOST_CHECK_THROW(t.add("v1/X", http::verb::get, none), std::invalid_argument);
    BOOST_CHECK_THROW(t.add("/v1//X", http::verb::get, none), std::invalid_argument);
    BOOST_CHECK_THROW(t.add("/v1/X{Sid}", http::verb::get, none), std::invalid_argument);
    BOOST_CHECK_THROW(t.add("/{a}/{b}/{c}/{d}/{e}", http::verb::get, none), std::invalid_argument);
    t.add("/v1/X", http::verb::get, none);
    BOOST_CHECK_THROW(t.add("/v1/X", http::verb::get, none), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(unknown_sub_paths_are_404)
{
    for (std::string path : {"/v1/EndUsers/", "/v1/EndUsers/IT00000000000000000000000000000001/x", "/v1/EndUsers//"}) {
        auto res = send(http::verb::get, path);
        check_error(res, 404, 20404, "The requested resource " + path + " was not found");
    }
}

BOOST_AUTO_TEST_CASE(wrong_methods_are_405_with_allow)
{
    auto res = send(http::verb::put, "/v1/EndUsers");
    check_error(res, 405, 20004, "The requested resource /v1/EndUsers does not support the attempted HTTP method PUT");
    BOOST_TEST(res[http::field::allow] == "GET, POST, OPTIONS");
    res = send(http::verb::delete_, "/v1/EndUsers");
    BOOST_TEST(res.result_int() == 405u);
    auto sid_path = "/v1/EndUsers/IT00000000000000000000000000000001";
    res = send(http::verb::patch, sid_path);
    check_error(res, 405, 20004,
                std::string("The requested resource ") + sid_path + " does not support the attempted HTTP method PATCH");
    BOOST_TEST(res[http::field::allow] == "GET, POST, DELETE, OPTIONS");
}

BOOST_AUTO_TEST_CASE(cors_preflight_needs_no_credentials)
{
    auto res = send(http::verb::options, "/v1/EndUsers", {}, std::nullopt);
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(res[http::field::access_control_allow_origin] == "*");
    BOOST_TEST(res[http::field::access_control_allow_headers] == "Content-Type, Authorization");
    BOOST_TEST(res[http::field::access_control_allow_methods] == "GET, POST, OPTIONS");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(authentication, fixture)

BOOST_AUTO_TEST_CASE(missing_wrong_or_malformed_credentials_are_401_with_a_challenge)
{
    for (std::optional<std::string> auth : std::vector<std::optional<std::string>>{
             std::nullopt, account_a + ":token-b", account_a + ":", "nobody:token-a", account_a}) {
        auto res = send(http::verb::get, "/v1/EndUsers", {}, auth);
        check_error(res, 401, 20003, "Authenticate");
        BOOST_TEST(res[http::field::www_authenticate].starts_with("Basic realm="));
    }
    request req{http::verb::get, "/v1/EndUsers", 11};
    req.set(http::field::authorization, "Bearer abc");
    auto res = run_bounded(io, api.handle(req));
    BOOST_TEST(res.result_int() == 401u);
}

BOOST_AUTO_TEST_CASE(an_api_key_acts_for_its_account)
{
    auto made = create("FriendlyName=k&Type=individual", key_sid + ":key-secret");
    BOOST_TEST(made["account_sid"].as_string() == account_a);
    auto res = send(http::verb::get, "/v1/EndUsers/" + std::string(made["sid"].as_string()));
    BOOST_TEST(res.result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(another_accounts_record_is_404_for_every_method)
{
    auto made = create("FriendlyName=a&Type=individual");
    std::string path = "/v1/EndUsers/" + std::string(made["sid"].as_string());
    std::string expected = "The requested resource " + path + " was not found";
    auto other = account_b + ":token-b";
    check_error(send(http::verb::get, path, {}, other), 404, 20404, expected);
    check_error(send(http::verb::post, path, "FriendlyName=stolen", other), 404, 20404, expected);
    check_error(send(http::verb::delete_, path, {}, other), 404, 20404, expected);
    BOOST_TEST(body_of(send(http::verb::get, "/v1/EndUsers", {}, other))["results"].as_array().empty());
    BOOST_TEST(body_of(send(http::verb::get, path))["friendly_name"].as_string() == "a");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(operations, fixture)

BOOST_AUTO_TEST_CASE(create_answers_201_with_the_resource_and_twilio_headers)
{
    auto res = send(http::verb::post, "/v1/EndUsers",
                    "FriendlyName=auth_rep_1&Type=authorized_representative_1&Attributes=%7B%22first_name%22%3A%22rep1%22%7D");
    BOOST_TEST(res.result_int() == 201u);
    auto b = body_of(res);
    BOOST_TEST(b["sid"].as_string() == "IT00000000000000000000000000000001");
    BOOST_TEST(b["account_sid"].as_string() == account_a);
    BOOST_TEST(b["friendly_name"].as_string() == "auth_rep_1");
    BOOST_TEST(b["type"].as_string() == "authorized_representative_1");
    BOOST_TEST(b["attributes"].as_object()["first_name"].as_string() == "rep1");
    BOOST_TEST(b["date_created"].as_string() == "2021-02-16T20:40:57Z");
    BOOST_TEST(b["date_updated"].as_string() == "2021-02-16T20:40:57Z");
    BOOST_TEST(b["url"].as_string() == "https://th.example.com/v1/EndUsers/IT00000000000000000000000000000001");
    BOOST_TEST(std::regex_match(std::string(res["Twilio-Request-Id"]), std::regex("RQ[0-9a-f]{32}")));
    BOOST_TEST(res[http::field::access_control_allow_origin] == "*");
    BOOST_TEST(res[http::field::content_length] == std::to_string(res.body().size()));
}

BOOST_AUTO_TEST_CASE(attributes_absent_mean_an_empty_object)
{
    auto b = create("FriendlyName=a&Type=individual");
    BOOST_TEST(b["attributes"].as_object().empty());
}

BOOST_AUTO_TEST_CASE(both_space_encodings_and_escaped_plus_decode)
{
    auto b = create("FriendlyName=Ada+Lovelace%20%2B1&Type=individual");
    BOOST_TEST(b["friendly_name"].as_string() == "Ada Lovelace +1");
}

BOOST_AUTO_TEST_CASE(missing_or_empty_required_parameters_are_400_and_store_nothing)
{
    check_error(send(http::verb::post, "/v1/EndUsers", "Type=individual"), 400, 20001,
                "Missing required parameter FriendlyName in the post body");
    check_error(send(http::verb::post, "/v1/EndUsers", "FriendlyName=&Type=individual"), 400, 20001,
                "Missing required parameter FriendlyName in the post body");
    check_error(send(http::verb::post, "/v1/EndUsers", "FriendlyName=a"), 400, 20001,
                "Missing required parameter Type in the post body");
    check_error(send(http::verb::post, "/v1/EndUsers", ""), 400, 20001,
                "Missing required parameter FriendlyName in the post body");
    BOOST_TEST(records.size() == 0u);
}

BOOST_AUTO_TEST_CASE(bad_attributes_are_400_and_store_nothing)
{
    for (std::string bad : {"%7B", "%5B%5D", "42", "%22text%22", "null", "%7B%22a%22%3A1%2C%7D", ""}) {
        check_error(send(http::verb::post, "/v1/EndUsers", "FriendlyName=a&Type=b&Attributes=" + bad), 400, 20001,
                    "Invalid parameter Attributes: must be a JSON object");
    }
    BOOST_TEST(records.size() == 0u);
}

BOOST_AUTO_TEST_CASE(malformed_escapes_and_invalid_utf8_are_400)
{
    check_error(send(http::verb::post, "/v1/EndUsers", "FriendlyName=%ZZ&Type=b"), 400, 20001,
                "Malformed form body: invalid percent-encoding");
    check_error(send(http::verb::post, "/v1/EndUsers", "FriendlyName=%C3&Type=b"), 400, 20001,
                "Invalid parameter FriendlyName: is not valid UTF-8");
    check_error(send(http::verb::post, "/v1/EndUsers", "FriendlyName=a&Type=b%00c"), 400, 20001,
                "Invalid parameter Type: must not contain NUL characters");
    BOOST_TEST(records.size() == 0u);
}

BOOST_AUTO_TEST_CASE(unknown_parameters_are_ignored)
{
    auto b = create("FriendlyName=a&Type=b&Colour=blue&friendlyname=x");
    BOOST_TEST(b["friendly_name"].as_string() == "a");
}

BOOST_AUTO_TEST_CASE(fetch_answers_the_resource_or_404)
{
    auto made = create("FriendlyName=a&Type=b");
    std::string sid(made["sid"].as_string());
    auto res = send(http::verb::get, "/v1/EndUsers/" + sid);
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(body_of(res) == made);
    for (std::string missing : {"IT" + std::string(32, 'f'), std::string("ITnope"), std::string("not-a-sid")}) {
        check_error(send(http::verb::get, "/v1/EndUsers/" + missing), 404, 20404,
                    "The requested resource /v1/EndUsers/" + missing + " was not found");
    }
}

BOOST_AUTO_TEST_CASE(update_changes_what_is_sent_and_never_the_type)
{
    auto made = create("FriendlyName=a&Type=individual&Attributes=%7B%22x%22%3A1%7D");
    std::string path = "/v1/EndUsers/" + std::string(made["sid"].as_string());
    clock.advance(std::chrono::seconds(3));
    auto res = send(http::verb::post, path, "FriendlyName=b&Type=business");
    BOOST_TEST(res.result_int() == 200u);
    auto b = body_of(res);
    BOOST_TEST(b["friendly_name"].as_string() == "b");
    BOOST_TEST(b["type"].as_string() == "individual");
    BOOST_TEST(b["attributes"].as_object()["x"].as_int64() == 1);
    BOOST_TEST(b["date_created"].as_string() == "2021-02-16T20:40:57Z");
    BOOST_TEST(b["date_updated"].as_string() == "2021-02-16T20:41:00Z");

    b = body_of(send(http::verb::post, path, "Attributes=%7B%22y%22%3A2%7D"));
    BOOST_TEST(b["friendly_name"].as_string() == "b");
    BOOST_TEST(b["attributes"].as_object().size() == 1u);
    BOOST_TEST(b["attributes"].as_object()["y"].as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(bad_updates_are_400_and_change_nothing)
{
    auto made = create("FriendlyName=a&Type=individual");
    std::string path = "/v1/EndUsers/" + std::string(made["sid"].as_string());
    check_error(send(http::verb::post, path, "FriendlyName="), 400, 20001,
                "Invalid parameter FriendlyName: must not be empty");
    check_error(send(http::verb::post, path, "FriendlyName=c&Attributes=%5B1%5D"), 400, 20001,
                "Invalid parameter Attributes: must be a JSON object");
    check_error(send(http::verb::post, path, "FriendlyName=%2"), 400, 20001,
                "Malformed form body: invalid percent-encoding");
    check_error(send(http::verb::post, path, "FriendlyName=x%00"), 400, 20001,
                "Invalid parameter FriendlyName: must not contain NUL characters");
    check_error(send(http::verb::post, path, "FriendlyName=%FF"), 400, 20001,
                "Invalid parameter FriendlyName: is not valid UTF-8");
    BOOST_TEST(body_of(send(http::verb::get, path)) == made);
}

BOOST_AUTO_TEST_CASE(update_of_a_missing_record_is_404_before_parameters_are_judged)
{
    check_error(send(http::verb::post, "/v1/EndUsers/ITnope", "FriendlyName="), 404, 20404,
                "The requested resource /v1/EndUsers/ITnope was not found");
}

BOOST_AUTO_TEST_CASE(delete_is_204_with_an_empty_body_then_404)
{
    auto made = create("FriendlyName=a&Type=b");
    std::string path = "/v1/EndUsers/" + std::string(made["sid"].as_string());
    auto res = send(http::verb::delete_, path);
    BOOST_TEST(res.result_int() == 204u);
    BOOST_TEST(res.body().empty());
    BOOST_TEST(res.count(http::field::content_type) == 0u);
    check_error(send(http::verb::delete_, path), 404, 20404, "The requested resource " + path + " was not found");
    check_error(send(http::verb::get, path), 404, 20404, "The requested resource " + path + " was not found");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(listing, fixture)

BOOST_AUTO_TEST_CASE(default_page_and_meta)
{
    create("FriendlyName=a&Type=b");
    auto b = body_of(send(http::verb::get, "/v1/EndUsers"));
    BOOST_TEST(b["results"].as_array().size() == 1u);
    auto meta = b["meta"].as_object();
    BOOST_TEST(meta["page"].as_int64() == 0);
    BOOST_TEST(meta["page_size"].as_int64() == 50);
    BOOST_TEST(meta["first_page_url"].as_string() == "https://th.example.com/v1/EndUsers?PageSize=50&Page=0");
    BOOST_TEST(meta["url"].as_string() == "https://th.example.com/v1/EndUsers?PageSize=50&Page=0");
    BOOST_TEST(meta["previous_page_url"].is_null());
    BOOST_TEST(meta["next_page_url"].is_null());
    BOOST_TEST(meta["key"].as_string() == "results");
}

BOOST_AUTO_TEST_CASE(following_next_page_url_verbatim_walks_every_record_once)
{
    for (int i = 0; i < 5; ++i)
        create("FriendlyName=u" + std::to_string(i) + "&Type=b");
    std::string target = "/v1/EndUsers?PageSize=2";
    std::vector<std::string> seen;
    for (int pages = 0; pages < 10; ++pages) {
        auto b = body_of(send(http::verb::get, target));
        for (auto& r : b["results"].as_array())
            seen.emplace_back(r.as_object()["friendly_name"].as_string());
        auto next = b["meta"].as_object()["next_page_url"];
        if (next.is_null())
            break;
        std::string url(next.as_string());
        BOOST_TEST_REQUIRE(url.starts_with("https://th.example.com/"));
        target = url.substr(std::string("https://th.example.com").size());
    }
    BOOST_TEST(seen == (std::vector<std::string>{"u0", "u1", "u2", "u3", "u4"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(page_size_must_be_1_to_1000)
{
    for (std::string bad : {"0", "1001", "-1", "abc", "", "1.5", "99999999999999999999999"}) {
        check_error(send(http::verb::get, "/v1/EndUsers?PageSize=" + bad), 400, 20001,
                    "Invalid parameter PageSize: must be a whole number from 1 to 1000");
    }
    BOOST_TEST(send(http::verb::get, "/v1/EndUsers?PageSize=1").result_int() == 200u);
    BOOST_TEST(send(http::verb::get, "/v1/EndUsers?PageSize=1000").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(page_is_echoed_and_must_be_a_number)
{
    auto b = body_of(send(http::verb::get, "/v1/EndUsers?Page=7"));
    BOOST_TEST(b["meta"].as_object()["page"].as_int64() == 7);
    check_error(send(http::verb::get, "/v1/EndUsers?Page=x"), 400, 20001,
                "Invalid parameter Page: must be a whole number from 0");
}

BOOST_AUTO_TEST_CASE(forged_or_garbled_page_tokens_are_400)
{
    for (std::string bad : {"PAxyz", "PA0000000000000001", "garbage", "PB"}) {
        check_error(send(http::verb::get, "/v1/EndUsers?PageToken=" + bad), 400, 21481, "Invalid PageToken");
    }
    check_error(send(http::verb::get, "/v1/EndUsers?PageToken=%zz"), 400, 20001,
                "Malformed query string: invalid percent-encoding");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(failures, fixture)

namespace {
struct throwing_store final : store {
    boost::asio::awaitable<result<record>> create(record) override
    {
        throw std::runtime_error("secret detail: connection string password=hunter2");
        co_return errc::not_found;
    }
    boost::asio::awaitable<result<record>> fetch(record_key) override { co_return errc::unavailable; }
    boost::asio::awaitable<result<record>> update(record_key, record_patch) override
    {
        // An error of the store's own that the codec does not know.
        co_return boost::system::error_code(EIO, boost::system::generic_category());
    }
    boost::asio::awaitable<result<void>> remove(record_key) override { co_return errc::not_found; }
    boost::asio::awaitable<result<page_slice>> list(list_scope, page_query) override { co_return page_slice{}; }
};

// The fixture's exchange over a store that fails, with every failure report kept as a line:
// request id, method, path, status, account, cause.
struct broken_api {
    explicit broken_api(const exchange_options& base) : endpoints(end_user_table(operations)), api(endpoints, [&] {
        exchange_options o = base;
        o.logger = logger(log_level::error, [this](log_level, std::string_view line) { failures.emplace_back(line); });
        return o;
    }())
    {
    }

    throwing_store broken;
    service operations{broken};
    endpoint_table endpoints;
    std::vector<std::string> failures;
    exchange api;
};
} // namespace

BOOST_AUTO_TEST_CASE(an_exception_below_is_a_500_that_reveals_nothing)
{
    broken_api b{api.options()};
    auto& r = b.api;
    auto& failures = b.failures;
    request req{http::verb::post, "/v1/EndUsers", 11};
    req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
    req.body() = "FriendlyName=a&Type=b";
    req.prepare_payload();
    auto res = run_bounded(io, r.handle(req));
    check_error(res, 500, 20500, "Internal Server Error");
    BOOST_TEST(res.body().find("hunter2") == std::string::npos);
    // The operator learns the cause, under the request id the client was given.
    BOOST_REQUIRE(failures.size() == 1u);
    BOOST_TEST(failures[0] == std::string(res["Twilio-Request-Id"]) + " POST /v1/EndUsers " + account_a +
                                  " answered 500: secret detail: connection string password=hunter2");
    // The same exchange goes on answering.
    request again{http::verb::get, "/v1/EndUsers", 11};
    again.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
    BOOST_TEST(run_bounded(io, r.handle(again)).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(an_error_the_codec_does_not_know_is_a_500_logged_with_its_cause)
{
    broken_api b{api.options()};
    auto& r = b.api;
    auto& failures = b.failures;
    request req{http::verb::post, "/v1/EndUsers/IT" + std::string(32, '1'), 11};
    req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
    req.body() = "FriendlyName=renamed";
    req.prepare_payload();
    auto res = run_bounded(io, r.handle(req));
    check_error(res, 500, 20500, "Internal Server Error");
    BOOST_REQUIRE(failures.size() == 1u);
    BOOST_TEST(failures[0].find(" " + account_a + " answered 500: unexpected error from the store: Input/output error") !=
                   std::string::npos,
               failures[0]);
}

BOOST_AUTO_TEST_CASE(an_unavailable_store_is_a_503_with_retry_after)
{
    broken_api b{api.options()};
    auto& r = b.api;
    request req{http::verb::get, "/v1/EndUsers/IT" + std::string(32, '1'), 11};
    req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
    auto res = run_bounded(io, r.handle(req));
    check_error(res, 503, 20503, "Service Unavailable");
    BOOST_TEST(res[http::field::retry_after] == "1");
    BOOST_TEST(b.failures.empty());  // an outage the client is told of is not a failure to report
}

BOOST_AUTO_TEST_CASE(the_log_has_one_line_a_request_and_no_secrets)
{
    create("FriendlyName=a&Type=b&Attributes=%7B%22ssn%22%3A%22123-45-6789%22%7D");
    send(http::verb::get, "/v1/EndUsers?PageSize=5", {}, account_a + ":wrong-token");
    BOOST_REQUIRE(log_lines.size() == 2u);
    BOOST_TEST(log_lines[0].starts_with("POST /v1/EndUsers 201 RQ"));
    BOOST_TEST(log_lines[0].ends_with(account_a));
    BOOST_TEST(log_lines[1].starts_with("GET /v1/EndUsers 401 RQ"));
    for (auto& line : log_lines) {
        BOOST_TEST(line.find("123-45-6789") == std::string::npos);
        BOOST_TEST(line.find("token") == std::string::npos);
        BOOST_TEST(line.find("PageSize") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(keep_alive_and_version_follow_the_request)
{
    request req{http::verb::get, "/v1/EndUsers", 10};
    req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
    auto res = run_bounded(io, api.handle(req));
    BOOST_TEST(res.version() == 10u);
    BOOST_TEST(!res.keep_alive());
    req.version(11);
    req.keep_alive(false);
    res = run_bounded(io, api.handle(req));
    BOOST_TEST(!res.keep_alive());
    req.keep_alive(true);
    res = run_bounded(io, api.handle(req));
    BOOST_TEST(res.keep_alive());
}

BOOST_AUTO_TEST_SUITE_END()
