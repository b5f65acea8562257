// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_PAGING_CHECKS_HPP
#define TRUSTHUB_TESTING_DETAIL_PAGING_CHECKS_HPP

// The checks of lists: pages from every cursor both ways, under changes, under any parent,
// with filters, and the account's records in full.

#include <trusthub/testing/detail/conformance_helpers.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace trusthub::testing::detail {

/// Children of one parent interleaved with records of every other sort (another account,
/// another kind at the top level and under the same parent, the same kind under another
/// parent), so that the scope's sequences have gaps; some removed again, so that holes lie
/// between live ones. `known` holds every live record; `cursors` every sequence the store ever
/// handed out, and the ends.
struct paging_fixture {
    std::string account;
    list_scope scope;
    std::vector<record> known;
    std::vector<record> live;  // in scope, ascending
    std::vector<std::uint64_t> cursors;
};

inline boost::asio::awaitable<paging_fixture> make_paging_fixture(conformance_context& ctx, int records = 11)
{
    paging_fixture f;
    f.account = ctx.make_sid("AC");
    auto neighbour = ctx.make_sid("AC");
    auto parent_record = ctx.make_record(item_kind, f.account, {}, "Parent");
    auto parent = co_await ctx.create(parent_record);
    auto cousin_parent_record = ctx.make_record(item_kind, f.account, {}, "Other parent");
    auto cousin_parent = co_await ctx.create(cousin_parent_record);
    auto foreign_parent_record = ctx.make_record(item_kind, neighbour, {}, "Neighbour's parent");
    auto foreign_parent = co_await ctx.create(foreign_parent_record);
    f.known = {parent, cousin_parent, foreign_parent};
    f.scope = scope_of(child_kind, f.account, parent.sid);
    std::vector<record> all;
    for (int i = 0; i < records; ++i) {
        auto child = ctx.make_record(child_kind, f.account, parent.sid, "Record " + std::to_string(i));
        all.push_back(co_await ctx.create(child));
        record other;
        switch (i % 4) {
        case 0: other = ctx.make_record(child_kind, f.account, cousin_parent.sid, "Cousin"); break;
        case 1: other = ctx.make_record(child_kind, neighbour, foreign_parent.sid, "Neighbour's"); break;
        case 2: other = ctx.make_record(link_kind, f.account, parent.sid, "Link under the parent"); break;
        default: other = ctx.make_record(item_kind, f.account, {}, "Item"); break;
        }
        auto stored = co_await ctx.create(other);
        f.cursors.push_back(stored.sequence);
        f.known.push_back(stored);
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        f.cursors.push_back(all[i].sequence);
        if (i == 4 || i == 5 || i == 8) {
            co_await remove_or_fail(ctx, all[i], "a record of the paging fixture");
        } else {
            f.live.push_back(all[i]);
            f.known.push_back(all[i]);
        }
    }
    f.cursors.push_back(0);
    f.cursors.push_back(all.back().sequence + 1);
    f.cursors.push_back(all.back().sequence + 1000);
    std::sort(f.cursors.begin(), f.cursors.end());
    co_return f;
}

inline std::vector<std::size_t> page_limits(std::size_t live)
{
    return {1, 2, 3, 4, live - 1, live, live + 1, 50};
}

inline boost::asio::awaitable<void> check_paging_forward(conformance_context& ctx)
{
    auto f = co_await make_paging_fixture(ctx);
    for (auto limit : page_limits(f.live.size())) {
        co_await expect_page(ctx, f.scope, f.known, page_query{std::nullopt, std::nullopt, limit}, "first page");
        for (auto cursor : f.cursors)
            co_await expect_page(ctx, f.scope, f.known, page_query{cursor, std::nullopt, limit}, "page after");
    }
    auto walked = co_await list_all(ctx, f.scope, 2);
    ctx.expect(walked == f.live, "paging forward 2 at a time did not give every live record once");
}

