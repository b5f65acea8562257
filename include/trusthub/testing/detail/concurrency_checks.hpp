// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_CONCURRENCY_CHECKS_HPP
#define TRUSTHUB_TESTING_DETAIL_CONCURRENCY_CHECKS_HPP

// The checks of calls from several threads: where a coroutine resumes, and what concurrent
// calls leave behind.

#include <trusthub/testing/detail/conformance_helpers.hpp>

#include <boost/asio/this_coro.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace trusthub::testing::detail {

// --- executors -------------------------------------------------------------------------------
// The coroutine must resume where it was awaited from, after every call and every answer.

inline boost::asio::awaitable<void> resume_task(conformance_context& ctx, check_strand strand, std::string account)
{
    auto here = [&](const char* operation) {
        if (!strand.running_in_this_thread())
            ctx.fail(std::string("after co_await store::") + operation +
                     " the coroutine ran outside the strand it was awaited from");
    };
    auto parent_record = ctx.make_record(item_kind, account);
    auto created = co_await ctx.records().create(parent_record);
    here("create");
    ctx.require(created.has_value(), "create failed: " + describe(created));
    auto child_record = ctx.make_record(child_kind, account, parent_record.sid);
    co_await ctx.records().create(child_record);
    here("create (child)");
    auto orphan = ctx.make_record(child_kind, account, ctx.make_sid(item_kind.prefix));
    co_await ctx.records().create(orphan);
    here("create (missing parent)");
    auto dangling = ctx.make_record(link_kind, account);
    dangling.references = {ctx.make_sid(item_kind.prefix)};
    co_await ctx.records().create(dangling);
    here("create (missing reference)");
    auto link = ctx.make_record(link_kind, account);
    link.references = {child_record.sid};
    co_await ctx.records().create(link);
    here("create (with a reference)");
    auto key = key_of(parent_record);
    co_await ctx.records().fetch(key);
    here("fetch");
    record_key ghost{item_kind.name, account, "", ctx.make_sid(item_kind.prefix)};
    co_await ctx.records().fetch(ghost);
    here("fetch (not found)");
    auto rename = patch_of(0, R"("Moved")");
    co_await ctx.records().update(key, rename);
    here("update");
    auto items = scope_of(item_kind, account);
    co_await ctx.records().list(items, page_query{});
    here("list");
    auto children = scope_of(child_kind, account, std::nullopt);
    children.filters = {{0, {child_record.fields[0]}}};
    co_await ctx.records().list(children, page_query{});
    here("list (any parent, filtered)");
    store::record_visitor ignore = [](const record_view&) {};
    co_await ctx.records().visit_page(items, page_query{}, ignore);
    here("visit_page");
    co_await ctx.records().remove(key);
    here("remove (referenced)");
    auto link_key = key_of(link);
    co_await ctx.records().remove(link_key);
    here("remove");
    co_await ctx.records().remove(key);
    here("remove (cascading)");
    co_await ctx.records().remove(key);
    here("remove (not found)");
}

inline boost::asio::awaitable<void> check_resumes_on_caller_executor(conformance_context& ctx)
{
    wait_group group(co_await boost::asio::this_coro::executor);
    auto account = ctx.make_sid("AC");
    unsigned tasks = std::max(4u, ctx.options().threads * 4);
    for (unsigned i = 0; i < tasks; ++i) {
        auto strand = boost::asio::make_strand(ctx.io_executor());
        spawn_counted(ctx, group, strand, resume_task(ctx, strand, account));
    }
    co_await group.wait();
}

// --- concurrency -----------------------------------------------------------------------------
// Calls from every thread of the io_context at once.

struct created_log {
    std::mutex mutex;
    std::vector<record> records;
    std::atomic<int> winners{0};
};

