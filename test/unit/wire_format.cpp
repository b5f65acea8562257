// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// Form decoding, JSON text handling and the JSON shapes of responses.

#include <trusthub/detail/form.hpp>
#include <trusthub/detail/json_object_text.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace trusthub;
using namespace std::chrono;

namespace {

// A list body through the codec's page encoder, the one the list endpoint uses.
std::string page_json(const page& p, std::string_view base_url,
                      const resource_descriptor& resource = resources::end_users, std::string echo = {})
{
    resource_codec::page_encoder body(resource, resource_codec::collection_url(resource, base_url, {}),
                                      p.items.size(), std::move(echo));
    for (const auto& r : p.items) {
        detail::record_field_views fields(r);
        body.add(view_of(r, fields));
    }
    return std::move(body).finish(p, 11).body();
}

// One record as its resource's JSON, as every response writes it.
std::string record_json(const resource_descriptor& resource, const record& r, std::string_view collection_url)
{
    detail::record_field_views fields(r);
    std::string out;
    detail::append_record(out, resource, view_of(r, fields), collection_url);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(form_decoding)

// The form decoder is trusthub's own, in one pass; Boost.URL's decoding is the reference it must
// agree with, value for value and on what it refuses, for inputs dense in escapes.
BOOST_AUTO_TEST_CASE(decoding_agrees_with_boost_url)
{
    auto reference = [](std::string_view text) -> std::optional<std::string> {
        auto escaped = boost::urls::make_pct_string_view(text);
        if (escaped.has_error())
            return std::nullopt;
        boost::urls::encoding_opts opts;
        opts.space_as_plus = true;
        std::string out;
        escaped->decode(opts, boost::urls::string_token::assign_to(out));
        return out;
    };
    static constexpr char alphabet[] = "%+aF09gZ= \x01\xff";
    std::uint64_t state = 0x9e3779b97f4a7c15u;
    int compared = 0, refused = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string value;
        std::size_t length = i % 12;
        for (std::size_t k = 0; k < length; ++k) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            value.push_back(alphabet[(state >> 33) % (sizeof alphabet - 1)]);
        }
        if (value.find_first_of("&=") != std::string::npos)
            continue;  // separators: not a single value
        auto expected = reference(value);
        auto got = detail::form::parse("v=" + value);
        BOOST_TEST_REQUIRE(got.has_value() == expected.has_value(), "input " << value);
        if (expected) {
            BOOST_TEST_REQUIRE(*got->find("v") == *expected, "input " << value);
            ++compared;
        } else {
            ++refused;
        }
    }
    BOOST_TEST(compared > 1000);
    BOOST_TEST(refused > 1000);
}

BOOST_AUTO_TEST_CASE(plus_and_percent_20_are_spaces_percent_2b_is_plus)
{
    auto f = detail::form::parse("FriendlyName=Ada+Lovelace%20Byron&Type=a%2Bb");
    BOOST_REQUIRE(f);
    BOOST_TEST(*f->find("FriendlyName") == "Ada Lovelace Byron");
    BOOST_TEST(*f->find("Type") == "a+b");
}