inline boost::asio::awaitable<void> check_paging_backward(conformance_context& ctx)
{
    auto f = co_await make_paging_fixture(ctx);
    for (auto limit : page_limits(f.live.size()))
        for (auto cursor : f.cursors)
            if (cursor != 0)
                co_await expect_page(ctx, f.scope, f.known, page_query{std::nullopt, cursor, limit}, "page before");

    // Walk from past the end to the start, as a client following previous_page_url does.
    std::vector<record> walked;
    page_query query{std::nullopt, f.live.back().sequence + 1, 3};
    for (int pages = 0; pages < 100; ++pages) {
        auto page = co_await ctx.records().list(f.scope, query);
        ctx.require(page.has_value(), "list " + describe(query) + " failed: " + describe(page));
        walked.insert(walked.begin(), page->items.begin(), page->items.end());
        if (!page->more_before || page->items.empty())
            break;
        query.before = page->items.front().sequence;
    }
    ctx.expect(walked == f.live, "paging backward 3 at a time did not give every live record once, in order");
}

inline boost::asio::awaitable<void> check_paging_empty_pages(conformance_context& ctx)
{
    auto empty = ctx.make_sid("AC");
    const std::vector<record> none;
    auto empty_items = scope_of(item_kind, empty);
    co_await expect_page(ctx, empty_items, none, page_query{}, "an account without records");
    co_await expect_page(ctx, empty_items, none, page_query{0, std::nullopt, 50}, "an account without records");
    co_await expect_page(ctx, empty_items, none, page_query{std::nullopt, 1, 50}, "an account without records");

    auto account = ctx.make_sid("AC");
    std::vector<record> live;
    for (int i = 0; i < 3; ++i) {
        auto r = ctx.make_record(item_kind, account);
        live.push_back(co_await ctx.create(r));
    }
    auto items = scope_of(item_kind, account), links = scope_of(link_kind, account),
         childless = scope_of(child_kind, account, live.front().sid);
    co_await expect_page(ctx, links, live, page_query{}, "a kind the account has no records of");
    co_await expect_page(ctx, childless, live, page_query{}, "a parent without children");
    co_await expect_page(ctx, childless, live, page_query{live.front().sequence, std::nullopt, 50},
                         "a parent without children, after a cursor");
    co_await expect_page(ctx, items, live, page_query{live.back().sequence, std::nullopt, 50},
                         "after the last record (empty, more_before)");
    co_await expect_page(ctx, items, live, page_query{live.back().sequence + 5, std::nullopt, 50},
                         "after a cursor past the end (empty, more_before)");
    co_await expect_page(ctx, items, live, page_query{std::nullopt, live.front().sequence, 50},
                         "before the first record (empty, more_after)");
    co_await expect_page(ctx, items, live, page_query{std::nullopt, 1, 50}, "before sequence 1 (empty, more_after)");
}

inline boost::asio::awaitable<void> check_paging_from_deleted_cursor(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto parent_record = ctx.make_record(item_kind, account);
    auto parent = co_await ctx.create(parent_record);
    std::vector<record> all;
    for (int i = 0; i < 8; ++i) {
        auto r = ctx.make_record(child_kind, account, parent.sid);
        all.push_back(co_await ctx.create(r));
    }
    auto scope = scope_of(child_kind, account, parent.sid);

    // A client has read [0 1 2]; then 2 (its cursor) and 3 (the next one) are removed.
    co_await remove_or_fail(ctx, all[2], "a cursor's record");
    co_await remove_or_fail(ctx, all[3], "the record after a cursor");
    std::vector<record> live = {all[0], all[1], all[4], all[5], all[6], all[7]};
    co_await expect_page(ctx, scope, live, page_query{all[2].sequence, std::nullopt, 3}, "page after a removed cursor");
    // A client reading backwards has seen [5 6 7]; 5, its cursor, is removed.
    co_await remove_or_fail(ctx, all[5], "a cursor's record");
    live = {all[0], all[1], all[4], all[6], all[7]};
    co_await expect_page(ctx, scope, live, page_query{std::nullopt, all[5].sequence, 3},
                         "page before a removed cursor");
    co_await expect_page(ctx, scope, live, page_query{std::nullopt, all[3].sequence, 3},
                         "page before a removed cursor whose neighbour is removed too");
}

