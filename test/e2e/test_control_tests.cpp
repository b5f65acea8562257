// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The test-control API (`/_trusthub/…`) over real loopback sockets, through the public fixture
// `trusthub::testing::test_server`: reset, snapshot, journal, fault rules and clocks, as the
// wire contract describes them. Every exchange is bounded by the client's time-out.

#include "server_fixture.hpp"

#include <trusthub/testing/test_server.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

using namespace trusthub;
using namespace trusthub::test;
using trusthub::testing::test_server;
using trusthub::testing::test_server_options;
namespace json = boost::json;
using response = http_client::response;

namespace {

const std::string token_b = "token-b";

test_server_options with_second_account(test_server_options o = {})
{
    o.more_credentials.push_back(account_b + ":" + token_b);
    return o;
}

// A client of `server` as `account` (default: the server's own), every /v1 answer checked
// against the wire contract.
http_client client_of(test_server& server, const std::string& account = {}, const std::string& token = {})
{
    http_client c(server.endpoint(), std::chrono::seconds(5));
    c.authorization = account.empty() ? basic_auth(server.account_sid(), server.auth_token()) : basic_auth(account, token);
    c.on_response = listener_fixture::check_conformance;
    return c;
}

response send_json(http_client& c, http::verb method, std::string target, std::string body)
{
    return c.request(method, std::move(target), std::move(body), "application/json");
}

json::object object_of(const response& r)
{
    boost::system::error_code ec;
    auto v = json::parse(r.body(), ec);
    if (ec || !v.is_object()) {
        BOOST_ERROR("not a JSON object: " << r.body());
        return {};
    }
    return v.as_object();
}

std::string text(const json::value& v) { return v.is_string() ? std::string(v.get_string()) : json::serialize(v); }

std::string form_encode(std::string_view s)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out.push_back(static_cast<char>(ch));
        } else {
            out.push_back('%');
            out.push_back(hex[ch >> 4]);
            out.push_back(hex[ch & 15]);
        }
    }
    return out;
}

std::string create(http_client& c, const std::string& name, const std::string& attributes = {})
{
    std::string body = "FriendlyName=" + form_encode(name) + "&Type=individual";
    if (!attributes.empty())
        body += "&Attributes=" + form_encode(attributes);
    auto r = c.post("/v1/EndUsers", body);
    BOOST_TEST_REQUIRE(r.result_int() == 201u, r.body());
    return text(object_of(r).at("sid"));
}

// Twilio's error body: these four keys in this order, and the given status and code.
void expect_error(const response& r, unsigned status, std::int64_t code)
{
    BOOST_TEST(r.result_int() == status, r.body());
    auto o = object_of(r);
    std::vector<std::string> keys;
    for (const auto& kv : o)
        keys.emplace_back(kv.key());
    BOOST_TEST((keys == std::vector<std::string>{"code", "message", "more_info", "status"}), r.body());
    if (keys.size() == 4) {
        BOOST_TEST(o.at("code").as_int64() == code, r.body());
        BOOST_TEST(o.at("status").as_int64() == static_cast<std::int64_t>(status));
        BOOST_TEST(text(o.at("more_info")) == "https://www.twilio.com/docs/errors/" + std::to_string(code));
    }
}

// A 400 20001 whose message names `name`.
void expect_invalid(const response& r, const std::string& name)
{
    expect_error(r, 400, 20001);
    auto o = object_of(r);
    std::string message = o.contains("message") ? text(o.at("message")) : "";
    BOOST_TEST(message.starts_with("Invalid parameter " + name + ":"), "expected " << name << ", got: " << message);
}

json::array list_of(http_client& c, const std::string& target, const char* key)
{
    auto r = c.get(target);
    BOOST_TEST_REQUIRE(r.result_int() == 200u, target << ": " << r.body());
    return object_of(r).at(key).as_array();
}

json::array journal(http_client& c) { return list_of(c, "/_trusthub/requests", "requests"); }
json::array faults(http_client& c) { return list_of(c, "/_trusthub/faults", "faults"); }
json::array end_users(http_client& c) { return list_of(c, "/v1/EndUsers?PageSize=100", "results"); }

json::object add_fault(http_client& c, const std::string& rule)
{
    auto r = send_json(c, http::verb::post, "/_trusthub/faults", rule);
    BOOST_TEST_REQUIRE(r.result_int() == 201u, rule << ": " << r.body());
    return object_of(r);
}

json::object set_clock(http_client& c, const std::string& body)
{
    auto r = send_json(c, http::verb::put, "/_trusthub/clock", body);
    BOOST_TEST_REQUIRE(r.result_int() == 200u, body << ": " << r.body());
    return object_of(r);
}

timestamp date_of(const json::value& v)
{
    auto t = trusthub::detail::parse_date(text(v));
    BOOST_TEST_REQUIRE(t.has_value(), "not a date: " << text(v));
    return *t;
}

timestamp real_now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

// The 1-based numbers of the `n` calls of `target` that did not answer 200.
std::vector<int> failing_calls(http_client& c, const std::string& target, int n)
{
    std::vector<int> failed;
    for (int i = 1; i <= n; ++i)
        if (c.get(target).result_int() != 200u)
            failed.push_back(i);
    return failed;
}

// True when `method target` is answered with nothing: the server closes the connection.
bool answered_nothing(http_client& c, http::verb method, const std::string& target, const std::string& body = {})
{
    try {
        auto r = c.request(method, target, body);
        BOOST_ERROR(target << " answered " << r.result_int());
        return false;
    } catch (const boost::system::system_error& e) {
        c.close();
        auto ec = e.code();
        BOOST_TEST_MESSAGE("dropped: " << ec.message());
        return ec == http::error::end_of_stream || ec == boost::asio::error::eof ||
               ec == boost::asio::error::connection_reset;
    }
}

