// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_RELATION_CHECKS_HPP
#define TRUSTHUB_TESTING_DETAIL_RELATION_CHECKS_HPP

// The checks of parents and references: what a create needs to exist, what a remove takes
// with it, and what holds it back.

#include <trusthub/testing/detail/conformance_helpers.hpp>

#include <string>
#include <vector>

namespace trusthub::testing::detail {

inline boost::asio::awaitable<void> check_create_under_missing_parent(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto other = ctx.make_sid("AC");
    auto live_parent_record = ctx.make_record(item_kind, account, {}, "Live");
    auto live_parent = co_await ctx.create(live_parent_record);
    auto theirs_record = ctx.make_record(item_kind, other, {}, "Another account's");
    auto theirs = co_await ctx.create(theirs_record);
    auto removed_record = ctx.make_record(item_kind, account, {}, "Removed");
    auto removed = co_await ctx.create(removed_record);
    co_await remove_or_fail(ctx, removed, "a parent to be");
    auto target_record = ctx.make_record(item_kind, account, {}, "Referred");
    auto target = co_await ctx.create(target_record);

    struct attempt {
        std::string what;
        std::string parent;
    };
    std::vector<attempt> attempts = {
        {"a SID never created", ctx.make_sid(item_kind.prefix)},
        {"another account's record", theirs.sid},
        {"a removed record", removed.sid},
        {"a SID with another prefix than a live parent's", "KX" + live_parent.sid.substr(2)},
    };
    std::vector<record> refused;
    for (const auto& a : attempts) {
        auto child = ctx.make_record(child_kind, account, a.parent, "Orphan");
        // References that exist: only the parent is missing.
        child.references = {target.sid};
        auto created = co_await ctx.records().create(child);
        expect_not_found(ctx, created, "create under " + a.what);
        std::string why = "a refused create under " + a.what;
        co_await expect_absent(ctx, child, why);
        auto children = scope_of(child_kind, account, a.parent);
        const std::vector<record> none;
        co_await expect_listed(ctx, children, none, why);
        refused.push_back(child);
    }
    auto grandchild = ctx.make_record(grandchild_kind, account, ctx.make_sid(child_kind.prefix));
    auto created = co_await ctx.records().create(grandchild);
    expect_not_found(ctx, created, "create of a grandchild under a child never created");

    const std::vector<record> all = {live_parent, target};
    auto any_children = scope_of(child_kind, account, std::nullopt),
         any_grandchildren = scope_of(grandchild_kind, account, std::nullopt);
    co_await expect_listed(ctx, any_children, all, "list of children under any parent after refused creates");
    co_await expect_listed(ctx, any_grandchildren, all, "list of grandchildren after a refused create");
    // Nothing stored: the referred record has no referrer, and the SIDs are free.
    auto again = refused.front();
    again.parent_sid = live_parent.sid;
    auto placed = co_await ctx.records().create(again);
    ctx.expect(placed.has_value(), "create under a live parent with the SID of a refused create failed: " +
                                       describe(placed));
    if (placed) {
        co_await remove_or_fail(ctx, *placed, "the child placed after refused creates");
    }
    co_await remove_or_fail(ctx, target, "a record the refused creates referred to");
}

inline boost::asio::awaitable<void> check_missing_reference(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto other = ctx.make_sid("AC");
    auto good_record = ctx.make_record(item_kind, account, {}, "Good");
    auto good = co_await ctx.create(good_record);
    auto theirs_record = ctx.make_record(item_kind, other, {}, "Theirs");
    auto theirs = co_await ctx.create(theirs_record);
    auto removed_record = ctx.make_record(item_kind, account, {}, "Removed");
    auto removed = co_await ctx.create(removed_record);
    co_await remove_or_fail(ctx, removed, "a record to be referred to");

    struct attempt {
        std::string what;
        std::vector<std::string> references;
    };
    std::vector<attempt> attempts = {
        {"a SID never created", {ctx.make_sid(item_kind.prefix)}},
        {"another account's record", {theirs.sid}},
        {"a removed record", {removed.sid}},
        {"a live record and a missing one", {good.sid, ctx.make_sid(link_kind.prefix)}},
        {"a SID with another prefix than a live record's", {"KX" + good.sid.substr(2)}},
    };
    std::vector<record> refused;
    for (const auto& a : attempts) {
        auto link = ctx.make_record(link_kind, account);
        link.references = a.references;
        auto created = co_await ctx.records().create(link);
        expect_error(ctx, created, errc::missing_reference, "create referring to " + a.what);
        std::string why = "a refused create referring to " + a.what;
        co_await expect_absent(ctx, link, why);
        refused.push_back(link);
    }
    // Under a live parent too.
    auto child = ctx.make_record(child_kind, account, good.sid);
    child.references = {ctx.make_sid(item_kind.prefix)};
    auto created = co_await ctx.records().create(child);
    expect_error(ctx, created, errc::missing_reference, "create of a child referring to a SID never created");

    const std::vector<record> all = {good};
    auto links = scope_of(link_kind, account), children = scope_of(child_kind, account, good.sid);
    co_await expect_listed(ctx, links, all, "list after refused creates");
    co_await expect_listed(ctx, children, all, "list of children after a refused create");
    // Nothing stored: the live record referred to alongside a missing one has no referrer.
    co_await remove_or_fail(ctx, good, "a record a refused create referred to");
    // References of any kind and level are fine.
    auto p_record = ctx.make_record(item_kind, account);
    auto p = co_await ctx.create(p_record);
    auto c_record = ctx.make_record(child_kind, account, p.sid);
    auto c = co_await ctx.create(c_record);
    auto ok = ctx.make_record(link_kind, account);
    ok.references = {c.sid, p.sid};
    auto stored = co_await ctx.records().create(ok);
    ctx.expect(stored.has_value(), "create referring to a child and its parent failed: " + describe(stored));
}

inline boost::asio::awaitable<void> check_remove_cascades(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto doomed = co_await make_family(ctx, account, "Doomed");
    auto kept = co_await make_family(ctx, account, "Kept");
    // A child of another kind under the doomed parent, and a record only the doomed subtree
    // refers to: once the subtree is gone, nothing holds it.
    auto odd_record = ctx.make_record(link_kind, account, doomed.parent.sid, "A link under the parent");
    auto odd = co_await ctx.create(odd_record);
    auto held_record = ctx.make_record(link_kind, account, {}, "Held by the doomed");
    auto held = co_await ctx.create(held_record);
    auto referrer = ctx.make_record(grandchild_kind, account, doomed.second_child.sid, "Referrer");
    referrer.references = {held.sid, kept.first_grandchild.sid};
    referrer = co_await ctx.create(referrer);

    co_await remove_or_fail(ctx, doomed.parent, "a parent with children and grandchildren");
    auto gone = doomed.all();
    gone.push_back(odd);
    gone.push_back(referrer);
    for (const auto& r : gone) {
        auto each = r;
        co_await expect_absent(ctx, each, "a record under a removed parent");
    }
    std::vector<record> live = kept.all();
    live.push_back(held);
    co_await expect_intact(ctx, account, live, "after a cascading remove");
    auto under_gone = scope_of(child_kind, account, doomed.parent.sid),
         links_under_gone = scope_of(link_kind, account, doomed.parent.sid),
         under_gone_child = scope_of(grandchild_kind, account, doomed.first_child.sid);
    co_await expect_listed(ctx, under_gone, live, "list under a removed parent");
    co_await expect_listed(ctx, links_under_gone, live, "list of another kind under a removed parent");
    co_await expect_listed(ctx, under_gone_child, live, "list under a child removed with its parent");

    // Nothing under the removed parent can come back, and what it referred to is free.
    auto late = ctx.make_record(child_kind, account, doomed.parent.sid);
    auto created = co_await ctx.records().create(late);
    expect_not_found(ctx, created, "create under a parent removed by a cascade");
    co_await remove_or_fail(ctx, held, "a record referred to only by a removed grandchild");
    co_await remove_or_fail(ctx, kept.first_child, "a child referred to only by a removed grandchild's record");
    co_await expect_absent(ctx, kept.first_grandchild, "a grandchild of a removed child");
    co_await expect_record(ctx, kept.second_child, "the other child of the kept family");
}

inline boost::asio::awaitable<void> check_remove_referenced(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    std::vector<record> live;

    // A top-level record and a record referring to it.
    auto target_record = ctx.make_record(item_kind, account, {}, "Target");
    auto target = co_await ctx.create(target_record);
    auto link_record = ctx.make_record(link_kind, account, {}, "Link");
    link_record.references = {target.sid};
    auto link = co_await ctx.create(link_record);
    auto key = key_of(target);
    auto removed = co_await ctx.records().remove(key);
    expect_error(ctx, removed, errc::referenced, "remove of a record another refers to");
    co_await expect_record(ctx, target, "a record whose remove was refused");

    // A family whose grandchild an outside record refers to: the whole remove is refused.
    auto f = co_await make_family(ctx, account, "Held");
    auto outside_record = ctx.make_record(link_kind, account, {}, "Outside");
    outside_record.references = {f.second_grandchild.sid};
    auto outside = co_await ctx.create(outside_record);
    // Another family whose grandchild refers to the first family's second child.
    auto g = co_await make_family(ctx, account, "Referring");
    auto deep_record = ctx.make_record(grandchild_kind, account, g.second_child.sid, "Deep referrer");
    deep_record.references = {f.second_child.sid};
    auto deep = co_await ctx.create(deep_record);

    live = {target, link, outside, deep};
    for (const auto& r : f.all())
        live.push_back(r);
    for (const auto& r : g.all())
        live.push_back(r);
    auto parent_key = key_of(f.parent);
    removed = co_await ctx.records().remove(parent_key);
    expect_error(ctx, removed, errc::referenced, "remove of a parent whose grandchild an outside record refers to");
    auto child_key = key_of(f.first_child);
    removed = co_await ctx.records().remove(child_key);
    expect_error(ctx, removed, errc::referenced, "remove of a child whose child an outside record refers to");
    auto grandchild_key = key_of(f.second_grandchild);
    removed = co_await ctx.records().remove(grandchild_key);
    expect_error(ctx, removed, errc::referenced, "remove of a grandchild an outside record refers to");
    co_await expect_intact(ctx, account, live, "after refused removes");

    // The outside referrer goes: the parent is still held, by the other family's grandchild.
    co_await remove_or_fail(ctx, outside, "a referrer");
    forget(live, {outside});
    removed = co_await ctx.records().remove(parent_key);
    expect_error(ctx, removed, errc::referenced,
                 "remove of a parent whose child another family's grandchild refers to");
    co_await expect_intact(ctx, account, live, "after a refused remove held by a grandchild elsewhere");

    // The referring family goes (its grandchild with it): now the parent goes.
    co_await remove_or_fail(ctx, g.parent, "a family whose grandchild refers elsewhere");
    forget(live, g.all());
    forget(live, {deep});
    co_await remove_or_fail(ctx, f.parent, "a parent no longer referred to");
    forget(live, f.all());
    co_await remove_or_fail(ctx, link, "the link");
    co_await remove_or_fail(ctx, target, "a record no longer referred to");
    forget(live, {link, target});
    co_await expect_intact(ctx, account, live, "after every referrer went");
}

inline boost::asio::awaitable<void> check_references_inside_subtree(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto parent_record = ctx.make_record(item_kind, account, {}, "Parent");
    auto parent = co_await ctx.create(parent_record);
    auto c1_record = ctx.make_record(child_kind, account, parent.sid, "Child 1");
    auto c1 = co_await ctx.create(c1_record);
    auto c2_record = ctx.make_record(child_kind, account, parent.sid, "Child 2");
    c2_record.references = {c1.sid, parent.sid};
    auto c2 = co_await ctx.create(c2_record);
    auto g_record = ctx.make_record(grandchild_kind, account, c1.sid, "Grandchild");
    g_record.references = {c2.sid, parent.sid, c1.sid};
    auto g = co_await ctx.create(g_record);
    auto bystander_record = ctx.make_record(item_kind, account, {}, "Bystander");
    auto bystander = co_await ctx.create(bystander_record);

    // A sibling is outside the subtree of the record it refers to.
    auto c1_key = key_of(c1);
    auto removed = co_await ctx.records().remove(c1_key);
    expect_error(ctx, removed, errc::referenced, "remove of a child its sibling refers to");
    const std::vector<record> live = {parent, c1, c2, g, bystander};
    co_await expect_intact(ctx, account, live, "after a refused remove of a child its sibling refers to");

    // From the parent, every reference comes from inside.
    co_await remove_or_fail(ctx, parent, "a parent whose subtree refers only to itself");
    const std::vector<record> gone = {parent, c1, c2, g};
    for (const auto& r : gone) {
        auto each = r;
        co_await expect_absent(ctx, each, "a record of a removed subtree");
    }
    const std::vector<record> left = {bystander};
    co_await expect_intact(ctx, account, left, "after removing a subtree that refers to itself");
}

} // namespace trusthub::testing::detail

#endif
