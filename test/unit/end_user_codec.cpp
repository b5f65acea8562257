// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The EndUser codec on its own: requests in, typed parameters or Twilio errors out; outcomes in,
// responses out. No io_context, no store.

#include <trusthub/end_user_codec.hpp>

#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>

using namespace trusthub;
namespace http = boost::beast::http;

namespace {

end_user_codec::request_type post(std::string target, std::string body)
{
    end_user_codec::request_type req{http::verb::post, target, 11};
    req.body() = std::move(body);
    req.prepare_payload();
    return req;
}

const std::string sid = "IT" + std::string(32, 'a');

} // namespace

BOOST_AUTO_TEST_SUITE(end_user_codec_tests)

BOOST_AUTO_TEST_CASE(create_decodes_its_three_parameters)
{
    auto params = end_user_codec::decode_create(
        post("/v1/EndUsers", "FriendlyName=Ada+L&Type=individual&Attributes=%7B%20%22a%22%3A%201%7D"));
    BOOST_REQUIRE(params.has_value());
    BOOST_TEST(params->friendly_name == "Ada L");
    BOOST_TEST(params->type == "individual");
    BOOST_TEST(params->attributes == R"({"a":1})");
    auto bare = end_user_codec::decode_create(post("/v1/EndUsers", "FriendlyName=a&Type=b"));
    BOOST_REQUIRE(bare.has_value());
    BOOST_TEST(bare->attributes == "{}");
}

BOOST_AUTO_TEST_CASE(create_refuses_in_twilios_order)
{
    auto missing = end_user_codec::decode_create(post("/v1/EndUsers", "Type=b"));
    BOOST_REQUIRE(missing.has_error());
    BOOST_TEST(missing.error().status == 400u);
    BOOST_TEST(missing.error().code == 20001u);
    BOOST_TEST(missing.error().message == "Missing required parameter FriendlyName in the post body");
    // FriendlyName is judged before Type, Type before Attributes.
    auto both = end_user_codec::decode_create(post("/v1/EndUsers", "Attributes=x"));
    BOOST_TEST(both.error().message == "Missing required parameter FriendlyName in the post body");
    auto attributes = end_user_codec::decode_create(post("/v1/EndUsers", "FriendlyName=a&Type=b&Attributes=[1]"));
    BOOST_TEST(attributes.error().message == "Invalid parameter Attributes: must be a JSON object");
    auto escape = end_user_codec::decode_create(post("/v1/EndUsers", "FriendlyName=%zz&Type=b"));
    BOOST_TEST(escape.error().message == "Malformed form body: invalid percent-encoding");
    auto nul = end_user_codec::decode_create(post("/v1/EndUsers", "FriendlyName=a%00b&Type=b"));
    BOOST_TEST(nul.error().message == "Invalid parameter FriendlyName: must not contain NUL characters");
}

BOOST_AUTO_TEST_CASE(update_judges_the_sid_before_the_body)
{
    auto bad_sid = end_user_codec::decode_update(post("/v1/EndUsers/ITnope", "%zz"), "ITnope", "/v1/EndUsers/ITnope");
    BOOST_REQUIRE(bad_sid.has_error());
    BOOST_TEST(bad_sid.error().status == 404u);
    BOOST_TEST(bad_sid.error().message == "The requested resource /v1/EndUsers/ITnope was not found");
    auto nothing = end_user_codec::decode_update(post("/v1/EndUsers/" + sid, ""), sid, "/v1/EndUsers/" + sid);
    BOOST_REQUIRE(nothing.has_value());
    BOOST_TEST(!nothing->friendly_name.has_value());
    BOOST_TEST(!nothing->attributes.has_value());
    auto empty_name = end_user_codec::decode_update(post("/", "FriendlyName="), sid, "/");
    BOOST_TEST(empty_name.error().message == "Invalid parameter FriendlyName: must not be empty");
}

