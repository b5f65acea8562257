// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// SupportingDocuments and SupportingDocumentTypes over real loopback sockets, each response
// checked against Twilio's OpenAPI file by the fixture's client: the collections that prove a
// resource is a declaration.

#include "server_fixture.hpp"

#include <trusthub/resources/bundles.hpp>
#include <trusthub/testing/test_server.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace trusthub;
using namespace trusthub::test;
namespace json = boost::json;

// Named apart: this file is compiled in one unit with the other end-to-end files.
namespace {

json::object parsed_body(const http_client::response& res)
{
    return json::parse(res.body()).as_object();
}

std::string as_text(const json::value& v)
{
    return std::string(v.as_string());
}

} // namespace

BOOST_AUTO_TEST_SUITE(supporting_documents_end_to_end)

BOOST_AUTO_TEST_CASE(create_fetch_list_update_delete)
{
    listener_fixture f;
    auto c = f.client();
    std::string base = "http://127.0.0.1:" + std::to_string(f.server.local_endpoint().port());

    auto made = c.post("/v1/SupportingDocuments",
                       "FriendlyName=HQ&Type=customer_profile_address&Attributes=%7B%22address_sids%22%3A%22AD"
                       "0123456789abcdef0123456789abcdef%22%7D");
    BOOST_TEST_REQUIRE(made.result_int() == 201u);
    auto doc = parsed_body(made);
    std::string sid = as_text(doc["sid"]);
    BOOST_TEST(sid.starts_with("RD"));
    BOOST_TEST(as_text(doc["account_sid"]) == account_a);
    BOOST_TEST(as_text(doc["friendly_name"]) == "HQ");
    BOOST_TEST(as_text(doc["type"]) == "customer_profile_address");
    BOOST_TEST(as_text(doc["status"]) == "DRAFT");
    BOOST_TEST(doc["mime_type"].is_null());
    BOOST_TEST(json::serialize(doc["attributes"]) == R"({"address_sids":"AD0123456789abcdef0123456789abcdef"})");
    BOOST_TEST(as_text(doc["url"]) == base + "/v1/SupportingDocuments/" + sid);
    // The members in the order of Twilio's schema.
    std::vector<std::string> keys;
    for (const auto& kv : doc)
        keys.emplace_back(kv.key());
    BOOST_TEST((keys == std::vector<std::string>{"sid", "account_sid", "friendly_name", "mime_type", "status", "type",
                                                 "attributes", "date_created", "date_updated", "url"}));

    BOOST_TEST(c.get("/v1/SupportingDocuments/" + sid).body() == made.body());

    auto renamed = c.post("/v1/SupportingDocuments/" + sid, "FriendlyName=Head%20office&Type=ignored");
    BOOST_TEST_REQUIRE(renamed.result_int() == 200u);
    BOOST_TEST(as_text(parsed_body(renamed)["friendly_name"]) == "Head office");
    BOOST_TEST(as_text(parsed_body(renamed)["type"]) == "customer_profile_address");

    auto listed = parsed_body(c.get("/v1/SupportingDocuments?PageSize=5"));
    BOOST_TEST_REQUIRE(listed["results"].as_array().size() == 1u);
    BOOST_TEST(as_text(listed["meta"].as_object()["key"]) == "results");
    BOOST_TEST(as_text(listed["meta"].as_object()["url"]) == base + "/v1/SupportingDocuments?PageSize=5&Page=0");

    // The EndUsers are another collection: neither sees the other's records.
    BOOST_TEST(c.get("/v1/EndUsers/IT" + sid.substr(2)).result_int() == 404u);
    BOOST_TEST(parsed_body(c.get("/v1/EndUsers"))["results"].as_array().empty());

    BOOST_TEST(c.del("/v1/SupportingDocuments/" + sid).result_int() == 204u);
    BOOST_TEST(c.get("/v1/SupportingDocuments/" + sid).result_int() == 404u);
    BOOST_TEST(f.records.size() == 0u);
}

