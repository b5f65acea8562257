// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The test-control API's parts on their own: the path glob, the date reader, the codec's
// refusals and defaults, and which calls a fault rule hits (through `test_control::intercept`
// with a handler that counts, on an io_context bounded by run_for).

#include <support/run.hpp>

#include <trusthub/detail/glob.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>
#include <trusthub/control/test_control.hpp>
#include <trusthub/control/test_control_codec.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <random>
#include <regex>

using namespace trusthub;
namespace json = boost::json;

namespace {

const std::string account = "AC" + std::string(32, 'a');
const std::string other_account = "AC" + std::string(32, 'b');

// The glob's rules restated as a regular expression: the reference the matcher is held to.
bool glob_by_regex(std::string_view pattern, std::string_view path)
{
    std::string re;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
            while (i + 1 < pattern.size() && pattern[i + 1] == '*')
                ++i;
            re += ".*";
        } else if (c == '*') {
            re += "[^/]*";
        } else if (c == '?') {
            re += "[^/]";
        } else {
            re += c;  // the alphabet below has nothing a regex treats specially
        }
    }
    return std::regex_match(std::string(path), std::regex(re));
}

// The message of the 400 `decoded` holds; fails the test if it holds a value.
template <class T>
std::string refusal(const test_control_codec::decoded<T>& decoded)
{
    if (decoded) {
        BOOST_ERROR("accepted");
        return {};
    }
    BOOST_TEST(decoded.error().status == 400u);
    BOOST_TEST(decoded.error().code == 20001u);
    return decoded.error().message;
}

