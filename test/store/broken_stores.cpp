// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The conformance kit must fail stores that break the contract, and name the rule they break.

#include "broken_stores.hpp"

#include <trusthub/testing/store_conformance.hpp>

#include <boost/test/unit_test.hpp>

#include <sstream>

namespace {

using trusthub::testing::conformance_failure;
using trusthub::testing::conformance_options;

template <class Store>
std::unique_ptr<trusthub::store> make(boost::asio::any_io_executor)
{
    return std::make_unique<Store>();
}

conformance_options quick()
{
    conformance_options o;
    o.timeout = std::chrono::seconds(20);
    o.threads = 4;
    o.concurrent_operations = 200;
    return o;
}

std::string checks_of(const std::vector<conformance_failure>& failures)
{
    std::ostringstream out;
    for (const auto& f : failures)
        out << "\n  " << f;
    return out.str();
}

// Runs every check on `Store`; `broken_rule` must be among the checks that fail.
template <class Store>
void expect_caught(const char* broken_rule)
{
    auto failures = trusthub::testing::run_store_conformance(make<Store>, quick());
    BOOST_TEST_MESSAGE("failures found:" << checks_of(failures));
    BOOST_TEST(trusthub::testing::failed_check(failures, broken_rule),
               "expected a failure of " << broken_rule << "; found:" << checks_of(failures));
}

// Runs only the check meant for `Store`'s broken rule: for rules whose breakage shows in one
// check alone, where running them all would only repeat the plain store's passing run.
template <class Store>
void expect_caught_by(const char* broken_rule)
{
    auto failures = trusthub::testing::run_store_conformance_check(broken_rule, make<Store>, quick());
    BOOST_TEST(trusthub::testing::failed_check(failures, broken_rule),
               "expected a failure of " << broken_rule << "; found:" << checks_of(failures));
}

} // namespace

BOOST_AUTO_TEST_SUITE(broken_stores)

BOOST_AUTO_TEST_CASE(a_store_that_leaks_other_accounts_fails_account_isolation)
{
    expect_caught<trusthub::test::leaks_other_accounts>("account_isolation");
}

BOOST_AUTO_TEST_CASE(a_store_that_ignores_before_fails_paging_backward)
{
    expect_caught<trusthub::test::ignores_before>("paging_backward");
}

BOOST_AUTO_TEST_CASE(a_store_that_guesses_more_after_fails_paging_forward)
{
    expect_caught<trusthub::test::guesses_more_after>("paging_forward");
}

BOOST_AUTO_TEST_CASE(a_store_whose_visit_page_disagrees_with_list_fails_paging_forward)
{
    expect_caught<trusthub::test::visit_drops_the_last_record>("paging_forward");
}

BOOST_AUTO_TEST_CASE(a_store_that_loses_a_field_fails_update_changes_only_the_patch)
{
    expect_caught<trusthub::test::loses_a_field_on_update>("update_changes_only_the_patch");
}

BOOST_AUTO_TEST_CASE(a_store_that_ignores_fields_past_the_end_fails_update_past_the_last_field)
{
    expect_caught<trusthub::test::ignores_fields_past_the_end>("update_past_the_last_field");
}

BOOST_AUTO_TEST_CASE(a_store_with_lost_updates_fails_concurrent_updates)
{
    auto failures = trusthub::testing::run_store_conformance_check(
        "concurrent_updates", make<trusthub::test::read_modify_write_update>, quick());
    BOOST_TEST(trusthub::testing::failed_check(failures, "concurrent_updates"), checks_of(failures));
    // Sequential updates through the same path are right: only concurrency shows the bug.
    auto sequential = trusthub::testing::run_store_conformance_check(
        "update_changes_only_the_patch", make<trusthub::test::read_modify_write_update>, quick());
    BOOST_TEST(sequential.empty(), checks_of(sequential));
}

BOOST_AUTO_TEST_CASE(a_store_that_reuses_sequences_fails_sequence_order)
{
    expect_caught<trusthub::test::reuses_sequences>("sequence_order");
}

BOOST_AUTO_TEST_CASE(a_store_that_resumes_on_its_own_thread_fails_resumes_on_caller_executor)
{
    auto failures = trusthub::testing::run_store_conformance_check(
        "resumes_on_caller_executor", make<trusthub::test::resumes_on_its_own_thread>, quick());
    BOOST_TEST(trusthub::testing::failed_check(failures, "resumes_on_caller_executor"), checks_of(failures));
}