const std::string sid1 = "IT" + std::string(31, '0') + "1";
const std::string sid2 = "IT" + std::string(31, '0') + "2";
const std::string sid3 = "IT" + std::string(31, '0') + "3";

std::string item(const std::string& sid, const std::string& name, const std::string& extra = {})
{
    return R"({"sid":")" + sid + R"(","friendly_name":")" + name + R"(","type":"individual")" + extra + "}";
}

} // namespace

BOOST_AUTO_TEST_SUITE(test_control_end_to_end)

// --- reset -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(reset_removes_records_journal_rules_and_clock_of_one_account)
{
    test_server server(with_second_account());
    auto a = client_of(server);
    auto b = client_of(server, account_b, token_b);
    create(a, "a1");
    create(a, "a2");
    create(b, "b1");
    add_fault(a, R"({"path":"/v1/Nothing","status":500})");
    add_fault(b, R"({"path":"/v1/Nothing","status":500})");
    set_clock(a, R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");

    auto reset = a.post("/_trusthub/reset", "");
    BOOST_TEST(reset.result_int() == 200u);
    BOOST_TEST(reset.body() == R"({"end_users_removed":2})");
    BOOST_TEST(journal(a).empty());
    BOOST_TEST(faults(a).empty());
    auto clock = object_of(a.get("/_trusthub/clock"));
    BOOST_TEST(text(clock.at("mode")) == "real");
    BOOST_TEST(!clock.contains("seconds"));
    BOOST_TEST(end_users(a).empty());
    BOOST_TEST(a.post("/_trusthub/reset", "").body() == R"({"end_users_removed":0})");

    // The other account keeps everything.
    auto b_users = end_users(b);
    BOOST_TEST_REQUIRE(b_users.size() == 1u);
    BOOST_TEST(text(b_users[0].at("friendly_name")) == "b1");
    BOOST_TEST(faults(b).size() == 1u);
    BOOST_TEST(journal(b).size() == 2u);  // the create and the list just now

    // The same from C++.
    create(a, "a3");
    add_fault(a, R"({"path":"/v1/Nothing","status":500})");
    set_clock(a, R"({"mode":"offset","seconds":3600})");
    BOOST_TEST(server.snapshot().size() == 1u);
    server.reset();
    BOOST_TEST(server.snapshot().empty());
    BOOST_TEST(journal(a).empty());
    BOOST_TEST(faults(a).empty());
    BOOST_TEST(text(object_of(a.get("/_trusthub/clock")).at("mode")) == "real");
    BOOST_TEST(server.snapshot(account_b).size() == 1u);
    BOOST_TEST(faults(b).size() == 1u);
    server.reset(account_b);
    BOOST_TEST(end_users(b).empty());
    BOOST_TEST(faults(b).empty());
}

// --- snapshot ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(snapshot_get_and_put_round_trip)
{
    test_server server;
    auto c = client_of(server);
    std::string attributes = R"({"z":1,"a":{"y":[1,2],"b":"x"}})";
    std::vector<std::string> sids{create(c, "first", attributes), create(c, "second"), create(c, "third")};
    BOOST_TEST(c.post("/v1/EndUsers/" + sids[1], "FriendlyName=renamed").result_int() == 200u);

    // GET: every record as GET /v1/EndUsers/{Sid} gives it, in list order.
    auto got = c.get("/_trusthub/snapshot");
    BOOST_TEST_REQUIRE(got.result_int() == 200u);
    BOOST_TEST(got[http::field::content_type] == "application/json; charset=utf-8");
    auto snap = object_of(got);
    BOOST_TEST(snap.size() == 1u);
    const auto& items = snap.at("end_users").as_array();
    BOOST_TEST_REQUIRE(items.size() == 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(text(items[i].at("sid")) == sids[i]);
        BOOST_TEST(json::serialize(items[i]) == json::serialize(object_of(c.get("/v1/EndUsers/" + sids[i]))));
    }
    BOOST_TEST(json::serialize(items[0].at("attributes")) == attributes);
    BOOST_TEST(json::serialize(snap.at("end_users")) == json::serialize(end_users(c)));

    // PUT what GET gave: the same records (output is valid input, url and account_sid included).
    auto again = send_json(c, http::verb::put, "/_trusthub/snapshot", got.body());
    BOOST_TEST(again.result_int() == 200u, again.body());
    BOOST_TEST(again.body() == got.body());

    // PUT new records, in an order of their own, dates as given or from the account's clock.
    set_clock(c, R"({"mode":"frozen","now":"2031-01-01T00:00:00Z"})");
    std::string body = R"({"end_users":[)" +
                       item(sid3, "three", R"(,"attributes":{"q":[true,null],"b":{"d":1,"c":2}},)"
                                           R"("date_created":"2020-01-02T03:04:05Z","date_updated":"2021-06-07T08:09:10Z")") +
                       "," + item(sid1, "one", R"(,"date_created":"2019-12-31T23:59:59Z")") + "," +
                       item(sid2, "two", R"(,"account_sid":")" + server.account_sid() + R"(","url":"http://elsewhere/x")") +
                       "]}";
    auto put = send_json(c, http::verb::put, "/_trusthub/snapshot", body);
    BOOST_TEST_REQUIRE(put.result_int() == 200u, put.body());
    BOOST_TEST(put.body() == c.get("/_trusthub/snapshot").body());
    auto restored = object_of(put).at("end_users").as_array();
    BOOST_TEST_REQUIRE(restored.size() == 3u);
    BOOST_TEST(text(restored[0].at("sid")) == sid3);
    BOOST_TEST(text(restored[1].at("sid")) == sid1);
    BOOST_TEST(text(restored[2].at("sid")) == sid2);
    BOOST_TEST(json::serialize(restored[0].at("attributes")) == R"({"q":[true,null],"b":{"d":1,"c":2}})");
    BOOST_TEST(text(restored[0].at("date_created")) == "2020-01-02T03:04:05Z");
    BOOST_TEST(text(restored[0].at("date_updated")) == "2021-06-07T08:09:10Z");
    BOOST_TEST(text(restored[1].at("date_created")) == "2019-12-31T23:59:59Z");
    BOOST_TEST(text(restored[1].at("date_updated")) == "2019-12-31T23:59:59Z");
    BOOST_TEST(json::serialize(restored[1].at("attributes")) == "{}");
    BOOST_TEST(text(restored[2].at("date_created")) == "2031-01-01T00:00:00Z");
    BOOST_TEST(text(restored[2].at("date_updated")) == "2031-01-01T00:00:00Z");
    BOOST_TEST(text(restored[2].at("url")) == server.base_url() + "/v1/EndUsers/" + sid2);
    for (const auto& r : restored) {
        BOOST_TEST(text(r.at("account_sid")) == server.account_sid());
        BOOST_TEST(text(r.at("type")) == "individual");
    }
    // The API sees exactly these: the listing in this order, each fetchable, the old ones gone.
    BOOST_TEST(json::serialize(end_users(c)) == json::serialize(restored));
    BOOST_TEST(json::serialize(object_of(c.get("/v1/EndUsers/" + sid1))) == json::serialize(restored[1]));
    BOOST_TEST(c.get("/v1/EndUsers/" + sids[0]).result_int() == 404u);
    auto paged = object_of(c.get("/v1/EndUsers?PageSize=2"));
    BOOST_TEST(text(paged.at("results").as_array()[1].at("sid")) == sid1);
    BOOST_TEST(server.snapshot().size() == 3u);

    // An empty snapshot empties the account.
    auto empty = send_json(c, http::verb::put, "/_trusthub/snapshot", R"({"end_users":[]})");
    BOOST_TEST(empty.body() == R"({"end_users":[]})");
    BOOST_TEST(end_users(c).empty());
}

BOOST_AUTO_TEST_CASE(snapshot_put_refusals_name_the_key_and_change_nothing)
{
    test_server server(with_second_account());
    auto a = client_of(server);
    auto b = client_of(server, account_b, token_b);
    create(a, "kept1", R"({"k":1})");
    create(a, "kept2");
    std::string b_sid = create(b, "theirs");
    auto before_a = a.get("/_trusthub/snapshot").body();
    auto before_b = b.get("/_trusthub/snapshot").body();
    std::string good = item(sid1, "new");

    struct bad {
        std::string body;
        std::string name;
    };
    std::vector<bad> cases{
        {R"({"end_users":[)" + item("ITxyz", "x") + "]}", "end_users[0].sid"},
        {R"({"end_users":[)" + good + "," + item("IT" + std::string(32, 'A'), "x") + "]}", "end_users[1].sid"},
        {R"({"end_users":[{"friendly_name":"x","type":"individual"}]})", "end_users[0].sid"},
        {R"({"end_users":[)" + good + "," + item(sid2, "x") + "," + item(sid1, "again") + "]}", "end_users[2].sid"},
        {R"({"end_users":[)" + good + "," + item(sid2, "x", R"(,"colour":"red")") + "]}", "end_users[1].colour"},
        {R"({"end_users":[],"extra":1})", "extra"},
        {R"({"end_users":[)" + item(sid2, "x", R"(,"account_sid":")" + account_b + R"(")") + "]}",
         "end_users[0].account_sid"},
        {R"({"end_users":[)" + item(sid2, "x", R"(,"date_created":"2030-01-02 03:04:05")") + "]}",
         "end_users[0].date_created"},
        {R"({"end_users":[)" + good + "," + item(sid2, "x", R"(,"date_updated":"yesterday")") + "]}",
         "end_users[1].date_updated"},
        {R"({"end_users":[)" + item(sid2, "x", R"(,"attributes":"{}")") + "]}", "end_users[0].attributes"},
        {R"({"end_users":[)" + item(sid2, "x", R"(,"attributes":[1])") + "]}", "end_users[0].attributes"},
        {R"({"end_users":[{"sid":")" + sid2 + R"(","type":"individual"}]})", "end_users[0].friendly_name"},
        {R"({"end_users":[{"sid":")" + sid2 + R"(","friendly_name":"x","type":""}]})", "end_users[0].type"},
        {R"({"end_users":{}})", "end_users"},
        {R"(not json)", "body"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.body)
        {
            expect_invalid(send_json(a, http::verb::put, "/_trusthub/snapshot", c.body), c.name);
            BOOST_TEST(a.get("/_trusthub/snapshot").body() == before_a);
        }
    }

    // A SID the other account has: refused, after a valid item was already taken in; both
    // accounts as they were, order included.
    auto theirs = send_json(a, http::verb::put, "/_trusthub/snapshot",
                            R"({"end_users":[)" + good + "," + item(b_sid, "stolen") + "]}");
    expect_invalid(theirs, "end_users");
    BOOST_TEST(a.get("/_trusthub/snapshot").body() == before_a);
    BOOST_TEST(b.get("/_trusthub/snapshot").body() == before_b);
    BOOST_TEST(a.get("/v1/EndUsers/" + sid1).result_int() == 404u);
    BOOST_TEST(a.get("/v1/EndUsers/" + b_sid).result_int() == 404u);
    BOOST_TEST(text(object_of(b.get("/v1/EndUsers/" + b_sid)).at("friendly_name")) == "theirs");
}

// --- journal -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(journal_records_each_call_newest_last)
{
    test_server server;
    auto c = client_of(server);
    set_clock(c, R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");

    std::vector<response> answers;
    answers.push_back(c.post("/v1/EndUsers", "FriendlyName=first&Type=individual&Attributes=" +
                                                 form_encode(R"({"secret":"x"})")));
    std::string sid = text(object_of(answers.back()).at("sid"));
    answers.push_back(c.get("/v1/EndUsers?PageSize=2"));
    BOOST_TEST(c.get("/_trusthub/clock").result_int() == 200u);  // not journaled
    answers.push_back(c.get("/v1/EndUsers/" + sid));
    answers.push_back(c.post("/v1/EndUsers/" + sid, "FriendlyName=second&Attributes=" + form_encode(R"({"n":2})")));
    answers.push_back(c.get("/v1/EndUsers/" + sid3));
    answers.push_back(c.del("/v1/EndUsers/" + sid));
    answers.push_back(c.post("/v1/EndUsers", "FriendlyName=a&FriendlyName=b&Type=individual"));
    {
        auto stranger = client_of(server, server.account_sid(), "wrong");
        BOOST_TEST(stranger.get("/v1/EndUsers").result_int() == 401u);  // not authenticated: not journaled
    }
    BOOST_TEST(journal(c).size() == answers.size());  // GET /_trusthub/requests is not journaled either

    struct expected {
        const char* method;
        std::string path;
        const char* query;
        const char* params;
        unsigned status;
    };
    std::vector<expected> want{
        {"POST", "/v1/EndUsers", "", R"({"FriendlyName":"first","Type":"individual","Attributes":"[redacted]"})", 201},
        {"GET", "/v1/EndUsers", "PageSize=2", "{}", 200},
        {"GET", "/v1/EndUsers/" + sid, "", "{}", 200},
        {"POST", "/v1/EndUsers/" + sid, "", R"({"FriendlyName":"second","Attributes":"[redacted]"})", 200},
        {"GET", "/v1/EndUsers/" + sid3, "", "{}", 404},
        {"DELETE", "/v1/EndUsers/" + sid, "", "{}", 204},
        {"POST", "/v1/EndUsers", "", R"({"FriendlyName":["a","b"],"Type":"individual"})", answers.back().result_int()},
    };
    auto entries = journal(c);
    BOOST_TEST_REQUIRE(entries.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        BOOST_TEST_CONTEXT("entry " << i << ": " << json::serialize(entries[i]))
        {
            const auto& e = entries[i].as_object();
            BOOST_TEST(e.size() == 8u);
            BOOST_TEST(text(e.at("method")) == want[i].method);
            BOOST_TEST(text(e.at("path")) == want[i].path);
            BOOST_TEST(text(e.at("query")) == want[i].query);
            BOOST_TEST(e.at("params") == json::parse(want[i].params));
            BOOST_TEST(e.at("status").as_int64() == static_cast<std::int64_t>(want[i].status));
            BOOST_TEST(e.at("status").as_int64() == static_cast<std::int64_t>(answers[i].result_int()));
            BOOST_TEST(text(e.at("request_id")) == std::string(answers[i]["Twilio-Request-Id"]));
            BOOST_TEST(text(e.at("date")) == "2030-01-02T03:04:05Z");
            BOOST_TEST(e.at("fault").is_null());
        }
    }

    auto cleared = c.del("/_trusthub/requests");
    BOOST_TEST(cleared.result_int() == 204u);
    BOOST_TEST(cleared.body().empty());
    BOOST_TEST(journal(c).empty());
    end_users(c);
    BOOST_TEST(journal(c).size() == 1u);
}

BOOST_AUTO_TEST_CASE(journal_keeps_attributes_when_asked_and_holds_at_most_its_capacity)
{
    test_server_options o;
    o.control.keep_attributes_in_journal = true;
    o.control.journal_capacity = 3;
    test_server server(o);
    auto c = client_of(server);
    for (int i = 0; i < 5; ++i)
        create(c, "n" + std::to_string(i), R"({"n":)" + std::to_string(i) + "}");
    auto entries = journal(c);
    BOOST_TEST_REQUIRE(entries.size() == 3u);
    for (int i = 0; i < 3; ++i) {
        const auto& params = entries[i].at("params").as_object();
        BOOST_TEST(text(params.at("FriendlyName")) == "n" + std::to_string(i + 2));
        BOOST_TEST(text(params.at("Attributes")) == R"({"n":)" + std::to_string(i + 2) + "}");
    }
    end_users(c);
    entries = journal(c);
    BOOST_TEST_REQUIRE(entries.size() == 3u);
    BOOST_TEST(text(entries[0].at("params").at("FriendlyName")) == "n3");
    BOOST_TEST(text(entries[2].at("method")) == "GET");
}

// --- faults ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(fault_429_answers_like_twilio_and_the_rule_is_stored_with_defaults)
{
    test_server server;
    auto c = client_of(server);
    auto rule = add_fault(c, R"({"method":"post","path":"/v1/EndUsers","status":429})");
    auto stored = json::parse(R"({"id":1,"method":"POST","path":"/v1/EndUsers","after":0,"every":1,"times":null,)"
                              R"("probability":1,"seed":0,"status":429,"code":20429,"message":"Too Many Requests",)"
                              R"("retry_after":1,"delay_ms":0,"drop":false,"commit":false,"matched":0,"hit":0})");
    BOOST_TEST(json::value(rule) == stored, json::serialize(rule));

    auto refused = c.post("/v1/EndUsers", "FriendlyName=x&Type=individual");
    expect_error(refused, 429, 20429);
    BOOST_TEST(refused.body() ==
               R"({"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429})");
    BOOST_TEST(refused[http::field::retry_after] == "1");
    BOOST_TEST(!refused["Twilio-Request-Id"].empty());
    BOOST_TEST(end_users(c).empty());  // a GET: not matched; and nothing was created

    auto entries = journal(c);
    BOOST_TEST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(entries[0].at("status").as_int64() == 429);
    BOOST_TEST(entries[0].at("fault").as_int64() == 1);
    BOOST_TEST(text(entries[0].at("request_id")) == std::string(refused["Twilio-Request-Id"]));
    BOOST_TEST(entries[1].at("fault").is_null());
    auto listed = faults(c);
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].at("matched").as_int64() == 1);
    BOOST_TEST(listed[0].at("hit").as_int64() == 1);

    // Defaults for other statuses, as the spec lists them.
    struct defaults {
        int status;
        int code;
        const char* message;
        int retry_after;
    };
    for (auto d : {defaults{400, 20001, "Bad Request", 0}, defaults{404, 20404, "Not Found", 0},
                   defaults{500, 20500, "Internal Server Error", 0}, defaults{503, 20503, "Service Unavailable", 1},
                   defaults{502, 20502, "Bad Gateway", 0}, defaults{401, 20003, "Unauthorized", 0},
                   defaults{405, 20004, "Method Not Allowed", 0}}) {
        BOOST_TEST_CONTEXT("status " << d.status)
        {
            auto r = add_fault(c, R"({"path":"/nowhere","status":)" + std::to_string(d.status) + "}");
            BOOST_TEST(r.at("code").as_int64() == d.code);
            BOOST_TEST(text(r.at("message")) == d.message);
            BOOST_TEST(r.at("retry_after").as_int64() == d.retry_after);
        }
    }
    BOOST_TEST(c.del("/_trusthub/faults").result_int() == 204u);

    // Custom code, message and Retry-After; 0 sends no Retry-After.
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","status":503,"code":12345,"message":"try later","retry_after":7,"times":1})");
    auto custom = c.get("/v1/EndUsers");
    expect_error(custom, 503, 12345);
    BOOST_TEST(text(object_of(custom).at("message")) == "try later");
    BOOST_TEST(custom[http::field::retry_after] == "7");
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","status":429,"retry_after":0,"times":1})");
    auto quiet = c.get("/v1/EndUsers");
    expect_error(quiet, 429, 20429);
    BOOST_TEST(quiet.count(http::field::retry_after) == 0u);
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","status":500,"times":1})");
    auto internal = c.get("/v1/EndUsers");
    expect_error(internal, 500, 20500);
    BOOST_TEST(internal.count(http::field::retry_after) == 0u);
    BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);  // every rule spent
    BOOST_TEST(faults(c).size() == 3u);                        // and still listed
}