const timestamp now = timestamp(std::chrono::seconds(1'900'000'000));

} // namespace

BOOST_AUTO_TEST_SUITE(test_control_parts)

BOOST_AUTO_TEST_CASE(the_glob_agrees_with_its_rules_restated_as_a_regex)
{
    BOOST_TEST(detail::glob_match("/v1/EndUsers/*", "/v1/EndUsers/IT1"));
    BOOST_TEST(!detail::glob_match("/v1/EndUsers/*", "/v1/EndUsers"));
    BOOST_TEST(!detail::glob_match("/v1/*", "/v1/EndUsers/IT1"));
    BOOST_TEST(detail::glob_match("/v1/**", "/v1/EndUsers/IT1"));
    BOOST_TEST(detail::glob_match("**", "/anything/at/all"));
    BOOST_TEST(detail::glob_match("/v1/EndUser?", "/v1/EndUsers"));
    BOOST_TEST(!detail::glob_match("/v1/EndUsers?", "/v1/EndUsers/"));

    // Random patterns and paths over a small alphabet dense in what the glob treats specially.
    std::mt19937 gen(7);
    const std::string pattern_chars = "ab/*?";
    const std::string path_chars = "ab/";
    int matched = 0;
    for (int i = 0; i < 20'000; ++i) {
        std::string pattern, path;
        for (int n = static_cast<int>(gen() % 8); n > 0; --n)
            pattern += pattern_chars[gen() % pattern_chars.size()];
        for (int n = static_cast<int>(gen() % 10); n > 0; --n)
            path += path_chars[gen() % path_chars.size()];
        bool expected = glob_by_regex(pattern, path);
        matched += expected;
        BOOST_TEST_REQUIRE(detail::glob_match(pattern, path) == expected, "pattern " << pattern << " path " << path);
    }
    BOOST_TEST(matched > 1000);  // the comparison saw both answers often
}

BOOST_AUTO_TEST_CASE(dates_read_back_what_is_written_and_nothing_else)
{
    for (std::int64_t s : {0LL, 1'613'508'057LL, 951'782'400LL /* 2000-02-29 */, 253'402'300'799LL /* 9999 */}) {
        std::string text;
        detail::append_date(text, timestamp(std::chrono::seconds(s)));
        auto back = detail::parse_date(text);
        BOOST_TEST_REQUIRE(back.has_value(), text);
        BOOST_TEST(back->time_since_epoch().count() == s);
    }
    for (std::string_view bad : {"2021-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-02-16T24:00:00Z",
                                 "2021-02-16T20:40:57", "2021-02-16 20:40:57Z", "2021-02-16T20:40:5xZ", ""})
        BOOST_TEST(!detail::parse_date(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(a_fault_rule_gets_twilio_defaults_and_names_what_is_wrong)
{
    auto rule = test_control_codec::decode_fault_rule(R"({"method":"post","path":"/v1/EndUsers","status":429})");
    BOOST_TEST_REQUIRE(rule.has_value());
    BOOST_TEST(rule->method == "POST");
    BOOST_TEST(rule->answer->code == 20429u);
    BOOST_TEST(rule->answer->message == "Too Many Requests");
    BOOST_TEST(rule->answer->retry_after == 1u);
    BOOST_TEST(!rule->times.has_value());

    auto custom = test_control_codec::decode_fault_rule(
        R"({"status":500,"code":31000,"message":"boom","retry_after":0,"times":2,"after":1,"every":3,"probability":0.5,"seed":9,"commit":true})");
    BOOST_TEST_REQUIRE(custom.has_value());
    BOOST_TEST(custom->answer->code == 31000u);
    BOOST_TEST(custom->answer->message == "boom");
    BOOST_TEST(custom->answer->retry_after == 0u);
    BOOST_TEST(*custom->times == 2u);
    BOOST_TEST(custom->commit);
    BOOST_TEST(test_control_codec::decode_fault_rule(R"({"status":503})")->answer->code == 20503u);
    BOOST_TEST(test_control_codec::decode_fault_rule(R"({"delay_ms":5})").has_value());
    BOOST_TEST(test_control_codec::decode_fault_rule(R"({"drop":true,"commit":true})").has_value());

    struct {
        const char* body;
        const char* names;
    } const refused[] = {
        {R"({"status":429,"colour":"red"})", "Invalid parameter colour"},
        {R"({"status":200})", "Invalid parameter status"},
        {R"({"status":429,"drop":true})", "Invalid parameter drop"},
        {R"({"commit":true,"delay_ms":1})", "Invalid parameter commit"},
        {R"({"status":429,"times":0})", "Invalid parameter times"},
        {R"({"status":429,"every":0})", "Invalid parameter every"},
        {R"({"status":429,"after":-1})", "Invalid parameter after"},
        {R"({"status":429,"probability":1.5})", "Invalid parameter probability"},
        {R"({"status":429,"method":"GE T"})", "Invalid parameter method"},
        {R"({"status":429,"path":"v1/EndUsers"})", "Invalid parameter path"},
        {R"({"code":20429})", "Invalid parameter code"},
        {R"({"delay_ms":60001})", "Invalid parameter delay_ms"},
        {R"({})", "Invalid parameter body"},
        {R"([1])", "Invalid parameter body"},
        {R"({"status":429)", "Invalid parameter body"},
    };
    for (const auto& r : refused)
        BOOST_TEST(refusal(test_control_codec::decode_fault_rule(r.body)).starts_with(r.names), r.body);
}

BOOST_AUTO_TEST_CASE(a_clock_is_real_frozen_or_offset_and_nothing_else)
{
    BOOST_TEST((test_control_codec::decode_clock(R"({"mode":"real"})")->mode == clock_setting::mode_type::real));
    auto frozen = test_control_codec::decode_clock(R"({"mode":"frozen","now":"2030-01-02T03:04:05Z"})");
    BOOST_TEST_REQUIRE(frozen.has_value());
    BOOST_TEST((frozen->frozen_at == *detail::parse_date("2030-01-02T03:04:05Z")));
    auto offset = test_control_codec::decode_clock(R"({"mode":"offset","seconds":-86400})");
    BOOST_TEST_REQUIRE(offset.has_value());
    BOOST_TEST(offset->offset.count() == -86400);
    for (const char* body : {R"({"mode":"slow"})", R"({"mode":"frozen"})", R"({"mode":"frozen","now":"tomorrow"})",
                             R"({"mode":"offset","seconds":1.5})", R"({"mode":"real","seconds":1})",
                             R"({"mode":"real","tz":"UTC"})", R"({"mode":"offset","seconds":99999999999})"})
        refusal(test_control_codec::decode_clock(body));
}

BOOST_AUTO_TEST_CASE(a_snapshot_keeps_sids_dates_and_attributes_and_refuses_by_name)
{
    const std::string sid = "IT" + std::string(32, '1');
    auto records = test_control_codec::decode_snapshot(
        R"({"end_users":[{"sid":")" + sid + R"(","account_sid":")" + account +
            R"(","friendly_name":"Ada","type":"individual","attributes":{"a":[1,"x"],"b":{"c":null}},)"
            R"("date_created":"2030-01-02T03:04:05Z","url":"ignored"}]})",
        account, now);
    BOOST_TEST_REQUIRE(records.has_value());
    BOOST_TEST_REQUIRE(records->size() == 1u);
    BOOST_TEST(records->front().kind == "end_users");
    BOOST_TEST(records->front().parent_sid.empty());
    BOOST_TEST(records->front().fields[resources::end_user_field::friendly_name] == "\"Ada\"");
    const end_user u = to_end_user(records->front());
    BOOST_TEST(u.sid == sid);
    BOOST_TEST(u.friendly_name == "Ada");
    BOOST_TEST(u.type == "individual");
    BOOST_TEST(u.account_sid == account);
    BOOST_TEST(json::parse(u.attributes) == json::parse(R"({"a":[1,"x"],"b":{"c":null}})"));
    BOOST_TEST((u.date_created == *detail::parse_date("2030-01-02T03:04:05Z")));
    BOOST_TEST((u.date_updated == u.date_created));  // defaults to date_created

    auto defaults = test_control_codec::decode_snapshot(
        R"({"end_users":[{"sid":")" + sid + R"(","friendly_name":"Ada","type":"individual"}]})", account, now);
    BOOST_TEST_REQUIRE(defaults.has_value());
    BOOST_TEST(defaults->front().fields[resources::end_user_field::attributes] == "{}");
    BOOST_TEST((defaults->front().date_created == now));

    auto item = [&](std::string fields) { return R"({"end_users":[{"friendly_name":"A","type":"t",)" + fields + "}]}"; };
    struct {
        std::string body;
        const char* names;
    } const refused[] = {
        {item(R"("sid":"IT123")"), "Invalid parameter end_users[0].sid"},
        {item(R"("sid":")" + sid + R"(","colour":1)"), "Invalid parameter end_users[0].colour"},
        {item(R"("sid":")" + sid + R"(","account_sid":")" + other_account + "\""), "Invalid parameter end_users[0].account_sid"},
        {item(R"("sid":")" + sid + R"(","date_created":"yesterday")"), "Invalid parameter end_users[0].date_created"},
        {item(R"("sid":")" + sid + R"(","attributes":"{}")"), "Invalid parameter end_users[0].attributes"},
        {R"({"end_users":[{"sid":")" + sid + R"(","type":"t"}]})", "Invalid parameter end_users[0].friendly_name"},
        {R"({"end_users":[{"sid":")" + sid + R"(","friendly_name":"A","type":"t"},{"sid":")" + sid +
             R"(","friendly_name":"B","type":"t"}]})",
         "Invalid parameter end_users[1].sid"},
        {R"({"end_users":{}})", "Invalid parameter end_users"},
        {R"({"records":[]})", "Invalid parameter records"},
        {"not json", "Invalid parameter body"},
    };
    for (const auto& r : refused)
        BOOST_TEST(refusal(test_control_codec::decode_snapshot(r.body, account, now)).starts_with(r.names), r.body);
}