BOOST_AUTO_TEST_CASE(utf8_escapes_decode_to_bytes)
{
    auto f = detail::form::parse("n=h%C3%A9llo%20%F0%9F%98%80");
    BOOST_REQUIRE(f);
    BOOST_TEST(*f->find("n") == "h\xC3\xA9llo \xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(reserved_characters_round_trip_when_escaped)
{
    auto f = detail::form::parse("a=%26%3D%25%2B&b=x");
    BOOST_REQUIRE(f);
    BOOST_TEST(*f->find("a") == "&=%+");
    BOOST_TEST(*f->find("b") == "x");
}

BOOST_AUTO_TEST_CASE(malformed_escapes_reject_the_whole_form)
{
    BOOST_TEST(!detail::form::parse("a=%2").has_value());
    BOOST_TEST(!detail::form::parse("a=%zz&b=1").has_value());
    BOOST_TEST(!detail::form::parse("a=1&b=%").has_value());
    BOOST_TEST(!detail::form::parse("%G1=1").has_value());
}

BOOST_AUTO_TEST_CASE(raw_json_as_curl_d_sends_it_is_accepted)
{
    auto f = detail::form::parse(R"(Attributes={"a": [1, 2]})");
    BOOST_REQUIRE(f);
    BOOST_TEST(*f->find("Attributes") == R"({"a": [1, 2]})");
}

BOOST_AUTO_TEST_CASE(first_of_repeated_names_wins_and_empty_pairs_are_skipped)
{
    auto f = detail::form::parse("&&a=1&&a=2&flag&=v");
    BOOST_REQUIRE(f);
    BOOST_TEST(*f->find("a") == "1");
    BOOST_TEST(*f->find("flag") == "");
    BOOST_TEST(*f->find("") == "v");
    BOOST_TEST(!f->find("missing"));
}

BOOST_AUTO_TEST_CASE(names_are_case_sensitive)
{
    auto f = detail::form::parse("friendlyname=x");
    BOOST_REQUIRE(f);
    BOOST_TEST(!f->find("FriendlyName"));
}

BOOST_AUTO_TEST_CASE(empty_form_has_no_fields)
{
    auto f = detail::form::parse("");
    BOOST_REQUIRE(f);
    BOOST_TEST(!f->find(""));
    BOOST_TEST(!f->find("a"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json_text)

BOOST_AUTO_TEST_CASE(utf8_validation)
{
    BOOST_TEST(detail::is_valid_utf8("plain"));
    BOOST_TEST(detail::is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
    BOOST_TEST(!detail::is_valid_utf8("\xC3"));          // truncated
    BOOST_TEST(!detail::is_valid_utf8("\xC0\xAF"));      // overlong
    BOOST_TEST(!detail::is_valid_utf8("\xED\xA0\x80"));  // surrogate
    BOOST_TEST(!detail::is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    BOOST_TEST(!detail::is_valid_utf8("\xFF"));
    BOOST_TEST(!detail::is_valid_utf8("a\x80z"));
}

BOOST_AUTO_TEST_CASE(strings_escape_what_json_requires_and_parse_back)
{
    std::string text = "quote\" backslash\\ newline\n tab\t nul" + std::string(1, '\0') + " \x01 \xC3\xA9";
    std::string out;
    detail::append_string(out, text);
    BOOST_TEST(out.find('\n') == std::string::npos);
    auto back = boost::json::parse(out);
    BOOST_TEST(back.as_string() == text);
}

BOOST_AUTO_TEST_CASE(strings_of_every_length_escape_at_every_position)
{
    // The writer scans words of eight, the last one overlapping: every length up to 40 with
    // nothing to escape, and with each kind of escape at each position, against a byte-by-byte
    // escaper.
    auto reference = [](const std::string& text) {
        std::string out = "\"";
        for (unsigned char c : text) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20) {
                static const char* named[] = {"\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
                                              "\\u0006", "\\u0007", "\\b",     "\\t",     "\\n",     "\\u000b",
                                              "\\f",     "\\r"};
                if (c < 14) {
                    out += named[c];
                } else {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                }
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"";
    };
    for (std::size_t size = 0; size <= 40; ++size) {
        std::string plain(size, 'x');
        for (std::size_t i = 0; i < size; ++i)
            plain[i] = static_cast<char>('a' + i % 26);
        std::string out;
        detail::append_string(out, plain);
        BOOST_TEST(out == reference(plain), "length " << size);
        for (std::size_t at = 0; at < size; ++at)
            for (char special : {'"', '\\', '\n', '\x1f', '\0'}) {
                std::string text = plain;
                text[at] = special;
                out.clear();
                detail::append_string(out, text);
                BOOST_TEST(out == reference(text), "length " << size << ", byte " << int(special) << " at " << at);
            }
    }
}

BOOST_AUTO_TEST_CASE(read_string_gives_back_what_append_string_wrote)
{
    // Every control character, quotes and backslashes, and UTF-8 sequences of every length,
    // alone and among plain text.
    std::vector<std::string> texts = {"", "plain", "quote\" backslash\\ slash/", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
                                      std::string(1, '\0'), std::string("a\0b", 3)};
    std::string controls;
    for (int c = 0; c < 0x20; ++c)
        controls.push_back(static_cast<char>(c));
    texts.push_back(controls);
    texts.push_back("x" + controls + "\x7f\"\\y");
    for (const auto& text : texts) {
        std::string literal;
        detail::append_string(literal, text);
        auto back = detail::read_string(literal);
        BOOST_TEST_REQUIRE(back.has_value(), literal);
        BOOST_TEST(*back == text, literal);
        BOOST_TEST(boost::json::parse(literal).as_string() == text, literal);  // and JSON agrees
    }
}

BOOST_AUTO_TEST_CASE(read_string_decodes_every_escape_json_has)
{
    BOOST_TEST(*detail::read_string(R"("\"\\\/\b\f\n\r\t")") == "\"\\/\b\f\n\r\t");
    BOOST_TEST(*detail::read_string(R"("\u0041\u00e9\u20AC")") == "A\xC3\xA9\xE2\x82\xAC");
    BOOST_TEST(*detail::read_string(R"("\u0000")") == std::string(1, '\0'));
    // A surrogate pair is one code point, four bytes of UTF-8.
    BOOST_TEST(*detail::read_string(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");
    BOOST_TEST(*detail::read_string(R"("a\uD800\uDC00z")") == "a\xF0\x90\x80\x80z");
    BOOST_TEST(*detail::read_string(R"("\udbff\udfff")") == "\xF4\x8F\xBF\xBF");
    BOOST_TEST(*detail::read_string("\"\xF0\x9F\x98\x80\"") == "\xF0\x9F\x98\x80");  // raw UTF-8 as it is
}

BOOST_AUTO_TEST_CASE(read_string_refuses_what_is_not_one_string_literal)
{
    for (std::string_view bad : {
             "", "\"", "abc", "\"abc", "abc\"", "'abc'", "null", "{}", "1",
             R"("a"b")", R"("a" "b")", R"(""")",                  // a quote that ends the literal early
             R"("\")", R"("a\")", R"("\\\")",                   // a backslash escaping the closing quote
             R"("\x41")", R"("\a")", R"("\U0041")", R"("\0")",  // escapes JSON does not have
             R"("\u")", R"("\u12")", R"("\u123")", R"("\u12g4")", R"("\u 123")",
             R"("\ud83d")", R"("\ud83dx")", R"("\ud83d\u0041")", R"("\ud83d\ud83d")", R"("\ud83d\n")",
             R"("\ud83d\ude0")", R"("\ude00")", R"("\ude00\ud83d")"}) {
        BOOST_TEST(!detail::read_string(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(dates_are_iso_8601_to_the_second_in_utc)
{
    std::string out;
    detail::append_date(out, timestamp(seconds(1613508057)));
    BOOST_TEST(out == "2021-02-16T20:40:57Z");
    out.clear();
    detail::append_date(out, timestamp(seconds(0)));
    BOOST_TEST(out == "1970-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(dates_agree_with_gmtime_whatever_was_written_before)
{
    // The writer keeps the last day it formatted: dates on the same day, on alternating days,
    // at both ends of a day and far apart must all come out as the C library writes them.
    std::vector<std::int64_t> when = {0, 86399, 86400, 951782400 /* 2000-02-29 */, 951868799, 4102444800 /* 2100 */,
                                      4102444799, 1613508057, 1613508058, 1613421657, 1613508057, 253402300799};
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 2000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        when.push_back(static_cast<std::int64_t>(state >> 31) % 4102444800);
        when.push_back(when.back() + static_cast<std::int64_t>(state >> 60));  // the same day, mostly
    }
    for (auto s : when) {
        std::time_t t = static_cast<std::time_t>(s);
        std::tm parts{};
        gmtime_r(&t, &parts);
        char expected[32];
        std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%SZ", &parts);
        std::string out;
        detail::append_date(out, timestamp(seconds(s)));
        BOOST_TEST(out == expected, "at " << s);
    }
}

BOOST_AUTO_TEST_CASE(compact_keeps_numbers_and_escapes_to_the_byte)
{
    auto c = detail::compact_json_object(" { \"n\" : 1.50 ,\n \"big\": 123456789012345678901234567890,"
                                         " \"s\" : \"a b\\u00e9\\\" }\" , \"x\": [ true , null ] } ");
    BOOST_REQUIRE(c);
    BOOST_TEST(*c == R"({"n":1.50,"big":123456789012345678901234567890,"s":"a b\u00e9\" }","x":[true,null]})");
}

BOOST_AUTO_TEST_CASE(compact_rejects_non_objects_and_malformed_json)
{
    BOOST_TEST(!detail::compact_json_object("[]").has_value());
    BOOST_TEST(!detail::compact_json_object("\"text\"").has_value());
    BOOST_TEST(!detail::compact_json_object("null").has_value());
    BOOST_TEST(!detail::compact_json_object("{").has_value());
    BOOST_TEST(!detail::compact_json_object("{\"a\":1,}").has_value());
    BOOST_TEST(!detail::compact_json_object("{} {}").has_value());
    BOOST_TEST(!detail::compact_json_object("").has_value());
    BOOST_TEST(!detail::compact_json_object("{\"a\":\"\xC3\"}").has_value());  // invalid UTF-8
    std::string deep(200, '[');
    BOOST_TEST(!detail::compact_json_object("{\"a\":" + deep + std::string(200, ']') + "}").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(response_shapes)

record sample()
{
    end_user u;
    u.sequence = 7;
    u.sid = "IT0123456789abcdef0123456789abcdef";
    u.account_sid = "AC0123456789abcdef0123456789abcdef";
    u.friendly_name = "Ada \"the\" first";
    u.type = "individual";
    u.attributes = R"({"first_name":"Ada","n":1.0})";
    u.date_created = timestamp(seconds(1613508057));
    u.date_updated = timestamp(seconds(1613508058));
    return to_record(u);
}

// `sample()` as the EndUser codec wrote it before the generic writer replaced it, byte for byte.
const std::string sample_text =
    R"({"sid":"IT0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef",)"
    R"("friendly_name":"Ada \"the\" first","type":"individual","attributes":{"first_name":"Ada","n":1.0},)"
    R"("date_created":"2021-02-16T20:40:57Z","date_updated":"2021-02-16T20:40:58Z",)"
    R"("url":"http://h:1/v1/EndUsers/IT0123456789abcdef0123456789abcdef"})";

BOOST_AUTO_TEST_CASE(end_user_has_every_field_in_schema_order)
{
    auto text = record_json(resources::end_users, sample(), "http://h:1/v1/EndUsers");
    BOOST_TEST(text.starts_with(R"({"sid":"IT0123456789abcdef0123456789abcdef","account_sid":)"));
    BOOST_TEST(text == sample_text);
    auto v = boost::json::parse(text).as_object();
    BOOST_TEST(v.size() == 8u);
    BOOST_TEST(v["friendly_name"].as_string() == "Ada \"the\" first");
    BOOST_TEST(v["type"].as_string() == "individual");
    BOOST_TEST(v["attributes"].as_object()["first_name"].as_string() == "Ada");
    BOOST_TEST(v["date_created"].as_string() == "2021-02-16T20:40:57Z");
    BOOST_TEST(v["date_updated"].as_string() == "2021-02-16T20:40:58Z");
    BOOST_TEST(v["url"].as_string() == "http://h:1/v1/EndUsers/IT0123456789abcdef0123456789abcdef");
    BOOST_TEST(text.find(R"("n":1.0)") != std::string::npos);
    // The typed EndUser and its record are the same thing.
    BOOST_TEST(to_end_user(sample()).friendly_name == "Ada \"the\" first");
    BOOST_TEST(to_end_user(sample()).attributes == R"({"first_name":"Ada","n":1.0})");
}

BOOST_AUTO_TEST_CASE(an_empty_field_is_written_as_null)
{
    // Empty text is null, wherever it is: a field stored empty, a field past the end of a
    // record written before its descriptor had it.
    record doc;
    doc.kind = resources::supporting_documents.kind;
    doc.sid = "RD0123456789abcdef0123456789abcdef";
    doc.account_sid = "AC0123456789abcdef0123456789abcdef";
    doc.fields = {"\"Office\"", "", "\"DRAFT\"", "\"customer_profile_address\"", "{}"};
    auto text = record_json(resources::supporting_documents, doc, "http://h/v1/SupportingDocuments");
    BOOST_TEST(text.find(R"(,"mime_type":null,"status":"DRAFT",)") != std::string::npos, text);
    auto v = boost::json::parse(text).as_object();
    BOOST_TEST(v.size() == 10u);
    BOOST_TEST(v["mime_type"].is_null());

    doc.fields.resize(2);  // status, type and attributes missing
    auto shorter = boost::json::parse(record_json(resources::supporting_documents, doc, "http://h/x")).as_object();
    BOOST_TEST(shorter["mime_type"].is_null());
    BOOST_TEST(shorter["status"].is_null());
    BOOST_TEST(shorter["type"].is_null());
    BOOST_TEST(shorter["attributes"].is_null());
    BOOST_TEST(shorter["friendly_name"].as_string() == "Office");

    record user = sample();
    user.fields[resources::end_user_field::type].clear();
    user.fields[resources::end_user_field::attributes].clear();
    auto nulls = record_json(resources::end_users, user, "http://h:1/v1/EndUsers");
    BOOST_TEST(nulls.find(R"("type":null,"attributes":null,)") != std::string::npos, nulls);
    user.fields.clear();
    auto bare = boost::json::parse(record_json(resources::end_users, user, "http://h:1/v1/EndUsers")).as_object();
    BOOST_TEST(bare.size() == 8u);
    BOOST_TEST(bare["friendly_name"].is_null());
    BOOST_TEST(bare["sid"].as_string() == "IT0123456789abcdef0123456789abcdef");
}

BOOST_AUTO_TEST_CASE(page_meta_matches_the_contract)
{
    page p;
    p.items = {sample()};
    p.page_size = 1;
    p.page_number = 3;
    p.token = "PAcurrent";
    p.next_token = "PAnext";
    p.previous_token = "PBprev";
    auto v = boost::json::parse(page_json(p, "http://h:1")).as_object();
    BOOST_TEST(v.size() == 2u);
    BOOST_TEST(v["results"].as_array().size() == 1u);
    auto meta = v["meta"].as_object();
    BOOST_TEST(meta["page"].as_int64() == 3);
    BOOST_TEST(meta["page_size"].as_int64() == 1);
    BOOST_TEST(meta["key"].as_string() == "results");
    BOOST_TEST(meta["first_page_url"].as_string() == "http://h:1/v1/EndUsers?PageSize=1&Page=0");
    BOOST_TEST(meta["url"].as_string() == "http://h:1/v1/EndUsers?PageSize=1&Page=3&PageToken=PAcurrent");
    BOOST_TEST(meta["next_page_url"].as_string() == "http://h:1/v1/EndUsers?PageSize=1&Page=4&PageToken=PAnext");
    BOOST_TEST(meta["previous_page_url"].as_string() == "http://h:1/v1/EndUsers?PageSize=1&Page=2&PageToken=PBprev");
    // Byte for byte as before the generic writer: records first, then meta, keys in this order.
    BOOST_TEST(page_json(p, "http://h:1") ==
               R"({"results":[)" + sample_text +
                   R"(],"meta":{"page":3,"page_size":1,"first_page_url":"http://h:1/v1/EndUsers?PageSize=1&Page=0",)"
                   R"("previous_page_url":"http://h:1/v1/EndUsers?PageSize=1&Page=2&PageToken=PBprev",)"
                   R"("url":"http://h:1/v1/EndUsers?PageSize=1&Page=3&PageToken=PAcurrent",)"
                   R"("next_page_url":"http://h:1/v1/EndUsers?PageSize=1&Page=4&PageToken=PAnext","key":"results"}})");
}

BOOST_AUTO_TEST_CASE(a_page_of_another_collection_has_its_urls_and_echoes_its_filters)
{
    record doc;
    doc.kind = resources::supporting_documents.kind;
    doc.sid = "RD0123456789abcdef0123456789abcdef";
    doc.account_sid = "AC0123456789abcdef0123456789abcdef";
    doc.fields = {"\"Office\"", "", "\"DRAFT\"", "\"customer_profile_address\"", "{}"};
    page p;
    p.items = {doc, doc};
    p.items[1].sid = "RD" + std::string(32, 'f');
    p.page_size = 2;
    p.next_token = "PAnext";
    auto v = boost::json::parse(page_json(p, "http://h", resources::supporting_documents, "Status=DRAFT")).as_object();
    const auto& results = v["results"].as_array();
    BOOST_TEST_REQUIRE(results.size() == 2u);
    BOOST_TEST(results[0].as_object().at("url").as_string() ==
               "http://h/v1/SupportingDocuments/RD0123456789abcdef0123456789abcdef");
    BOOST_TEST(results[1].as_object().at("sid").as_string() == "RD" + std::string(32, 'f'));
    BOOST_TEST(results[1].as_object().at("mime_type").is_null());
    auto meta = v["meta"].as_object();
    BOOST_TEST(meta["key"].as_string() == "results");
    BOOST_TEST(meta["first_page_url"].as_string() == "http://h/v1/SupportingDocuments?Status=DRAFT&PageSize=2&Page=0");
    BOOST_TEST(meta["next_page_url"].as_string() ==
               "http://h/v1/SupportingDocuments?Status=DRAFT&PageSize=2&Page=1&PageToken=PAnext");
    BOOST_TEST(meta["previous_page_url"].is_null());
}

BOOST_AUTO_TEST_CASE(first_and_last_page_have_null_neighbours)
{
    page p;
    auto v = boost::json::parse(page_json(p, "http://h")).as_object();
    auto meta = v["meta"].as_object();
    BOOST_TEST(meta["next_page_url"].is_null());
    BOOST_TEST(meta["previous_page_url"].is_null());
    BOOST_TEST(meta["url"].as_string() == "http://h/v1/EndUsers?PageSize=50&Page=0");
    BOOST_TEST(v["results"].as_array().empty());
    BOOST_TEST(page_json(p, "http://h") ==
               R"({"results":[],"meta":{"page":0,"page_size":50,"first_page_url":"http://h/v1/EndUsers?PageSize=50&Page=0",)"
               R"("previous_page_url":null,"url":"http://h/v1/EndUsers?PageSize=50&Page=0","next_page_url":null,)"
               R"("key":"results"}})");
}

BOOST_AUTO_TEST_CASE(error_body_has_exactly_four_keys_in_order)
{
    auto text = detail::error_json(20404, "The requested resource /v1/EndUsers/x was not found", 404);
    BOOST_TEST(text == R"({"code":20404,"message":"The requested resource /v1/EndUsers/x was not found",)"
                       R"("more_info":"https://www.twilio.com/docs/errors/20404","status":404})");
}

BOOST_AUTO_TEST_SUITE_END()