BOOST_AUTO_TEST_CASE(after_every_and_times_select_exactly_the_calls)
{
    test_server server;
    auto c = client_of(server);
    std::string target = "/v1/EndUsers/" + create(c, "target");
    c.del("/_trusthub/requests");

    // after 1, times 2: the 2nd and 3rd matches. The listing does not match the glob.
    auto first = add_fault(c, R"({"method":"GET","path":"/v1/EndUsers/*","after":1,"times":2,"status":500})");
    std::vector<int> failed;
    for (int i = 1; i <= 6; ++i) {
        if (c.get(target).result_int() != 200u)
            failed.push_back(i);
        BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);
    }
    BOOST_TEST((failed == std::vector<int>{2, 3}));
    auto rules = faults(c);
    BOOST_TEST(rules[0].at("matched").as_int64() == 6);
    BOOST_TEST(rules[0].at("hit").as_int64() == 2);
    BOOST_TEST(rules[0].at("times").as_int64() == 2);
    auto entries = journal(c);
    BOOST_TEST_REQUIRE(entries.size() == 12u);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        bool hit = i == 2 || i == 4;  // fetches 2 and 3
        BOOST_TEST(entries[i].at("fault") == (hit ? first.at("id") : json::value(nullptr)), "entry " << i);
        BOOST_TEST(entries[i].at("status").as_int64() == (hit ? 500 : 200), "entry " << i);
    }
    c.del("/_trusthub/faults");

    // every 2 (after 0): "one match in every 2 hits (the nth, 2nth…)": the 2nd, 4th, 6th.
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers/*","every":2,"status":500})");
    BOOST_TEST((failing_calls(c, target, 6) == std::vector<int>{2, 4, 6}));
    c.del("/_trusthub/faults");

    // after 2, every 3, times 2: matches 3… counted anew; the 3rd and 6th of those (5 and 8).
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers/*","after":2,"every":3,"times":2,"status":500})");
    BOOST_TEST((failing_calls(c, target, 12) == std::vector<int>{5, 8}));
    rules = faults(c);
    BOOST_TEST(rules[0].at("matched").as_int64() == 12);
    BOOST_TEST(rules[0].at("hit").as_int64() == 2);
    c.del("/_trusthub/faults");

    // Every matching rule counts the call; the first that hits acts.
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","status":503,"times":1})");
    add_fault(c, R"({"path":"/v1/**","status":500})");
    expect_error(c.get("/v1/EndUsers"), 503, 20503);
    expect_error(c.get("/v1/EndUsers"), 500, 20500);
    expect_error(c.get(target), 500, 20500);
    rules = faults(c);
    BOOST_TEST_REQUIRE(rules.size() == 2u);
    BOOST_TEST(rules[0].at("matched").as_int64() == 2);
    BOOST_TEST(rules[0].at("hit").as_int64() == 1);
    BOOST_TEST(rules[1].at("matched").as_int64() == 3);
    BOOST_TEST(rules[1].at("hit").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(probability_with_a_seed_repeats_across_servers)
{
    auto outcomes = [](const std::string& rule) {
        test_server server;
        auto c = client_of(server);
        add_fault(c, rule);
        std::vector<bool> failed;
        for (int i = 0; i < 40; ++i)
            failed.push_back(c.get("/v1/EndUsers").result_int() != 200u);
        auto stored = faults(c).at(0);
        BOOST_TEST(stored.at("matched").as_int64() == 40);
        BOOST_TEST(stored.at("hit").as_int64() == std::count(failed.begin(), failed.end(), true));
        return failed;
    };
    std::string rule = R"({"method":"GET","path":"/v1/EndUsers","probability":0.5,"seed":42,"status":500})";
    auto one = outcomes(rule);
    auto two = outcomes(rule);
    BOOST_TEST((one == two));
    auto hits = std::count(one.begin(), one.end(), true);
    BOOST_TEST(hits > 0);
    BOOST_TEST(hits < 40);
    auto other = outcomes(R"({"method":"GET","path":"/v1/EndUsers","probability":0.5,"seed":7,"status":500})");
    BOOST_TEST((other != one));
    auto never = outcomes(R"({"method":"GET","path":"/v1/EndUsers","probability":0,"status":500})");
    BOOST_TEST(std::count(never.begin(), never.end(), true) == 0);
}

BOOST_AUTO_TEST_CASE(commit_makes_the_write_happen_though_the_client_sees_an_error)
{
    test_server server;
    auto c = client_of(server);
    auto rule = add_fault(c, R"({"method":"POST","path":"/v1/EndUsers","status":500,"commit":true,"times":1})");
    BOOST_TEST(rule.at("commit").as_bool());
    auto failed = c.post("/v1/EndUsers", "FriendlyName=written&Type=individual");
    expect_error(failed, 500, 20500);
    auto records = end_users(c);
    BOOST_TEST_REQUIRE(records.size() == 1u);
    BOOST_TEST(text(records[0].at("friendly_name")) == "written");
    auto entries = journal(c);
    BOOST_TEST(entries[0].at("status").as_int64() == 500);
    BOOST_TEST(entries[0].at("fault").as_int64() == 1);
    create(c, "next");
    BOOST_TEST(end_users(c).size() == 2u);
}

BOOST_AUTO_TEST_CASE(drop_closes_the_connection_without_an_answer)
{
    test_server server;
    auto c = client_of(server);
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","drop":true,"times":1})");
    BOOST_TEST(answered_nothing(c, http::verb::get, "/v1/EndUsers"));
    BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);  // on a new connection

    // With commit: the record is made all the same.
    add_fault(c, R"({"method":"POST","path":"/v1/EndUsers","drop":true,"commit":true,"times":1})");
    BOOST_TEST(answered_nothing(c, http::verb::post, "/v1/EndUsers", "FriendlyName=dropped&Type=individual"));
    auto records = end_users(c);
    BOOST_TEST_REQUIRE(records.size() == 1u);
    BOOST_TEST(text(records[0].at("friendly_name")) == "dropped");

    auto entries = journal(c);
    BOOST_TEST_REQUIRE(entries.size() == 4u);
    BOOST_TEST(entries[0].at("status").is_null());
    BOOST_TEST(entries[0].at("fault").as_int64() == 1);
    BOOST_TEST(text(entries[0].at("request_id")).starts_with("RQ"));
    BOOST_TEST(entries[1].at("status").as_int64() == 200);
    BOOST_TEST(entries[2].at("status").is_null());
    BOOST_TEST(entries[2].at("fault").as_int64() == 2);
    BOOST_TEST(text(entries[2].at("method")) == "POST");
}

BOOST_AUTO_TEST_CASE(delay_waits_then_answers)
{
    test_server server;
    auto c = client_of(server);
    auto rule = add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","delay_ms":300,"times":1})");
    BOOST_TEST(rule.at("delay_ms").as_int64() == 300);
    BOOST_TEST(rule.at("status").is_null());
    BOOST_TEST(rule.at("code").is_null());
    BOOST_TEST(rule.at("message").is_null());
    BOOST_TEST(rule.at("retry_after").is_null());
    auto started = std::chrono::steady_clock::now();
    auto slow = c.get("/v1/EndUsers");
    auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST(slow.result_int() == 200u);
    BOOST_TEST(object_of(slow).at("results").as_array().empty());
    BOOST_TEST((took >= std::chrono::milliseconds(300)));
    BOOST_TEST(faults(c).at(0).at("hit").as_int64() == 1);
    BOOST_TEST(journal(c).at(0).at("status").as_int64() == 200);

    add_fault(c, R"({"method":"POST","delay_ms":200,"status":503,"times":1})");
    started = std::chrono::steady_clock::now();
    auto late = c.post("/v1/EndUsers", "FriendlyName=x&Type=individual");
    took = std::chrono::steady_clock::now() - started;
    expect_error(late, 503, 20503);
    BOOST_TEST((took >= std::chrono::milliseconds(200)));
    BOOST_TEST(end_users(c).empty());
}

BOOST_AUTO_TEST_CASE(rules_act_on_their_own_account_only_and_not_on_the_control_api)
{
    test_server_options o;
    o.account_sid = account_a;
    o.auth_token = "token-a";
    std::string key = "SK" + std::string(32, 'c');
    o.more_credentials = {account_b + ":" + token_b, key + ":secret-c:" + account_a};
    test_server server(o);
    auto a = client_of(server);
    auto b = client_of(server, account_b, token_b);
    auto by_key = client_of(server, key, "secret-c");

    add_fault(a, R"({"status":500})");  // every call of A's, any method, any path
    BOOST_TEST(b.get("/v1/EndUsers").result_int() == 200u);
    create(b, "b1");
    BOOST_TEST(faults(b).empty());
    expect_error(a.get("/v1/EndUsers"), 500, 20500);
    expect_error(by_key.get("/v1/EndUsers"), 500, 20500);  // an API key of A's is A

    // The control API itself is never faulted (nor journaled).
    BOOST_TEST(a.get("/_trusthub/snapshot").result_int() == 200u);
    set_clock(a, R"({"mode":"real"})");
    auto rules = faults(by_key);
    BOOST_TEST_REQUIRE(rules.size() == 1u);
    BOOST_TEST(rules[0].at("matched").as_int64() == 2);
    BOOST_TEST(journal(a).size() == 2u);
    BOOST_TEST(journal(b).size() == 2u);

    // B cannot remove A's rule; its own ids start at 1.
    expect_error(b.del("/_trusthub/faults/1"), 404, 20404);
    BOOST_TEST(faults(a).size() == 1u);
    BOOST_TEST(add_fault(b, R"({"path":"/nowhere","status":500})").at("id").as_int64() == 1);
    BOOST_TEST(b.del("/_trusthub/faults").result_int() == 204u);
    BOOST_TEST(faults(a).size() == 1u);
}

BOOST_AUTO_TEST_CASE(delete_removes_one_rule_or_all)
{
    test_server server;
    auto c = client_of(server);
    add_fault(c, R"({"path":"/nowhere","status":500})");
    add_fault(c, R"({"method":"GET","path":"/v1/EndUsers","status":500})");
    add_fault(c, R"({"path":"/nowhere/either","status":500})");
    expect_error(c.get("/v1/EndUsers"), 500, 20500);

    auto gone = c.del("/_trusthub/faults/2");
    BOOST_TEST(gone.result_int() == 204u);
    BOOST_TEST(gone.body().empty());
    auto rules = faults(c);
    BOOST_TEST_REQUIRE(rules.size() == 2u);
    BOOST_TEST(rules[0].at("id").as_int64() == 1);
    BOOST_TEST(rules[1].at("id").as_int64() == 3);
    BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);

    expect_error(c.del("/_trusthub/faults/2"), 404, 20404);
    expect_error(c.del("/_trusthub/faults/99"), 404, 20404);
    expect_error(c.del("/_trusthub/faults/abc"), 404, 20404);
    BOOST_TEST(faults(c).size() == 2u);

    BOOST_TEST(c.del("/_trusthub/faults").result_int() == 204u);
    BOOST_TEST(faults(c).empty());
    BOOST_TEST(add_fault(c, R"({"path":"/nowhere","status":500})").at("id").as_int64() == 4);
}

BOOST_AUTO_TEST_CASE(bad_rules_are_refused_naming_the_key)
{
    test_server server;
    auto c = client_of(server);
    struct bad {
        const char* body;
        const char* name;
    };
    for (auto b : {bad{R"({"colour":"red","status":500})", "colour"}, bad{R"({"status":200})", "status"},
                   bad{R"({"status":600})", "status"}, bad{R"({"status":"500"})", "status"},
                   bad{R"({"status":500,"drop":true})", "drop"}, bad{R"({"commit":true})", "commit"},
                   bad{R"({"commit":true,"delay_ms":5})", "commit"}, bad{R"({"status":500,"times":0})", "times"},
                   bad{R"({"status":500,"every":0})", "every"}, bad{R"({"status":500,"after":-1})", "after"},
                   bad{R"({"status":500,"probability":1.5})", "probability"},
                   bad{R"({"delay_ms":60001})", "delay_ms"}, bad{R"({"status":500,"method":"G T"})", "method"},
                   bad{R"({"status":500,"path":"v1/EndUsers"})", "path"}, bad{R"({"code":20001})", "code"},
                   bad{R"({"drop":"yes"})", "drop"}, bad{R"({})", "body"}, bad{R"([1])", "body"},
                   bad{R"({"path":"/v1/EndUsers"})", "body"}}) {
        BOOST_TEST_CONTEXT(b.body)
        {
            expect_invalid(send_json(c, http::verb::post, "/_trusthub/faults", b.body), b.name);
        }
    }
    BOOST_TEST(faults(c).empty());
    BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);
}

// --- clock -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(clock_modes_govern_the_dates_of_creates_and_updates)
{
    test_server server(with_second_account());
    auto c = client_of(server);
    auto b = client_of(server, account_b, token_b);

    auto frozen = set_clock(c, R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");
    BOOST_TEST(json::serialize(frozen) == R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");
    BOOST_TEST(json::serialize(object_of(c.get("/_trusthub/clock"))) == json::serialize(frozen));
    auto made = object_of(c.post("/v1/EndUsers", "FriendlyName=x&Type=individual"));
    std::string sid = text(made.at("sid"));
    BOOST_TEST(text(made.at("date_created")) == "2030-01-02T03:04:05Z");
    BOOST_TEST(text(made.at("date_updated")) == "2030-01-02T03:04:05Z");

    set_clock(c, R"({"mode":"frozen","now":"2031-05-06T07:08:09Z"})");
    auto updated = object_of(c.post("/v1/EndUsers/" + sid, "FriendlyName=y"));
    BOOST_TEST(text(updated.at("date_created")) == "2030-01-02T03:04:05Z");
    BOOST_TEST(text(updated.at("date_updated")) == "2031-05-06T07:08:09Z");
    BOOST_TEST(json::serialize(object_of(c.get("/v1/EndUsers/" + sid))) == json::serialize(updated));

    // Another account lives in real time meanwhile.
    auto before = real_now();
    auto theirs = object_of(b.post("/v1/EndUsers", "FriendlyName=b&Type=individual"));
    auto after = real_now();
    BOOST_TEST((date_of(theirs.at("date_created")) >= before && date_of(theirs.at("date_created")) <= after));
    BOOST_TEST(text(object_of(b.get("/_trusthub/clock")).at("mode")) == "real");

    // Offset, ahead and behind.
    constexpr std::chrono::seconds ten_days(864000);
    before = real_now();
    auto offset = set_clock(c, R"({"mode":"offset","seconds":864000})");
    made = object_of(c.post("/v1/EndUsers", "FriendlyName=z&Type=individual"));
    after = real_now();
    BOOST_TEST(text(offset.at("mode")) == "offset");
    BOOST_TEST(offset.at("seconds").as_int64() == 864000);
    BOOST_TEST((date_of(offset.at("now")) >= before + ten_days && date_of(offset.at("now")) <= after + ten_days));
    BOOST_TEST((date_of(made.at("date_created")) >= before + ten_days && date_of(made.at("date_created")) <= after + ten_days));
    BOOST_TEST(text(made.at("date_updated")) == text(made.at("date_created")));

    before = real_now();
    auto behind = set_clock(c, R"({"mode":"offset","seconds":-86400})");
    updated = object_of(c.post("/v1/EndUsers/" + sid, "FriendlyName=w"));
    after = real_now();
    BOOST_TEST(behind.at("seconds").as_int64() == -86400);
    constexpr std::chrono::seconds day(86400);
    BOOST_TEST((date_of(updated.at("date_updated")) >= before - day && date_of(updated.at("date_updated")) <= after - day));
    BOOST_TEST(text(updated.at("date_created")) == "2030-01-02T03:04:05Z");

    // Real again.
    before = real_now();
    auto real = set_clock(c, R"({"mode":"real"})");
    made = object_of(c.post("/v1/EndUsers", "FriendlyName=r&Type=individual"));
    after = real_now();
    BOOST_TEST(real.size() == 2u);
    BOOST_TEST(text(real.at("mode")) == "real");
    BOOST_TEST((date_of(real.at("now")) >= before && date_of(real.at("now")) <= after));
    BOOST_TEST((date_of(made.at("date_created")) >= before && date_of(made.at("date_created")) <= after));

    // Bad bodies: 400 naming the key, the clock as it was.
    set_clock(c, R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");
    struct bad {
        const char* body;
        const char* name;
    };
    for (auto x : {bad{R"({"mode":"sideways"})", "mode"}, bad{R"({})", "mode"}, bad{R"({"mode":"frozen"})", "now"},
                   bad{R"({"mode":"frozen","now":"tomorrow"})", "now"}, bad{R"({"mode":"offset"})", "seconds"},
                   bad{R"({"mode":"offset","seconds":1.5})", "seconds"},
                   bad{R"({"mode":"offset","seconds":"60"})", "seconds"},
                   bad{R"({"mode":"real","now":"2030-01-02T03:04:05Z"})", "now"},
                   bad{R"({"mode":"frozen","now":"2030-01-02T03:04:05Z","seconds":5})", "seconds"},
                   bad{R"({"mode":"real","extra":1})", "extra"}, bad{"not json", "body"}}) {
        BOOST_TEST_CONTEXT(x.body)
        {
            expect_invalid(send_json(c, http::verb::put, "/_trusthub/clock", x.body), x.name);
        }
    }
    BOOST_TEST(json::serialize(object_of(c.get("/_trusthub/clock"))) ==
               R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");
}

// --- authentication, and a server without the control API --------------------------------------

BOOST_AUTO_TEST_CASE(control_routes_need_credentials)
{
    test_server server;
    auto c = client_of(server);
    create(c, "kept");
    struct call {
        http::verb method;
        const char* target;
        const char* body;
    };
    std::vector<call> calls{
        {http::verb::post, "/_trusthub/reset", ""},
        {http::verb::get, "/_trusthub/snapshot", ""},
        {http::verb::put, "/_trusthub/snapshot", R"({"end_users":[]})"},
        {http::verb::get, "/_trusthub/requests", ""},
        {http::verb::delete_, "/_trusthub/requests", ""},
        {http::verb::get, "/_trusthub/faults", ""},
        {http::verb::post, "/_trusthub/faults", R"({"status":500})"},
        {http::verb::delete_, "/_trusthub/faults", ""},
        {http::verb::delete_, "/_trusthub/faults/1", ""},
        {http::verb::get, "/_trusthub/clock", ""},
        {http::verb::put, "/_trusthub/clock", R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})"},
    };
    http_client anonymous(server.endpoint(), std::chrono::seconds(5));
    auto wrong = client_of(server, server.account_sid(), "not-the-token");
    for (const auto& x : calls) {
        BOOST_TEST_CONTEXT(http::to_string(x.method) << " " << x.target)
        {
            auto r = send_json(anonymous, x.method, x.target, x.body);
            expect_error(r, 401, 20003);
            BOOST_TEST(!r[http::field::www_authenticate].empty());
            expect_error(send_json(wrong, x.method, x.target, x.body), 401, 20003);
        }
    }
    // Nothing happened.
    BOOST_TEST(end_users(c).size() == 1u);
    BOOST_TEST(faults(c).empty());
    BOOST_TEST(journal(c).size() == 2u);
    BOOST_TEST(text(object_of(c.get("/_trusthub/clock")).at("mode")) == "real");
}

BOOST_AUTO_TEST_CASE(the_control_api_lives_under_the_mount_prefix_and_globs_match_below_it)
{
    test_server_options o;
    o.mount_prefix = "/trusthub";
    test_server server(o);
    BOOST_TEST(server.base_url().ends_with("/trusthub"));
    http_client c(server.endpoint(), std::chrono::seconds(5));
    c.authorization = basic_auth(server.account_sid(), server.auth_token());

    auto rule = send_json(c, http::verb::post, "/trusthub/_trusthub/faults", R"({"path":"/v1/EndUsers","status":503})");
    BOOST_TEST_REQUIRE(rule.result_int() == 201u, rule.body());
    expect_error(c.post("/trusthub/v1/EndUsers", "FriendlyName=a&Type=individual"), 503, 20503);
    auto r = c.get("/trusthub/_trusthub/requests");
    BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    auto requests = object_of(r).at("requests").as_array();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(text(requests[0].at("path")) == "/trusthub/v1/EndUsers");  // as the client sent it
    BOOST_TEST(requests[0].at("status").as_int64() == 503);

    expect_error(c.post("/_trusthub/reset", ""), 404, 20404);  // not outside the prefix
    auto reset = c.post("/trusthub/_trusthub/reset", "");
    BOOST_TEST(reset.result_int() == 200u, reset.body());
    BOOST_TEST(c.post("/trusthub/v1/EndUsers", "FriendlyName=a&Type=individual").result_int() == 201u);
}

BOOST_AUTO_TEST_CASE(a_server_without_the_control_api_answers_404)
{
    listener_fixture f;  // the EndUser and EndUserType endpoints only
    auto c = f.client();
    expect_error(c.post("/_trusthub/reset", ""), 404, 20404);
    expect_error(c.get("/_trusthub/snapshot"), 404, 20404);
    c.authorization.reset();
    expect_error(c.post("/_trusthub/reset", ""), 404, 20404);
}

BOOST_AUTO_TEST_SUITE_END()