BOOST_AUTO_TEST_CASE(a_snapshot_holds_every_collection_by_its_kind)
{
    const std::string user_sid = "IT" + std::string(32, '1');
    const std::string doc_sid = "RD" + std::string(32, '2');
    const std::string approved_sid = "RD" + std::string(32, '3');
    // Documents first in the body: records still come out collection by collection, in the
    // order a restore creates them.
    auto records = test_control_codec::decode_snapshot(
        R"({"supporting_documents":[{"sid":")" + doc_sid +
            R"(","friendly_name":"Office","type":"customer_profile_address","attributes":{"city":"Oslo"}},)"
            R"({"sid":")" + approved_sid +
            R"(","friendly_name":"Home","type":"t","status":"APPROVED","mime_type":"application/pdf",)"
            R"("date_created":"2030-01-02T03:04:05Z","date_updated":"2030-01-03T03:04:05Z"}],)"
            R"("end_users":[{"sid":")" + user_sid + R"(","friendly_name":"Ada","type":"individual"}]})",
        account, now);
    BOOST_TEST_REQUIRE(records.has_value());
    BOOST_TEST_REQUIRE(records->size() == 3u);
    const record& user = (*records)[0];
    const record& doc = (*records)[1];
    const record& approved = (*records)[2];
    BOOST_TEST(user.kind == "end_users");
    BOOST_TEST(user.sid == user_sid);
    BOOST_TEST(doc.kind == "supporting_documents");
    BOOST_TEST(doc.sid == doc_sid);
    BOOST_TEST(doc.account_sid == account);
    BOOST_TEST((doc.fields == std::vector<std::string>{"\"Office\"", "", "\"DRAFT\"", "\"customer_profile_address\"",
                                                       R"({"city":"Oslo"})"}),
               boost::test_tools::per_element());
    BOOST_TEST((doc.date_created == now));
    BOOST_TEST((doc.date_updated == now));
    BOOST_TEST((approved.fields == std::vector<std::string>{"\"Home\"", "\"application/pdf\"", "\"APPROVED\"", "\"t\"",
                                                            "{}"}),
               boost::test_tools::per_element());
    BOOST_TEST((approved.date_created == *detail::parse_date("2030-01-02T03:04:05Z")));
    BOOST_TEST((approved.date_updated == *detail::parse_date("2030-01-03T03:04:05Z")));
    // Null is a field's initial value, as the API writes it.
    auto nulls = test_control_codec::decode_snapshot(
        R"({"supporting_documents":[{"sid":")" + doc_sid +
            R"(","friendly_name":"A","type":"t","mime_type":null,"status":null,"attributes":null}]})",
        account, now);
    BOOST_TEST_REQUIRE(nulls.has_value());
    BOOST_TEST((nulls->front().fields == std::vector<std::string>{"\"A\"", "", "\"DRAFT\"", "\"t\"", "{}"}),
               boost::test_tools::per_element());

    auto item = [&](std::string fields) {
        return R"({"supporting_documents":[{"friendly_name":"A","type":"t",)" + fields + "}]}";
    };
    struct {
        std::string body;
        const char* names;
    } const refused[] = {
        {item(R"("sid":")" + user_sid + "\""), "Invalid parameter supporting_documents[0].sid"},
        {item(R"("sid":")" + doc_sid + R"(","status":"draft")"), "Invalid parameter supporting_documents[0].status"},
        {item(R"("sid":")" + doc_sid + R"(","status":1)"), "Invalid parameter supporting_documents[0].status"},
        {item(R"("sid":")" + doc_sid + R"(","mime_type":{})"), "Invalid parameter supporting_documents[0].mime_type"},
        {item(R"("sid":")" + doc_sid + R"(","attributes":[])"), "Invalid parameter supporting_documents[0].attributes"},
        {item(R"("sid":")" + doc_sid + R"(","failure_reason":null)"),
         "Invalid parameter supporting_documents[0].failure_reason"},
        {R"({"supporting_documents":[{"sid":")" + doc_sid + R"(","friendly_name":"A"}]})",
         "Invalid parameter supporting_documents[0].type"},
        {R"({"supporting_documents":[{"sid":")" + doc_sid + R"(","friendly_name":"A","type":""}]})",
         "Invalid parameter supporting_documents[0].type"},
        {R"({"end_users":[{"sid":")" + user_sid + R"(","friendly_name":"A","type":"t"}],"supporting_documents":[)"
             R"({"sid":")" + doc_sid + R"(","friendly_name":"A","type":"t"},{"sid":")" + doc_sid +
             R"(","friendly_name":"B","type":"t"}]})",
         "Invalid parameter supporting_documents[1].sid"},
        {R"({"supporting_documents":{}})", "Invalid parameter supporting_documents"},
        {R"({"results":[]})", "Invalid parameter results"},
    };
    for (const auto& r : refused)
        BOOST_TEST(refusal(test_control_codec::decode_snapshot(r.body, account, now)).starts_with(r.names), r.body);
    // A server that keeps only EndUsers knows nothing of documents.
    const resource_descriptor* only_users[] = {&resources::end_users};
    BOOST_TEST(refusal(test_control_codec::decode_snapshot(item(R"("sid":")" + doc_sid + "\""), account, now,
                                                           only_users))
                   .starts_with("Invalid parameter supporting_documents"));
}