BOOST_AUTO_TEST_CASE(refusals_are_twilio_shaped_and_change_nothing)
{
    listener_fixture f;
    auto c = f.client();
    auto expect = [](const http_client::response& res, unsigned status, int code, const std::string& message) {
        BOOST_TEST(res.result_int() == status);
        auto body = parsed_body(res);
        BOOST_TEST(body["code"].as_int64() == code);
        BOOST_TEST(as_text(body["message"]) == message);
    };
    expect(c.post("/v1/SupportingDocuments", "Type=customer_profile_address"), 400, 20001,
           "Missing required parameter FriendlyName in the post body");
    expect(c.post("/v1/SupportingDocuments", "FriendlyName=a&Type="), 400, 20001,
           "Missing required parameter Type in the post body");
    expect(c.post("/v1/SupportingDocuments", "FriendlyName=a&Type=t&Attributes=%5B1%5D"), 400, 20001,
           "Invalid parameter Attributes: must be a JSON object");
    expect(c.get("/v1/SupportingDocuments/RD" + std::string(32, '0')), 404, 20404,
           "The requested resource /v1/SupportingDocuments/RD" + std::string(32, '0') + " was not found");
    // An EndUser's SID is not a document's.
    auto user = parsed_body(c.post("/v1/EndUsers", "FriendlyName=a&Type=individual"));
    std::string user_sid = as_text(user["sid"]);
    expect(c.get("/v1/SupportingDocuments/" + user_sid), 404, 20404,
           "The requested resource /v1/SupportingDocuments/" + user_sid + " was not found");
    BOOST_TEST(f.records.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_page_token_of_one_collection_is_refused_by_another)
{
    listener_fixture f;
    auto c = f.client();
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST_REQUIRE(c.post("/v1/EndUsers", "FriendlyName=u&Type=individual").result_int() == 201u);
        BOOST_TEST_REQUIRE(c.post("/v1/SupportingDocuments", "FriendlyName=d&Type=t").result_int() == 201u);
    }
    auto page = parsed_body(c.get("/v1/EndUsers?PageSize=1"));
    std::string next = as_text(page["meta"].as_object()["next_page_url"]);
    std::string token = next.substr(next.find("PageToken=") + 10);
    BOOST_TEST(c.get("/v1/EndUsers?PageSize=1&PageToken=" + token).result_int() == 200u);
    auto refused = c.get("/v1/SupportingDocuments?PageSize=1&PageToken=" + token);
    BOOST_TEST(refused.result_int() == 400u);
    BOOST_TEST(parsed_body(refused)["code"].as_int64() == 21481);
    BOOST_TEST(c.get("/v1/EndUserTypes?PageSize=1&PageToken=" + token).result_int() == 400u);
}

BOOST_AUTO_TEST_CASE(supporting_document_types_list_and_fetch)
{
    listener_fixture f;
    auto c = f.client();
    std::string base = "http://127.0.0.1:" + std::to_string(f.server.local_endpoint().port());
    auto listed = parsed_body(c.get("/v1/SupportingDocumentTypes"));
    const auto& types = listed["supporting_document_types"].as_array();
    BOOST_TEST_REQUIRE(types.size() == default_supporting_document_types().size());
    BOOST_TEST(as_text(listed["meta"].as_object()["key"]) == "supporting_document_types");
    for (const auto& t : default_supporting_document_types().types()) {
        auto by_sid = c.get("/v1/SupportingDocumentTypes/" + t.sid);
        BOOST_TEST_REQUIRE(by_sid.result_int() == 200u);
        auto body = parsed_body(by_sid);
        BOOST_TEST(as_text(body["machine_name"]) == t.machine_name);
        BOOST_TEST(as_text(body["url"]) == base + "/v1/SupportingDocumentTypes/" + t.sid);
        BOOST_TEST(body["fields"].as_array().size() == t.fields.size());
        BOOST_TEST(c.get("/v1/SupportingDocumentTypes/" + t.machine_name).body() == by_sid.body());
    }
    auto address = parsed_body(c.get("/v1/SupportingDocumentTypes/customer_profile_address"));
    BOOST_TEST(json::serialize(address["fields"]) ==
               R"([{"machine_name":"address_sids","friendly_name":"Address Sids","constraint":"List"}])");
    BOOST_TEST(c.get("/v1/SupportingDocumentTypes/authorized_representative_1").result_int() == 404u);
    BOOST_TEST(c.post("/v1/SupportingDocumentTypes", "").result_int() == 405u);
}

