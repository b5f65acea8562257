// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The generic resource codec on its own, driven by the EndUsers' and the SupportingDocuments'
// descriptors: requests in, field texts or Twilio errors out; outcomes in, responses out. No
// io_context, no store.

#include <trusthub/resources/end_user.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>

#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>

using namespace trusthub;
namespace http = boost::beast::http;

namespace {

resource_codec::request_type post(std::string target, std::string body)
{
    resource_codec::request_type req{http::verb::post, target, 11};
    req.body() = std::move(body);
    req.prepare_payload();
    return req;
}

const std::string sid = "IT" + std::string(32, 'a');
const std::string document_sid = "RD" + std::string(32, 'a');

// The indices of the SupportingDocuments' fields, in their descriptor's order.
namespace document_field {
constexpr std::size_t friendly_name = 0;
constexpr std::size_t mime_type = 1;
constexpr std::size_t status = 2;
constexpr std::size_t type = 3;
constexpr std::size_t attributes = 4;
} // namespace document_field

// The field indices an update changes, in order.
std::vector<std::size_t> indices(const update_fields& u)
{
    std::vector<std::size_t> out;
    for (const auto& f : u.fields)
        out.push_back(f.first);
    return out;
}

// `r` encoded, as the fetch endpoint answers it.
resource_codec::response_type encode(const resource_descriptor& resource, const record& r, http::status status,
                                     std::string_view base_url, unsigned version)
{
    detail::record_field_views fields(r);
    return resource_codec::encode(resource, view_of(r, fields), status, base_url, version);
}

} // namespace

BOOST_AUTO_TEST_SUITE(end_user_codec_tests)

BOOST_AUTO_TEST_CASE(create_decodes_its_three_parameters)
{
    auto params = resource_codec::decode_create(
        resources::end_users,
        post("/v1/EndUsers", "FriendlyName=Ada+L&Type=individual&Attributes=%7B%20%22a%22%3A%201%7D"));
    BOOST_REQUIRE(params.has_value());
    BOOST_TEST_REQUIRE(params->fields.size() == 3u);
    BOOST_TEST(params->fields[resources::end_user_field::friendly_name] == "\"Ada L\"");
    BOOST_TEST(params->fields[resources::end_user_field::type] == "\"individual\"");
    BOOST_TEST(params->fields[resources::end_user_field::attributes] == R"({"a":1})");
    auto bare = resource_codec::decode_create(resources::end_users, post("/v1/EndUsers", "FriendlyName=a&Type=b"));
    BOOST_REQUIRE(bare.has_value());
    BOOST_TEST_REQUIRE(bare->fields.size() == 3u);
    BOOST_TEST(bare->fields[resources::end_user_field::attributes] == "{}");
    // Text is stored as a JSON string: escaped as it will be written.
    auto escaped =
        resource_codec::decode_create(resources::end_users, post("/v1/EndUsers", "FriendlyName=a%22b%5C%0A&Type=b"));
    BOOST_REQUIRE(escaped.has_value());
    BOOST_TEST(escaped->fields[resources::end_user_field::friendly_name] == R"("a\"b\\\n")");
}

BOOST_AUTO_TEST_CASE(create_refuses_in_twilios_order)
{
    auto create = [](std::string body) {
        return resource_codec::decode_create(resources::end_users, post("/v1/EndUsers", std::move(body)));
    };
    auto missing = create("Type=b");
    BOOST_REQUIRE(missing.has_error());
    BOOST_TEST(missing.error().status == 400u);
    BOOST_TEST(missing.error().code == 20001u);
    BOOST_TEST(missing.error().message == "Missing required parameter FriendlyName in the post body");
    // FriendlyName is judged before Type, Type before Attributes.
    auto both = create("Attributes=x");
    BOOST_TEST(both.error().message == "Missing required parameter FriendlyName in the post body");
    auto attributes = create("FriendlyName=a&Type=b&Attributes=[1]");
    BOOST_TEST(attributes.error().message == "Invalid parameter Attributes: must be a JSON object");
    auto escape = create("FriendlyName=%zz&Type=b");
    BOOST_TEST(escape.error().message == "Malformed form body: invalid percent-encoding");
    auto nul = create("FriendlyName=a%00b&Type=b");
    BOOST_TEST(nul.error().message == "Invalid parameter FriendlyName: must not contain NUL characters");
}