BOOST_AUTO_TEST_CASE(list_decodes_paging_from_the_query)
{
    auto first = end_user_codec::decode_list("");
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->page_size == list_request::default_page_size);
    auto paged = end_user_codec::decode_list("PageSize=1000&Page=7&PageToken=PAx");
    BOOST_REQUIRE(paged.has_value());
    BOOST_TEST(paged->page_size == 1000u);
    BOOST_TEST(paged->page == 7u);
    BOOST_TEST(paged->page_token == "PAx");
    for (const char* bad : {"PageSize=0", "PageSize=1001", "PageSize=-1", "PageSize=", "PageSize=1x"}) {
        auto refused = end_user_codec::decode_list(bad);
        BOOST_REQUIRE_MESSAGE(refused.has_error(), bad);
        BOOST_TEST(refused.error().message == "Invalid parameter PageSize: must be a whole number from 1 to 1000");
    }
    BOOST_TEST(end_user_codec::decode_list("Page=x").error().message == "Invalid parameter Page: must be a whole number from 0");
    // The next page's number must not wrap to 0 in next_page_url.
    BOOST_TEST(end_user_codec::decode_list("Page=18446744073709551615").error().message ==
               "Invalid parameter Page: must be at most 9223372036854775806");
    BOOST_TEST(end_user_codec::decode_list("Page=9223372036854775807").has_error());
    BOOST_TEST(end_user_codec::decode_list("Page=9223372036854775806")->page == 9223372036854775806ULL);
}

BOOST_AUTO_TEST_CASE(a_record_is_encoded_with_its_absolute_url)
{
    end_user u;
    u.sid = sid;
    u.account_sid = "AC" + std::string(32, 'b');
    u.friendly_name = "Ada";
    u.type = "individual";
    u.attributes = R"({"n":1})";
    auto res = end_user_codec::encode(u, http::status::created, "https://h.example/mount", 10);
    BOOST_TEST(res.result_int() == 201u);
    BOOST_TEST(res.version() == 10u);
    BOOST_TEST(res[http::field::content_type] == "application/json; charset=utf-8");
    auto v = boost::json::parse(res.body()).as_object();
    BOOST_TEST(v["url"].as_string() == "https://h.example/mount/v1/EndUsers/" + sid);
    BOOST_TEST(v["attributes"].as_object()["n"].as_int64() == 1);
    BOOST_TEST(end_user_codec::encode_deleted(11).result_int() == 204u);
    BOOST_TEST(end_user_codec::encode_deleted(11).body().empty());
}

BOOST_AUTO_TEST_CASE(failures_become_twilio_errors_or_are_thrown)
{
    auto missing = end_user_codec::encode_failure(errc::not_found, "/v1/EndUsers/x");
    BOOST_TEST(missing.status == 404u);
    BOOST_TEST(missing.code == 20404u);
    auto token = end_user_codec::encode_failure(errc::invalid_page_token, "/v1/EndUsers");
    BOOST_TEST(token.code == 21481u);
    auto down = end_user_codec::encode_failure(errc::unavailable, "/v1/EndUsers");
    BOOST_TEST(down.status == 503u);
    BOOST_TEST(down.retry_after == 1u);
    auto res = down.to_response(11);
    BOOST_TEST(res[http::field::retry_after] == "1");
    auto body = boost::json::parse(res.body()).as_object();
    BOOST_TEST(body.size() == 4u);
    BOOST_TEST(body["more_info"].as_string() == "https://www.twilio.com/docs/errors/20503");
    // Not a client's business: thrown, so that the exchange logs it and answers 500.
    boost::system::error_code foreign(EIO, boost::system::generic_category());
    BOOST_CHECK_THROW(end_user_codec::encode_failure(foreign, "/v1/EndUsers"), boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(error_messages_show_invalid_utf8_escaped)
{
    auto e = http_error::not_found("/v1/EndUsers/\xff\xfe");
    BOOST_TEST(e.message == "The requested resource /v1/EndUsers/%FF%FE was not found");
    auto m = http_error::method_not_allowed("/v1/EndUsers", "PUT");
    BOOST_TEST(m.status == 405u);
    BOOST_TEST(m.message == "The requested resource /v1/EndUsers does not support the attempted HTTP method PUT");
}

BOOST_AUTO_TEST_SUITE_END()
