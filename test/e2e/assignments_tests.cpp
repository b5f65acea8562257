// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// What bundles hold, over real loopback sockets, each response checked against Twilio's OpenAPI
// file: EntityAssignments and ChannelEndpointAssignments under both kinds of bundle, what may
// be assigned into what, the locks of review, and the guards that keep the graph whole.

#include "server_fixture.hpp"

#include <trusthub/testing/test_server.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace trusthub;
using namespace trusthub::test;
namespace json = boost::json;

// Inside the suite, whose namespace hides the helpers of the other end-to-end files compiled
// in the same unit.
BOOST_AUTO_TEST_SUITE(assignments_end_to_end)

constexpr std::string_view secondary_policy = "RNdfbf3fae0e1107f8aded0e7cead80bf5";
constexpr std::string_view a2p_policy = "RNb0d4771c2c98518d916a3d4cd70a8f8b";

json::object body_of(const http_client::response& res)
{
    return json::parse(res.body()).as_object();
}

std::string text_of(const json::value& v)
{
    return std::string(v.as_string());
}

std::string sid_made(http_client& c, const std::string& path, const std::string& form)
{
    auto res = c.post(path, form);
    BOOST_TEST_REQUIRE(res.result_int() == 201u, path << " answered " << res.body());
    return text_of(body_of(res).at("sid"));
}

std::string profile(http_client& c, const std::string& name = "Acme")
{
    return sid_made(c, "/v1/CustomerProfiles",
                    "FriendlyName=" + name + "&Email=ops%40acme.test&PolicySid=" + std::string(secondary_policy));
}

std::string trust_product(http_client& c)
{
    return sid_made(c, "/v1/TrustProducts", "FriendlyName=A2P&Email=ops%40acme.test&PolicySid=" + std::string(a2p_policy));
}

std::string end_user(http_client& c, const std::string& type = "customer_profile_business_information")
{
    return sid_made(c, "/v1/EndUsers", "FriendlyName=u&Type=" + type);
}

std::string document(http_client& c)
{
    return sid_made(c, "/v1/SupportingDocuments", "FriendlyName=HQ&Type=customer_profile_address");
}

void expect_error(const http_client::response& res, unsigned status, int code)
{
    BOOST_TEST(res.result_int() == status, res.body());
    if (res.result_int() == status)
        BOOST_TEST(body_of(res).at("code").as_int64() == code, res.body());
}

std::vector<std::string> sids_listed(http_client& c, const std::string& target)
{
    auto res = c.get(target);
    BOOST_TEST_REQUIRE(res.result_int() == 200u, res.body());
    std::vector<std::string> out;
    auto page = body_of(res);
    for (const auto& item : page.at("results").as_array())
        out.push_back(text_of(item.as_object().at("sid")));
    return out;
}

constexpr std::string_view number_a = "PN0123456789abcdef0123456789abcdef";
constexpr std::string_view number_b = "PNfedcba9876543210fedcba9876543210";

