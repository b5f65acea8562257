// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The parts `test_control` is made of, each on its own: the account clocks, the request journal,
// the fault rules and the record snapshots; then what `test_control` adds to them (its reset
// clears every part of one account, and its accessors are the parts it uses). Coroutines run on
// an io_context bounded by run_for; the one test with threads joins them before it checks.

#include <support/run.hpp>

#include <trusthub/detail/json_text.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/control/account_clocks.hpp>
#include <trusthub/control/account_fault_rules.hpp>
#include <trusthub/control/record_snapshots.hpp>
#include <trusthub/control/request_journal.hpp>
#include <trusthub/control/test_control.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

using namespace trusthub;
using trusthub::test::run_bounded;

namespace {

const std::string parts_account = "AC" + std::string(32, 'a');
const std::string parts_other_account = "AC" + std::string(32, 'b');

const timestamp start = timestamp(std::chrono::seconds(1'900'000'000));

journal_entry entry_with(std::vector<std::pair<std::string, std::string>> params)
{
    journal_entry e;
    e.method = "POST";            // 4 bytes
    e.path = "/v1/EndUsers";      // 12
    e.params = std::move(params);
    return e;
}

// The value of each entry's first parameter, "-" for an entry without any.
std::vector<std::string> first_values(const std::vector<journal_entry>& entries)
{
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.params.empty() ? "-" : e.params.front().second);
    return out;
}

// Which of `count` calls of `method` on `path` a rule hits: the id of the rule, 0 for none.
std::vector<std::uint64_t> decide_calls(account_fault_rules& rules, int count, std::string_view method = "POST",
                                        std::string_view path = "/v1/EndUsers")
{
    std::vector<std::uint64_t> out;
    for (int i = 0; i < count; ++i) {
        auto d = rules.decide(parts_account, method, path);
        out.push_back(d ? d->id : 0);
    }
    return out;
}

record make_user(char digit, std::string name)
{
    end_user u;
    u.sid = "IT" + std::string(32, digit);
    u.friendly_name = std::move(name);
    u.type = "individual";
    u.date_created = u.date_updated = start;
    return to_record(u);
}

record make_document(char digit, std::string name)
{
    record r;
    r.kind = "supporting_documents";
    r.sid = "RD" + std::string(32, digit);
    r.fields = {"", "", "\"DRAFT\"", "\"t\"", "{}"};
    detail::append_string(r.fields[0], name);
    r.date_created = r.date_updated = start;
    return r;
}

std::vector<std::string> sids_of(const std::vector<record>& records)
{
    std::vector<std::string> out;
    for (const auto& r : records)
        out.push_back(r.sid);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_parts)

// --- account_clocks --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_account_clock_is_real_frozen_or_offset_and_its_own)
{
    manual_clock real(start);
    account_clocks clocks(real);
    BOOST_TEST((clocks.setting(parts_account) == clock_setting{}));
    BOOST_TEST((clocks.now(parts_account) == start));

    clock_setting frozen{.mode = clock_setting::mode_type::frozen, .frozen_at = start - std::chrono::hours(24)};
    clocks.set(parts_account, frozen);
    real.advance(std::chrono::seconds(10));
    BOOST_TEST((clocks.setting(parts_account) == frozen));
    BOOST_TEST((clocks.now(parts_account) == start - std::chrono::hours(24)));
    BOOST_TEST((clocks.now(parts_other_account) == start + std::chrono::seconds(10)));  // not another's

    clocks.set(parts_account, {.mode = clock_setting::mode_type::offset, .offset = std::chrono::seconds(-60)});
    BOOST_TEST((clocks.now(parts_account) == start + std::chrono::seconds(10) - std::chrono::seconds(60)));
    real.advance(std::chrono::seconds(5));  // an offset clock runs with the real one
    BOOST_TEST((clocks.now(parts_account) == start + std::chrono::seconds(15) - std::chrono::seconds(60)));
    BOOST_TEST((clocks.account_clock()(parts_account) == clocks.now(parts_account)));

    clocks.forget(parts_account);
    BOOST_TEST((clocks.setting(parts_account) == clock_setting{}));
    BOOST_TEST((clocks.now(parts_account) == start + std::chrono::seconds(15)));
    clocks.forget(parts_other_account);  // one it never had: nothing to do
}

BOOST_AUTO_TEST_CASE(an_empty_real_clock_is_the_system_clock)
{
    account_clocks clocks{clock_source{}};
    BOOST_TEST_REQUIRE(static_cast<bool>(clocks.real()));
    auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto now = clocks.now(parts_account);
    auto after = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    BOOST_TEST((before <= now && now <= after));
}

// --- request_journal -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_journal_keeps_the_newest_entries_within_its_count_and_bytes)
{
    // An entry below holds 4 + 12 + 12 + 1 + 10 + 10 = 49 bytes, `[redacted]` included: three fit.
    request_journal journal({.capacity = 3, .bytes = 150});
    for (const char* n : {"1", "2", "3", "4"})
        journal.add(parts_account, entry_with({{"FriendlyName", n}, {"Attributes", "{}"}}));
    BOOST_TEST(first_values(journal.entries(parts_account)) == (std::vector<std::string>{"2", "3", "4"}),
               boost::test_tools::per_element());

    const std::string x(60, 'x');
    journal.add(parts_account, entry_with({{"FriendlyName", x}}));  // 88 bytes: two of the others go
    BOOST_TEST(first_values(journal.entries(parts_account)) == (std::vector<std::string>{"4", x}),
               boost::test_tools::per_element());
    journal.add(parts_account, entry_with({{"FriendlyName", std::string(200, 'y')}}));  // over the budget alone
    auto entries = journal.entries(parts_account);
    BOOST_TEST(first_values(entries) == (std::vector<std::string>{x, "-"}), boost::test_tools::per_element());
    BOOST_TEST(entries.back().path == "/v1/EndUsers");  // kept, bare

    BOOST_TEST(journal.entries(parts_other_account).empty());
    journal.clear(parts_account);
    BOOST_TEST(journal.entries(parts_account).empty());
    journal.add(parts_account, entry_with({{"FriendlyName", "again"}}));  // a cleared journal fills again
    BOOST_TEST(journal.entries(parts_account).size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_journal_redacts_what_the_descriptors_mark_personal_unless_told_to_keep_it)
{
    request_journal redacting;
    BOOST_TEST(redacting.is_personal("Attributes"));
    BOOST_TEST(!redacting.is_personal("FriendlyName"));
    BOOST_TEST(!redacting.is_personal("attributes"));  // the parameter's name, as sent
    redacting.add(parts_account, entry_with({{"FriendlyName", "Ada"}, {"Attributes", R"({"email":"a@b.c"})"}}));
    auto params = redacting.entries(parts_account).front().params;
    BOOST_TEST_REQUIRE(params.size() == 2u);
    BOOST_TEST(params[0].second == "Ada");
    BOOST_TEST(params[1].second == "[redacted]");

    request_journal keeping({.keep_personal = true});
    keeping.add(parts_account, entry_with({{"Attributes", "{}"}}));
    BOOST_TEST(keeping.entries(parts_account).front().params.front().second == "{}");

    // Personal is what the collections it is given say: with none, nothing is.
    request_journal no_collections({.resources = {}});
    BOOST_TEST(!no_collections.is_personal("Attributes"));
    no_collections.add(parts_account, entry_with({{"Attributes", "{}"}}));
    BOOST_TEST(no_collections.entries(parts_account).front().params.front().second == "{}");

    request_journal nothing_kept({.capacity = 0});
    nothing_kept.add(parts_account, entry_with({}));
    BOOST_TEST(nothing_kept.entries(parts_account).empty());
}

BOOST_AUTO_TEST_CASE(the_journal_dates_entries_by_the_account_clock_or_keeps_their_date)
{
    journal_entry dated = entry_with({});
    dated.date = start;
    request_journal undated_journal;
    undated_journal.add(parts_account, dated);
    BOOST_TEST((undated_journal.entries(parts_account).front().date == start));

    std::vector<std::string> asked;
    request_journal journal({.account_clock = [&](std::string_view a) {
        asked.emplace_back(a);
        return start + std::chrono::seconds(a == parts_account ? 1 : 2);
    }});
    journal.add(parts_account, dated);
    journal.add(parts_other_account, dated);
    BOOST_TEST((journal.entries(parts_account).front().date == start + std::chrono::seconds(1)));
    BOOST_TEST((journal.entries(parts_other_account).front().date == start + std::chrono::seconds(2)));
    BOOST_TEST(asked == (std::vector<std::string>{parts_account, parts_other_account}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_journal_order_is_its_dates_order_when_entries_come_at_once)
{
    // A clock that is later at each call: entries dated out of their order in the journal would
    // show as a date going back.
    std::atomic<std::int64_t> ticks{0};
    request_journal journal({.capacity = 10'000, .account_clock = [&](std::string_view) {
        return start + std::chrono::seconds(ticks.fetch_add(1));
    }});
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 500; ++i)
                    journal.add(parts_account, entry_with({}));
            });
    }
    auto entries = journal.entries(parts_account);
    BOOST_TEST_REQUIRE(entries.size() == 2000u);
    BOOST_TEST(std::is_sorted(entries.begin(), entries.end(),
                              [](const journal_entry& a, const journal_entry& b) { return a.date < b.date; }));
    BOOST_TEST((entries.back().date == start + std::chrono::seconds(1999)));
}