BOOST_AUTO_TEST_CASE(a_snapshot_is_written_by_kind_and_reads_back_as_it_was)
{
    // The EndUsers' key always, so that a client that knows only them finds it.
    auto empty = test_control_codec::encode_snapshot({}, "http://h", 11);
    BOOST_TEST(empty.result_int() == 200u);
    BOOST_TEST(empty[boost::beast::http::field::content_type] == "application/json; charset=utf-8");
    BOOST_TEST(empty.body() == R"({"end_users":[]})");

    record doc;
    doc.kind = "supporting_documents";
    doc.sid = "RD" + std::string(32, '2');
    doc.account_sid = account;
    doc.fields = {"\"Office\"", "", "\"DRAFT\"", "\"t\"", R"({"city":"Oslo"})"};
    doc.date_created = timestamp(std::chrono::seconds(1613508057));
    doc.date_updated = timestamp(std::chrono::seconds(1613508058));
    auto only_documents = test_control_codec::encode_snapshot({doc}, "http://h", 11);
    BOOST_TEST(only_documents.body() ==
               R"({"end_users":[],"supporting_documents":[{"sid":")" + doc.sid + R"(","account_sid":")" + account +
                   R"(","friendly_name":"Office","mime_type":null,"status":"DRAFT","type":"t",)"
                   R"("attributes":{"city":"Oslo"},"date_created":"2021-02-16T20:40:57Z",)"
                   R"("date_updated":"2021-02-16T20:40:58Z","url":"http://h/v1/SupportingDocuments/)" +
                   doc.sid + R"("}]})");

    end_user u;
    u.sid = "IT" + std::string(32, '1');
    u.account_sid = account;
    u.friendly_name = "Ada \"the\" first\n";
    u.type = "individual";
    u.attributes = R"({"a":[1,"x"],"b":{"c":null}})";
    u.date_created = u.date_updated = timestamp(std::chrono::seconds(1613508000));
    std::vector<record> records = {to_record(u), doc};
    auto written = test_control_codec::encode_snapshot(records, "http://h", 11);
    auto v = json::parse(written.body()).as_object();
    BOOST_TEST(v.size() == 2u);
    BOOST_TEST(v["end_users"].as_array().size() == 1u);
    BOOST_TEST(v["end_users"].as_array()[0].as_object().at("url").as_string() == "http://h/v1/EndUsers/" + u.sid);
    BOOST_TEST(v["supporting_documents"].as_array().size() == 1u);
    auto read = test_control_codec::decode_snapshot(written.body(), account, now);
    BOOST_TEST_REQUIRE(read.has_value());
    BOOST_TEST((*read == records));
}