inline boost::asio::awaitable<void> check_paging_under_changes(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto scope = scope_of(item_kind, account);
    std::vector<record> initial;
    for (int i = 0; i < 12; ++i) {
        auto r = ctx.make_record(item_kind, account);
        initial.push_back(co_await ctx.create(r));
    }

    // Forward, 3 at a time; between pages a record ahead is removed, one behind is removed, and
    // a new one is added (it lies ahead, so it must be served), with records of another kind
    // and under a parent in between (not in the scope, so never served).
    std::set<std::string> removed_ahead, served;
    std::vector<record> added;
    std::vector<std::uint64_t> order;
    page_query query{std::nullopt, std::nullopt, 3};
    std::size_t next_victim = initial.size() - 1;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = co_await ctx.records().list(scope, query);
        ctx.require(page.has_value(), "list " + describe(query) + " failed: " + describe(page));
        for (const auto& r : page->items) {
            ctx.expect(served.insert(r.sid).second, "record served twice while paging forward: " + describe(r));
            ctx.expect(!removed_ahead.contains(r.sid), "a record removed before its page was served: " + describe(r));
            ctx.expect(r.kind == item_kind.name && r.parent_sid.empty(), "a record outside the scope was served: " +
                                                                             describe(r));
            order.push_back(r.sequence);
        }
        if (!page->more_after || page->items.empty())
            break;
        query.after = page->items.back().sequence;
        if (next_victim > 0 && initial[next_victim].sequence > *query.after + 1) {
            co_await remove_or_fail(ctx, initial[next_victim], "a record ahead of the reader");
            removed_ahead.insert(initial[next_victim].sid);
            --next_victim;
        }
        co_await remove_or_fail(ctx, page->items.front(), "a record behind the reader");
        auto noise = ctx.make_record(link_kind, account);
        co_await ctx.create(noise);
        if (added.size() < 3) {
            auto r = ctx.make_record(item_kind, account, {}, "Added while paging");
            added.push_back(co_await ctx.create(r));
            auto child = ctx.make_record(item_kind, account, added.back().sid, "An item under an item");
            co_await ctx.create(child);
        }
    }
    ctx.expect(std::is_sorted(order.begin(), order.end()), "pages forward were not in ascending order");
    for (const auto& r : initial)
        ctx.expect(served.contains(r.sid) || removed_ahead.contains(r.sid),
                   "a record present throughout was skipped while paging forward: " + describe(r));
    for (const auto& r : added)
        ctx.expect(served.contains(r.sid), "a record added ahead of the cursor was not served: " + describe(r));

    // Backward, 2 at a time, from past the newest: new records lie behind the reader and must
    // not appear; records removed ahead of it must not either.
    auto live = co_await list_all(ctx, scope);
    ctx.require(live.size() >= 4, "too few records left to page backward");
    std::set<std::string> seen, removed_below;
    query = page_query{std::nullopt, live.back().sequence + 1, 2};
    std::size_t victim = 0;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = co_await ctx.records().list(scope, query);
        ctx.require(page.has_value(), "list " + describe(query) + " failed: " + describe(page));
        for (const auto& r : page->items) {
            ctx.expect(seen.insert(r.sid).second, "record served twice while paging backward: " + describe(r));
            ctx.expect(!removed_below.contains(r.sid),
                       "a record removed before its page was served (backward): " + describe(r));
            ctx.expect(r.sequence < *query.before, "a record at or after the cursor while paging backward: " +
                                                       describe(r));
        }
        if (!page->more_before || page->items.empty())
            break;
        query.before = page->items.front().sequence;
        auto behind = ctx.make_record(item_kind, account, {}, "Added behind the reader");
        co_await ctx.create(behind);
        if (victim < live.size() && live[victim].sequence < *query.before) {
            // Items added above have children: removing one removes them too.
            co_await remove_or_fail(ctx, live[victim], "a record ahead of the backward reader");
            removed_below.insert(live[victim].sid);
            ++victim;
        }
    }
    for (const auto& r : live)
        ctx.expect(seen.contains(r.sid) || removed_below.contains(r.sid),
                   "a record present throughout was skipped while paging backward: " + describe(r));
}