BOOST_AUTO_TEST_CASE(entity_assignments_hold_what_the_matrix_allows)
{
    listener_fixture f;
    auto c = f.client();
    std::string base = "http://127.0.0.1:" + std::to_string(f.server.local_endpoint().port());
    std::string cp = profile(c);
    std::string other_cp = profile(c, "Other");
    std::string tp = trust_product(c);
    std::string user = end_user(c);
    std::string doc = document(c);
    std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";

    // An EndUser, a SupportingDocument and another CustomerProfile go into a CustomerProfile.
    auto made = c.post(assignments, "ObjectSid=" + user);
    BOOST_TEST_REQUIRE(made.result_int() == 201u, made.body());
    auto bv = body_of(made);
    std::string bv_sid = text_of(bv.at("sid"));
    BOOST_TEST(bv_sid.starts_with("BV"));
    std::vector<std::string> keys;
    for (const auto& kv : bv)
        keys.emplace_back(kv.key());
    BOOST_TEST((keys == std::vector<std::string>{"sid", "customer_profile_sid", "account_sid", "object_sid",
                                                 "date_created", "url"}));
    BOOST_TEST(text_of(bv.at("customer_profile_sid")) == cp);
    BOOST_TEST(text_of(bv.at("object_sid")) == user);
    BOOST_TEST(text_of(bv.at("url")) == base + assignments + "/" + bv_sid);
    BOOST_TEST(c.post(assignments, "ObjectSid=" + doc).result_int() == 201u);
    BOOST_TEST(c.post(assignments, "ObjectSid=" + other_cp).result_int() == 201u);
    BOOST_TEST(c.get(assignments + "/" + bv_sid).body() == made.body());

    // Twice the same object: a conflict.
    expect_error(c.post(assignments, "ObjectSid=" + user), 409, 20409);
    // What no CustomerProfile holds: a TrustProduct, a number, the profile itself, a SID of
    // nothing, and what is not a SID at all.
    for (const std::string& object : {tp, std::string(number_a), cp, "IT" + std::string(32, '0'), std::string("x")})
        expect_error(c.post(assignments, "ObjectSid=" + object), 400, 22205);
    expect_error(c.post(assignments, ""), 400, 20001);
    BOOST_TEST(sids_listed(c, assignments).size() == 3u);

    // Another account's objects are invisible, and so is the bundle to another account.
    auto b = f.client(account_b);
    std::string foreign_user = end_user(b);
    expect_error(c.post(assignments, "ObjectSid=" + foreign_user), 400, 22205);
    expect_error(b.post(assignments, "ObjectSid=" + foreign_user), 404, 20404);
    expect_error(b.get(assignments), 404, 20404);
    expect_error(b.get(assignments + "/" + bv_sid), 404, 20404);
    // A bundle of the other kind is not there either.
    expect_error(c.post("/v1/TrustProducts/" + cp + "/EntityAssignments", "ObjectSid=" + user), 404, 20404);
    expect_error(c.get("/v1/TrustProducts/" + cp + "/EntityAssignments/" + bv_sid), 404, 20404);

    // A TrustProduct holds a CustomerProfile, and its own URL names it.
    auto into_tp = c.post("/v1/TrustProducts/" + tp + "/EntityAssignments", "ObjectSid=" + cp);
    BOOST_TEST_REQUIRE(into_tp.result_int() == 201u, into_tp.body());
    BOOST_TEST(text_of(body_of(into_tp).at("trust_product_sid")) == tp);

    // Assignments are never updated.
    BOOST_TEST(c.post(assignments + "/" + bv_sid, "ObjectSid=" + doc).result_int() == 405u);
}

BOOST_AUTO_TEST_CASE(object_type_filters_by_the_objects_type_and_is_echoed)
{
    listener_fixture f;
    auto c = f.client();
    std::string cp = profile(c);
    std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";
    std::string business = sid_made(c, assignments, "ObjectSid=" + end_user(c));
    std::string rep = sid_made(c, assignments, "ObjectSid=" + end_user(c, "authorized_representative_1"));
    std::string address = sid_made(c, assignments, "ObjectSid=" + document(c));
    sid_made(c, assignments, "ObjectSid=" + profile(c, "Primary"));

    BOOST_TEST(sids_listed(c, assignments + "?ObjectType=authorized_representative_1") == std::vector{rep});
    BOOST_TEST(sids_listed(c, assignments + "?ObjectType=customer_profile_address") == std::vector{address});
    BOOST_TEST(sids_listed(c, assignments + "?ObjectType=customer_profile_business_information") ==
               std::vector{business});
    BOOST_TEST(sids_listed(c, assignments + "?ObjectType=nothing").empty());
    BOOST_TEST(sids_listed(c, assignments).size() == 4u);
    auto page = body_of(c.get(assignments + "?ObjectType=customer_profile_address&PageSize=1"));
    BOOST_TEST(text_of(page.at("meta").as_object().at("url")).ends_with(
        assignments + "?ObjectType=customer_profile_address&PageSize=1&Page=0"));
}

BOOST_AUTO_TEST_CASE(assignments_change_only_while_the_bundle_is_edited)
{
    testing::test_server server;
    http_client c(server.endpoint(), std::chrono::seconds(5));
    c.authorization = basic_auth(server.account_sid(), server.auth_token());
    c.on_response = listener_fixture::check_conformance;
    std::string cp = profile(c);
    std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";
    std::string held = sid_made(c, assignments, "ObjectSid=" + end_user(c));
    std::string user = end_user(c);

    // Submitted: nothing goes in or out, though numbers still may.
    BOOST_TEST(c.post("/v1/CustomerProfiles/" + cp, "Status=pending-review").result_int() == 200u);
    for (std::string status : {"pending-review", "in-review", "twilio-approved"}) {
        server.review(cp, status);
        expect_error(c.post(assignments, "ObjectSid=" + user), 409, 20409);
        expect_error(c.del(assignments + "/" + held), 409, 20409);
        // What does not exist is not there, whatever the status.
        expect_error(c.del(assignments + "/BV" + std::string(32, '0')), 404, 20404);
    }
    BOOST_TEST(sids_listed(c, assignments) == std::vector{held});
    BOOST_TEST(sid_made(c, "/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments",
                        "ChannelEndpointType=phone-number&ChannelEndpointSid=" + std::string(number_a))
                   .starts_with("RA"));

    // Rejected: the owner edits again.
    server.review(cp, "twilio-rejected");
    BOOST_TEST(c.post(assignments, "ObjectSid=" + user).result_int() == 201u);
    BOOST_TEST(c.del(assignments + "/" + held).result_int() == 204u);
    expect_error(c.get(assignments + "/" + held), 404, 20404);
}