BOOST_AUTO_TEST_CASE(a_store_that_never_answers_is_reported_within_the_timeout)
{
    auto options = quick();
    options.timeout = std::chrono::seconds(1);
    auto start = std::chrono::steady_clock::now();
    auto failures = trusthub::testing::run_store_conformance_check(
        "remove", make<trusthub::test::never_answers_list>, options);
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(failures.size() == 1u, checks_of(failures));
    BOOST_TEST(checks_of(failures).find("did not finish within 1 s") != std::string::npos, checks_of(failures));
    BOOST_TEST(took < std::chrono::seconds(10));
}

BOOST_AUTO_TEST_CASE(a_store_that_throws_is_reported_not_fatal)
{
    auto failures = trusthub::testing::run_store_conformance_check(
        "create_and_fetch", make<trusthub::test::throws_on_fetch>, quick());
    BOOST_TEST(checks_of(failures).find("threw: connection reset by peer") != std::string::npos,
               checks_of(failures));
}

BOOST_AUTO_TEST_CASE(an_unknown_check_and_a_missing_store_are_failures)
{
    auto unknown = trusthub::testing::run_store_conformance_check("no_such_check", make<trusthub::memory_store>);
    BOOST_TEST(trusthub::testing::failed_check(unknown, "no_such_check"));
    auto none = trusthub::testing::run_store_conformance_check(
        "create_and_fetch", [](boost::asio::any_io_executor) { return std::unique_ptr<trusthub::store>(); });
    BOOST_TEST(trusthub::testing::failed_check(none, "create_and_fetch"));
}

// The plain store keeps every rule: each store below differs from it by one broken rule.
BOOST_AUTO_TEST_CASE(the_plain_store_passes_every_check)
{
    auto failures = trusthub::testing::run_store_conformance(make<trusthub::test::plain_store>, quick());
    BOOST_TEST(failures.empty(), checks_of(failures));
}

BOOST_AUTO_TEST_CASE(a_store_that_ignores_kind_fails_kind_scoping)
{
    expect_caught<trusthub::test::ignores_kind>("kind_scoping");
}

BOOST_AUTO_TEST_CASE(a_store_that_skips_the_parent_check_fails_create_under_missing_parent)
{
    expect_caught<trusthub::test::skips_parent_check>("create_under_missing_parent");
}

BOOST_AUTO_TEST_CASE(a_store_that_skips_the_reference_check_fails_missing_reference)
{
    expect_caught<trusthub::test::skips_reference_check>("missing_reference");
}

BOOST_AUTO_TEST_CASE(a_store_that_removes_despite_references_fails_remove_referenced)
{
    expect_caught<trusthub::test::removes_despite_references>("remove_referenced");
}

BOOST_AUTO_TEST_CASE(a_store_that_does_not_cascade_fails_remove_cascades)
{
    expect_caught<trusthub::test::does_not_cascade>("remove_cascades");
}

BOOST_AUTO_TEST_CASE(a_store_blocked_by_its_own_references_fails_references_inside_subtree)
{
    expect_caught_by<trusthub::test::blocked_by_own_references>("references_inside_subtree");
}

BOOST_AUTO_TEST_CASE(a_store_without_any_parent_lists_fails_any_parent_lists)
{
    expect_caught_by<trusthub::test::no_any_parent_lists>("any_parent_lists");
    expect_caught_by<trusthub::test::no_any_parent_lists>("account_records");
}

BOOST_AUTO_TEST_CASE(a_store_that_never_matches_missing_fields_fails_filters)
{
    expect_caught_by<trusthub::test::missing_field_never_matches>("filters");
}

BOOST_AUTO_TEST_CASE(a_store_that_keys_sids_by_their_digits_fails_sids_with_other_prefixes)
{
    expect_caught_by<trusthub::test::sids_by_digits>("sids_with_other_prefixes");
}

BOOST_AUTO_TEST_CASE(a_store_that_checks_then_inserts_fails_both_races)
{
    // Only the races show it: one call at a time, the check still holds when the insert runs.
    expect_caught_by<trusthub::test::checks_then_inserts>("concurrent_create_and_remove_parent");
    expect_caught_by<trusthub::test::checks_then_inserts>("concurrent_reference_and_remove");
    auto sequential = trusthub::testing::run_store_conformance_check(
        "create_under_missing_parent", make<trusthub::test::checks_then_inserts>, quick());
    BOOST_TEST(sequential.empty(), checks_of(sequential));
}

BOOST_AUTO_TEST_SUITE_END()