BOOST_AUTO_TEST_CASE(restore_problems_name_the_record_at_fault)
{
    end_user u;
    u.sid = "IT" + std::string(32, '1');
    u.friendly_name = "Ada";
    u.type = "individual";
    const record user = to_record(u);
    record doc;
    doc.kind = "supporting_documents";
    doc.sid = "RD" + std::string(32, '2');
    doc.fields = {"\"Office\"", "", "\"DRAFT\"", "\"t\"", "{}"};
    BOOST_TEST(!test_control::restore_problem({}).has_value());
    BOOST_TEST(!test_control::restore_problem({user, doc}).has_value());
    BOOST_TEST(!test_control::restore_problem({doc, user}).has_value());  // any order

    auto problem = [](std::vector<record> records, std::span<const resource_descriptor* const> collections =
                                                        resources::stored_resources()) {
        auto p = test_control::restore_problem(records, collections);
        BOOST_TEST_REQUIRE(p.has_value());
        return *p;
    };
    record bundle = doc;
    bundle.kind = "bundles";
    BOOST_TEST(problem({user, bundle}) == "bundles: not a collection this server keeps");
    record no_kind = user;
    no_kind.kind.clear();
    BOOST_TEST(problem({no_kind}) == "records: not a collection this server keeps");
    const resource_descriptor* only_users[] = {&resources::end_users};
    BOOST_TEST(problem({user, doc}, only_users) == "supporting_documents: not a collection this server keeps");

    record wrong_prefix = doc;
    wrong_prefix.sid = "IT" + std::string(32, '2');
    BOOST_TEST(problem({doc, wrong_prefix}) ==
               "supporting_documents[1].sid: RD followed by 32 lowercase hex digits");
    BOOST_TEST(problem({user, doc, doc}) == "supporting_documents[1].sid: " + doc.sid + " is given twice");
    record parented = user;
    parented.parent_sid = "BU" + std::string(32, '3');
    BOOST_TEST(problem({parented}).starts_with("end_users[0].parent: "));
    record short_record = doc;
    short_record.fields.pop_back();
    BOOST_TEST(problem({short_record}) == "supporting_documents[0]: has 4 fields, not 5");
    for (std::string empty : {"", "\"\""}) {
        record unnamed = user;
        unnamed.fields[resources::end_user_field::friendly_name] = empty;
        BOOST_TEST(problem({doc, unnamed}) == "end_users[0].friendly_name: required");
        record untyped = doc;
        untyped.fields[3] = empty;
        BOOST_TEST(problem({untyped}) == "supporting_documents[0].type: required");
    }
}