inline boost::asio::awaitable<void> check_any_parent_lists(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto neighbour = ctx.make_sid("AC");
    std::vector<record> parents, known;
    for (int i = 0; i < 3; ++i) {
        auto p = ctx.make_record(item_kind, account, {}, "Parent " + std::to_string(i));
        parents.push_back(co_await ctx.create(p));
        known.push_back(parents.back());
    }
    auto foreign_parent_record = ctx.make_record(item_kind, neighbour, {}, "Neighbour's parent");
    auto foreign_parent = co_await ctx.create(foreign_parent_record);
    known.push_back(foreign_parent);
    // Children of all three parents, interleaved, with records of other kinds, levels and
    // accounts between them.
    std::vector<std::uint64_t> cursors = {0};
    for (int i = 0; i < 14; ++i) {
        auto& parent = parents[static_cast<std::size_t>(i * 7 % 3)];
        auto child = ctx.make_record(child_kind, account, parent.sid, "Child " + std::to_string(i));
        known.push_back(co_await ctx.create(child));
        cursors.push_back(known.back().sequence);
        record other;
        switch (i % 3) {
        case 0: other = ctx.make_record(child_kind, neighbour, foreign_parent.sid, "Neighbour's child"); break;
        case 1: other = ctx.make_record(link_kind, account, parent.sid, "A link under a parent"); break;
        default: other = ctx.make_record(grandchild_kind, account, known.back().sid, "Grandchild"); break;
        }
        known.push_back(co_await ctx.create(other));
        cursors.push_back(known.back().sequence);
    }
    cursors.push_back(known.back().sequence + 1);
    auto any = scope_of(child_kind, account, std::nullopt), top = scope_of(child_kind, account);
    co_await expect_listed(ctx, any, known, "children under any parent");
    co_await expect_listed(ctx, top, known, "children at the top level (none)");
    const std::vector<std::size_t> limits = {1, 3, 5};
    for (auto limit : limits) {
        for (auto cursor : cursors) {
            co_await expect_page(ctx, any, known, page_query{cursor, std::nullopt, limit},
                                 "children under any parent, after a cursor");
            if (cursor != 0)
                co_await expect_page(ctx, any, known, page_query{std::nullopt, cursor, limit},
                                     "children under any parent, before a cursor");
        }
    }
    auto walked = co_await list_all(ctx, any, 4);
    ctx.expect(walked == in_scope(known, any), "paging forward through children under any parent did not give "
                                               "every child once, in sequence order");

    // A parent goes with its children: they leave the list.
    co_await remove_or_fail(ctx, parents[1], "a parent of listed children");
    std::erase_if(known, [&](const record& r) {
        return r.sid == parents[1].sid || r.parent_sid == parents[1].sid;
    });
    std::set<std::string> sids;
    for (const auto& r : known)
        sids.insert(r.sid);
    std::erase_if(known, [&](const record& r) { return !r.parent_sid.empty() && !sids.contains(r.parent_sid); });
    co_await expect_listed(ctx, any, known, "children under any parent after a parent was removed");
    auto grandchildren = scope_of(grandchild_kind, account, std::nullopt);
    co_await expect_listed(ctx, grandchildren, known, "grandchildren under any parent after a parent was removed");
}

