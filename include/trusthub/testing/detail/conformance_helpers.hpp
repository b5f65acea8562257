// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_CONFORMANCE_HELPERS_HPP
#define TRUSTHUB_TESTING_DETAIL_CONFORMANCE_HELPERS_HPP

// What the checks share: calling the store and comparing its answers with the model, spawning
// concurrent calls, and the small families of records the relation checks build.

#include <trusthub/testing/detail/conformance_context.hpp>
#include <trusthub/testing/detail/paging_model.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>

#include <exception>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub::testing::detail {

// Each check starts on a strand of an io_context run by several threads, with a new, empty
// store. g++ 12 mishandles a temporary with a destructor built inside a `co_await` expression
// (GCC bug 107288): what a call is given (a key, a scope, a patch, a record, a message built
// from parts) is named before the statement that awaits, and the helpers take their messages
// as string views, so that a literal needs no temporary string.

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

/// A patch that sets field `index` to `text`.
inline record_patch patch_of(std::size_t index, std::string text, std::int64_t when = 1'700'000'500)
{
    record_patch patch;
    patch.fields.emplace_back(index, std::move(text));
    patch.date_updated = timestamp(std::chrono::seconds(when));
    return patch;
}

/// `r` with `patch` applied, as the store must keep it: a field past the end extends the
/// record, with nulls between.
inline record patched(record r, const record_patch& patch)
{
    for (const auto& [index, text] : patch.fields) {
        if (index >= r.fields.size())
            r.fields.resize(index + 1);
        r.fields[index] = text;
    }
    r.date_updated = patch.date_updated;
    return r;
}

/// Every record of a scope, paging forward `limit` at a time, checking each page's shape.
inline boost::asio::awaitable<std::vector<record>> list_all(conformance_context& ctx, list_scope scope,
                                                            std::size_t limit = 7)
{
    std::vector<record> all;
    page_query query;
    query.limit = limit;
    for (int pages = 0; pages < 100000; ++pages) {
        auto page = co_await ctx.records().list(scope, query);
        ctx.require(page.has_value(), "list " + describe(query) + " of " + describe(scope) + " failed: " +
                                          describe(page));
        ctx.require(page->items.size() <= limit, "list " + describe(query) + " of " + describe(scope) +
                                                     " returned more than limit: " + describe(*page));
        for (const auto& r : page->items) {
            ctx.require(all.empty() || all.back().sequence < r.sequence,
                        "paging forward through " + describe(scope) + " went back or repeated at " + describe(r));
            all.push_back(r);
        }
        if (!page->more_after)
            co_return all;
        ctx.require(!page->items.empty(), "list " + describe(query) + " of " + describe(scope) +
                                              " gave an empty page with more_after set");
        query.after = page->items.back().sequence;
    }
    ctx.require(false, "paging through " + describe(scope) + " did not end");
    co_return all;
}

inline bool same_items(const page_slice& a, const page_slice& b)
{
    return a.items == b.items && a.more_after == b.more_after && a.more_before == b.more_before;
}

/// Asks for `query` through `visit_page` and checks that it agrees with `list`'s `page` (but for
/// references, which views do not carry).
inline boost::asio::awaitable<void> expect_same_visit(conformance_context& ctx, list_scope scope, page_query query,
                                                      page_slice page, std::string_view why)
{
    page_slice visited;
    store::record_visitor visit = [&visited](const record_view& v) { visited.items.push_back(to_record(v)); };
    auto flags = co_await ctx.records().visit_page(scope, query, visit);
    if (!flags) {
        ctx.fail(std::string(why) + ": visit_page " + describe(query) + " of " + describe(scope) + " failed: " +
                 describe(flags));
        co_return;
    }
    if (!flags->items.empty())
        ctx.fail(std::string(why) + ": visit_page " + describe(query) + " returned items; they belong to the visitor");
    visited.more_after = flags->more_after;
    visited.more_before = flags->more_before;
    for (auto& r : page.items)
        r.references.clear();
    if (!same_items(visited, page))
        ctx.fail(std::string(why) + ": visit_page " + describe(query) + " of " + describe(scope) + " visited " +
                 describe(visited) + ", list returned " + describe(page));
}

/// Asks for `query` in `scope` and compares the answer to the page the model computes from
/// `known` (every live record the check made: the model picks those in scope); then asks
/// `visit_page` the same.
inline boost::asio::awaitable<void> expect_page(conformance_context& ctx, list_scope scope, std::vector<record> known,
                                                page_query query, std::string_view why)
{
    auto page = co_await ctx.records().list(scope, query);
    if (!page) {
        ctx.fail(std::string(why) + ": list " + describe(query) + " of " + describe(scope) + " failed: " +
                 describe(page));
        co_return;
    }
    co_await expect_same_visit(ctx, scope, query, *page, why);
    auto expected = expected_page(in_scope(known, scope), query);
    if (!same_items(*page, expected)) {
        std::string message = std::string(why) + ": list " + describe(query) + " of " + describe(scope) + " returned " +
                              describe(*page) + ", expected " + describe(expected);
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

/// The first page of `scope`, with every record of `known` in it, checked against the model.
inline boost::asio::awaitable<void> expect_listed(conformance_context& ctx, list_scope scope,
                                                  std::vector<record> known, std::string_view why)
{
    page_query query;
    query.limit = 1000;
    co_await expect_page(ctx, std::move(scope), std::move(known), query, why);
}

// Keeps a copy of each record it is handed (a named type: it lives in a coroutine frame).
struct record_copier {
    std::vector<record>* out;
    void operator()(const record_view& v) const { out->push_back(to_record(v)); }
};

inline boost::asio::awaitable<void> expect_record(conformance_context& ctx, record expected, std::string_view why)
{
    auto key = key_of(expected);
    auto fetched = co_await ctx.records().fetch(key);
    if (!fetched || *fetched != expected)
        ctx.fail(std::string(why) + ": fetch of " + describe(key) + " returned " + describe(fetched) + ", expected " +
                 describe(expected));
    // visit_record hands over the same record, but for its references, which views do not carry.
    std::vector<record> visited;
    auto seen = co_await ctx.records().visit_record(key, record_copier{&visited});
    record without_references = expected;
    without_references.references.clear();
    if (!seen || visited.size() != 1 || visited.front() != without_references)
        ctx.fail(std::string(why) + ": visit_record of " + describe(key) + " answered " + describe(seen) + " with " +
                 std::to_string(visited.size()) + " record(s)" +
                 (visited.empty() ? std::string() : ": " + describe(visited.front())) + ", expected " +
                 describe(without_references));
}

template <class T>
void expect_error(conformance_context& ctx, const result<T>& r, errc expected, const std::string& what)
{
    if (r || r.error() != expected)
        ctx.fail(what + ": expected errc::" + std::string(errc_name(expected)) + ", got " + describe(r));
}

template <class T>
void expect_not_found(conformance_context& ctx, const result<T>& r, const std::string& what)
{
    expect_error(ctx, r, errc::not_found, what);
}

/// The record `key` names is not there: fetch, update and remove all answer not_found.
/// (Whatever the key reaches by mistake is changed by the update and the remove: the caller
/// checks afterwards that the record it means is intact.)
inline boost::asio::awaitable<void> expect_unreachable(conformance_context& ctx, record_key key, std::string_view why)
{
    auto fetched = co_await ctx.records().fetch(key);
    expect_not_found(ctx, fetched, std::string(why) + ": fetch of " + describe(key));
    std::vector<record> visited;
    auto seen = co_await ctx.records().visit_record(key, record_copier{&visited});
    expect_not_found(ctx, seen, std::string(why) + ": visit_record of " + describe(key));
    if (!visited.empty())
        ctx.fail(std::string(why) + ": visit_record of " + describe(key) + " visited a record");
    auto patch = patch_of(0, R"("changed by a key that names nothing")");
    auto updated = co_await ctx.records().update(key, patch);
    expect_not_found(ctx, updated, std::string(why) + ": update of " + describe(key));
    auto removed = co_await ctx.records().remove(key);
    expect_not_found(ctx, removed, std::string(why) + ": remove of " + describe(key));
}

inline boost::asio::awaitable<void> expect_absent(conformance_context& ctx, record gone, std::string_view why)
{
    auto key = key_of(gone);
    auto fetched = co_await ctx.records().fetch(key);
    expect_not_found(ctx, fetched, std::string(why) + ": fetch of " + describe(key));
}

inline boost::asio::awaitable<void> remove_or_fail(conformance_context& ctx, record r, std::string_view why)
{
    auto key = key_of(r);
    auto removed = co_await ctx.records().remove(key);
    ctx.require(removed.has_value(),
                std::string(why) + ": remove of " + describe(key) + " failed: " + describe(removed));
}

/// Drops the records `gone` names (by SID) from `live`.
inline void forget(std::vector<record>& live, const std::vector<record>& gone)
{
    std::set<std::string> sids;
    for (const auto& r : gone)
        sids.insert(r.sid);
    std::erase_if(live, [&sids](const record& r) { return sids.contains(r.sid); });
}

/// A parent with two children, one of which has two children; each under its own kind.
struct family {
    record parent, first_child, second_child, first_grandchild, second_grandchild;

    std::vector<record> all() const { return {parent, first_child, second_child, first_grandchild, second_grandchild}; }
};

inline boost::asio::awaitable<family> make_family(conformance_context& ctx, std::string account,
                                                  std::string_view label = "Family")
{
    family f;
    auto parent = ctx.make_record(item_kind, account, {}, label);
    f.parent = co_await ctx.create(parent);
    auto first = ctx.make_record(child_kind, account, f.parent.sid, std::string(label) + " child 1");
    f.first_child = co_await ctx.create(first);
    auto second = ctx.make_record(child_kind, account, f.parent.sid, std::string(label) + " child 2");
    f.second_child = co_await ctx.create(second);
    auto g1 = ctx.make_record(grandchild_kind, account, f.first_child.sid, std::string(label) + " grandchild 1");
    f.first_grandchild = co_await ctx.create(g1);
    auto g2 = ctx.make_record(grandchild_kind, account, f.first_child.sid, std::string(label) + " grandchild 2");
    f.second_grandchild = co_await ctx.create(g2);
    co_return f;
}

/// Every record of `known` is as stored, and every list of the account's kits agrees.
inline boost::asio::awaitable<void> expect_intact(conformance_context& ctx, std::string account,
                                                  std::vector<record> known, std::string_view why)
{
    for (const auto& r : known) {
        auto each = r;
        co_await expect_record(ctx, each, why);
    }
    std::vector<list_scope> scopes = {scope_of(item_kind, account), scope_of(link_kind, account),
                                      scope_of(child_kind, account, std::nullopt),
                                      scope_of(grandchild_kind, account, std::nullopt)};
    for (const auto& r : known)
        if (r.kind == item_kind.name)
            scopes.push_back(scope_of(child_kind, account, r.sid));
    for (const auto& s : scopes) {
        auto scope = s;
        co_await expect_listed(ctx, scope, known, why);
    }
}

} // namespace trusthub::testing::detail

#endif