inline boost::asio::awaitable<void> create_pair_task(conformance_context& ctx, created_log& log, record parent)
{
    auto first_record = ctx.make_record(child_kind, parent.account_sid, parent.sid, "first");
    auto first = co_await ctx.create(first_record);
    auto second_record = ctx.make_record(link_kind, parent.account_sid, {}, "second");
    second_record.references = {first.sid};
    auto second = co_await ctx.create(second_record);
    // The first create had completed before the second began: creation order is clear.
    ctx.expect(second.sequence > first.sequence, "a create that began after another had ended got a lower "
                                                 "sequence: " + std::to_string(second.sequence) + " after " +
                                                     std::to_string(first.sequence));
    std::lock_guard lock(log.mutex);
    log.records.push_back(std::move(first));
    log.records.push_back(std::move(second));
}

inline boost::asio::awaitable<void> create_same_sid_task(conformance_context& ctx, created_log& log, record fresh)
{
    auto created = co_await ctx.records().create(fresh);
    if (created)
        ++log.winners;
    else if (created.error() != errc::already_exists)
        ctx.fail("a create racing others for one SID: expected a record or errc::already_exists, got " +
                 describe(created));
}

inline boost::asio::awaitable<void> check_concurrent_creates(conformance_context& ctx)
{
    wait_group group(co_await boost::asio::this_coro::executor);
    created_log log;
    std::vector<std::string> accounts;
    std::vector<record> parents;
    for (int i = 0; i < 4; ++i) {
        accounts.push_back(ctx.make_sid("AC"));
        auto p = ctx.make_record(item_kind, accounts.back(), {}, "Parent");
        parents.push_back(co_await ctx.create(p));
    }
    std::size_t pairs = std::max<std::size_t>(1, ctx.options().concurrent_operations / 2);
    for (std::size_t i = 0; i < pairs; ++i)
        spawn_counted(ctx, group, ctx.io_executor(), create_pair_task(ctx, log, parents[i % parents.size()]));
    auto contested_sid = ctx.make_sid(item_kind.prefix);
    for (std::size_t i = 0; i < 8; ++i) {
        auto& parent = parents[i % parents.size()];
        auto fresh = i % 2 ? ctx.make_record(child_kind, parent.account_sid, parent.sid, "contested")
                           : ctx.make_record(item_kind, parent.account_sid, {}, "contested");
        fresh.sid = contested_sid;
        spawn_counted(ctx, group, ctx.io_executor(), create_same_sid_task(ctx, log, fresh));
    }
    co_await group.wait();

    ctx.expect(log.winners == 1, std::to_string(log.winners.load()) +
                                     " of 8 concurrent creates with one SID succeeded; exactly one must");
    std::set<std::uint64_t> sequences;
    std::map<std::string, record> expected;
    for (auto& r : log.records) {
        ctx.expect(sequences.insert(r.sequence).second, "two concurrent creates got sequence " +
                                                            std::to_string(r.sequence));
        expected[r.sid] = r;
    }
    for (const auto& account : accounts) {
        std::vector<list_scope> scopes = {scope_of(child_kind, account, std::nullopt), scope_of(link_kind, account)};
        for (const auto& scope : scopes) {
            std::size_t wanted = 0;
            for (const auto& [sid, r] : expected)
                wanted += in_scope(r, scope);
            auto listed = co_await list_all(ctx, scope, 37);
            std::size_t found = 0;
            for (const auto& r : listed) {
                if (r.sid == contested_sid)
                    continue;
                auto it = expected.find(r.sid);
                if (it == expected.end())
                    ctx.fail("listed a record no create returned in " + describe(scope) + ": " + describe(r));
                else if (it->second != r)
                    ctx.fail("listed " + describe(r) + " but create returned " + describe(it->second));
                else
                    ++found;
            }
            ctx.expect(found == wanted, "of " + std::to_string(wanted) + " records created concurrently in " +
                                            describe(scope) + ", " + std::to_string(found) + " are listed");
        }
    }
}

inline boost::asio::awaitable<void> update_field_task(conformance_context& ctx, record_key key, record_patch patch)
{
    auto updated = co_await ctx.records().update(key, patch);
    if (!updated) {
        ctx.fail("a concurrent update of " + describe(key) + " failed: " + describe(updated));
        co_return;
    }
    for (const auto& [index, text] : patch.fields)
        if (index >= updated->fields.size() || updated->fields[index] != text) {
            ctx.fail("a concurrent update returned a record without its own change: " + describe(*updated));
            break;
        }
}