BOOST_AUTO_TEST_CASE(reset_counts_each_collection_it_emptied)
{
    boost::asio::io_context io;
    memory_store records;
    test_control control(records);
    using trusthub::test::run_bounded;

    auto make_user = [](char digit, std::string name) {
        end_user u;
        u.sid = "IT" + std::string(32, digit);
        u.friendly_name = std::move(name);
        u.type = "individual";
        u.date_created = u.date_updated = now;
        return to_record(u);
    };
    auto make_document = [](char digit, std::string name) {
        record r;
        r.kind = "supporting_documents";
        r.sid = "RD" + std::string(32, digit);
        r.fields = {"", "", "\"DRAFT\"", "\"t\"", "{}"};
        detail::append_string(r.fields[0], name);
        r.date_created = r.date_updated = now;
        return r;
    };
    // Interleaved: a snapshot lists them as they were restored, whatever their kind.
    std::vector<record> given = {make_document('1', "d1"), make_user('2', "u1"), make_document('3', "d2")};
    BOOST_TEST(run_bounded(io, control.restore(account, given)).has_value());
    auto taken = run_bounded(io, control.snapshot(account));
    BOOST_TEST_REQUIRE(taken.has_value());
    BOOST_TEST_REQUIRE(taken->size() == 3u);
    for (std::size_t i = 0; i < given.size(); ++i) {
        BOOST_TEST(taken->at(i).sid == given[i].sid);
        BOOST_TEST(taken->at(i).kind == given[i].kind);
        BOOST_TEST(taken->at(i).account_sid == account);
        BOOST_TEST(taken->at(i).fields == given[i].fields, boost::test_tools::per_element());
    }
    BOOST_CHECK_THROW(run_bounded(io, control.restore(account, {given[0], given[0]})), std::invalid_argument);

    // A SID another account has: refused, and this account's records put back in their order.
    BOOST_TEST(run_bounded(io, control.restore(other_account, {make_user('9', "theirs")})).has_value());
    auto clash = run_bounded(io, control.restore(account, {make_user('8', "new"), make_user('9', "clash")}));
    BOOST_TEST((clash.error() == errc::already_exists));
    auto kept = run_bounded(io, control.snapshot(account));
    BOOST_TEST_REQUIRE(kept.has_value());
    BOOST_TEST_REQUIRE(kept->size() == 3u);
    for (std::size_t i = 0; i < given.size(); ++i)
        BOOST_TEST(kept->at(i).sid == given[i].sid);

    using counts = test_control::removal_counts;
    auto reset = run_bounded(io, control.reset(account));
    BOOST_TEST_REQUIRE(reset.has_value());
    BOOST_TEST((*reset == counts{{"end_users", 1}, {"supporting_documents", 2}}));
    BOOST_TEST(test_control_codec::encode_reset(*reset, 11).body() ==
               R"({"end_users_removed":1,"supporting_documents_removed":2})");
    BOOST_TEST(run_bounded(io, control.snapshot(account))->empty());
    // The EndUsers' count always; another collection's only when it had records.
    auto again = run_bounded(io, control.reset(account));
    BOOST_TEST((*again == counts{{"end_users", 0}}));
    BOOST_TEST(test_control_codec::encode_reset(*again, 11).body() == R"({"end_users_removed":0})");
    BOOST_TEST(run_bounded(io, control.restore(account, {make_document('4', "d")})).has_value());
    BOOST_TEST((*run_bounded(io, control.reset(account)) == counts{{"end_users", 0}, {"supporting_documents", 1}}));
    // The other account's records are its own.
    BOOST_TEST(run_bounded(io, control.snapshot(other_account))->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_seed_file_holds_several_accounts_and_refuses_a_sid_given_twice)
{
    const std::string sid = "IT" + std::string(32, '1');
    const std::string one = R"({"end_users":[{"sid":")" + sid + R"(","friendly_name":"A","type":"t"}]})";
    auto seed = test_control_codec::decode_seed(R"({"accounts":{")" + account + R"(":)" + one + "}}", now);
    BOOST_TEST_REQUIRE(seed.has_value());
    BOOST_TEST(seed->at(account).front().account_sid == account);
    BOOST_TEST(refusal(test_control_codec::decode_seed(R"({"accounts":{"ACnope":)" + one + "}}", now))
                   .starts_with("Invalid parameter accounts.ACnope"));
    BOOST_TEST(refusal(test_control_codec::decode_seed(
                           R"({"accounts":{")" + account + R"(":)" + one + R"(,")" + other_account + R"(":)" + one + "}}",
                           now))
                   .find(sid) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rules_hit_the_calls_after_every_and_times_select)
{
    boost::asio::io_context io;
    memory_store records;
    test_control control(records);

    // Call number n of `count` through `intercept`: true when the handler answered it.
    endpoint_table::request_type req{boost::beast::http::verb::post, "/v1/EndUsers", 11};
    auto through = [&](int count) {
        std::vector<bool> answered;
        endpoint_table::handler next = [](const endpoint_call&) -> boost::asio::awaitable<endpoint_table::response_type> {
            co_return endpoint_table::response_type{boost::beast::http::status::created, 11};
        };
        for (int i = 0; i < count; ++i) {
            endpoint_call call{req, "/v1/EndUsers", "/v1/EndUsers", "", "http://h", account, {}, "RQ1"};
            std::optional<unsigned> status;
            boost::asio::co_spawn(io, control.intercept(call, next),
                                  [&](std::exception_ptr, endpoint_table::response_type res) { status = res.result_int(); });
            io.restart();
            io.run_for(std::chrono::seconds(5));
            BOOST_TEST_REQUIRE(status.has_value());
            answered.push_back(*status == 201);
        }
        return answered;
    };

    fault_rule rule;
    rule.method = "POST";
    rule.path = "/v1/*";
    rule.after = 1;
    rule.every = 2;
    rule.times = 2;
    rule.answer = fault_rule::error_for(503);
    auto added = control.add_fault(account, rule);
    // Matches 1..7: let 1 through, then every 2nd of the rest (3, 5), twice.
    BOOST_TEST(through(7) == (std::vector<bool>{true, true, false, true, false, true, true}),
               boost::test_tools::per_element());
    auto state = control.faults(account).front();
    BOOST_TEST(state.id == added.id);
    BOOST_TEST(state.matched == 7u);
    BOOST_TEST(state.hit == 2u);
    BOOST_TEST(control.requests(account).size() == 7u);
    BOOST_TEST(!control.requests(account)[1].fault.has_value());
    BOOST_TEST((control.requests(account)[2].fault == std::optional<std::uint64_t>(added.id)));

    // A seeded probability repeats itself exactly, and hits about as often as it says.
    control.clear_faults(account);
    fault_rule coin;
    coin.probability = 0.5;
    coin.seed = 42;
    coin.answer = fault_rule::error_for(500);
    control.add_fault(account, coin);
    auto first = through(200);
    control.clear_faults(account);
    control.add_fault(account, coin);
    BOOST_TEST(through(200) == first, boost::test_tools::per_element());
    auto hits = std::count(first.begin(), first.end(), false);
    BOOST_TEST(hits > 60);
    BOOST_TEST(hits < 140);

    // Another account's calls are not this account's rules' business.
    BOOST_TEST(control.faults(other_account).empty());
    BOOST_TEST(!control.remove_fault(account, 999));
}

BOOST_AUTO_TEST_CASE(the_journal_keeps_the_newest_requests_within_its_count_and_bytes)
{
    boost::asio::io_context io;
    memory_store records;
    test_control_options options;
    options.journal_capacity = 3;
    options.journal_bytes = 150;  // an entry below holds 49 bytes: three fit
    test_control control(records, options);
    endpoint_table::handler next = [](const endpoint_call&) -> boost::asio::awaitable<endpoint_table::response_type> {
        co_return endpoint_table::response_type{boost::beast::http::status::ok, 11};
    };
    auto send = [&](std::string body) {
        endpoint_table::request_type req{boost::beast::http::verb::post, "/v1/EndUsers", 11};
        req.body() = std::move(body);
        endpoint_call call{req, "/v1/EndUsers", "/v1/EndUsers", "", "http://h", account, {}, "RQ1"};
        bool done = false;
        boost::asio::co_spawn(io, control.intercept(call, next),
                              [&](std::exception_ptr, endpoint_table::response_type) { done = true; });
        io.restart();
        io.run_for(std::chrono::seconds(5));
        BOOST_TEST_REQUIRE(done);
    };
    auto names = [&] {
        std::vector<std::string> out;
        for (const auto& e : control.requests(account))
            out.push_back(e.params.empty() ? "-" : e.params.front().second);
        return out;
    };
    for (const char* n : {"1", "2", "3", "4"})
        send(std::string("FriendlyName=") + n + "&Attributes=%7B%7D");
    BOOST_TEST(names() == (std::vector<std::string>{"2", "3", "4"}), boost::test_tools::per_element());
    BOOST_TEST(control.requests(account).back().params.back().second == "[redacted]");

    const std::string x(60, 'x');
    send("FriendlyName=" + x);  // 88 bytes: two of the others must go
    BOOST_TEST(names() == (std::vector<std::string>{"4", x}), boost::test_tools::per_element());
    send("FriendlyName=" + std::string(200, 'y'));  // more than the whole budget: kept, bare (16)
    BOOST_TEST(names() == (std::vector<std::string>{x, "-"}), boost::test_tools::per_element());

    control.clear_requests(account);
    BOOST_TEST(control.requests(account).empty());
}

BOOST_AUTO_TEST_SUITE_END()