inline boost::asio::awaitable<void> check_filters(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    const std::vector<std::string> statuses = {R"("active")", R"("paused")", R"("closed")", "", R"("Active")",
                                               R"("\u0061ctive")"};
    std::vector<record> known;
    for (std::size_t i = 0; i < 18; ++i) {
        auto r = ctx.make_record(item_kind, account, {}, "Item " + std::to_string(i % 4));
        r.fields[2] = statuses[i % statuses.size()];
        if (i % 5 == 4)
            r.fields.resize(2);  // written before field 2 existed: null
        known.push_back(co_await ctx.create(r));
        if (i % 4 == 0) {
            // Children have two fields: field 2 is null for every one of them.
            auto child = ctx.make_record(child_kind, account, known.back().sid, "Item 0");
            known.push_back(co_await ctx.create(child));
        }
    }
    auto other = ctx.make_sid("AC");
    auto foreign = ctx.make_record(item_kind, other);
    known.push_back(co_await ctx.create(foreign));

    auto filtered = [&](const kit_kind& kind, std::optional<std::string> parent, std::vector<record_filter> filters) {
        auto s = scope_of(kind, account, std::move(parent));
        s.filters = std::move(filters);
        return s;
    };
    struct case_ {
        const char* what;
        list_scope scope;
    };
    const std::string label0 = json_string("Item 0"), label1 = json_string("Item 1");
    std::vector<case_> cases = {
        {"one value", filtered(item_kind, "", {{2, {R"("active")"}}})},
        {"several values", filtered(item_kind, "", {{2, {R"("paused")", R"("closed")", R"("nothing has this")"}}})},
        {"null (missing or empty)", filtered(item_kind, "", {{2, {""}}})},
        {"null or a value", filtered(item_kind, "", {{2, {R"("active")", ""}}})},
        {"bytes, not JSON values: \"Active\" and \"\\u0061ctive\"", filtered(item_kind, "", {{2, {R"("Active")"}}})},
        {"no value matches", filtered(item_kind, "", {{2, {R"("archived")"}}})},
        {"no values at all", filtered(item_kind, "", {{2, {}}})},
        {"two filters", filtered(item_kind, "", {{0, {label0, label1}}, {2, {R"("active")", R"("paused")"}}})},
        {"a field no record has, null", filtered(item_kind, "", {{9, {""}}})},
        {"a field no record has, a value", filtered(item_kind, "", {{9, {R"("active")"}}})},
        {"a field children lack, null", filtered(child_kind, std::nullopt, {{2, {""}}})},
        {"a field children lack, a value", filtered(child_kind, std::nullopt, {{2, {R"("active")"}}})},
        {"children under any parent by label", filtered(child_kind, std::nullopt, {{0, {label0}}})},
    };
    for (auto& c : cases) {
        std::string why = std::string("filter on ") + c.what;
        co_await expect_listed(ctx, c.scope, known, why);
        auto matching = in_scope(known, c.scope);
        // Pages through the filtered records, from every sequence, both ways.
        std::vector<std::uint64_t> cursors = {0};
        for (const auto& r : known)
            cursors.push_back(r.sequence);
        const std::vector<std::size_t> limits = {1, 2};
        for (auto limit : limits) {
            for (auto cursor : cursors) {
                co_await expect_page(ctx, c.scope, known, page_query{cursor, std::nullopt, limit}, why);
                if (cursor != 0)
                    co_await expect_page(ctx, c.scope, known, page_query{std::nullopt, cursor, limit}, why);
            }
        }
        auto walked = co_await list_all(ctx, c.scope, 2);
        ctx.expect(walked == matching, why + ": paging forward 2 at a time did not give every matching record once");
    }
}

inline boost::asio::awaitable<void> check_account_records(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto other = ctx.make_sid("AC");
    std::vector<record> mine;
    for (int i = 0; i < 3; ++i) {
        auto label = "Family " + std::to_string(i);
        auto f = co_await make_family(ctx, account, label);
        for (const auto& r : f.all())
            mine.push_back(r);
        co_await make_family(ctx, other, "Theirs");
        auto link = ctx.make_record(link_kind, account, {}, "Not asked for");
        link.references = {f.second_grandchild.sid};
        co_await ctx.create(link);
    }
    std::sort(mine.begin(), mine.end(), [](const record& a, const record& b) { return a.sequence < b.sequence; });
    std::vector<std::string> kinds = {child_kind.name, item_kind.name, grandchild_kind.name};
    auto all = co_await ctx.records().account_records(account, kinds);
    ctx.require(all.has_value(), "account_records failed: " + describe(all));
    ctx.expect(*all == mine, "account_records did not give every record of the kinds asked for, in sequence order: " +
                                 std::to_string(all->size()) + " records, expected " + std::to_string(mine.size()));
    for (std::size_t i = 0; i < std::min(all->size(), mine.size()); ++i)
        if ((*all)[i] != mine[i]) {
            ctx.fail("account_records' record " + std::to_string(i) + " is " + describe((*all)[i]) + ", expected " +
                     describe(mine[i]));
            break;
        }
}

} // namespace trusthub::testing::detail

#endif