BOOST_AUTO_TEST_CASE(snapshots_resets_and_the_journal_take_every_collection)
{
    testing::test_server server;
    http_client c(server.endpoint(), std::chrono::seconds(5));
    c.authorization = basic_auth(server.account_sid(), server.auth_token());
    c.on_response = listener_fixture::check_conformance;
    auto user = parsed_body(c.post("/v1/EndUsers", "FriendlyName=u&Type=individual"));
    auto doc = parsed_body(c.post("/v1/SupportingDocuments",
                                  "FriendlyName=d&Type=customer_profile_address&Attributes=%7B%22secret%22%3A1%7D"));

    // Each collection under its kind, each record as the API writes it.
    auto got = c.get("/_trusthub/snapshot");
    BOOST_TEST_REQUIRE(got.result_int() == 200u);
    auto snap = parsed_body(got);
    BOOST_TEST(snap.size() == 2u);
    BOOST_TEST_REQUIRE(snap.at("supporting_documents").as_array().size() == 1u);
    BOOST_TEST(json::serialize(snap.at("supporting_documents").as_array()[0]) == json::serialize(doc));
    BOOST_TEST(json::serialize(snap.at("end_users").as_array()[0]) == json::serialize(user));

    // The journal redacts the documents' attributes as it does the EndUsers'.
    auto journal = parsed_body(c.get("/_trusthub/requests")).at("requests").as_array();
    bool seen = false;
    for (const auto& e : journal) {
        const auto& entry = e.as_object();
        if (as_text(entry.at("path")) != "/v1/SupportingDocuments")
            continue;
        seen = true;
        BOOST_TEST(as_text(entry.at("params").as_object().at("Attributes")) == "[redacted]");
    }
    BOOST_TEST(seen);

    // A reset counts what it removed of each collection; the snapshot goes back in as it was.
    auto reset = c.post("/_trusthub/reset", "");
    BOOST_TEST(reset.body() == R"({"end_users_removed":1,"supporting_documents_removed":1})");
    BOOST_TEST(c.get("/_trusthub/snapshot").body() == R"({"end_users":[]})");
    auto put = c.request(http::verb::put, "/_trusthub/snapshot", got.body(), "application/json");
    BOOST_TEST(put.result_int() == 200u, put.body());
    BOOST_TEST(put.body() == got.body());
    BOOST_TEST(c.get("/v1/SupportingDocuments/" + as_text(doc.at("sid"))).body() == json::serialize(doc));

    // A document given with an EndUser's prefix is refused, naming it, and nothing changes.
    std::string bad = R"({"supporting_documents":[{"sid":")" + as_text(user.at("sid")) +
                      R"(","friendly_name":"x","type":"t"}]})";
    auto refused = c.request(http::verb::put, "/_trusthub/snapshot", bad, "application/json");
    BOOST_TEST(refused.result_int() == 400u);
    BOOST_TEST(as_text(parsed_body(refused).at("message")).starts_with("Invalid parameter supporting_documents[0].sid:"));
    BOOST_TEST(c.get("/_trusthub/snapshot").body() == got.body());
}

BOOST_AUTO_TEST_CASE(the_fixture_reviews_bundles_and_makes_primary_profiles)
{
    testing::test_server server;
    http_client c(server.endpoint(), std::chrono::seconds(5));
    c.authorization = basic_auth(server.account_sid(), server.auth_token());
    c.on_response = listener_fixture::check_conformance;

    // The Primary profile the API refuses, made by the fixture, approved for a year.
    auto refused = c.post("/v1/CustomerProfiles", "FriendlyName=p&Email=e&PolicySid=RN6433641899984f951173ef1738c3bdd0");
    BOOST_TEST(refused.result_int() == 400u);
    record primary = server.primary_profile("Acme", "ops@acme.test");
    auto fetched = parsed_body(c.get("/v1/CustomerProfiles/" + primary.sid));
    BOOST_TEST(as_text(fetched.at("status")) == "twilio-approved");
    BOOST_TEST(as_text(fetched.at("policy_sid")) == "RN6433641899984f951173ef1738c3bdd0");
    BOOST_TEST(!fetched.at("valid_until").is_null());

    // A submitted Secondary profile, approved by the fixture as Twilio's review would.
    auto made = parsed_body(c.post("/v1/CustomerProfiles", "FriendlyName=s&Email=e&PolicySid=RNdfbf3fae0e1107f8aded0e7cead80bf5"));
    std::string sid = as_text(made.at("sid"));
    BOOST_TEST(c.post("/v1/CustomerProfiles/" + sid, "Status=pending-review").result_int() == 200u);
    BOOST_TEST(c.del("/v1/CustomerProfiles/" + sid).result_int() == 409u);
    record approved = server.review(sid, "twilio-approved");
    BOOST_TEST(approved.fields.at(resources::bundle_status_field) == R"("twilio-approved")");
    BOOST_TEST(as_text(parsed_body(c.get("/v1/CustomerProfiles/" + sid)).at("status")) == "twilio-approved");
    BOOST_CHECK_THROW(server.review("BU" + std::string(32, '0'), "twilio-approved"), std::exception);

    // Snapshots take the bundles by their kind, and put them back as they were.
    auto got = c.get("/_trusthub/snapshot");
    auto snap = parsed_body(got);
    BOOST_TEST_REQUIRE(snap.at("customer_profiles").as_array().size() == 2u);
    BOOST_TEST(c.post("/_trusthub/reset", "").body() == R"({"end_users_removed":0,"customer_profiles_removed":2})");
    BOOST_TEST(c.get("/v1/CustomerProfiles/" + sid).result_int() == 404u);
    auto put = c.request(http::verb::put, "/_trusthub/snapshot", got.body(), "application/json");
    BOOST_TEST(put.result_int() == 200u, put.body());
    BOOST_TEST(put.body() == got.body());
    BOOST_TEST(as_text(parsed_body(c.get("/v1/CustomerProfiles/" + sid)).at("status")) == "twilio-approved");
}

BOOST_AUTO_TEST_SUITE_END()