BOOST_AUTO_TEST_CASE(channel_endpoint_assignments_and_the_trust_products_numbers)
{
    listener_fixture f;
    auto c = f.client();
    std::string cp = profile(c);
    std::string tp = trust_product(c);
    std::string on_cp = "/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments";
    std::string on_tp = "/v1/TrustProducts/" + tp + "/ChannelEndpointAssignments";
    std::string number = "ChannelEndpointType=phone-number&ChannelEndpointSid=";

    auto made = c.post(on_cp, number + std::string(number_a));
    BOOST_TEST_REQUIRE(made.result_int() == 201u, made.body());
    auto ra = body_of(made);
    std::vector<std::string> keys;
    for (const auto& kv : ra)
        keys.emplace_back(kv.key());
    BOOST_TEST((keys == std::vector<std::string>{"sid", "customer_profile_sid", "account_sid", "channel_endpoint_type",
                                                 "channel_endpoint_sid", "date_created", "url"}));
    std::string cp_ra = text_of(ra.at("sid"));
    BOOST_TEST(cp_ra.starts_with("RA"));
    expect_error(c.post(on_cp, number + std::string(number_a)), 409, 20409);
    expect_error(c.post(on_cp, number + "PN123"), 400, 20001);
    expect_error(c.post(on_cp, "ChannelEndpointSid=" + std::string(number_a)), 400, 20001);
    std::string cp_ra_b = sid_made(c, on_cp, number + std::string(number_b));

    // A TrustProduct's number must sit on a CustomerProfile it holds.
    expect_error(c.post(on_tp, number + std::string(number_a)), 400, 20001);
    sid_made(c, "/v1/TrustProducts/" + tp + "/EntityAssignments", "ObjectSid=" + cp);
    std::string tp_ra = sid_made(c, on_tp, number + std::string(number_a));
    BOOST_TEST(text_of(body_of(c.get(on_tp + "/" + tp_ra)).at("trust_product_sid")) == tp);

    // The filters: one SID, any of several, both (AND).
    BOOST_TEST(sids_listed(c, on_cp + "?ChannelEndpointSid=" + std::string(number_b)) == std::vector{cp_ra_b});
    BOOST_TEST(sids_listed(c, on_cp + "?ChannelEndpointSids=" + std::string(number_b) + "," + std::string(number_a))
                   .size() == 2u);
    BOOST_TEST(sids_listed(c, on_cp + "?ChannelEndpointSid=" + std::string(number_a) + "&ChannelEndpointSids=" +
                                  std::string(number_b))
                   .empty());
    expect_error(c.get(on_cp + "?ChannelEndpointSid=12"), 400, 20001);

    // The profile's number cannot go while the TrustProduct relies on it; then it can.
    expect_error(c.del(on_cp + "/" + cp_ra), 409, 20409);
    BOOST_TEST(c.del(on_tp + "/" + tp_ra).result_int() == 204u);
    BOOST_TEST(c.del(on_cp + "/" + cp_ra).result_int() == 204u);
    BOOST_TEST(sids_listed(c, on_cp) == std::vector{cp_ra_b});
}

