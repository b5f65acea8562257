// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CHECKS_HPP
#define TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CHECKS_HPP

#include <trusthub/testing/detail/conformance_context.hpp>
#include <trusthub/testing/detail/paging_model.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <exception>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace trusthub::testing::detail {

// Each check starts on a strand of an io_context run by several threads, with a new, empty store.

using check_strand = boost::asio::strand<boost::asio::any_io_executor>;

inline std::string what_of(std::exception_ptr e)
{
    try {
        std::rethrow_exception(e);
    } catch (const check_aborted&) {
        return {};
    } catch (const std::exception& x) {
        return std::string("threw: ") + x.what();
    } catch (...) {
        return "threw an exception that is not a std::exception";
    }
}

/// Starts `task` on `executor`, counted by `group`; what it throws becomes a failure.
inline void spawn_counted(conformance_context& ctx, wait_group& group, boost::asio::any_io_executor executor,
                          boost::asio::awaitable<void> task)
{
    group.add();
    auto finished = [&ctx, &group](std::exception_ptr e) {
        if (e) {
            auto what = what_of(e);
            if (!what.empty())
                ctx.fail("a concurrent task " + what);
        }
        group.done();
    };
    boost::asio::co_spawn(executor, std::move(task), finished);
}

/// Every record of an account, paging forward `limit` at a time, checking each page's shape.
inline boost::asio::awaitable<std::vector<end_user>> list_all(conformance_context& ctx, std::string account_sid,
                                                               std::size_t limit = 7)
{
    std::vector<end_user> all;
    page_query query;
    query.limit = limit;
    for (int pages = 0; pages < 100000; ++pages) {
        auto page = co_await ctx.records().list(account_sid, query);
        ctx.require(page.has_value(), "list " + describe(query) + " of " + account_sid + " failed: " + describe(page));
        ctx.require(page->items.size() <= limit, "list " + describe(query) + " returned more than limit: " +
                                                     describe(*page));
        for (const auto& u : page->items) {
            ctx.require(all.empty() || all.back().sequence < u.sequence,
                        "paging forward through " + account_sid + " went back or repeated at " + describe(u));
            all.push_back(u);
        }
        if (!page->more_after)
            co_return all;
        ctx.require(!page->items.empty(), "list " + describe(query) + " gave an empty page with more_after set");
        query.after = page->items.back().sequence;
    }
    ctx.require(false, "paging through " + account_sid + " did not end");
    co_return all;
}

inline bool same_items(const page_slice& a, const page_slice& b)
{
    return a.items == b.items && a.more_after == b.more_after && a.more_before == b.more_before;
}

/// Asks for `query` through `visit_page` and checks that it agrees with `list`'s `page`.
inline boost::asio::awaitable<void> expect_same_visit(conformance_context& ctx, const std::string& account_sid,
                                                      const page_query& query, const page_slice& page,
                                                      const std::string& why)
{
    page_slice visited;
    auto flags = co_await ctx.records().visit_page(
        account_sid, query, [&visited](const end_user_view& v) { visited.items.push_back(to_end_user(v)); });
    if (!flags) {
        ctx.fail(why + ": visit_page " + describe(query) + " failed: " + describe(flags));
        co_return;
    }
    if (!flags->items.empty())
        ctx.fail(why + ": visit_page " + describe(query) + " returned items; they belong to the visitor");
    visited.more_after = flags->more_after;
    visited.more_before = flags->more_before;
    if (!same_items(visited, page))
        ctx.fail(why + ": visit_page " + describe(query) + " visited " + describe(visited) + ", list returned " +
                 describe(page));
}

/// Asks for `query` and compares the answer to what `live` says it must be; then asks
/// `visit_page` the same.
inline boost::asio::awaitable<void> expect_page(conformance_context& ctx, std::string account_sid,
                                                std::vector<end_user> live, page_query query, std::string why)
{
    auto page = co_await ctx.records().list(account_sid, query);
    if (!page) {
        ctx.fail(why + ": list " + describe(query) + " failed: " + describe(page));
        co_return;
    }
    co_await expect_same_visit(ctx, account_sid, query, *page, why);
    auto expected = expected_page(live, query);
    if (!same_items(*page, expected)) {
        std::string message = why + ": list " + describe(query) + " returned " + describe(*page) + ", expected " +
                              describe(expected);
        if (page->items.size() == expected.items.size())
            for (std::size_t i = 0; i < expected.items.size(); ++i)
                // Same positions, different content: show the first record that differs.
                if (page->items[i].sequence == expected.items[i].sequence && page->items[i] != expected.items[i]) {
                    message += "; item " + std::to_string(i) + " is " + describe(page->items[i]) + ", stored was " +
                               describe(expected.items[i]);
                    break;
                }
        ctx.fail(message);
    }
}