BOOST_AUTO_TEST_CASE(update_judges_the_sid_before_the_body)
{
    auto bad_sid = resource_codec::decode_update(resources::end_users, post("/v1/EndUsers/ITnope", "%zz"), "ITnope",
                                                 "/v1/EndUsers/ITnope");
    BOOST_REQUIRE(bad_sid.has_error());
    BOOST_TEST(bad_sid.error().status == 404u);
    BOOST_TEST(bad_sid.error().message == "The requested resource /v1/EndUsers/ITnope was not found");
    auto nothing =
        resource_codec::decode_update(resources::end_users, post("/v1/EndUsers/" + sid, ""), sid, "/v1/EndUsers/" + sid);
    BOOST_REQUIRE(nothing.has_value());
    BOOST_TEST(nothing->fields.empty());
    auto empty_name = resource_codec::decode_update(resources::end_users, post("/", "FriendlyName="), sid, "/");
    BOOST_TEST(empty_name.error().message == "Invalid parameter FriendlyName: must not be empty");
    // Type is not updatable: sent, it is ignored; the others come out by index, as texts.
    auto both = resource_codec::decode_update(resources::end_users,
                                              post("/", "Type=x&Attributes=%7B%22b%22%3A2%7D&FriendlyName=Ada"), sid, "/");
    BOOST_REQUIRE(both.has_value());
    BOOST_TEST(indices(*both) == (std::vector<std::size_t>{resources::end_user_field::friendly_name,
                                                           resources::end_user_field::attributes}),
               boost::test_tools::per_element());
    BOOST_TEST(both->fields[0].second == "\"Ada\"");
    BOOST_TEST(both->fields[1].second == R"({"b":2})");
}

BOOST_AUTO_TEST_CASE(list_decodes_paging_from_the_query)
{
    auto decode_list = [](std::string_view query) { return resource_codec::decode_list(resources::end_users, query); };
    auto first = decode_list("");
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->paging.page_size == list_request::default_page_size);
    // The EndUsers have no filters: nothing to filter on, nothing echoed in page URLs.
    BOOST_TEST(first->filters.empty());
    BOOST_TEST(first->echo.empty());
    auto paged = decode_list("PageSize=1000&Page=7&PageToken=PAx&FriendlyName=a");
    BOOST_REQUIRE(paged.has_value());
    BOOST_TEST(paged->paging.page_size == 1000u);
    BOOST_TEST(paged->paging.page == 7u);
    BOOST_TEST(paged->paging.page_token == "PAx");
    BOOST_TEST(paged->filters.empty());
    BOOST_TEST(paged->echo.empty());
    for (const char* bad : {"PageSize=0", "PageSize=1001", "PageSize=-1", "PageSize=", "PageSize=1x"}) {
        auto refused = decode_list(bad);
        BOOST_REQUIRE_MESSAGE(refused.has_error(), bad);
        BOOST_TEST(refused.error().message == "Invalid parameter PageSize: must be a whole number from 1 to 1000");
        // The catalogues' paging alone refuses the same, with the same words.
        BOOST_TEST(resource_codec::decode_paging(bad).error().message == refused.error().message);
    }
    BOOST_TEST(decode_list("Page=x").error().message == "Invalid parameter Page: must be a whole number from 0");
    // The next page's number must not wrap to 0 in next_page_url.
    BOOST_TEST(decode_list("Page=18446744073709551615").error().message ==
               "Invalid parameter Page: must be at most 9223372036854775806");
    BOOST_TEST(decode_list("Page=9223372036854775807").has_error());
    BOOST_TEST(decode_list("Page=9223372036854775806")->paging.page == 9223372036854775806ULL);
    BOOST_TEST(decode_list("PageToken=%zz").error().message == "Malformed query string: invalid percent-encoding");

    auto paging = resource_codec::decode_paging("PageSize=3&Page=2&PageToken=PBy");
    BOOST_REQUIRE(paging.has_value());
    BOOST_TEST(paging->page_size == 3u);
    BOOST_TEST(paging->page == 2u);
    BOOST_TEST(paging->page_token == "PBy");
}