BOOST_AUTO_TEST_CASE(held_objects_stay_and_a_bundle_takes_its_assignments_with_it)
{
    listener_fixture f;
    auto c = f.client();
    std::string cp = profile(c);
    std::string tp = trust_product(c);
    std::string user = end_user(c);
    std::string doc = document(c);
    std::string bv_user = sid_made(c, "/v1/CustomerProfiles/" + cp + "/EntityAssignments", "ObjectSid=" + user);
    sid_made(c, "/v1/CustomerProfiles/" + cp + "/EntityAssignments", "ObjectSid=" + doc);
    std::string ra = sid_made(c, "/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments",
                              "ChannelEndpointType=phone-number&ChannelEndpointSid=" + std::string(number_a));
    std::string bv_cp = sid_made(c, "/v1/TrustProducts/" + tp + "/EntityAssignments", "ObjectSid=" + cp);

    // What a bundle holds cannot be deleted, each with its own answer.
    expect_error(c.del("/v1/EndUsers/" + user), 400, 21644);
    expect_error(c.del("/v1/SupportingDocuments/" + doc), 409, 20409);
    expect_error(c.del("/v1/CustomerProfiles/" + cp), 409, 20409);
    BOOST_TEST(c.get("/v1/EndUsers/" + user).result_int() == 200u);

    // Taken out of the TrustProduct, the profile can go, and its assignments with it; then
    // what it held is free.
    BOOST_TEST(c.del("/v1/TrustProducts/" + tp + "/EntityAssignments/" + bv_cp).result_int() == 204u);
    BOOST_TEST(c.del("/v1/CustomerProfiles/" + cp).result_int() == 204u);
    expect_error(c.get("/v1/CustomerProfiles/" + cp + "/EntityAssignments/" + bv_user), 404, 20404);
    expect_error(c.get("/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments/" + ra), 404, 20404);
    BOOST_TEST(c.del("/v1/EndUsers/" + user).result_int() == 204u);
    BOOST_TEST(c.del("/v1/SupportingDocuments/" + doc).result_int() == 204u);
}

BOOST_AUTO_TEST_CASE(snapshots_keep_the_graph_and_its_guards)
{
    testing::test_server server;
    http_client c(server.endpoint(), std::chrono::seconds(5));
    c.authorization = basic_auth(server.account_sid(), server.auth_token());
    c.on_response = listener_fixture::check_conformance;
    std::string cp = profile(c);
    std::string tp = trust_product(c);
    std::string user = end_user(c, "authorized_representative_1");
    std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";
    std::string bv = sid_made(c, assignments, "ObjectSid=" + user);
    std::string cp_ra = sid_made(c, "/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments",
                                 "ChannelEndpointType=phone-number&ChannelEndpointSid=" + std::string(number_a));
    sid_made(c, "/v1/TrustProducts/" + tp + "/EntityAssignments", "ObjectSid=" + cp);
    sid_made(c, "/v1/TrustProducts/" + tp + "/ChannelEndpointAssignments",
             "ChannelEndpointType=phone-number&ChannelEndpointSid=" + std::string(number_a));

    auto got = c.get("/_trusthub/snapshot");
    BOOST_TEST_REQUIRE(got.result_int() == 200u);
    auto snap = body_of(got);
    // The server's own notes on a record go along: the object's type, the profile's number.
    const auto& held = snap.at("customer_profile_entity_assignments").as_array().at(0).as_object();
    BOOST_TEST(text_of(held.at("object_type")) == "authorized_representative_1");
    const auto& tp_number = snap.at("trust_product_channel_endpoint_assignments").as_array().at(0).as_object();
    BOOST_TEST(text_of(tp_number.at("supporting_assignment_sid")) == cp_ra);

    BOOST_TEST(c.post("/_trusthub/reset", "").body() ==
               R"({"end_users_removed":1,"customer_profiles_removed":1,"trust_products_removed":1,)"
               R"("customer_profile_entity_assignments_removed":1,"trust_product_entity_assignments_removed":1,)"
               R"("customer_profile_channel_endpoint_assignments_removed":1,)"
               R"("trust_product_channel_endpoint_assignments_removed":1})");
    auto put = c.request(http::verb::put, "/_trusthub/snapshot", got.body(), "application/json");
    BOOST_TEST(put.result_int() == 200u, put.body());
    BOOST_TEST(put.body() == got.body());

    // Put back whole: the filter still reads the type, and the guards hold again.
    BOOST_TEST(sids_listed(c, assignments + "?ObjectType=authorized_representative_1") == std::vector{bv});
    expect_error(c.del("/v1/EndUsers/" + user), 400, 21644);
    expect_error(c.del("/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments/" + cp_ra), 409, 20409);

    // A snapshot whose assignment names nothing is refused, and nothing changes.
    std::string dangling = R"({"customer_profiles":[{"sid":")" + cp +
                           R"(","friendly_name":"x","email":"e","policy_sid":")" + std::string(secondary_policy) +
                           R"("}],"customer_profile_entity_assignments":[{"sid":"BV)" + std::string(32, '1') +
                           R"(","customer_profile_sid":")" + cp + R"(","object_sid":"IT)" + std::string(32, '2') +
                           R"("}]})";
    auto refused = c.request(http::verb::put, "/_trusthub/snapshot", dangling, "application/json");
    BOOST_TEST(refused.result_int() == 400u, refused.body());
    BOOST_TEST(c.get("/_trusthub/snapshot").body() == got.body());
}

