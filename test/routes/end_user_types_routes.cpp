// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The EndUserTypes endpoints and the EndUser type checks on in-memory requests: paging, fetch by
// SID and by machine name, what the table answers (404, 401, 405, HEAD, OPTIONS), and the
// off/warn/strict behaviour of create and update. Every response is checked against Twilio's
// OpenAPI file.

#include <support/basic_auth.hpp>
#include <support/response_conformance.hpp>
#include <support/run.hpp>

#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/end_user_endpoints.hpp>
#include <trusthub/resources/end_user_type_endpoints.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/store/memory_store.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace trusthub;
using trusthub::test::run_bounded;
namespace json = boost::json;
namespace http = boost::beast::http;
using request = exchange::request_type;
using response = exchange::response_type;

namespace {

const std::string account_a = "AC" + std::string(32, 'a');
const std::string rep_sid = "OY27dc54f616324d2eaa29d9e2dff725e6";  // authorized_representative_1

// The EndUsers and the EndUserTypes behind one exchange, with `checks` for the EndUsers.
struct types_api {
    explicit types_api(type_checking mode = type_checking::off, const end_user_type_catalogue* catalogue = nullptr)
    {
        end_user_endpoint_options o;
        o.check_types = mode;
        o.catalogue = catalogue;
        o.log = logger(log_level::warning, [this](log_level, std::string_view line) { warnings.emplace_back(line); });
        add_end_user_endpoints(endpoints, svc, std::move(o));
        add_end_user_type_endpoints(endpoints, catalogue ? *catalogue : default_catalogue());
    }

    boost::asio::io_context io;
    manual_clock clock{timestamp(std::chrono::seconds(1613508057))};
    memory_store records;
    service svc{records, service_options{clock, sequential_sids()}};
    std::vector<std::string> warnings;
    endpoint_table endpoints;
    exchange api{endpoints, [] {
                     exchange_options o;
                     o.public_url = "https://th.example.com";
                     o.authenticate = credential_table().add_account(account_a, "token-a");
                     return o;
                 }()};

    response send(http::verb method, std::string target, std::string body = {}, bool signed_in = true)
    {
        request req{method, target, 11};
        if (signed_in)
            req.set(http::field::authorization, test::basic_auth(account_a + ":token-a"));
        if (!body.empty())
            req.set(http::field::content_type, "application/x-www-form-urlencoded");
        req.body() = std::move(body);
        req.prepare_payload();
        auto res = run_bounded(io, api.handle(std::move(req)));
        for (const auto& problem : test::response_problems(method, target, res))
            BOOST_ERROR(problem);
        return res;
    }

    response get(std::string target) { return send(http::verb::get, std::move(target)); }

    static json::object body_of(const response& res) { return json::parse(res.body()).as_object(); }

    static void check_error(const response& res, unsigned status, int code, std::string_view message)
    {
        BOOST_TEST(res.result_int() == status);
        auto b = body_of(res);
        BOOST_TEST(b["code"].as_int64() == code);
        BOOST_TEST(b["message"].as_string() == message);
        BOOST_TEST(b["status"].as_int64() == status);
    }