// --- account_fault_rules ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(rules_are_numbered_per_account_and_clear_keeps_the_count_where_forget_restarts_it)
{
    account_fault_rules rules;
    fault_rule rule;
    rule.answer = fault_rule::error_for(500);
    BOOST_TEST(rules.add(parts_account, rule).id == 1u);
    BOOST_TEST(rules.add(parts_account, rule).id == 2u);
    BOOST_TEST(rules.add(parts_other_account, rule).id == 1u);
    BOOST_TEST(rules.list(parts_account).size() == 2u);

    BOOST_TEST(rules.remove(parts_account, 1));
    BOOST_TEST(!rules.remove(parts_account, 1));
    BOOST_TEST(!rules.remove("AC" + std::string(32, 'c'), 1));
    BOOST_TEST_REQUIRE(rules.list(parts_account).size() == 1u);
    BOOST_TEST(rules.list(parts_account).front().id == 2u);

    rules.clear(parts_account);
    BOOST_TEST(rules.list(parts_account).empty());
    BOOST_TEST(rules.add(parts_account, rule).id == 3u);  // ids are not reused
    rules.forget(parts_account);
    BOOST_TEST(rules.list(parts_account).empty());
    BOOST_TEST(rules.add(parts_account, rule).id == 1u);
    BOOST_TEST(rules.list(parts_other_account).size() == 1u);  // the other parts_account's stay

    fault_rule nothing;  // neither answers, drops nor delays
    BOOST_CHECK_THROW(rules.add(parts_account, nothing), std::invalid_argument);
    BOOST_TEST(rules.list(parts_account).size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_first_rule_that_hits_decides_and_every_rule_that_matches_counts)
{
    account_fault_rules rules;
    BOOST_TEST(!rules.decide(parts_account, "POST", "/v1/EndUsers").has_value());

    fault_rule slow;
    slow.method = "post";  // any case
    slow.path = "/v1/*";
    slow.after = 1;
    slow.every = 2;
    slow.times = 2;
    slow.delay = std::chrono::milliseconds(5);
    fault_rule fail;
    fail.path = "/v1/**";
    fail.answer = fault_rule::error_for(503);
    fail.commit = true;
    auto first = rules.add(parts_account, slow);
    auto second = rules.add(parts_account, fail);

    // Matches 1..7 of the first rule: 3 and 5 are its; the second hits the rest.
    BOOST_TEST(decide_calls(rules, 7) == (std::vector<std::uint64_t>{2, 2, 1, 2, 1, 2, 2}),
               boost::test_tools::per_element());
    auto d = rules.decide(parts_account, "GET", "/v1/EndUsers/IT1");  // the first's method or path do not match
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->id == second.id);
    BOOST_TEST(d->answer->status == 503u);
    BOOST_TEST(d->commit);
    BOOST_TEST(!d->drop);
    BOOST_TEST(d->delay.count() == 0);
    BOOST_TEST(!rules.decide(parts_account, "POST", "/v2/EndUsers").has_value());
    BOOST_TEST(!rules.decide(parts_other_account, "POST", "/v1/EndUsers").has_value());

    auto states = rules.list(parts_account);
    BOOST_TEST_REQUIRE(states.size() == 2u);
    BOOST_TEST(states[0].id == first.id);
    BOOST_TEST(states[0].matched == 7u);
    BOOST_TEST(states[0].hit == 2u);
    BOOST_TEST(states[0].rule.delay.count() == 5);
    BOOST_TEST(states[1].matched == 8u);
    BOOST_TEST(states[1].hit == 6u);
}