BOOST_AUTO_TEST_CASE(a_record_is_encoded_with_its_absolute_url)
{
    end_user u;
    u.sid = sid;
    u.account_sid = "AC" + std::string(32, 'b');
    u.friendly_name = "Ada";
    u.type = "individual";
    u.attributes = R"({"n":1})";
    auto res = encode(resources::end_users, to_record(u), http::status::created, "https://h.example/mount", 10);
    BOOST_TEST(res.result_int() == 201u);
    BOOST_TEST(res.version() == 10u);
    BOOST_TEST(res[http::field::content_type] == "application/json; charset=utf-8");
    auto v = boost::json::parse(res.body()).as_object();
    BOOST_TEST(v["url"].as_string() == "https://h.example/mount/v1/EndUsers/" + sid);
    BOOST_TEST(v["attributes"].as_object()["n"].as_int64() == 1);
    BOOST_TEST(resource_codec::encode_deleted(11).result_int() == 204u);
    BOOST_TEST(resource_codec::encode_deleted(11).body().empty());

    // Byte for byte what the EndUser codec wrote before the generic one replaced it.
    u.sid = "IT0123456789abcdef0123456789abcdef";
    u.account_sid = "AC0123456789abcdef0123456789abcdef";
    u.friendly_name = "Ada \"the\" first";
    u.attributes = R"({"first_name":"Ada","n":1.0})";
    u.date_created = timestamp(std::chrono::seconds(1613508057));
    u.date_updated = timestamp(std::chrono::seconds(1613508058));
    auto exact = encode(resources::end_users, to_record(u), http::status::created, "https://h.example/mount", 10);
    BOOST_TEST(exact.body() ==
               R"({"sid":"IT0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef",)"
               R"("friendly_name":"Ada \"the\" first","type":"individual","attributes":{"first_name":"Ada","n":1.0},)"
               R"("date_created":"2021-02-16T20:40:57Z","date_updated":"2021-02-16T20:40:58Z",)"
               R"("url":"https://h.example/mount/v1/EndUsers/IT0123456789abcdef0123456789abcdef"})");
    // A base URL too long for the encoder's stack buffer gives the same text.
    std::string long_base = "https://" + std::string(300, 'h') + ".example";
    auto long_url = encode(resources::end_users, to_record(u), http::status::ok, long_base, 11);
    BOOST_TEST(boost::json::parse(long_url.body()).as_object()["url"].as_string() ==
               long_base + "/v1/EndUsers/IT0123456789abcdef0123456789abcdef");
}