inline boost::asio::awaitable<void> check_concurrent_updates(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::size_t count = std::max<std::size_t>(2, ctx.options().concurrent_operations / 6);
    std::vector<record> records;
    for (std::size_t i = 0; i < count; ++i) {
        auto r = ctx.make_record(item_kind, account, {}, "Before");
        records.push_back(co_await ctx.create(r));
    }

    // Two rounds: in each, every record gets three updates at once, one a field, the last past
    // the end of the record.
    for (int round = 0; round < 2; ++round) {
        wait_group group(co_await boost::asio::this_coro::executor);
        auto when = 1'750'000'000 + round;
        for (std::size_t i = 0; i < count; ++i) {
            auto tag = std::to_string(round) + "/" + std::to_string(i);
            auto past_the_end = 4 + static_cast<std::size_t>(round);
            std::vector<record_patch> patches = {patch_of(0, "\"Name " + tag + "\"", when),
                                                 patch_of(1, R"({"tag":")" + tag + "\"}", when),
                                                 patch_of(past_the_end, "[" + tag.substr(0, 1) + "]", when)};
            for (auto& patch : patches) {
                records[i] = patched(records[i], patch);
                spawn_counted(ctx, group, ctx.io_executor(), update_field_task(ctx, key_of(records[i]), patch));
            }
        }
        co_await group.wait();
        for (const auto& r : records) {
            auto each = r;
            co_await expect_record(ctx, each, "all of three concurrent updates of different fields");
        }
    }
}

inline boost::asio::awaitable<void> remove_task(conformance_context& ctx, record_key key)
{
    auto removed = co_await ctx.records().remove(key);
    if (!removed)
        ctx.fail("a concurrent remove of a live record " + describe(key) + " failed: " + describe(removed));
}

inline boost::asio::awaitable<void> create_task(conformance_context& ctx, created_log& log, record fresh)
{
    auto created = co_await ctx.create(std::move(fresh));
    std::lock_guard lock(log.mutex);
    log.records.push_back(std::move(created));
}

inline boost::asio::awaitable<void> walk_task(conformance_context& ctx, list_scope scope)
{
    // list_all checks that each page is ordered and that pages never go back.
    co_await list_all(ctx, scope, 10);
}