BOOST_AUTO_TEST_CASE(a_seeded_probability_draws_the_same_hits_again)
{
    fault_rule coin;
    coin.probability = 0.5;
    coin.seed = 42;
    coin.drop = true;
    account_fault_rules one, two;
    one.add(parts_account, coin);
    two.add(parts_account, coin);
    auto hits = decide_calls(one, 200);
    BOOST_TEST(decide_calls(two, 200) == hits, boost::test_tools::per_element());
    auto n = std::count(hits.begin(), hits.end(), 1u);
    BOOST_TEST(n > 60);
    BOOST_TEST(n < 140);

    coin.seed = 43;
    account_fault_rules three;
    three.add(parts_account, coin);
    BOOST_TEST((decide_calls(three, 200) != hits));
}

// --- record_snapshots ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(snapshots_take_restore_and_reset_only_their_collections)
{
    boost::asio::io_context io;
    memory_store records;
    record_snapshots all(records);
    const resource_descriptor* only_users_list[] = {&resources::end_users};
    record_snapshots only_users(records, only_users_list);
    BOOST_TEST(only_users.collections().size() == 1u);

    std::vector<record> given = {make_document('1', "d1"), make_user('2', "u1"), make_document('3', "d2")};
    BOOST_TEST(run_bounded(io, all.restore(parts_account, given)).has_value());
    BOOST_TEST(sids_of(*run_bounded(io, all.snapshot(parts_account))) == sids_of(given), boost::test_tools::per_element());
    BOOST_TEST(sids_of(*run_bounded(io, only_users.snapshot(parts_account))) == (std::vector<std::string>{given[1].sid}),
               boost::test_tools::per_element());
    // A documents record is not one of `only_users`'s: refused before anything changes.
    BOOST_CHECK_THROW(run_bounded(io, only_users.restore(parts_account, {given[0]})), std::invalid_argument);
    BOOST_TEST(run_bounded(io, all.snapshot(parts_account))->size() == 3u);

    using counts = record_snapshots::removal_counts;
    BOOST_TEST((*run_bounded(io, only_users.reset(parts_account)) == counts{{"end_users", 1}}));
    BOOST_TEST(sids_of(*run_bounded(io, all.snapshot(parts_account))) == (std::vector<std::string>{given[0].sid, given[2].sid}),
               boost::test_tools::per_element());
    BOOST_TEST((*run_bounded(io, all.reset(parts_account)) == counts{{"end_users", 0}, {"supporting_documents", 2}}));
    BOOST_TEST(run_bounded(io, all.snapshot(parts_account))->empty());

    BOOST_TEST(!record_snapshots::restore_problem(given).has_value());
    BOOST_TEST(*record_snapshots::restore_problem(given, only_users_list) ==
               "supporting_documents: not a collection this server keeps");
}