    // The EndUsers of the account, by friendly name.
    std::vector<std::string> end_user_names()
    {
        std::vector<std::string> out;
        auto body = body_of(get("/v1/EndUsers"));  // kept: the loop walks into it
        for (const auto& u : body["results"].as_array())
            out.emplace_back(u.as_object().at("friendly_name").as_string());
        return out;
    }
};

struct strict_api : types_api {
    strict_api() : types_api(type_checking::strict) {}
};
struct warn_api : types_api {
    warn_api() : types_api(type_checking::warn) {}
};

// What a path is after `base` (the public URL): following links verbatim, as the SDKs do.
std::string local(std::string_view url)
{
    constexpr std::string_view base = "https://th.example.com";
    BOOST_TEST_REQUIRE(url.starts_with(base));
    return std::string(url.substr(base.size()));
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(end_user_types_routes, types_api)

BOOST_AUTO_TEST_CASE(the_list_has_every_type_on_one_default_page)
{
    BOOST_TEST(api.owns("/v1/EndUserTypes"));
    BOOST_TEST(api.owns("/v1/EndUserTypes/authorized_representative_1"));
    auto res = get("/v1/EndUserTypes");
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(!res["Twilio-Request-Id"].empty());
    auto body = body_of(res);
    BOOST_TEST(body.size() == 2u);
    const auto& types = body["end_user_types"].as_array();
    BOOST_TEST(types.size() == default_catalogue().size());
    BOOST_TEST(types[0].as_object().at("machine_name").as_string() == "authorized_representative_1");
    BOOST_TEST(types[0].as_object().at("url").as_string() == "https://th.example.com/v1/EndUserTypes/" + rep_sid);
    auto& meta = body["meta"].as_object();
    BOOST_TEST(meta["key"].as_string() == "end_user_types");
    BOOST_TEST(meta["page"].as_int64() == 0);
    BOOST_TEST(meta["page_size"].as_int64() == 50);
    BOOST_TEST(meta["url"].as_string() == "https://th.example.com/v1/EndUserTypes?PageSize=50&Page=0");
    BOOST_TEST(meta["next_page_url"].is_null());
    BOOST_TEST(meta["previous_page_url"].is_null());
}

BOOST_AUTO_TEST_CASE(following_next_page_url_verbatim_walks_every_type_once_and_back)
{
    std::vector<std::string> seen;
    std::vector<std::string> pages;
    std::string next = "/v1/EndUserTypes?PageSize=2";
    for (int guard = 0; !next.empty() && guard < 20; ++guard) {
        auto res = get(next);
        BOOST_TEST_REQUIRE(res.result_int() == 200u);
        auto body = body_of(res);
        for (const auto& t : body["end_user_types"].as_array())
            seen.emplace_back(t.as_object().at("machine_name").as_string());
        auto& meta = body["meta"].as_object();
        BOOST_TEST(meta["page_size"].as_int64() == 2);
        BOOST_TEST(meta["page"].as_int64() == static_cast<std::int64_t>(pages.size()));
        pages.push_back(next);
        next = meta["next_page_url"].is_null() ? std::string() : local(meta["next_page_url"].as_string());
    }
    std::vector<std::string> all;
    for (const auto& t : default_catalogue().types())
        all.push_back(t.machine_name);
    BOOST_TEST(seen == all);
    BOOST_TEST(pages.size() == (all.size() + 1) / 2);

    // previous_page_url from the last page leads to the page before it.
    auto last = body_of(get(pages.back()))["meta"].as_object();
    BOOST_TEST_REQUIRE(!last["previous_page_url"].is_null());
    auto before = body_of(get(local(last["previous_page_url"].as_string())));
    auto again = body_of(get(pages[pages.size() - 2]));
    BOOST_TEST(before["end_user_types"] == again["end_user_types"]);
}

BOOST_AUTO_TEST_CASE(bad_paging_parameters_are_400_as_for_end_users)
{
    check_error(get("/v1/EndUserTypes?PageSize=0"), 400, 20001,
                "Invalid parameter PageSize: must be a whole number from 1 to 1000");
    check_error(get("/v1/EndUserTypes?PageSize=1001"), 400, 20001,
                "Invalid parameter PageSize: must be a whole number from 1 to 1000");
    check_error(get("/v1/EndUserTypes?Page=x"), 400, 20001, "Invalid parameter Page: must be a whole number from 0");
    check_error(get("/v1/EndUserTypes?PageToken=PA0000000000000001ffffffff"), 400, 21481, "Invalid PageToken");
}

BOOST_AUTO_TEST_CASE(fetch_by_sid_and_by_machine_name_give_the_same_resource)
{
    auto by_sid = get("/v1/EndUserTypes/" + rep_sid);
    BOOST_TEST(by_sid.result_int() == 200u);
    auto by_name = get("/v1/EndUserTypes/authorized_representative_1");
    BOOST_TEST(by_name.result_int() == 200u);
    BOOST_TEST(by_sid.body() == by_name.body());
    auto body = body_of(by_sid);
    BOOST_TEST(body["sid"].as_string() == rep_sid);
    BOOST_TEST(body["url"].as_string() == "https://th.example.com/v1/EndUserTypes/" + rep_sid);
    BOOST_TEST(body["fields"].as_array().size() == 6u);
    // Every type, as Twilio's Policies link to it.
    for (const auto& t : default_catalogue().types()) {
        auto one = get("/v1/EndUserTypes/" + t.machine_name);
        BOOST_TEST(one.result_int() == 200u, t.machine_name);
        BOOST_TEST(body_of(one)["sid"].as_string() == t.sid);
    }
}

BOOST_AUTO_TEST_CASE(unknown_types_and_paths_are_twilios_404)
{
    std::string zero = "/v1/EndUserTypes/OY" + std::string(32, '0');
    check_error(get(zero), 404, 20404, "The requested resource " + zero + " was not found");
    check_error(get("/v1/EndUserTypes/individual"), 404, 20404,
                "The requested resource /v1/EndUserTypes/individual was not found");
    check_error(get("/v1/EndUserTypes/" + rep_sid + "/Fields"), 404, 20404,
                "The requested resource /v1/EndUserTypes/" + rep_sid + "/Fields was not found");
    // Upper-case hex is not the SID's spelling, and no machine name either.
    check_error(get("/v1/EndUserTypes/OY27DC54F616324D2EAA29D9E2DFF725E6"), 404, 20404,
                "The requested resource /v1/EndUserTypes/OY27DC54F616324D2EAA29D9E2DFF725E6 was not found");
}

BOOST_AUTO_TEST_CASE(without_credentials_both_are_401)
{
    for (std::string target : {std::string("/v1/EndUserTypes"), "/v1/EndUserTypes/" + rep_sid}) {
        auto res = send(http::verb::get, target, {}, false);
        check_error(res, 401, 20003, "Authenticate");
        BOOST_TEST(res[http::field::www_authenticate] == R"(Basic realm="Twilio API")");
    }
}

BOOST_AUTO_TEST_CASE(other_methods_are_405_with_allow)
{
    auto post = send(http::verb::post, "/v1/EndUserTypes", "FriendlyName=x");
    check_error(post, 405, 20004,
                "The requested resource /v1/EndUserTypes does not support the attempted HTTP method POST");
    BOOST_TEST(post[http::field::allow] == "GET, OPTIONS");
    auto del = send(http::verb::delete_, "/v1/EndUserTypes/" + rep_sid);
    check_error(del, 405, 20004,
                "The requested resource /v1/EndUserTypes/" + rep_sid +
                    " does not support the attempted HTTP method DELETE");
    BOOST_TEST(del[http::field::allow] == "GET, OPTIONS");
}

BOOST_AUTO_TEST_CASE(head_is_the_get_without_its_body_and_options_needs_no_credentials)
{
    for (std::string target : {std::string("/v1/EndUserTypes?PageSize=3"), "/v1/EndUserTypes/" + rep_sid}) {
        auto got = get(target);
        auto head = send(http::verb::head, target);
        BOOST_TEST(head.result_int() == 200u);
        BOOST_TEST(head.body().empty());
        BOOST_TEST(head[http::field::content_length] == std::to_string(got.body().size()));
        BOOST_TEST(head[http::field::content_type] == "application/json; charset=utf-8");
        auto preflight = send(http::verb::options, target, {}, false);
        BOOST_TEST(preflight.result_int() == 200u);
        BOOST_TEST(preflight[http::field::allow] == "GET, OPTIONS");
    }
}

BOOST_AUTO_TEST_CASE(a_host_serves_its_own_catalogue)
{
    auto mine = end_user_type_catalogue::parse(
        R"([{"sid":"OY00000000000000000000000000000001","friendly_name":"Widget owner","machine_name":"widget_owner",)"
        R"("fields":[{"machine_name":"widget","friendly_name":"Widget","constraint":"String"}]}])");
    types_api host(type_checking::strict, &mine);
    auto list = host.body_of(host.get("/v1/EndUserTypes"));
    BOOST_TEST(list["end_user_types"].as_array().size() == 1u);
    BOOST_TEST(host.get("/v1/EndUserTypes/widget_owner").result_int() == 200u);
    BOOST_TEST(host.get("/v1/EndUserTypes/authorized_representative_1").result_int() == 404u);
    // Its EndUsers are checked against it, not against the shipped one.
    BOOST_TEST(host.send(http::verb::post, "/v1/EndUsers",
                         "FriendlyName=w&Type=widget_owner&Attributes=%7B%22widget%22%3A%22x%22%7D")
                   .result_int() == 201u);
    BOOST_TEST(host.send(http::verb::post, "/v1/EndUsers", "FriendlyName=r&Type=authorized_representative_1")
                   .result_int() == 400u);
}

BOOST_AUTO_TEST_CASE(checks_are_off_by_default)
{
    // Any type, any key: as Twilio's create accepts them, and nothing reported.
    auto res = send(http::verb::post, "/v1/EndUsers",
                    "FriendlyName=a&Type=no_such_type&Attributes=%7B%22whatever%22%3A1%7D");
    BOOST_TEST(res.result_int() == 201u);
    auto sid = std::string(body_of(res)["sid"].as_string());
    BOOST_TEST(send(http::verb::post, "/v1/EndUsers/" + sid, "Attributes=%7B%22other%22%3A2%7D").result_int() == 200u);
    BOOST_TEST(warnings.empty());
    // The two-argument form is the same as off.
    endpoint_table plain;
    add_end_user_endpoints(plain, svc);
    BOOST_TEST(plain.owns("/v1/EndUsers"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(end_user_type_checks_strict, strict_api)

BOOST_AUTO_TEST_CASE(an_unknown_type_is_400_naming_it_and_nothing_is_written)
{
    auto res = send(http::verb::post, "/v1/EndUsers", "FriendlyName=a&Type=individuals");
    check_error(res, 400, 20001, R"(Invalid parameter Type: "individuals" is not an end user type)");
    BOOST_TEST(end_user_names().empty());
    BOOST_TEST(warnings.empty());
}

BOOST_AUTO_TEST_CASE(an_unlisted_attribute_key_is_400_naming_it_and_nothing_is_written)
{
    auto res = send(http::verb::post, "/v1/EndUsers",
                    "FriendlyName=a&Type=authorized_representative_1"
                    "&Attributes=%7B%22first_name%22%3A%22Ada%22%2C%22nickname%22%3A%22Countess%22%7D");
    check_error(res, 400, 20001,
                R"(Invalid parameter Attributes: "nickname" is not a field of end user type authorized_representative_1)");
    BOOST_TEST(res.body().find("Countess") == std::string::npos);
    BOOST_TEST(end_user_names().empty());
}

BOOST_AUTO_TEST_CASE(listed_keys_pass_and_the_codec_still_judges_first)
{
    auto ok = send(http::verb::post, "/v1/EndUsers",
                   "FriendlyName=ok&Type=us_a2p_messaging_profile_information"
                   "&Attributes=%7B%22company_type%22%3A%22private%22%7D");
    BOOST_TEST(ok.result_int() == 201u);
    // A missing FriendlyName is the codec's 400, whatever the type.
    check_error(send(http::verb::post, "/v1/EndUsers", "Type=nothing"), 400, 20001,
                "Missing required parameter FriendlyName in the post body");
    BOOST_TEST(end_user_names() == std::vector<std::string>{"ok"});
}

BOOST_AUTO_TEST_CASE(update_checks_new_attributes_against_the_records_type)
{
    auto created = body_of(send(http::verb::post, "/v1/EndUsers",
                                "FriendlyName=rep&Type=authorized_representative_1"
                                "&Attributes=%7B%22first_name%22%3A%22Ada%22%7D"));
    std::string item = "/v1/EndUsers/" + std::string(created["sid"].as_string());
    check_error(send(http::verb::post, item, "Attributes=%7B%22vertical%22%3A%22x%22%7D"), 400, 20001,
                R"(Invalid parameter Attributes: "vertical" is not a field of end user type authorized_representative_1)");
    auto unchanged = body_of(get(item));
    BOOST_TEST(unchanged["attributes"] == json::parse(R"({"first_name":"Ada"})"));
    BOOST_TEST(unchanged["date_updated"] == created["date_updated"]);
    // A rename alone has no attributes to check; listed keys pass.
    BOOST_TEST(send(http::verb::post, item, "FriendlyName=renamed").result_int() == 200u);
    auto changed = send(http::verb::post, item, "Attributes=%7B%22last_name%22%3A%22Lovelace%22%7D");
    BOOST_TEST(changed.result_int() == 200u);
    BOOST_TEST(body_of(changed)["attributes"] == json::parse(R"({"last_name":"Lovelace"})"));
    // A missing record is the update's 404, not a 400.
    std::string missing = "/v1/EndUsers/IT" + std::string(32, '0');
    check_error(send(http::verb::post, missing, "Attributes=%7B%22vertical%22%3A1%7D"), 404, 20404,
                "The requested resource " + missing + " was not found");
}

BOOST_AUTO_TEST_CASE(a_record_of_a_type_the_catalogue_does_not_know_is_updated_unchecked)
{
    // Made before checks were on (straight through the service): nothing to check its keys
    // against, and its type cannot be changed, so refusing would lock it.
    auto made = run_bounded(io, svc.create(resources::end_users, {account_a, {}}, end_user_fields("old", "legacy_type")));
    BOOST_TEST_REQUIRE(made.has_value());
    auto res = send(http::verb::post, "/v1/EndUsers/" + made->sid, "Attributes=%7B%22anything%22%3A1%7D");
    BOOST_TEST(res.result_int() == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(end_user_type_checks_warn, warn_api)

BOOST_AUTO_TEST_CASE(what_strict_refuses_is_written_and_reported)
{
    auto res = send(http::verb::post, "/v1/EndUsers",
                    "FriendlyName=a&Type=individuals&Attributes=%7B%22ssn%22%3A%22123-45-6789%22%7D");
    BOOST_TEST(res.result_int() == 201u);
    BOOST_TEST_REQUIRE(warnings.size() == 1u);
    // Under the request id the client was given, so that an operator can find the request.
    BOOST_TEST(warnings[0] == "end user type check (warn): POST /v1/EndUsers by " + account_a + " (" +
                                  std::string(res["Twilio-Request-Id"]) +
                                  R"(): Type "individuals" is not an end user type)");

    auto rep = body_of(send(http::verb::post, "/v1/EndUsers",
                            "FriendlyName=r&Type=authorized_representative_1&Attributes=%7B%22ssn%22%3A%22123-45-6789%22%7D"));
    BOOST_TEST_REQUIRE(warnings.size() == 2u);
    BOOST_TEST(warnings[1].find(R"(Attributes "ssn" is not a field of end user type authorized_representative_1)") !=
               std::string::npos);
    std::string item = "/v1/EndUsers/" + std::string(rep["sid"].as_string());
    auto pin = send(http::verb::post, item, "Attributes=%7B%22pin%22%3A%221234%22%7D");
    BOOST_TEST(pin.result_int() == 200u);
    BOOST_TEST_REQUIRE(warnings.size() == 3u);
    BOOST_TEST(warnings[2] == "end user type check (warn): POST " + item + " by " + account_a + " (" +
                                  std::string(pin["Twilio-Request-Id"]) +
                                  R"(): Attributes "pin" is not a field of end user type authorized_representative_1)");
    // Values never reach the log.
    for (const auto& w : warnings) {
        BOOST_TEST(w.find("123-45-6789") == std::string::npos);
        BOOST_TEST(w.find("1234") == std::string::npos);
        BOOST_TEST(w.find('\n') == std::string::npos);
    }
    BOOST_TEST(end_user_names().size() == 2u);
    // What fits is not reported.
    BOOST_TEST(send(http::verb::post, item, "Attributes=%7B%22email%22%3A%22a%40b%22%7D").result_int() == 200u);
    BOOST_TEST(warnings.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
