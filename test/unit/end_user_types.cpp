// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The EndUserTypes catalogue and the Policies on their own: parsing and its refusals, the shipped catalogues and
// their embedded copies, paging through the generic catalogue, checks, and the codec's JSON. No
// io_context.

#include <trusthub/resources/catalogue.hpp>
#include <trusthub/detail/end_user_types_json.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/policies_json.hpp>
#include <trusthub/detail/supporting_document_types_json.hpp>
#include <trusthub/resources/end_user_types.hpp>
#include <trusthub/resources/policies.hpp>
#include <trusthub/resources/policy_catalogue.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/resources/type_catalogues.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

using namespace trusthub;
namespace json = boost::json;

namespace {

const std::string account = "AC" + std::string(32, 'a');

// The message of the std::invalid_argument `parse(text)` throws; fails the test if none.
std::string refusal(std::string_view text)
{
    try {
        end_user_type_catalogue::parse(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    BOOST_ERROR("accepted: " << text);
    return {};
}

std::string one_type(std::string sid, std::string machine_name, std::string fields = "[]")
{
    return R"({"sid":")" + sid + R"(","friendly_name":"F","machine_name":")" + machine_name + R"(","fields":)" +
           fields + "}";
}

const std::string sid_a = "OY" + std::string(32, 'a');
const std::string sid_b = "OY" + std::string(32, 'b');

// An entry's machine name, read from its JSON text.
std::string machine_name(const record& entry)
{
    auto name = detail::read_string(entry.fields.at(resources::type_machine_name_field));
    BOOST_TEST_REQUIRE(name.has_value());
    return *name;
}

std::vector<std::string> machine_names(const catalogue_page& p)
{
    std::vector<std::string> out;
    for (const auto* t : p.items)
        out.push_back(machine_name(*t));
    return out;
}

// The shipped EndUserTypes as the endpoints serve them.
const catalogue& end_user_types()
{
    static const catalogue served(resources::end_user_types, default_catalogue().to_records(),
                                  resources::type_machine_name_field);
    return served;
}

// The text of `path`; fails the test if it cannot be read.
std::string file_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    BOOST_TEST_REQUIRE(bool(in), "cannot read " << path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

BOOST_AUTO_TEST_SUITE(end_user_types_tests)

BOOST_AUTO_TEST_CASE(the_embedded_headers_are_the_json_files_byte_for_byte)
{
    // Both are committed: the header is generated from the file by scripts/embed-catalogue.sh,
    // and this fails when one was edited without the other.
    std::string file = file_text(TRUSTHUB_END_USER_TYPES_JSON_FILE);
    BOOST_TEST(!file.empty());
    BOOST_TEST((file == detail::end_user_types_json), "include/trusthub/detail/end_user_types_json.hpp is out of "
                                                      "date: run scripts/embed-catalogue.sh end_user_types");
    std::string documents = file_text(TRUSTHUB_SUPPORTING_DOCUMENT_TYPES_JSON_FILE);
    BOOST_TEST(!documents.empty());
    BOOST_TEST((documents == detail::supporting_document_types_json),
               "include/trusthub/detail/supporting_document_types_json.hpp is out of date: run "
               "scripts/embed-catalogue.sh supporting_document_types");
}

BOOST_AUTO_TEST_CASE(the_default_catalogue_has_the_types_twilio_documents)
{
    const auto& c = default_catalogue();
    BOOST_TEST(&c == &default_catalogue());  // parsed once
    auto fields_of = [&c](std::string_view name) {
        std::vector<std::string> out;
        const end_user_type* t = c.find_by_machine_name(name);
        BOOST_TEST_REQUIRE(t != nullptr, name);
        for (const auto& f : t->fields) {
            out.push_back(f.machine_name);
            BOOST_TEST(!f.friendly_name.empty());
            BOOST_TEST(f.constraint == "String");
        }
        return std::set<std::string>(out.begin(), out.end());
    };
    using names = std::set<std::string>;
    // As the OpenAPI file's Policies and EndUserTypes examples list them.
    names representative{"first_name", "last_name", "email", "phone_number", "business_title", "job_position"};
    BOOST_TEST((fields_of("authorized_representative_1") == representative));
    BOOST_TEST((fields_of("authorized_representative_2") == representative));
    BOOST_TEST((fields_of("customer_profile_business_information") ==
                names{"business_type", "business_registration_number", "business_name",
                      "business_registration_identifier", "business_identity", "business_industry", "website_url",
                      "business_regions_of_operation", "social_media_profile_urls"}));
    BOOST_TEST((fields_of("starter_customer_profile_information") ==
                names{"first_name", "last_name", "email", "phone_number"}));
    BOOST_TEST((fields_of("sole_proprietor_information") == names{"brand_name", "mobile_phone_number", "vertical"}));
    BOOST_TEST((fields_of("us_a2p_messaging_profile_information") ==
                names{"company_type", "stock_exchange", "stock_ticker", "brand_contact_email"}));
    // The OpenAPI example of authorized_representative_1, field for field and in its order.
    const end_user_type* rep = c.find("authorized_representative_1");
    BOOST_TEST_REQUIRE(rep != nullptr);
    BOOST_TEST(rep->friendly_name == "Authorized Representative one");
    BOOST_TEST((rep->fields[0] == end_user_type_field{"last_name", "Last Name", "String"}));
    BOOST_TEST((rep->fields[5] == end_user_type_field{"job_position", "Job Position", "String"}));
}

BOOST_AUTO_TEST_CASE(sids_are_fixed_and_find_takes_a_sid_or_a_machine_name)
{
    const auto& c = default_catalogue();
    // Clients may keep a type's SID: it must not change from one release to the next.
    const end_user_type* rep = c.find("OY27dc54f616324d2eaa29d9e2dff725e6");
    BOOST_TEST_REQUIRE(rep != nullptr);
    BOOST_TEST(rep->machine_name == "authorized_representative_1");
    BOOST_TEST(c.find("authorized_representative_1") == rep);
    BOOST_TEST(c.find("OY" + std::string(32, '0')) == nullptr);
    BOOST_TEST(c.find("OY27DC54F616324D2EAA29D9E2DFF725E6") == nullptr);  // SIDs are lowercase
    BOOST_TEST(c.find("individual") == nullptr);
    BOOST_TEST(c.find("") == nullptr);
    std::set<std::string> sids;
    for (const auto& t : c.types())
        sids.insert(t.sid);
    BOOST_TEST(sids.size() == c.size());
}

BOOST_AUTO_TEST_CASE(bad_json_is_refused_with_a_clear_message)
{
    BOOST_TEST(refusal("").find("not JSON") != std::string::npos);
    BOOST_TEST(refusal("[{").find("not JSON") != std::string::npos);
    BOOST_TEST(refusal("{}").find("must be an array") != std::string::npos);
    BOOST_TEST(refusal("[1]").find("entry 0: not an object") != std::string::npos);
    BOOST_TEST(refusal(R"([{"sid":")" + sid_a + R"("}])").find("no \"machine_name\"") != std::string::npos);
    BOOST_TEST(refusal(R"([{"sid":")" + sid_a + R"(","friendly_name":"F","machine_name":"x"}])")
                   .find("\"fields\" must be an array") != std::string::npos);
    BOOST_TEST(refusal("[" + one_type(sid_a, "x", "[1]") + "]").find("field 0: not an object") != std::string::npos);
    BOOST_TEST(refusal("[" + one_type(sid_a, "x", R"([{"machine_name":"a","friendly_name":"A"}])") + "]")
                   .find("no \"constraint\"") != std::string::npos);
    BOOST_TEST(refusal(R"([{"sid":")" + sid_a + R"(","friendly_name":7,"machine_name":"x","fields":[]}])")
                   .find("\"friendly_name\" is not a string") != std::string::npos);
    // A misspelt key would otherwise lose its value without a word.
    BOOST_TEST(refusal(R"([{"sid":")" + sid_a + R"(","friendly_name":"F","machine_name":"x","fields":[],"feilds":[]}])")
                   .find("entry 0 (x): unknown key \"feilds\"") != std::string::npos);
    BOOST_TEST(refusal("[" + one_type(sid_a, "x", R"([{"machine_name":"a","friendly_name":"A","constraint":"String","x":1}])") + "]")
                   .find("unknown key \"x\"") != std::string::npos);
    // Invalid UTF-8 in a string.
    BOOST_TEST(refusal("[" + one_type(sid_a, "x").replace(one_type(sid_a, "x").find("\"F\""), 3, "\"\xff\"") + "]")
                   .find("not JSON") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_sids_are_refused)
{
    for (std::string bad : {std::string("OY123"), "IT" + std::string(32, 'a'), "OY" + std::string(32, 'A'),
                            "OY" + std::string(31, 'a') + "g", "OY" + std::string(33, 'a'), std::string("")}) {
        auto message = refusal("[" + one_type(bad, "x") + "]");
        BOOST_TEST(message.find("\"sid\" must be OY followed by 32 lowercase hex digits") != std::string::npos, bad);
    }
}

BOOST_AUTO_TEST_CASE(duplicates_and_unusable_machine_names_are_refused)
{
    BOOST_TEST(refusal("[" + one_type(sid_a, "x") + "," + one_type(sid_b, "x") + "]")
                   .find("entry 1 (x): duplicate machine_name x") != std::string::npos);
    BOOST_TEST(refusal("[" + one_type(sid_a, "x") + "," + one_type(sid_a, "y") + "]")
                   .find("entry 1 (y): duplicate sid") != std::string::npos);
    std::string twice = R"([{"machine_name":"a","friendly_name":"A","constraint":"String"},)"
                        R"({"machine_name":"a","friendly_name":"B","constraint":"String"}])";
    BOOST_TEST(refusal("[" + one_type(sid_a, "x", twice) + "]").find("field 1: duplicate field a") != std::string::npos);
    BOOST_TEST(refusal("[" + one_type(sid_a, "") + "]").find("\"machine_name\" is empty") != std::string::npos);
    for (std::string bad : {"a/b", "a b", "a%2F", "caf\xc3\xa9", "a?b"})
        BOOST_TEST(refusal("[" + one_type(sid_a, bad) + "]").find("may have only ASCII letters") != std::string::npos, bad);
    BOOST_TEST(refusal("[" + one_type(sid_a, sid_b) + "]").find("must not be an OY SID") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_host_catalogue_parses_and_keeps_its_order)
{
    auto c = end_user_type_catalogue::parse(
        "[" + one_type(sid_b, "zeta", R"([{"machine_name":"k","friendly_name":"K","constraint":"Number"}])") + "," +
        one_type(sid_a, "alpha.v2") + "]");
    BOOST_TEST(c.size() == 2u);
    BOOST_TEST(c.types()[0].machine_name == "zeta");
    BOOST_TEST(c.types()[1].machine_name == "alpha.v2");
    BOOST_TEST(c.find(sid_a)->machine_name == "alpha.v2");
    BOOST_TEST(c.types()[0].has_field("k"));
    BOOST_TEST(!c.types()[0].has_field("K"));
    BOOST_TEST(end_user_type_catalogue::parse("[]").size() == 0u);
}

BOOST_AUTO_TEST_CASE(the_catalogue_records_are_the_types)
{
    const auto& types = default_catalogue();
    const catalogue& c = end_user_types();
    BOOST_TEST_REQUIRE(c.entries().size() == types.size());
    BOOST_TEST(&c.resource() == &resources::end_user_types);
    for (std::size_t i = 0; i < types.size(); ++i) {
        const record& r = c.entries()[i];
        BOOST_TEST(r.kind == "end_user_types");
        BOOST_TEST(r.sequence == i + 1);
        BOOST_TEST(r.sid == types.types()[i].sid);
        BOOST_TEST(r.account_sid.empty());
        BOOST_TEST_REQUIRE(r.fields.size() == 3u);
        BOOST_TEST(*detail::read_string(r.fields[0]) == types.types()[i].friendly_name);
        BOOST_TEST(machine_name(r) == types.types()[i].machine_name);
        auto fields = json::parse(r.fields[2]).as_array();
        BOOST_TEST_REQUIRE(fields.size() == types.types()[i].fields.size());
        for (std::size_t k = 0; k < fields.size(); ++k)
            BOOST_TEST((fields[k] == json::value{{"machine_name", types.types()[i].fields[k].machine_name},
                                                 {"friendly_name", types.types()[i].fields[k].friendly_name},
                                                 {"constraint", types.types()[i].fields[k].constraint}}));
    }
    // Found by SID or machine name, as the typed catalogue finds them.
    const record* rep = c.find("OY27dc54f616324d2eaa29d9e2dff725e6");
    BOOST_TEST_REQUIRE(rep != nullptr);
    BOOST_TEST(c.find("authorized_representative_1") == rep);
    BOOST_TEST(c.find("\"authorized_representative_1\"") == nullptr);
    BOOST_TEST(c.find("authorized_representative") == nullptr);
    BOOST_TEST(c.find("individual") == nullptr);
    BOOST_TEST(c.find("") == nullptr);
    // Without a name field, only SIDs find an entry.
    catalogue by_sid(resources::end_user_types, default_catalogue().to_records());
    BOOST_TEST(by_sid.find("authorized_representative_1") == nullptr);
    BOOST_TEST(by_sid.find("OY27dc54f616324d2eaa29d9e2dff725e6") != nullptr);
}

BOOST_AUTO_TEST_CASE(pages_walk_the_catalogue_both_ways)
{
    const catalogue& c = end_user_types();
    const std::size_t size = c.entries().size();
    BOOST_TEST_REQUIRE(size >= 6u);
    list_request r;
    r.page_size = 4;
    auto first = c.list(account, r);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->items.size() == 4u);
    BOOST_TEST(first->items[0] == &c.entries()[0]);
    BOOST_TEST(first->meta.items.empty());
    BOOST_TEST(first->meta.previous_token.empty());
    BOOST_TEST_REQUIRE(!first->meta.next_token.empty());

    std::vector<std::string> seen = machine_names(*first);
    r.page_token = first->meta.next_token;
    r.page = 1;
    auto second = c.list(account, r);
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(second->meta.page_number == 1u);
    BOOST_TEST(second->meta.token == first->meta.next_token);
    for (auto& n : machine_names(*second))
        seen.push_back(n);
    std::vector<std::string> all;
    for (const auto& t : default_catalogue().types())
        all.push_back(t.machine_name);
    BOOST_TEST(seen == all);
    BOOST_TEST(second->meta.next_token.empty() == (size <= 8));

    // Back from the second page: the first again.
    BOOST_TEST_REQUIRE(!second->meta.previous_token.empty());
    r.page_token = second->meta.previous_token;
    r.page = 0;
    auto back = c.list(account, r);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(machine_names(*back) == machine_names(*first));
    BOOST_TEST(back->meta.previous_token.empty());

    // All on one page: no neighbours.
    list_request whole;
    whole.page_size = 1000;
    auto one = c.list(account, whole);
    BOOST_TEST(one->items.size() == size);
    BOOST_TEST(one->meta.next_token.empty());
    BOOST_TEST(one->meta.previous_token.empty());
}

BOOST_AUTO_TEST_CASE(foreign_or_garbled_page_tokens_are_refused)
{
    const catalogue& c = end_user_types();
    list_request r;
    r.page_size = 1;
    auto first = c.list(account, r);
    BOOST_TEST_REQUIRE(first.has_value());
    r.page_token = first->meta.next_token;
    BOOST_TEST((c.list("AC" + std::string(32, 'b'), r).error() == errc::invalid_page_token));
    // Bound to the collection too: another catalogue of the same shape, for the same account,
    // refuses it.
    catalogue documents(resources::supporting_document_types, default_supporting_document_types().to_records(),
                        resources::type_machine_name_field);
    BOOST_TEST((documents.list(account, r).error() == errc::invalid_page_token));
    BOOST_TEST(c.list(account, r).has_value());
    r.page_token = "PA0000000000000001ffffffff";
    BOOST_TEST((c.list(account, r).error() == errc::invalid_page_token));
    r.page_token = "nonsense";
    BOOST_TEST((c.list(account, r).error() == errc::invalid_page_token));
}

BOOST_AUTO_TEST_CASE(the_supporting_document_types_are_a_catalogue_of_their_own)
{
    const auto& types = default_supporting_document_types();
    BOOST_TEST(&types == &default_supporting_document_types());  // parsed once
    BOOST_TEST_REQUIRE(types.size() > 0u);
    std::set<std::string> sids;
    for (const auto& t : types.types()) {
        sids.insert(t.sid);
        BOOST_TEST(types.find(t.machine_name) == &t);
    }
    BOOST_TEST(sids.size() == types.size());
    catalogue c(resources::supporting_document_types, types.to_records(), resources::type_machine_name_field);
    list_request r;
    r.page_size = 1;
    auto first = c.list(account, r);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(machine_name(*first->items.at(0)) == types.types()[0].machine_name);
    BOOST_TEST(first->items[0]->kind == "supporting_document_types");
    // Its tokens are not the EndUserTypes'.
    if (!first->meta.next_token.empty()) {
        r.page_token = first->meta.next_token;
        BOOST_TEST((end_user_types().list(account, r).error() == errc::invalid_page_token));
    }
}

BOOST_AUTO_TEST_CASE(checks_name_the_unknown_type_or_keys)
{
    const auto& c = default_catalogue();
    BOOST_TEST(!c.check("authorized_representative_1", R"({"first_name":"Ada","email":"a@example.com"})"));
    BOOST_TEST(!c.check("authorized_representative_1", "{}"));

    auto type = c.check("individuals", "{}");
    BOOST_TEST_REQUIRE(type.has_value());
    BOOST_TEST(type->parameter == "Type");
    BOOST_TEST(type->why == R"("individuals" is not an end user type)");

    auto key = c.check("authorized_representative_1", R"({"first_name":"Ada","nickname":"secret value"})");
    BOOST_TEST_REQUIRE(key.has_value());
    BOOST_TEST(key->parameter == "Attributes");
    BOOST_TEST(key->why == R"("nickname" is not a field of end user type authorized_representative_1)");
    BOOST_TEST(key->why.find("secret value") == std::string::npos);  // values are never repeated

    auto keys = c.check("sole_proprietor_information", R"({"a":1,"vertical":"x","b\nc":2})");
    BOOST_TEST_REQUIRE(keys.has_value());
    BOOST_TEST(keys->why == R"("a", "b\nc" are not fields of end user type sole_proprietor_information)");

    std::string many = "{";
    for (int i = 0; i < 12; ++i)
        many += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":0";
    many += "}";
    auto capped = c.check("sole_proprietor_information", many);
    BOOST_TEST_REQUIRE(capped.has_value());
    BOOST_TEST(capped->why.find("\"k9\" and 2 more are not fields") != std::string::npos);
    BOOST_TEST(capped->why.find("k10") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_codec_writes_twilios_fields_and_page_meta)
{
    const catalogue& c = end_user_types();
    const record& rep = *c.find("authorized_representative_1");
    detail::record_field_views fields(rep);
    auto res = resource_codec::encode(resources::end_user_types, view_of(rep, fields), boost::beast::http::status::ok,
                                      "https://th.example.com", 11);
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(res[boost::beast::http::field::content_type] == "application/json; charset=utf-8");
    auto body = json::parse(res.body()).as_object();
    BOOST_TEST(body.size() == 5u);
    BOOST_TEST(body["sid"].as_string() == rep.sid);
    BOOST_TEST(body["friendly_name"].as_string() == "Authorized Representative one");
    BOOST_TEST(body["machine_name"].as_string() == "authorized_representative_1");
    BOOST_TEST(body["url"].as_string() == "https://th.example.com/v1/EndUserTypes/" + rep.sid);
    BOOST_TEST(body["fields"].as_array().size() == 6u);
    BOOST_TEST((body["fields"].as_array()[0] ==
                json::parse(R"({"machine_name":"last_name","friendly_name":"Last Name","constraint":"String"})")));
    // Byte for byte what the EndUserType codec wrote before the generic one replaced it.
    BOOST_TEST(res.body() ==
               R"({"sid":"OY27dc54f616324d2eaa29d9e2dff725e6","friendly_name":"Authorized Representative one",)"
               R"("machine_name":"authorized_representative_1","fields":[)"
               R"({"machine_name":"last_name","friendly_name":"Last Name","constraint":"String"},)"
               R"({"machine_name":"email","friendly_name":"Email","constraint":"String"},)"
               R"({"machine_name":"first_name","friendly_name":"First Name","constraint":"String"},)"
               R"({"machine_name":"business_title","friendly_name":"Business Title","constraint":"String"},)"
               R"({"machine_name":"phone_number","friendly_name":"Phone Number","constraint":"String"},)"
               R"({"machine_name":"job_position","friendly_name":"Job Position","constraint":"String"}],)"
               R"("url":"https://th.example.com/v1/EndUserTypes/OY27dc54f616324d2eaa29d9e2dff725e6"})");

    list_request r;
    r.page_size = 2;
    auto listed_page = c.list(account, r);
    BOOST_TEST_REQUIRE(listed_page.has_value());
    resource_codec::page_encoder encoder(
        resources::end_user_types, resource_codec::collection_url(resources::end_user_types, "http://h:1/p", {}),
        r.page_size);
    for (const record* entry : listed_page->items) {
        detail::record_field_views entry_fields(*entry);
        encoder.add(view_of(*entry, entry_fields));
    }
    auto page = std::move(encoder).finish(listed_page->meta, 11);
    BOOST_TEST(page.result_int() == 200u);
    auto listed = json::parse(page.body()).as_object();
    BOOST_TEST(listed.size() == 2u);
    BOOST_TEST(listed["end_user_types"].as_array().size() == 2u);
    // An entry of a page is the entry as fetched.
    auto fetched = resource_codec::encode(resources::end_user_types, view_of(rep, fields),
                                          boost::beast::http::status::ok, "http://h:1/p", 11);
    BOOST_TEST((listed["end_user_types"].as_array()[0] == json::parse(fetched.body())));
    auto& meta = listed["meta"].as_object();
    BOOST_TEST(meta["key"].as_string() == "end_user_types");
    BOOST_TEST(meta["first_page_url"].as_string() == "http://h:1/p/v1/EndUserTypes?PageSize=2&Page=0");
    BOOST_TEST(meta["previous_page_url"].is_null());
    BOOST_TEST(std::string(meta["next_page_url"].as_string()).starts_with("http://h:1/p/v1/EndUserTypes?PageSize=2&Page=1&PageToken=PA"));
    // As before but for the token, which is now bound to the collection as well as the account.
    std::string text = page.body();
    std::string token = listed_page->meta.next_token;
    BOOST_TEST_REQUIRE(token.size() == 26u);
    BOOST_TEST(text.starts_with(R"({"end_user_types":[{"sid":"OY27dc54f616324d2eaa29d9e2dff725e6",)"));
    BOOST_TEST(text.ends_with(
        R"(],"meta":{"page":0,"page_size":2,"first_page_url":"http://h:1/p/v1/EndUserTypes?PageSize=2&Page=0",)"
        R"("previous_page_url":null,"url":"http://h:1/p/v1/EndUserTypes?PageSize=2&Page=0",)"
        R"("next_page_url":"http://h:1/p/v1/EndUserTypes?PageSize=2&Page=1&PageToken=)" +
        token + R"(","key":"end_user_types"}})"));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// The message of the std::invalid_argument `parse_policies(text)` throws; fails the test if none.
std::string policy_refusal(std::string_view text)
{
    try {
        parse_policies(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    BOOST_ERROR("accepted: " << text);
    return {};
}

const std::string policy_a = "RN" + std::string(32, 'a');

} // namespace

BOOST_AUTO_TEST_SUITE(policy_catalogue_tests)

BOOST_AUTO_TEST_CASE(the_embedded_header_is_the_json_file_byte_for_byte)
{
    std::string file = file_text(TRUSTHUB_POLICIES_JSON_FILE);
    BOOST_TEST(!file.empty());
    BOOST_TEST((file == detail::policies_json),
               "include/trusthub/detail/policies_json.hpp is out of date: run scripts/embed-catalogue.sh policies");
}

BOOST_AUTO_TEST_CASE(the_shipped_policies_have_twilios_sids_and_name_only_types_the_catalogues_have)
{
    const catalogue& policies = default_policies();
    BOOST_TEST(&policies == &default_policies());  // parsed once
    BOOST_TEST(&policies.resource() == &resources::policies);
    std::vector<std::string> sids;
    for (const record& p : policies.entries())
        sids.push_back(p.sid);
    // The SIDs clients hard-code: they must not change from one release to the next.
    BOOST_TEST((sids == std::vector<std::string>{"RN6433641899984f951173ef1738c3bdd0",
                                                 "RNdfbf3fae0e1107f8aded0e7cead80bf5",
                                                 "RN806dd6cd175f314e1f96a9727ee271f4",
                                                 "RN670d5d2e282a6130ae063b234b6019c8",
                                                 "RNb0d4771c2c98518d916a3d4cd70a8f8b",
                                                 "RN7a97559effdf62d00f4298208492a5ea"}));
    // Every type a requirement names is one a client can fetch, by the URL it gives, with the
    // fields it lists: a policy that named a type the catalogues lack could never be met.
    for (const record& p : policies.entries()) {
        BOOST_TEST_CONTEXT(p.sid)
        {
            json::object requirements = json::parse(p.fields.at(resources::policy_requirements_field)).as_object();
            for (std::string_view key :
                 {"end_user", "supporting_document", "supporting_customer_profiles", "supporting_trust_products"})
                BOOST_TEST(requirements.at(key).is_array(), key);
            for (const auto& r : requirements.at("end_user").as_array()) {
                std::string type(r.at("type").as_string());
                const end_user_type* t = default_catalogue().find_by_machine_name(type);
                BOOST_TEST_REQUIRE(t != nullptr, type);
                BOOST_TEST(r.at("url").as_string() == "/EndUserTypes/" + type);
                for (const auto& f : r.at("fields").as_array())
                    BOOST_TEST(t->has_field(std::string_view(f.as_string())), type << "." << f.as_string());
            }
            for (const auto& alternatives : requirements.at("supporting_document").as_array())
                for (const auto& r : alternatives.as_array())
                    for (const auto& d : r.at("accepted_documents").as_array()) {
                        std::string type(d.at("type").as_string());
                        const end_user_type* t = default_supporting_document_types().find_by_machine_name(type);
                        BOOST_TEST_REQUIRE(t != nullptr, type);
                        BOOST_TEST(d.at("url").as_string() == "/SupportingDocumentTypes/" + type);
                        for (const auto& f : d.at("fields").as_array())
                            BOOST_TEST(t->has_field(std::string_view(f.as_string())), type << "." << f.as_string());
                    }
        }
    }
    // The three customer-profile policies, each a bundle type of its own; the rest are for
    // TrustProducts.
    std::vector<std::string> bundles, types;
    for (const record& p : policies.entries()) {
        bundles.push_back(p.fields.at(resources::policy_bundle_field));
        types.push_back(p.fields.at(resources::policy_bundle_type_field));
    }
    const std::string profiles = R"("customer_profiles")", products = R"("trust_products")";
    BOOST_TEST((bundles == std::vector<std::string>{profiles, profiles, profiles, products, products, products}));
    BOOST_TEST((types == std::vector<std::string>{R"("primary_customer_profile_type_business")",
                                                  R"("secondary_customer_profile_type_business")",
                                                  R"("starter_customer_profile_type_business")", "", "", ""}));
    BOOST_TEST(policies.find("RN" + std::string(32, '0')) == nullptr);
    BOOST_TEST(policies.find("Secondary Customer Profile of type Business") == nullptr);  // SIDs only
}

BOOST_AUTO_TEST_CASE(requirements_are_kept_as_written_but_for_white_space)
{
    catalogue c = parse_policies(R"([{"sid":")" + policy_a +
                                 R"(", "friendly_name": "F \"1\"", "bundle": "trust_products", "requirements": {"z": [ 1, {"b":2, "a":1} ], "a": null}}])");
    BOOST_TEST_REQUIRE(c.entries().size() == 1u);
    const record& p = c.entries()[0];
    BOOST_TEST(p.kind == "policies");
    BOOST_TEST(p.fields.at(0) == R"("F \"1\"")");
    BOOST_TEST(p.fields.at(resources::policy_requirements_field) == R"({"z":[1,{"b":2,"a":1}],"a":null})");
    BOOST_TEST(p.fields.at(resources::policy_bundle_field) == R"("trust_products")");
    BOOST_TEST(p.fields.at(resources::policy_bundle_type_field).empty());  // none given: null
    BOOST_TEST(c.find(policy_a) == &p);
}

BOOST_AUTO_TEST_CASE(bad_policies_are_refused_with_a_message_naming_the_entry)
{
    auto one = [](std::string body) { return "[{" + body + "}]"; };
    const std::string sid = R"("sid":")" + policy_a + R"(")";
    const std::string name = R"("friendly_name":"F","bundle":"customer_profiles")";
    const std::string requirements = R"("requirements":{})";
    BOOST_TEST(policy_refusal("").starts_with("policy catalogue: not JSON"));
    BOOST_TEST(policy_refusal("{}").find("must be an array") != std::string::npos);
    BOOST_TEST(policy_refusal("[1]").find("entry 0: not an object") != std::string::npos);
    BOOST_TEST(policy_refusal(one(name + "," + requirements)).find("no \"sid\"") != std::string::npos);
    BOOST_TEST(policy_refusal(one(R"("sid":"RN12",)" + name + "," + requirements)).find("RN followed by") !=
               std::string::npos);
    BOOST_TEST(policy_refusal(one(R"("sid":"OY)" + std::string(32, 'a') + "\"," + name + "," + requirements))
                   .find("RN followed by") != std::string::npos);
    BOOST_TEST(policy_refusal(one(sid + "," + requirements)).find("no \"friendly_name\"") != std::string::npos);
    BOOST_TEST(policy_refusal(one(sid + R"(,"friendly_name":"F",)" + requirements)).find("no \"bundle\"") !=
               std::string::npos);
    BOOST_TEST(policy_refusal(one(sid + R"(,"friendly_name":"F","bundle":"bundles",)" + requirements))
                   .find("\"bundle\" must be") != std::string::npos);
    BOOST_TEST(policy_refusal(one(sid + "," + name)).find("\"requirements\" must be an object") != std::string::npos);
    BOOST_TEST(policy_refusal(one(sid + "," + name + R"(,"requirements":[])")).find("must be an object") !=
               std::string::npos);
    std::string typo = policy_refusal(one(sid + "," + name + "," + requirements + R"(,"requirement":{})"));
    BOOST_TEST(typo.find("entry 0 (" + policy_a + "): unknown key \"requirement\"") != std::string::npos, typo);
    std::string twice = "[{" + sid + "," + name + "," + requirements + "},{" + sid + "," + name + "," + requirements + "}]";
    BOOST_TEST(policy_refusal(twice).find("entry 1 (" + policy_a + "): duplicate sid") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(policy_pages_are_bound_to_the_policies)
{
    const catalogue& policies = default_policies();
    list_request r;
    r.page_size = 2;
    auto first = policies.list(account, r);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->items.size() == 2u);
    BOOST_TEST_REQUIRE(!first->meta.next_token.empty());
    r.page_token = first->meta.next_token;
    auto second = policies.list(account, r);
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(second->items.at(0)->sid == policies.entries().at(2).sid);
    BOOST_TEST((end_user_types().list(account, r).error() == errc::invalid_page_token));
}

BOOST_AUTO_TEST_SUITE_END()