BOOST_AUTO_TEST_CASE(a_subaccount_assigns_its_parents_primary_profile_and_registered_numbers_only)
{
    const std::string subaccount = "AC" + std::string(32, 'c');
    testing::test_server_options options;
    options.more_credentials = {subaccount + ":sub-token"};
    testing::test_server server(options);
    http_client sub(server.endpoint(), std::chrono::seconds(5));
    sub.authorization = basic_auth(subaccount, "sub-token");
    sub.on_response = listener_fixture::check_conformance;
    record primary = server.primary_profile("ISV", "isv@isv.test");
    std::string cp = profile(sub);
    std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";

    // Not yet a subaccount: the parent's profile is another account's.
    expect_error(sub.post(assignments, "ObjectSid=" + primary.sid), 400, 22205);
    server.declare_parent(subaccount, server.account_sid());
    std::string held = sid_made(sub, assignments, "ObjectSid=" + primary.sid);
    // Assigned, not shared: the subaccount still cannot read it, and the parent still owns it.
    expect_error(sub.get("/v1/CustomerProfiles/" + primary.sid), 404, 20404);
    BOOST_TEST(server.snapshot(subaccount).size() == 2u);

    // Numbers: any until some are registered, then only those.
    std::string on_cp = "/v1/CustomerProfiles/" + cp + "/ChannelEndpointAssignments";
    std::string number = "ChannelEndpointType=phone-number&ChannelEndpointSid=";
    sid_made(sub, on_cp, number + std::string(number_a));
    server.register_phone_numbers({std::string(number_a)}, subaccount);
    expect_error(sub.post(on_cp, number + std::string(number_b)), 400, 20001);
    server.register_phone_numbers({std::string(number_b)}, subaccount);
    sid_made(sub, on_cp, number + std::string(number_b));

    // A reset forgets what was declared.
    server.reset(subaccount);
    std::string again = profile(sub);
    expect_error(sub.post("/v1/CustomerProfiles/" + again + "/EntityAssignments", "ObjectSid=" + primary.sid), 400,
                 22205);
    BOOST_TEST(!held.empty());
}

BOOST_AUTO_TEST_CASE(concurrent_deletes_and_assignments_never_leave_an_assignment_naming_nothing)
{
    listener_fixture f({}, 4);
    auto setup = f.client();
    std::string cp = profile(setup);
    std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";
    constexpr int rounds = 40;
    std::vector<std::string> users;
    for (int i = 0; i < rounds; ++i)
        users.push_back(end_user(setup));

    // One client assigns each EndUser while another deletes it: one of them wins each time,
    // and the loser is told so.
    std::atomic<int> bad_answers{0};
    std::thread assigner([&] {
        auto c = f.client();
        c.on_response = nullptr;
        for (const auto& u : users) {
            auto res = c.post(assignments, "ObjectSid=" + u);
            if (res.result_int() != 201u && res.result_int() != 400u)
                ++bad_answers;
        }
    });
    std::thread deleter([&] {
        auto c = f.client();
        c.on_response = nullptr;
        for (const auto& u : users) {
            auto res = c.del("/v1/EndUsers/" + u);
            if (res.result_int() != 204u && res.result_int() != 400u)
                ++bad_answers;
        }
    });
    assigner.join();
    deleter.join();
    BOOST_TEST(bad_answers == 0);

    // Every assignment names an EndUser that exists; every EndUser left is held.
    auto page = body_of(setup.get(assignments + "?PageSize=1000"));
    std::size_t held = 0;
    for (const auto& item : page.at("results").as_array()) {
        std::string object = text_of(item.as_object().at("object_sid"));
        BOOST_TEST(setup.get("/v1/EndUsers/" + object).result_int() == 200u, object);
        ++held;
    }
    std::size_t left = 0;
    for (const auto& u : users)
        left += setup.get("/v1/EndUsers/" + u).result_int() == 200u ? 1 : 0;
    BOOST_TEST(held == left);
}

BOOST_AUTO_TEST_SUITE_END()
