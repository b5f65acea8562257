// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CHECKS_HPP
#define TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CHECKS_HPP

// Every check, by name, in the order the kit runs them.

#include <trusthub/testing/detail/concurrency_checks.hpp>
#include <trusthub/testing/detail/conformance_helpers.hpp>
#include <trusthub/testing/detail/paging_checks.hpp>
#include <trusthub/testing/detail/record_checks.hpp>
#include <trusthub/testing/detail/relation_checks.hpp>

#include <boost/asio/awaitable.hpp>

#include <vector>

namespace trusthub::testing::detail {

struct check_entry {
    const char* name;
    boost::asio::awaitable<void> (*run)(conformance_context&);
};

/// Every check, in the order they run: basic semantics first, so the first failure a store
/// author sees is usually the simplest one.
inline const std::vector<check_entry>& all_checks()
{
    static const std::vector<check_entry> checks = {
        {"create_and_fetch", check_create_and_fetch},
        {"missing_records", check_missing_records},
        {"update_changes_only_the_patch", check_update_changes_only_the_patch},
        {"update_past_the_last_field", check_update_past_the_last_field},
        {"remove", check_remove},
        {"account_isolation", check_account_isolation},
        {"kind_scoping", check_kind_scoping},
        {"parent_scoping", check_parent_scoping},
        {"sequence_order", check_sequence_order},
        {"sid_uniqueness", check_sid_uniqueness},
        {"sids_with_other_prefixes", check_sids_with_other_prefixes},
        {"dates", check_dates},
        {"text_round_trip", check_text_round_trip},
        {"create_under_missing_parent", check_create_under_missing_parent},
        {"missing_reference", check_missing_reference},
        {"remove_cascades", check_remove_cascades},
        {"remove_referenced", check_remove_referenced},
        {"references_inside_subtree", check_references_inside_subtree},
        {"paging_forward", check_paging_forward},
        {"paging_backward", check_paging_backward},
        {"paging_empty_pages", check_paging_empty_pages},
        {"paging_from_deleted_cursor", check_paging_from_deleted_cursor},
        {"paging_under_changes", check_paging_under_changes},
        {"any_parent_lists", check_any_parent_lists},
        {"filters", check_filters},
        {"account_records", check_account_records},
        {"resumes_on_caller_executor", check_resumes_on_caller_executor},
        {"concurrent_creates", check_concurrent_creates},
        {"concurrent_updates", check_concurrent_updates},
        {"concurrent_mixed", check_concurrent_mixed},
        {"concurrent_create_and_remove_parent", check_concurrent_create_and_remove_parent},
        {"concurrent_reference_and_remove", check_concurrent_reference_and_remove},
    };
    return checks;
}

} // namespace trusthub::testing::detail

#endif