BOOST_AUTO_TEST_CASE(failures_become_twilio_errors_or_are_thrown)
{
    auto missing = resource_codec::encode_failure(errc::not_found, "/v1/EndUsers/x");
    BOOST_TEST(missing.status == 404u);
    BOOST_TEST(missing.code == 20404u);
    auto token = resource_codec::encode_failure(errc::invalid_page_token, "/v1/EndUsers");
    BOOST_TEST(token.status == 400u);
    BOOST_TEST(token.code == 21481u);
    BOOST_TEST(token.message == "Invalid PageToken");
    auto down = resource_codec::encode_failure(errc::unavailable, "/v1/EndUsers");
    BOOST_TEST(down.status == 503u);
    BOOST_TEST(down.retry_after == 1u);
    auto res = down.to_response(11);
    BOOST_TEST(res[http::field::retry_after] == "1");
    auto body = boost::json::parse(res.body()).as_object();
    BOOST_TEST(body.size() == 4u);
    BOOST_TEST(body["more_info"].as_string() == "https://www.twilio.com/docs/errors/20503");
    // The errors of records that refer to one another.
    auto in_use = resource_codec::encode_failure(errc::referenced, "/v1/SupportingDocuments/x");
    BOOST_TEST(in_use.status == 409u);
    BOOST_TEST(in_use.code == 20409u);
    auto dangling = resource_codec::encode_failure(errc::missing_reference, "/v1/SupportingDocuments");
    BOOST_TEST(dangling.status == 400u);
    BOOST_TEST(dangling.code == 20001u);
    // Not a client's business: thrown, so that the exchange logs it and answers 500.
    boost::system::error_code foreign(EIO, boost::system::generic_category());
    BOOST_CHECK_THROW(resource_codec::encode_failure(foreign, "/v1/EndUsers"), boost::system::system_error);
    BOOST_CHECK_THROW(resource_codec::encode_failure(errc::already_exists, "/v1/EndUsers"),
                      boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(error_messages_show_invalid_utf8_escaped)
{
    auto e = http_error::not_found("/v1/EndUsers/\xff\xfe");
    BOOST_TEST(e.message == "The requested resource /v1/EndUsers/%FF%FE was not found");
    auto m = http_error::method_not_allowed("/v1/EndUsers", "PUT");
    BOOST_TEST(m.status == 405u);
    BOOST_TEST(m.message == "The requested resource /v1/EndUsers does not support the attempted HTTP method PUT");
}

// --- SupportingDocuments: the same codec, another descriptor -------------------------------

BOOST_AUTO_TEST_CASE(a_supporting_document_needs_a_name_and_a_type_and_starts_as_a_draft)
{
    auto create = [](std::string body) {
        return resource_codec::decode_create(resources::supporting_documents,
                                             post("/v1/SupportingDocuments", std::move(body)));
    };
    auto made = create("FriendlyName=Office&Type=customer_profile_address&Attributes=%7B%20%22city%22%3A%20%22Oslo%22%7D");
    BOOST_REQUIRE(made.has_value());
    BOOST_TEST_REQUIRE(made->fields.size() == 5u);
    BOOST_TEST(made->fields[document_field::friendly_name] == "\"Office\"");
    BOOST_TEST(made->fields[document_field::mime_type] == "");  // null: documents carry no file
    BOOST_TEST(made->fields[document_field::status] == "\"DRAFT\"");
    BOOST_TEST(made->fields[document_field::type] == "\"customer_profile_address\"");
    BOOST_TEST(made->fields[document_field::attributes] == R"({"city":"Oslo"})");

    auto bare = create("FriendlyName=a&Type=b");
    BOOST_REQUIRE(bare.has_value());
    BOOST_TEST(bare->fields[document_field::attributes] == "{}");
    BOOST_TEST(bare->fields[document_field::status] == "\"DRAFT\"");

    // The server's own fields are not the client's to set.
    auto forced = create("FriendlyName=a&Type=b&Status=APPROVED&MimeType=image%2Fpng");
    BOOST_REQUIRE(forced.has_value());
    BOOST_TEST(forced->fields[document_field::status] == "\"DRAFT\"");
    BOOST_TEST(forced->fields[document_field::mime_type] == "");

    BOOST_TEST(create("Type=b").error().message == "Missing required parameter FriendlyName in the post body");
    BOOST_TEST(create("FriendlyName=a").error().message == "Missing required parameter Type in the post body");
    BOOST_TEST(create("FriendlyName=a&Type=").error().message == "Missing required parameter Type in the post body");
    BOOST_TEST(create("FriendlyName=&Type=b").error().message ==
               "Missing required parameter FriendlyName in the post body");
    auto not_object = create("FriendlyName=a&Type=b&Attributes=%22x%22");
    BOOST_TEST(not_object.error().status == 400u);
    BOOST_TEST(not_object.error().code == 20001u);
    BOOST_TEST(not_object.error().message == "Invalid parameter Attributes: must be a JSON object");
    BOOST_TEST(create("FriendlyName=a&Type=%FF").error().message == "Invalid parameter Type: is not valid UTF-8");
}

BOOST_AUTO_TEST_CASE(a_supporting_document_updates_its_name_and_attributes_only)
{
    const std::string path = "/v1/SupportingDocuments/" + document_sid;
    auto update = [&](std::string body, const std::string& which = document_sid) {
        return resource_codec::decode_update(resources::supporting_documents, post(path, std::move(body)), which, path);
    };
    auto both = update("FriendlyName=Home&Attributes=%7B%22a%22%3A%20%5B1%5D%7D&Type=x&Status=APPROVED&MimeType=a");
    BOOST_REQUIRE(both.has_value());
    BOOST_TEST(indices(*both) == (std::vector<std::size_t>{document_field::friendly_name, document_field::attributes}),
               boost::test_tools::per_element());
    BOOST_TEST(both->fields[0].second == "\"Home\"");
    BOOST_TEST(both->fields[1].second == R"({"a":[1]})");
    BOOST_TEST(update("Type=x&Status=APPROVED")->fields.empty());
    BOOST_TEST(update("FriendlyName=").error().message == "Invalid parameter FriendlyName: must not be empty");
    BOOST_TEST(update("Attributes=1").error().message == "Invalid parameter Attributes: must be a JSON object");
    // An EndUser's SID is not a document's: a 404 before the body is judged.
    auto foreign = update("%zz", sid);
    BOOST_REQUIRE(foreign.has_error());
    BOOST_TEST(foreign.error().status == 404u);
    BOOST_TEST(foreign.error().message == "The requested resource " + path + " was not found");
}

BOOST_AUTO_TEST_CASE(a_supporting_document_is_encoded_in_its_schemas_order_with_nulls)
{
    record r;
    r.kind = resources::supporting_documents.kind;
    r.sid = "RD0123456789abcdef0123456789abcdef";
    r.account_sid = "AC0123456789abcdef0123456789abcdef";
    r.fields = {"\"Office\"", "", "\"DRAFT\"", "\"customer_profile_address\"", R"({"city":"Oslo"})"};
    r.date_created = timestamp(std::chrono::seconds(1613508057));
    r.date_updated = timestamp(std::chrono::seconds(1613508058));
    auto res = encode(resources::supporting_documents, r, http::status::created, "https://h.example", 11);
    BOOST_TEST(res.result_int() == 201u);
    BOOST_TEST(res[http::field::content_type] == "application/json; charset=utf-8");
    BOOST_TEST(res.body() ==
               R"({"sid":"RD0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef",)"
               R"("friendly_name":"Office","mime_type":null,"status":"DRAFT","type":"customer_profile_address",)"
               R"("attributes":{"city":"Oslo"},"date_created":"2021-02-16T20:40:57Z",)"
               R"("date_updated":"2021-02-16T20:40:58Z",)"
               R"("url":"https://h.example/v1/SupportingDocuments/RD0123456789abcdef0123456789abcdef"})");
    BOOST_TEST(resource_codec::collection_url(resources::supporting_documents, "https://h.example", {}) ==
               "https://h.example/v1/SupportingDocuments");
}

BOOST_AUTO_TEST_SUITE_END()