inline boost::asio::awaitable<void> expect_record(conformance_context& ctx, std::string account_sid,
                                                  end_user expected, std::string why)
{
    auto fetched = co_await ctx.records().fetch(account_sid, expected.sid);
    if (!fetched || *fetched != expected)
        ctx.fail(why + ": fetch " + expected.sid + " returned " + describe(fetched) + ", expected " +
                 describe(expected));
}

template <class T>
void expect_not_found(conformance_context& ctx, const result<T>& r, const std::string& what)
{
    if (r || r.error() != errc::not_found)
        ctx.fail(what + ": expected errc::not_found, got " + describe(r));
}

// ---------------------------------------------------------------------------------------------

inline boost::asio::awaitable<void> check_create_and_fetch(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto record = ctx.make_record(account);
    auto created = co_await ctx.records().create(record);
    ctx.require(created.has_value(), "create " + describe(record) + " failed: " + describe(created));
    ctx.expect(created->sequence >= 1, "create assigned sequence 0; 0 is reserved for 'before every record'");
    auto expected = record;
    expected.sequence = created->sequence;
    ctx.expect(*created == expected,
               "create returned " + describe(*created) + ", expected what was given: " + describe(expected));
    co_await expect_record(ctx, account, expected, "after create");

    auto other = ctx.make_record(account, "Grace Hopper");
    other.type = "business";
    other.attributes = R"({"business_name":"Navy"})";
    other.date_created = timestamp(std::chrono::seconds(1'600'000'000));
    other.date_updated = timestamp(std::chrono::seconds(1'650'000'000));
    auto second = co_await ctx.create(other);
    other.sequence = second.sequence;
    ctx.expect(second == other, "create returned " + describe(second) + ", expected " + describe(other));
    co_await expect_record(ctx, account, other, "second record");
    co_await expect_record(ctx, account, expected, "first record after a second create");
}

inline boost::asio::awaitable<void> check_missing_records(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto ghost = ctx.make_sid("IT");
    expect_not_found(ctx, co_await ctx.records().fetch(account, ghost), "fetch in an empty store");
    const end_user_patch rename{"x", std::nullopt, {}};
    expect_not_found(ctx, co_await ctx.records().update(account, ghost, rename), "update in an empty store");
    expect_not_found(ctx, co_await ctx.records().remove(account, ghost), "remove in an empty store");

    auto kept = co_await ctx.create(ctx.make_record(account));
    expect_not_found(ctx, co_await ctx.records().fetch(account, ghost), "fetch of an unknown SID");
    const end_user_patch both{"x", "{}", {}};
    expect_not_found(ctx, co_await ctx.records().update(account, ghost, both), "update of an unknown SID");
    expect_not_found(ctx, co_await ctx.records().remove(account, ghost), "remove of an unknown SID");
    co_await expect_record(ctx, account, kept, "a record beside the unknown SID");
}

inline boost::asio::awaitable<void> check_update_changes_only_the_patch(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto record = co_await ctx.create(ctx.make_record(account));
    auto bystander = co_await ctx.create(ctx.make_record(account, "Bystander"));

    struct step {
        const char* what;
        end_user_patch patch;
    };
    using std::chrono::seconds;
    std::vector<step> steps = {
        {"friendly_name only", {"Grace Hopper", std::nullopt, timestamp(seconds(1'700'000'100))}},
        {"attributes only", {std::nullopt, R"({"first_name":"Grace"})", timestamp(seconds(1'700'000'200))}},
        {"both fields", {"Ada", R"({"email":"ada@example.com"})", timestamp(seconds(1'700'000'300))}},
        {"friendly_name set to the empty string", {"", std::nullopt, timestamp(seconds(1'700'000'400))}},
        {"attributes set to {}", {std::nullopt, "{}", timestamp(seconds(1'700'000'500))}},
    };
    for (auto& s : steps) {
        auto expected = record;
        if (s.patch.friendly_name)
            expected.friendly_name = *s.patch.friendly_name;
        if (s.patch.attributes)
            expected.attributes = *s.patch.attributes;
        expected.date_updated = s.patch.date_updated;
        auto updated = co_await ctx.records().update(account, record.sid, s.patch);
        ctx.require(updated.has_value(), std::string("update of ") + s.what + " failed: " + describe(updated));
        ctx.expect(*updated == expected, std::string("update of ") + s.what + " returned " + describe(*updated) +
                                             ", expected " + describe(expected));
        co_await expect_record(ctx, account, expected, std::string("after an update of ") + s.what);
        record = expected;
    }
    co_await expect_record(ctx, account, bystander, "another record of the account after updates");
}

inline boost::asio::awaitable<void> check_remove(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto gone = co_await ctx.create(ctx.make_record(account, "Gone"));
    auto kept = co_await ctx.create(ctx.make_record(account, "Kept"));
    auto removed = co_await ctx.records().remove(account, gone.sid);
    ctx.require(removed.has_value(), "remove of a live record failed: " + describe(removed));
    expect_not_found(ctx, co_await ctx.records().fetch(account, gone.sid), "fetch after remove");
    expect_not_found(ctx, co_await ctx.records().remove(account, gone.sid), "second remove of a record");
    const end_user_patch rename{"x", std::nullopt, {}};
    expect_not_found(ctx, co_await ctx.records().update(account, gone.sid, rename), "update after remove");
    co_await expect_record(ctx, account, kept, "the other record after a remove");
    const std::vector<end_user> left = {kept};
    co_await expect_page(ctx, account, left, page_query{}, "list after a remove");
}

inline boost::asio::awaitable<void> check_account_isolation(conformance_context& ctx)
{
    auto mine = ctx.make_sid("AC");
    auto theirs = ctx.make_sid("AC");
    auto idle = ctx.make_sid("AC");
    auto a = co_await ctx.create(ctx.make_record(mine, "Mine"));
    auto b = co_await ctx.create(ctx.make_record(theirs, "Theirs"));
    auto a2 = co_await ctx.create(ctx.make_record(mine, "Mine too"));

    expect_not_found(ctx, co_await ctx.records().fetch(theirs, a.sid), "fetch of another account's record");
    const end_user_patch steal{"stolen", "{}", {}};
    expect_not_found(ctx, co_await ctx.records().update(theirs, a.sid, steal), "update of another account's record");
    expect_not_found(ctx, co_await ctx.records().remove(theirs, a.sid), "remove of another account's record");
    expect_not_found(ctx, co_await ctx.records().fetch(idle, b.sid), "fetch from an account without records");
    co_await expect_record(ctx, mine, a, "a record after another account tried to change and remove it");

    // Named, not braced in the co_await: g++ 12 mishandles initializer lists there.
    const std::vector<end_user> my_records = {a, a2}, their_records = {b}, none;
    co_await expect_page(ctx, mine, my_records, page_query{}, "list of one account");
    co_await expect_page(ctx, theirs, their_records, page_query{}, "list of another account");
    co_await expect_page(ctx, theirs, their_records, page_query{std::nullopt, a2.sequence + 1, 50},
                         "list before a cursor of another account");
    co_await expect_page(ctx, theirs, their_records, page_query{b.sequence, std::nullopt, 50},
                         "list after the other account's only record");
    co_await expect_page(ctx, idle, none, page_query{}, "list of an account without records");
}

inline boost::asio::awaitable<void> check_sequence_order(conformance_context& ctx)
{
    // Arrays in a coroutine frame upset g++ 12 ("array used as initializer"): vectors here.
    std::vector<std::string> accounts = {ctx.make_sid("AC"), ctx.make_sid("AC"), ctx.make_sid("AC")};
    std::uint64_t last = 0;
    std::vector<end_user> made;
    for (int i = 0; i < 12; ++i) {
        auto u = co_await ctx.create(ctx.make_record(accounts[i % 3]));
        ctx.expect(u.sequence > last, "create number " + std::to_string(i) + " got sequence " +
                                          std::to_string(u.sequence) + ", not above the previous " +
                                          std::to_string(last));
        last = std::max(last, u.sequence);
        made.push_back(u);
    }
    // The newest record goes away; its sequence must not come back.
    co_await ctx.records().remove(made.back().account_sid, made.back().sid);
    auto after_remove = co_await ctx.create(ctx.make_record(accounts[0]));
    ctx.expect(after_remove.sequence > last, "a create after removing the newest record reused or lowered the "
                                             "sequence: " + std::to_string(after_remove.sequence) + " <= " +
                                                 std::to_string(last));
    for (std::size_t i = 0; i + 1 < made.size(); ++i)
        co_await expect_record(ctx, made[i].account_sid, made[i], "sequence as created");
}

inline boost::asio::awaitable<void> check_sid_uniqueness(conformance_context& ctx)
{
    auto mine = ctx.make_sid("AC");
    auto theirs = ctx.make_sid("AC");
    auto original = co_await ctx.create(ctx.make_record(mine, "Original"));

    auto same_account = ctx.make_record(mine, "Impostor");
    same_account.sid = original.sid;
    auto again = co_await ctx.records().create(same_account);
    ctx.expect(!again && again.error() == errc::already_exists,
               "create with a SID the account has already: expected errc::already_exists, got " + describe(again));

    auto other_account = ctx.make_record(theirs, "Impostor");
    other_account.sid = original.sid;
    auto across = co_await ctx.records().create(other_account);
    ctx.expect(!across && across.error() == errc::already_exists,
               "create with a SID another account has: expected errc::already_exists, got " + describe(across));

    co_await expect_record(ctx, mine, original, "the original after two refused creates");
    expect_not_found(ctx, co_await ctx.records().fetch(theirs, original.sid),
                     "fetch by the account whose create was refused");
    const std::vector<end_user> originals = {original}, none;
    co_await expect_page(ctx, mine, originals, page_query{}, "list after refused creates");
    co_await expect_page(ctx, theirs, none, page_query{}, "list of the account whose create was refused");
    auto next = co_await ctx.create(ctx.make_record(mine));
    ctx.expect(next.sequence > original.sequence, "create after refused ones got a sequence not above the first");
}

/// Records of `account` interleaved with another account's (so its sequences have gaps), some
/// removed again (so holes lie between live ones). Returns the live ones ascending and every
/// sequence the store ever handed out.
struct paging_fixture {
    std::string account;
    std::vector<end_user> live;
    std::vector<std::uint64_t> cursors;
};

inline boost::asio::awaitable<paging_fixture> make_paging_fixture(conformance_context& ctx, int records = 11)
{
    paging_fixture f;
    f.account = ctx.make_sid("AC");
    auto neighbour = ctx.make_sid("AC");
    std::vector<end_user> all;
    for (int i = 0; i < records; ++i) {
        all.push_back(co_await ctx.create(ctx.make_record(f.account, "Record " + std::to_string(i))));
        if (i % 3 == 1)
            f.cursors.push_back((co_await ctx.create(ctx.make_record(neighbour))).sequence);
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        f.cursors.push_back(all[i].sequence);
        if (i == 4 || i == 5 || i == 8) {
            auto removed = co_await ctx.records().remove(f.account, all[i].sid);
            ctx.require(removed.has_value(), "remove of a live record failed: " + describe(removed));
        } else {
            f.live.push_back(all[i]);
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
        co_await expect_page(ctx, f.account, f.live, page_query{std::nullopt, std::nullopt, limit}, "first page");
        for (auto cursor : f.cursors)
            co_await expect_page(ctx, f.account, f.live, page_query{cursor, std::nullopt, limit}, "page after");
    }
    auto walked = co_await list_all(ctx, f.account, 2);
    ctx.expect(walked == f.live, "paging forward 2 at a time did not give every live record once");
}

inline boost::asio::awaitable<void> check_paging_backward(conformance_context& ctx)
{
    auto f = co_await make_paging_fixture(ctx);
    for (auto limit : page_limits(f.live.size()))
        for (auto cursor : f.cursors)
            if (cursor != 0)
                co_await expect_page(ctx, f.account, f.live, page_query{std::nullopt, cursor, limit}, "page before");

    // Walk from past the end to the start, as a client following previous_page_url does.
    std::vector<end_user> walked;
    page_query query{std::nullopt, f.live.back().sequence + 1, 3};
    for (int pages = 0; pages < 100; ++pages) {
        auto page = co_await ctx.records().list(f.account, query);
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
    const std::vector<end_user> none;
    co_await expect_page(ctx, empty, none, page_query{}, "an account without records");
    co_await expect_page(ctx, empty, none, page_query{0, std::nullopt, 50}, "an account without records");
    co_await expect_page(ctx, empty, none, page_query{std::nullopt, 1, 50}, "an account without records");

    auto account = ctx.make_sid("AC");
    std::vector<end_user> live;
    for (int i = 0; i < 3; ++i)
        live.push_back(co_await ctx.create(ctx.make_record(account)));
    co_await expect_page(ctx, account, live, page_query{live.back().sequence, std::nullopt, 50},
                         "after the last record (empty, more_before)");
    co_await expect_page(ctx, account, live, page_query{live.back().sequence + 5, std::nullopt, 50},
                         "after a cursor past the end (empty, more_before)");
    co_await expect_page(ctx, account, live, page_query{std::nullopt, live.front().sequence, 50},
                         "before the first record (empty, more_after)");
    co_await expect_page(ctx, account, live, page_query{std::nullopt, 1, 50},
                         "before sequence 1 (empty, more_after)");
}

inline boost::asio::awaitable<void> check_paging_from_deleted_cursor(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::vector<end_user> all;
    for (int i = 0; i < 8; ++i)
        all.push_back(co_await ctx.create(ctx.make_record(account)));

    // A client has read [0 1 2]; then 2 (its cursor) and 3 (the next one) are removed.
    co_await ctx.records().remove(account, all[2].sid);
    co_await ctx.records().remove(account, all[3].sid);
    std::vector<end_user> live = {all[0], all[1], all[4], all[5], all[6], all[7]};
    co_await expect_page(ctx, account, live, page_query{all[2].sequence, std::nullopt, 3},
                         "page after a removed cursor");
    // A client reading backwards has seen [5 6 7]; 5, its cursor, is removed.
    co_await ctx.records().remove(account, all[5].sid);
    live = {all[0], all[1], all[4], all[6], all[7]};
    co_await expect_page(ctx, account, live, page_query{std::nullopt, all[5].sequence, 3},
                         "page before a removed cursor");
    co_await expect_page(ctx, account, live, page_query{std::nullopt, all[3].sequence, 3},
                         "page before a removed cursor whose neighbour is removed too");
}

inline boost::asio::awaitable<void> check_paging_under_changes(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::vector<end_user> initial;
    for (int i = 0; i < 12; ++i)
        initial.push_back(co_await ctx.create(ctx.make_record(account)));

    // Forward, 3 at a time; between pages a record ahead is removed, one behind is removed, and
    // a new one is added (it lies ahead, so it must be served).
    std::set<std::string> removed_ahead, served;
    std::vector<end_user> added;
    std::vector<std::uint64_t> order;
    page_query query{std::nullopt, std::nullopt, 3};
    std::size_t next_victim = initial.size() - 1;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = co_await ctx.records().list(account, query);
        ctx.require(page.has_value(), "list " + describe(query) + " failed: " + describe(page));
        for (const auto& u : page->items) {
            ctx.expect(served.insert(u.sid).second, "record served twice while paging forward: " + describe(u));
            ctx.expect(!removed_ahead.contains(u.sid), "a record removed before its page was served: " + describe(u));
            order.push_back(u.sequence);
        }
        if (!page->more_after || page->items.empty())
            break;
        query.after = page->items.back().sequence;
        if (next_victim > 0 && initial[next_victim].sequence > *query.after + 1) {
            co_await ctx.records().remove(account, initial[next_victim].sid);
            removed_ahead.insert(initial[next_victim].sid);
            --next_victim;
        }
        co_await ctx.records().remove(account, page->items.front().sid);
        if (added.size() < 3)
            added.push_back(co_await ctx.create(ctx.make_record(account, "Added while paging")));
    }
    ctx.expect(std::is_sorted(order.begin(), order.end()), "pages forward were not in ascending order");
    for (const auto& u : initial)
        ctx.expect(served.contains(u.sid) || removed_ahead.contains(u.sid),
                   "a record present throughout was skipped while paging forward: " + describe(u));
    for (const auto& u : added)
        ctx.expect(served.contains(u.sid), "a record added ahead of the cursor was not served: " + describe(u));

    // Backward, 2 at a time, from past the newest: new records lie behind the reader and must
    // not appear; records removed ahead of it must not either.
    auto live = co_await list_all(ctx, account);
    ctx.require(live.size() >= 4, "too few records left to page backward");
    std::set<std::string> seen, removed_below;
    query = page_query{std::nullopt, live.back().sequence + 1, 2};
    std::size_t victim = 0;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = co_await ctx.records().list(account, query);
        ctx.require(page.has_value(), "list " + describe(query) + " failed: " + describe(page));
        for (const auto& u : page->items) {
            ctx.expect(seen.insert(u.sid).second, "record served twice while paging backward: " + describe(u));
            ctx.expect(!removed_below.contains(u.sid),
                       "a record removed before its page was served (backward): " + describe(u));
            ctx.expect(u.sequence < *query.before, "a record at or after the cursor while paging backward: " +
                                                       describe(u));
        }
        if (!page->more_before || page->items.empty())
            break;
        query.before = page->items.front().sequence;
        co_await ctx.create(ctx.make_record(account, "Added behind the reader"));
        if (victim < live.size() && live[victim].sequence < *query.before) {
            co_await ctx.records().remove(account, live[victim].sid);
            removed_below.insert(live[victim].sid);
            ++victim;
        }
    }
    for (const auto& u : live)
        ctx.expect(seen.contains(u.sid) || removed_below.contains(u.sid),
                   "a record present throughout was skipped while paging backward: " + describe(u));
}

inline boost::asio::awaitable<void> check_dates(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    using std::chrono::seconds;
    std::vector<std::pair<std::int64_t, std::int64_t>> dates = {
        {1, 2},                          // the first second of 1970
        {1'000'000'000, 1'000'000'059},  // 2001
        {2'147'483'647, 2'147'483'648},  // either side of the 32-bit limit (2038)
        {4'102'444'800, 4'102'444'799},  // 2100; updated before created: stored as given
    };
    for (auto [created_at, updated_at] : dates) {
        auto record = ctx.make_record(account);
        record.date_created = timestamp(seconds(created_at));
        record.date_updated = timestamp(seconds(updated_at));
        auto stored = co_await ctx.create(record);
        record.sequence = stored.sequence;
        ctx.expect(stored == record, "create returned " + describe(stored) + ", expected " + describe(record));
        co_await expect_record(ctx, account, record, "dates round-trip");

        auto later = timestamp(seconds(updated_at + 86'400 * 400 + 17));
        const end_user_patch rename{"Renamed", std::nullopt, later};
        auto updated = co_await ctx.records().update(account, record.sid, rename);
        record.friendly_name = "Renamed";
        record.date_updated = later;
        ctx.expect(updated && *updated == record,
                   "update must set date_updated from the patch and keep date_created: returned " + describe(updated) +
                       ", expected " + describe(record));
        co_await expect_record(ctx, account, record, "dates after update");
    }
}

inline std::string long_attributes()
{
    std::string text = R"({"notes":")";
    const char* words[] = {"lorem ", "ipsum ", "dolor ", "sit ", "amet ", "é ", "東京 ", "😀 ", "\\\" ", "\\n "};
    for (std::size_t i = 0; text.size() < 70'000; ++i)
        text += words[(i * 7) % 10];
    text += R"("})";
    return text;
}

inline boost::asio::awaitable<void> check_text_round_trip(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    // Attributes are opaque JSON text: stored and returned byte for byte.
    std::vector<std::string> attributes = {
        "{}",
        R"({"name":"Zoë Ünïcødé","city":"東京","emoji":"😀🚀","rtl":"שלום"})",
        R"({"quote":"\"","backslash":"\\","slash":"\/","controls":"\b\f\n\r\t","nul":"\u0000","bmp":"\u00e9\u6771","pair":"\ud83d\ude00"})",
        R"({"sql":"'; DROP TABLE end_users; --","like":"100%_a\\%b","percent":"%s%n%d"})",
        R"({"a":[1,2,{"b":null}],"c":true,"d":-1.5e300,"e":{"f":{"g":[[],{}]}}})",
        long_attributes(),
    };
    std::vector<std::string> names = {"Zoë 東京 😀", "O'Brien \"quoted\" \\ back", "  spaced  ", "tab\there",
                                      "100% _percent_", std::string(500, 'x')};
    std::vector<end_user> made;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        auto record = ctx.make_record(account, names[i % names.size()]);
        record.attributes = attributes[i];
        record.type = i % 2 ? "business" : "individual";
        auto stored = co_await ctx.create(record);
        record.sequence = stored.sequence;
        ctx.expect(stored == record, "create changed the text it was given: returned " + describe(stored) +
                                         ", given " + describe(record));
        co_await expect_record(ctx, account, record, "text round-trip");
        made.push_back(record);
    }
    co_await expect_page(ctx, account, made, page_query{}, "text round-trip through list");

    // And through update, each record taking another's text.
    for (std::size_t i = 0; i < made.size(); ++i) {
        auto& record = made[i];
        auto patch = end_user_patch{names[(i + 1) % names.size()], attributes[(i + 1) % attributes.size()],
                                    timestamp(std::chrono::seconds(1'800'000'000))};
        record.friendly_name = *patch.friendly_name;
        record.attributes = *patch.attributes;
        record.date_updated = patch.date_updated;
        auto updated = co_await ctx.records().update(account, record.sid, patch);
        ctx.expect(updated && *updated == record, "update changed the text it was given: returned " +
                                                      describe(updated) + ", expected " + describe(record));
        co_await expect_record(ctx, account, record, "text round-trip through update");
    }
}

// ---------------------------------------------------------------------------------------------
// The coroutine must resume where it was awaited from.

inline boost::asio::awaitable<void> resume_task(conformance_context& ctx, check_strand strand, std::string account)
{
    auto here = [&](const char* operation) {
        if (!strand.running_in_this_thread())
            ctx.fail(std::string("after co_await store::") + operation +
                     " the coroutine ran outside the strand it was awaited from");
    };
    auto record = ctx.make_record(account);
    auto created = co_await ctx.records().create(record);
    here("create");
    ctx.require(created.has_value(), "create failed: " + describe(created));
    co_await ctx.records().fetch(account, record.sid);
    here("fetch");
    co_await ctx.records().fetch(account, ctx.make_sid("IT"));
    here("fetch (not found)");
    const end_user_patch rename{"Moved", std::nullopt, record.date_updated};
    co_await ctx.records().update(account, record.sid, rename);
    here("update");
    co_await ctx.records().list(account, page_query{});
    here("list");
    co_await ctx.records().remove(account, record.sid);
    here("remove");
    co_await ctx.records().remove(account, record.sid);
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

// ---------------------------------------------------------------------------------------------
// Concurrency: calls from every thread of the io_context at once.

struct created_log {
    std::mutex mutex;
    std::vector<end_user> records;
    std::atomic<int> winners{0};
};

inline boost::asio::awaitable<void> create_pair_task(conformance_context& ctx, created_log& log, std::string account)
{
    auto first = co_await ctx.create(ctx.make_record(account, "first"));
    auto second = co_await ctx.create(ctx.make_record(account, "second"));
    // The first create had completed before the second began: creation order is clear.
    ctx.expect(second.sequence > first.sequence, "a create that began after another had ended got a lower "
                                                 "sequence: " + std::to_string(second.sequence) + " after " +
                                                     std::to_string(first.sequence));
    std::lock_guard lock(log.mutex);
    log.records.push_back(std::move(first));
    log.records.push_back(std::move(second));
}

inline boost::asio::awaitable<void> create_same_sid_task(conformance_context& ctx, created_log& log, end_user record)
{
    auto created = co_await ctx.records().create(record);
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
    for (int i = 0; i < 4; ++i)
        accounts.push_back(ctx.make_sid("AC"));
    std::size_t pairs = std::max<std::size_t>(1, ctx.options().concurrent_operations / 2);
    for (std::size_t i = 0; i < pairs; ++i)
        spawn_counted(ctx, group, ctx.io_executor(), create_pair_task(ctx, log, accounts[i % accounts.size()]));
    auto contested_sid = ctx.make_sid("IT");
    for (std::size_t i = 0; i < 8; ++i) {
        auto record = ctx.make_record(accounts[i % accounts.size()], "contested");
        record.sid = contested_sid;
        spawn_counted(ctx, group, ctx.io_executor(), create_same_sid_task(ctx, log, record));
    }
    co_await group.wait();

    ctx.expect(log.winners == 1, std::to_string(log.winners.load()) +
                                     " of 8 concurrent creates with one SID succeeded; exactly one must");
    std::set<std::uint64_t> sequences;
    std::map<std::string, std::map<std::string, end_user>> expected;
    for (auto& u : log.records) {
        ctx.expect(sequences.insert(u.sequence).second, "two concurrent creates got sequence " +
                                                            std::to_string(u.sequence));
        expected[u.account_sid][u.sid] = u;
    }
    for (const auto& account : accounts) {
        auto listed = co_await list_all(ctx, account, 37);
        std::size_t found = 0;
        for (const auto& u : listed) {
            if (u.sid == contested_sid)
                continue;
            auto it = expected[account].find(u.sid);
            if (it == expected[account].end())
                ctx.fail("listed a record no create returned in this account: " + describe(u));
            else if (it->second != u)
                ctx.fail("listed " + describe(u) + " but create returned " + describe(it->second));
            else
                ++found;
        }
        ctx.expect(found == expected[account].size(),
                   "of " + std::to_string(expected[account].size()) + " records created concurrently in " + account +
                       ", " + std::to_string(found) + " are listed");
    }
}

inline boost::asio::awaitable<void> update_field_task(conformance_context& ctx, std::string account, std::string sid,
                                                      end_user_patch patch)
{
    auto updated = co_await ctx.records().update(account, sid, patch);
    if (!updated)
        ctx.fail("a concurrent update of " + sid + " failed: " + describe(updated));
    else if ((patch.friendly_name && updated->friendly_name != *patch.friendly_name) ||
             (patch.attributes && updated->attributes != *patch.attributes))
        ctx.fail("a concurrent update returned a record without its own change: " + describe(*updated));
}

inline boost::asio::awaitable<void> check_concurrent_updates(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::size_t count = std::max<std::size_t>(2, ctx.options().concurrent_operations / 4);
    std::vector<end_user> records;
    for (std::size_t i = 0; i < count; ++i)
        records.push_back(co_await ctx.create(ctx.make_record(account, "Before")));

    // Two rounds: in each, every record gets two updates at once, one per field.
    for (int round = 0; round < 2; ++round) {
        wait_group group(co_await boost::asio::this_coro::executor);
        auto when = timestamp(std::chrono::seconds(1'750'000'000 + round));
        for (std::size_t i = 0; i < count; ++i) {
            auto name = "Name " + std::to_string(round) + "/" + std::to_string(i);
            auto attributes = R"({"round":)" + std::to_string(round) + R"(,"i":)" + std::to_string(i) + "}";
            spawn_counted(ctx, group, ctx.io_executor(),
                          update_field_task(ctx, account, records[i].sid, end_user_patch{name, std::nullopt, when}));
            spawn_counted(ctx, group, ctx.io_executor(),
                          update_field_task(ctx, account, records[i].sid, end_user_patch{std::nullopt, attributes, when}));
            records[i].friendly_name = name;
            records[i].attributes = attributes;
            records[i].date_updated = when;
        }
        co_await group.wait();
        for (const auto& u : records)
            co_await expect_record(ctx, account, u, "both of two concurrent updates of different fields");
    }
}

inline boost::asio::awaitable<void> remove_task(conformance_context& ctx, std::string account, std::string sid)
{
    auto removed = co_await ctx.records().remove(account, sid);
    if (!removed)
        ctx.fail("a concurrent remove of a live record " + sid + " failed: " + describe(removed));
}

inline boost::asio::awaitable<void> create_task(conformance_context& ctx, created_log& log, end_user record)
{
    auto created = co_await ctx.create(std::move(record));
    std::lock_guard lock(log.mutex);
    log.records.push_back(std::move(created));
}

inline boost::asio::awaitable<void> walk_task(conformance_context& ctx, std::string account)
{
    // list_all checks that each page is ordered and that pages never go back.
    co_await list_all(ctx, account, 10);
}

inline boost::asio::awaitable<void> check_concurrent_mixed(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::size_t count = std::max<std::size_t>(8, ctx.options().concurrent_operations / 4);
    std::vector<end_user> records;
    for (std::size_t i = 0; i < count; ++i)
        records.push_back(co_await ctx.create(ctx.make_record(account, "Before")));

    wait_group group(co_await boost::asio::this_coro::executor);
    created_log added;
    std::map<std::string, end_user> expected;
    auto when = timestamp(std::chrono::seconds(1'760'000'000));
    for (std::size_t i = 0; i < count; ++i) {
        auto& u = records[i];
        if (i % 2) {
            spawn_counted(ctx, group, ctx.io_executor(), remove_task(ctx, account, u.sid));
        } else {
            u.friendly_name = "After " + std::to_string(i);
            u.date_updated = when;
            spawn_counted(ctx, group, ctx.io_executor(),
                          update_field_task(ctx, account, u.sid, end_user_patch{u.friendly_name, std::nullopt, when}));
            expected[u.sid] = u;
            spawn_counted(ctx, group, ctx.io_executor(), create_task(ctx, added, ctx.make_record(account, "New")));
        }
        if (i % 8 == 0)
            spawn_counted(ctx, group, ctx.io_executor(), walk_task(ctx, account));
    }
    co_await group.wait();

    for (auto& u : added.records)
        expected[u.sid] = u;
    auto listed = co_await list_all(ctx, account, 13);
    std::size_t matched = 0;
    for (const auto& u : listed) {
        auto it = expected.find(u.sid);
        if (it == expected.end())
            ctx.fail("after concurrent removes, updates and creates, listed a record that should not be there: " +
                     describe(u));
        else if (it->second != u)
            ctx.fail("after concurrent calls, listed " + describe(u) + ", expected " + describe(it->second));
        else
            ++matched;
    }
    ctx.expect(matched == expected.size(), "after concurrent calls, " + std::to_string(matched) + " of " +
                                               std::to_string(expected.size()) + " expected records are listed");
    for (std::size_t i = 1; i < count; i += 2)
        expect_not_found(ctx, co_await ctx.records().fetch(account, records[i].sid), "fetch after a concurrent remove");
}

// ---------------------------------------------------------------------------------------------

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
        {"remove", check_remove},
        {"account_isolation", check_account_isolation},
        {"sequence_order", check_sequence_order},
        {"sid_uniqueness", check_sid_uniqueness},
        {"dates", check_dates},
        {"text_round_trip", check_text_round_trip},
        {"paging_forward", check_paging_forward},
        {"paging_backward", check_paging_backward},
        {"paging_empty_pages", check_paging_empty_pages},
        {"paging_from_deleted_cursor", check_paging_from_deleted_cursor},
        {"paging_under_changes", check_paging_under_changes},
        {"resumes_on_caller_executor", check_resumes_on_caller_executor},
        {"concurrent_creates", check_concurrent_creates},
        {"concurrent_updates", check_concurrent_updates},
        {"concurrent_mixed", check_concurrent_mixed},
    };
    return checks;
}

} // namespace trusthub::testing::detail

#endif