inline boost::asio::awaitable<void> check_concurrent_mixed(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::size_t count = std::max<std::size_t>(8, ctx.options().concurrent_operations / 4);
    std::vector<record> records, children;
    for (std::size_t i = 0; i < count; ++i) {
        auto r = ctx.make_record(item_kind, account, {}, "Before");
        records.push_back(co_await ctx.create(r));
        if (i % 4 < 2) {
            // Removed with their parent (odd i) or kept with it (even i).
            auto c = ctx.make_record(child_kind, account, records.back().sid, "Child");
            children.push_back(co_await ctx.create(c));
        }
    }

    wait_group group(co_await boost::asio::this_coro::executor);
    created_log added;
    std::map<std::string, record> expected;
    auto items = scope_of(item_kind, account), any_children = scope_of(child_kind, account, std::nullopt);
    for (std::size_t i = 0; i < count; ++i) {
        auto& r = records[i];
        if (i % 2) {
            spawn_counted(ctx, group, ctx.io_executor(), remove_task(ctx, key_of(r)));
        } else {
            auto patch = patch_of(0, "\"After " + std::to_string(i) + "\"", 1'760'000'000);
            r = patched(r, patch);
            spawn_counted(ctx, group, ctx.io_executor(), update_field_task(ctx, key_of(r), patch));
            expected[r.sid] = r;
            auto fresh = ctx.make_record(i % 4 ? item_kind : child_kind, account, i % 4 ? std::string() : r.sid, "New");
            spawn_counted(ctx, group, ctx.io_executor(), create_task(ctx, added, fresh));
        }
        if (i % 8 == 0) {
            spawn_counted(ctx, group, ctx.io_executor(), walk_task(ctx, items));
            spawn_counted(ctx, group, ctx.io_executor(), walk_task(ctx, any_children));
        }
    }
    co_await group.wait();

    for (auto& r : added.records)
        expected[r.sid] = r;
    for (auto& c : children)
        if (expected.contains(c.parent_sid))
            expected[c.sid] = c;
    std::vector<record> listed = co_await list_all(ctx, items, 13);
    auto listed_children = co_await list_all(ctx, any_children, 11);
    listed.insert(listed.end(), listed_children.begin(), listed_children.end());
    std::size_t matched = 0;
    for (const auto& r : listed) {
        auto it = expected.find(r.sid);
        if (it == expected.end())
            ctx.fail("after concurrent removes, updates and creates, listed a record that should not be there: " +
                     describe(r));
        else if (it->second != r)
            ctx.fail("after concurrent calls, listed " + describe(r) + ", expected " + describe(it->second));
        else
            ++matched;
    }
    ctx.expect(matched == expected.size(), "after concurrent calls, " + std::to_string(matched) + " of " +
                                               std::to_string(expected.size()) + " expected records are listed");
    for (std::size_t i = 1; i < count; i += 2) {
        auto gone = records[i];
        co_await expect_absent(ctx, gone, "after a concurrent remove");
    }
}

inline boost::asio::awaitable<void> racing_create_task(conformance_context& ctx, record fresh, errc refusal,
                                                       std::shared_ptr<std::optional<bool>> outcome)
{
    auto created = co_await ctx.records().create(fresh);
    if (!created && created.error() != refusal)
        ctx.fail("a create racing a remove: expected a record or errc::" + std::string(errc_name(refusal)) +
                 ", got " + describe(created));
    *outcome = created.has_value();
}

inline boost::asio::awaitable<void> racing_remove_task(conformance_context& ctx, record_key key,
                                                       std::optional<errc> refusal,
                                                       std::shared_ptr<std::optional<bool>> outcome)
{
    auto removed = co_await ctx.records().remove(key);
    if (!removed && (!refusal || removed.error() != *refusal))
        ctx.fail("a remove racing a create: expected success" +
                 (refusal ? " or errc::" + std::string(errc_name(*refusal)) : std::string()) + ", got " +
                 describe(removed));
    *outcome = removed.has_value();
}

inline boost::asio::awaitable<void> check_concurrent_create_and_remove_parent(conformance_context& ctx)
{
    // Creates of children race removes of their parents (and of their grandparents): whatever
    // the order, no child outlives its parent.
    auto account = ctx.make_sid("AC");
    std::size_t count = std::max<std::size_t>(4, ctx.options().concurrent_operations / 4);
    std::vector<record> parents, middles, fresh;
    for (std::size_t i = 0; i < count; ++i) {
        auto p = ctx.make_record(item_kind, account, {}, "Parent");
        parents.push_back(co_await ctx.create(p));
        auto c = ctx.make_record(child_kind, account, parents.back().sid, "Existing child");
        middles.push_back(co_await ctx.create(c));
        fresh.push_back(i % 2 ? ctx.make_record(grandchild_kind, account, middles.back().sid, "Racing grandchild")
                              : ctx.make_record(child_kind, account, parents.back().sid, "Racing child"));
    }
    wait_group group(co_await boost::asio::this_coro::executor);
    std::vector<std::shared_ptr<std::optional<bool>>> created, removed;
    for (std::size_t i = 0; i < count; ++i) {
        created.push_back(std::make_shared<std::optional<bool>>());
        removed.push_back(std::make_shared<std::optional<bool>>());
        spawn_counted(ctx, group, ctx.io_executor(), racing_create_task(ctx, fresh[i], errc::not_found, created[i]));
        spawn_counted(ctx, group, ctx.io_executor(),
                      racing_remove_task(ctx, key_of(parents[i]), std::nullopt, removed[i]));
    }
    co_await group.wait();
    for (std::size_t i = 0; i < count; ++i) {
        auto orphan = fresh[i];
        auto key = key_of(orphan);
        auto fetched = co_await ctx.records().fetch(key);
        if (fetched)
            ctx.fail("a record created while its " + std::string(i % 2 ? "grandparent" : "parent") +
                     " was removed outlived it: " + describe(*fetched));
    }
    std::vector<list_scope> scopes = {scope_of(child_kind, account, std::nullopt),
                                      scope_of(grandchild_kind, account, std::nullopt),
                                      scope_of(item_kind, account)};
    for (const auto& s : scopes) {
        auto scope = s;
        auto left = co_await list_all(ctx, scope, 50);
        for (const auto& r : left)
            ctx.fail("after every parent was removed while children were created under them, " + describe(scope) +
                     " still lists " + describe(r));
    }
}

inline boost::asio::awaitable<void> check_concurrent_reference_and_remove(conformance_context& ctx)
{
    // Creates of records referring to X race removes of X (or of X's grandparent): exactly one
    // of the two succeeds, and no reference to nothing is left.
    auto account = ctx.make_sid("AC");
    std::size_t count = std::max<std::size_t>(4, ctx.options().concurrent_operations / 4);
    std::vector<record> removed_records, referrers;
    std::vector<family> families;
    for (std::size_t i = 0; i < count; ++i) {
        if (i % 2) {
            families.push_back(co_await make_family(ctx, account, "Family"));
            removed_records.push_back(families.back().parent);
            auto link = ctx.make_record(link_kind, account, {}, "Referrer of a grandchild");
            link.references = {families.back().first_grandchild.sid};
            referrers.push_back(link);
        } else {
            auto target = ctx.make_record(item_kind, account, {}, "Target");
            removed_records.push_back(co_await ctx.create(target));
            auto link = ctx.make_record(link_kind, account, {}, "Referrer");
            link.references = {removed_records.back().sid};
            referrers.push_back(link);
        }
    }
    wait_group group(co_await boost::asio::this_coro::executor);
    std::vector<std::shared_ptr<std::optional<bool>>> created, removed;
    for (std::size_t i = 0; i < count; ++i) {
        created.push_back(std::make_shared<std::optional<bool>>());
        removed.push_back(std::make_shared<std::optional<bool>>());
        spawn_counted(ctx, group, ctx.io_executor(),
                      racing_create_task(ctx, referrers[i], errc::missing_reference, created[i]));
        spawn_counted(ctx, group, ctx.io_executor(),
                      racing_remove_task(ctx, key_of(removed_records[i]), errc::referenced, removed[i]));
    }
    co_await group.wait();
    for (std::size_t i = 0; i < count; ++i) {
        if (!*created[i] || !*removed[i])
            continue;  // a failure already reported
        bool made = **created[i], gone = **removed[i];
        auto referrer = referrers[i];
        auto referrer_key = key_of(referrer);
        auto fetched = co_await ctx.records().fetch(referrer_key);
        std::string what = i % 2 ? "the grandparent of the record it refers to" : "the record it refers to";
        if (made && gone)
            ctx.fail("a create of a record referring to " + referrer.references.front() + " and a remove of " + what +
                     " both succeeded: " + (fetched ? "the reference now names nothing" : "and the referrer is gone"));
        else if (!made && !gone)
            ctx.fail("a create of a record referring to " + referrer.references.front() + " and a remove of " + what +
                     " both failed: one of them must come first");
        if (fetched.has_value() != made)
            ctx.fail("a record whose create " + std::string(made ? "succeeded" : "failed") + " is " +
                     (fetched ? "there" : "not there") + " afterwards");
        auto target = removed_records[i];
        auto target_key = key_of(target);
        auto target_fetched = co_await ctx.records().fetch(target_key);
        if (target_fetched.has_value() == gone)
            ctx.fail("a record whose remove " + std::string(gone ? "succeeded" : "failed") + " is " +
                     (target_fetched ? "there" : "not there") + " afterwards: " + describe(target_key));
    }
}

} // namespace trusthub::testing::detail

#endif