BOOST_AUTO_TEST_CASE(a_refused_restore_puts_the_records_back_in_their_order)
{
    boost::asio::io_context io;
    memory_store records;
    record_snapshots snapshots(records);
    std::vector<record> mine = {make_user('1', "a"), make_document('2', "b"), make_user('3', "c")};
    BOOST_TEST(run_bounded(io, snapshots.restore(parts_account, mine)).has_value());
    BOOST_TEST(run_bounded(io, snapshots.restore(parts_other_account, {make_user('9', "theirs")})).has_value());

    auto clash = run_bounded(io, snapshots.restore(parts_account, {make_user('8', "new"), make_user('9', "clash")}));
    BOOST_TEST_REQUIRE(!clash.has_value());
    BOOST_TEST((clash.error() == errc::already_exists));
    BOOST_TEST(sids_of(*run_bounded(io, snapshots.snapshot(parts_account))) == sids_of(mine),
               boost::test_tools::per_element());
    BOOST_TEST(run_bounded(io, snapshots.snapshot(parts_other_account))->size() == 1u);
}

// --- test_control, made of them --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(test_control_resets_every_part_of_one_account_and_no_other)
{
    boost::asio::io_context io;
    memory_store records;
    manual_clock real(start);
    test_control control(records, {.clock = real});

    fault_rule rule;
    rule.answer = fault_rule::error_for(500);
    const clock_setting frozen{.mode = clock_setting::mode_type::frozen, .frozen_at = start - std::chrono::hours(1)};
    for (const std::string& a : {parts_account, parts_other_account}) {
        BOOST_TEST(run_bounded(io, control.restore(a, {make_user(a == parts_account ? '1' : '2', "u")})).has_value());
        control.add_fault(a, rule);
        control.add_fault(a, rule);
        control.set_clock(a, frozen);
        control.journal().add(a, entry_with({}));
    }
    // The parts are what the members read: the journal dated the entry by the parts_account's clock.
    BOOST_TEST(control.requests(parts_account).size() == 1u);
    BOOST_TEST((control.requests(parts_account).front().date == start - std::chrono::hours(1)));
    BOOST_TEST(control.fault_rules().list(parts_account).size() == 2u);
    BOOST_TEST((control.clocks().setting(parts_account) == frozen));
    BOOST_TEST((control.now(parts_account) == start - std::chrono::hours(1)));

    using counts = test_control::removal_counts;
    BOOST_TEST((*run_bounded(io, control.reset(parts_account)) == counts{{"end_users", 1}}));
    BOOST_TEST(run_bounded(io, control.snapshot(parts_account))->empty());
    BOOST_TEST(control.requests(parts_account).empty());
    BOOST_TEST(control.faults(parts_account).empty());
    BOOST_TEST((control.clock(parts_account) == clock_setting{}));
    BOOST_TEST((control.now(parts_account) == start));
    BOOST_TEST(control.add_fault(parts_account, rule).id == 1u);  // its ids start again

    BOOST_TEST(run_bounded(io, control.snapshot(parts_other_account))->size() == 1u);
    BOOST_TEST(control.requests(parts_other_account).size() == 1u);
    BOOST_TEST(control.faults(parts_other_account).size() == 2u);
    BOOST_TEST((control.clock(parts_other_account) == frozen));
}

BOOST_AUTO_TEST_CASE(test_control_passes_its_options_to_its_parts)
{
    memory_store records;
    const resource_descriptor* only_users[] = {&resources::end_users};
    test_control control(records, {.clock = {},
                                   .journal_capacity = 7,
                                   .journal_bytes = 99,
                                   .keep_attributes_in_journal = true,
                                   .resources = only_users});
    BOOST_TEST(static_cast<bool>(control.options().clock));  // an empty clock is the system's
    BOOST_TEST(control.journal().options().capacity == 7u);
    BOOST_TEST(control.journal().options().bytes == 99u);
    BOOST_TEST(control.journal().options().keep_personal);
    BOOST_TEST(control.journal().options().resources.size() == 1u);
    BOOST_TEST(control.snapshots().collections().size() == 1u);
    BOOST_TEST(control.snapshots().collections().front() == &resources::end_users);

    // Refused with the names the facade has always given.
    fault_rule nothing;
    try {
        control.add_fault(parts_account, nothing);
        BOOST_ERROR("accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).starts_with("test_control::add_fault: "));
    }
}

BOOST_AUTO_TEST_SUITE_END()
