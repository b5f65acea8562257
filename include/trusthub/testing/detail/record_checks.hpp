// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_RECORD_CHECKS_HPP
#define TRUSTHUB_TESTING_DETAIL_RECORD_CHECKS_HPP

// The checks of records one at a time: create, fetch, update, remove, and what scopes them
// (account, kind, parent), sequences, SIDs, dates and texts.

#include <trusthub/testing/detail/conformance_helpers.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace trusthub::testing::detail {

inline boost::asio::awaitable<void> check_create_and_fetch(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto first = ctx.make_record(item_kind, account);
    auto created = co_await ctx.records().create(first);
    ctx.require(created.has_value(), "create " + describe(first) + " failed: " + describe(created));
    ctx.expect(created->sequence >= 1, "create assigned sequence 0; 0 is reserved for 'before every record'");
    first.sequence = created->sequence;
    ctx.expect(*created == first,
               "create returned " + describe(*created) + ", expected what was given: " + describe(first));
    co_await expect_record(ctx, first, "after create");

    auto second = ctx.make_record(item_kind, account, {}, "Grace Hopper");
    second.fields = {R"("Grace \\ Hopper \u2603")", R"({"navy":{"rank":"rear admiral","years":[1943,1986]}})", ""};
    second.date_created = timestamp(std::chrono::seconds(1'600'000'000));
    second.date_updated = timestamp(std::chrono::seconds(1'650'000'000));
    auto stored_second = co_await ctx.create(second);
    second.sequence = stored_second.sequence;
    ctx.expect(stored_second == second,
               "create returned " + describe(stored_second) + ", expected " + describe(second));
    co_await expect_record(ctx, second, "second record");

    // A child of the first, referring to the second: parent and references come back as given.
    auto child = ctx.make_record(child_kind, account, first.sid, "Child");
    child.references = {second.sid};
    auto stored_child = co_await ctx.create(child);
    child.sequence = stored_child.sequence;
    ctx.expect(stored_child == child, "create of a child returned " + describe(stored_child) + ", expected " +
                                          describe(child));
    co_await expect_record(ctx, child, "a child with a reference");
    co_await expect_record(ctx, first, "first record after more creates");
}

inline boost::asio::awaitable<void> check_missing_records(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    record_key ghost{item_kind.name, account, "", ctx.make_sid(item_kind.prefix)};
    co_await expect_unreachable(ctx, ghost, "an empty store");
    auto kept = ctx.make_record(item_kind, account);
    kept = co_await ctx.create(kept);
    co_await expect_unreachable(ctx, ghost, "an unknown SID");
    co_await expect_record(ctx, kept, "a record beside the unknown SID");
}

inline boost::asio::awaitable<void> check_update_changes_only_the_patch(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto parent_record = ctx.make_record(item_kind, account);
    auto parent = co_await ctx.create(parent_record);
    auto target_record = ctx.make_record(item_kind, account, {}, "Target");
    auto target = co_await ctx.create(target_record);
    // A child with a reference: an update keeps its kind, parent, references and creation date.
    auto fresh = ctx.make_record(child_kind, account, parent.sid);
    fresh.fields.push_back(R"({"third":3})");
    fresh.references = {target.sid};
    auto r = co_await ctx.create(fresh);
    auto bystander_record = ctx.make_record(child_kind, account, parent.sid, "Bystander");
    auto bystander = co_await ctx.create(bystander_record);

    struct step {
        const char* what;
        record_patch patch;
    };
    using std::chrono::seconds;
    std::vector<step> steps = {
        {"field 0 only", patch_of(0, R"("Grace Hopper")", 1'700'000'100)},
        {"field 1 only", patch_of(1, "42", 1'700'000'200)},
        {"fields 0 and 2",
         {{{0, R"("Ada")"}, {2, R"({"email":"ada@example.com"})"}}, timestamp(seconds(1'700'000'300))}},
        {"field 0 set to null", patch_of(0, "", 1'700'000'400)},
        {"field 2 set to {}", patch_of(2, "{}", 1'700'000'500)},
        {"field 0 set again after null", patch_of(0, R"("back")", 1'700'000'600)},
    };
    for (auto& s : steps) {
        auto expected = patched(r, s.patch);
        auto key = key_of(r);
        auto updated = co_await ctx.records().update(key, s.patch);
        ctx.require(updated.has_value(), std::string("update of ") + s.what + " failed: " + describe(updated));
        ctx.expect(*updated == expected, std::string("update of ") + s.what + " returned " + describe(*updated) +
                                             ", expected " + describe(expected));
        std::string why = std::string("after an update of ") + s.what;
        co_await expect_record(ctx, expected, why);
        r = expected;
    }
    co_await expect_record(ctx, bystander, "another record of the parent after updates");
    co_await expect_record(ctx, parent, "the parent after updates of its child");
    co_await expect_record(ctx, target, "the referred record after updates of its referrer");
}

inline boost::asio::awaitable<void> check_update_past_the_last_field(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto parent_record = ctx.make_record(item_kind, account);
    auto parent = co_await ctx.create(parent_record);
    // Children have two fields: a field the descriptor gained after they were written.
    auto child_record = ctx.make_record(child_kind, account, parent.sid);
    auto r = co_await ctx.create(child_record);

    auto beyond = patch_of(4, R"({"added":"later"})", 1'700'000'100);
    auto expected = patched(r, beyond);
    ctx.require(expected.fields.size() == 5 && expected.fields[2].empty(), "the kit's own model is wrong");
    auto key = key_of(r);
    auto updated = co_await ctx.records().update(key, beyond);
    ctx.expect(updated && *updated == expected,
               "update of field 4 of a record with 2 fields must extend it with nulls between: returned " +
                   describe(updated) + ", expected " + describe(expected));
    co_await expect_record(ctx, expected, "after an update past the last field");

    // A field between the old end and the new one, then the next one past the new end.
    auto between = patch_of(3, R"("between")", 1'700'000'200);
    expected = patched(expected, between);
    updated = co_await ctx.records().update(key, between);
    ctx.expect(updated && *updated == expected, "update of a null field inside the record: returned " +
                                                    describe(updated) + ", expected " + describe(expected));
    auto next = patch_of(5, "true", 1'700'000'300);
    expected = patched(expected, next);
    updated = co_await ctx.records().update(key, next);
    ctx.expect(updated && *updated == expected, "update of the field just past the end: returned " + describe(updated) +
                                                    ", expected " + describe(expected));
    co_await expect_record(ctx, expected, "after updates inside and just past the end");

    // A record without fields at all.
    auto bare = ctx.make_record(link_kind, account);
    bare.fields.clear();
    bare = co_await ctx.create(bare);
    co_await expect_record(ctx, bare, "a record without fields");
    auto first = patch_of(1, R"("second")", 1'700'000'400);
    auto bare_expected = patched(bare, first);
    auto bare_key = key_of(bare);
    updated = co_await ctx.records().update(bare_key, first);
    ctx.expect(updated && *updated == bare_expected, "update of field 1 of a record without fields: returned " +
                                                         describe(updated) + ", expected " + describe(bare_expected));
    co_await expect_record(ctx, bare_expected, "a record without fields after an update");
    const std::vector<record> listed = {bare_expected};
    auto links = scope_of(link_kind, account);
    co_await expect_listed(ctx, links, listed, "list of a record extended by an update");
}

inline boost::asio::awaitable<void> check_remove(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto gone_record = ctx.make_record(item_kind, account, {}, "Gone");
    auto gone = co_await ctx.create(gone_record);
    auto kept_record = ctx.make_record(item_kind, account, {}, "Kept");
    auto kept = co_await ctx.create(kept_record);
    co_await remove_or_fail(ctx, gone, "a live record");
    auto gone_key = key_of(gone);
    co_await expect_unreachable(ctx, gone_key, "after remove");
    co_await expect_record(ctx, kept, "the other record after a remove");
    const std::vector<record> left = {kept};
    auto items = scope_of(item_kind, account);
    co_await expect_listed(ctx, items, left, "list after a remove");
}

inline boost::asio::awaitable<void> check_account_isolation(conformance_context& ctx)
{
    auto mine = ctx.make_sid("AC");
    auto theirs = ctx.make_sid("AC");
    auto idle = ctx.make_sid("AC");
    auto a_record = ctx.make_record(item_kind, mine, {}, "Mine");
    auto a = co_await ctx.create(a_record);
    auto b_record = ctx.make_record(item_kind, theirs, {}, "Theirs");
    auto b = co_await ctx.create(b_record);
    auto a2_record = ctx.make_record(item_kind, mine, {}, "Mine too");
    auto a2 = co_await ctx.create(a2_record);
    auto child_record = ctx.make_record(child_kind, mine, a.sid);
    auto child = co_await ctx.create(child_record);

    auto stolen = key_of(a);
    stolen.account_sid = theirs;
    co_await expect_unreachable(ctx, stolen, "another account's record");
    auto stolen_child = key_of(child);
    stolen_child.account_sid = theirs;
    co_await expect_unreachable(ctx, stolen_child, "another account's child record");
    auto from_idle = key_of(b);
    from_idle.account_sid = idle;
    co_await expect_unreachable(ctx, from_idle, "a record asked for by an account without records");
    co_await expect_record(ctx, a, "a record after another account tried to change and remove it");
    co_await expect_record(ctx, child, "a child after another account tried to change and remove it");
    co_await expect_record(ctx, b, "a record after an account without records tried to change and remove it");

    const std::vector<record> all = {a, a2, b, child};
    auto my_items = scope_of(item_kind, mine), their_items = scope_of(item_kind, theirs),
         idle_items = scope_of(item_kind, idle), their_children = scope_of(child_kind, theirs, std::nullopt);
    co_await expect_listed(ctx, my_items, all, "list of one account");
    co_await expect_listed(ctx, their_items, all, "list of another account");
    co_await expect_listed(ctx, their_children, all, "list of another account's children under any parent");
    auto under_mine = scope_of(child_kind, theirs, a.sid);
    co_await expect_listed(ctx, under_mine, all, "list of another account's children under my record");
    co_await expect_page(ctx, their_items, all, page_query{std::nullopt, a2.sequence + 1, 50},
                         "list before a cursor of another account");
    co_await expect_page(ctx, their_items, all, page_query{b.sequence, std::nullopt, 50},
                         "list after the other account's only record");
    co_await expect_listed(ctx, idle_items, all, "list of an account without records");
}

inline boost::asio::awaitable<void> check_kind_scoping(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto item_record = ctx.make_record(item_kind, account);
    auto item = co_await ctx.create(item_record);
    auto link_record = ctx.make_record(link_kind, account);
    auto link = co_await ctx.create(link_record);
    auto child_record = ctx.make_record(child_kind, account, item.sid);
    auto child = co_await ctx.create(child_record);

    // The right SID, account and parent, the wrong kind.
    auto as_link = key_of(item);
    as_link.kind = link_kind.name;
    co_await expect_unreachable(ctx, as_link, "a record asked for as another kind");
    auto as_item = key_of(link);
    as_item.kind = item_kind.name;
    co_await expect_unreachable(ctx, as_item, "a record asked for as another kind");
    auto as_grandchild = key_of(child);
    as_grandchild.kind = grandchild_kind.name;
    co_await expect_unreachable(ctx, as_grandchild, "a child asked for as another kind");
    auto unknown_kind = key_of(item);
    unknown_kind.kind = "kit_no_such_kind";
    co_await expect_unreachable(ctx, unknown_kind, "a record asked for as a kind nothing has");
    co_await expect_record(ctx, item, "a record after a key of another kind tried to change and remove it");
    co_await expect_record(ctx, link, "a record after a key of another kind tried to change and remove it");
    co_await expect_record(ctx, child, "a child after a key of another kind tried to change and remove it");

    const std::vector<record> all = {item, link, child};
    auto items = scope_of(item_kind, account), links = scope_of(link_kind, account),
         children_any = scope_of(child_kind, account, std::nullopt),
         grandchildren_under = scope_of(grandchild_kind, account, item.sid),
         nothing = list_scope{"kit_no_such_kind", account, std::nullopt, {}};
    co_await expect_listed(ctx, items, all, "list of one kind");
    co_await expect_listed(ctx, links, all, "list of another kind");
    co_await expect_listed(ctx, children_any, all, "list of children under any parent");
    co_await expect_listed(ctx, grandchildren_under, all, "list of another kind under the same parent");
    co_await expect_listed(ctx, nothing, all, "list of a kind nothing has");
}

inline boost::asio::awaitable<void> check_parent_scoping(conformance_context& ctx)
{
    auto account = ctx.make_sid("AC");
    auto p1_record = ctx.make_record(item_kind, account, {}, "Parent 1");
    auto p1 = co_await ctx.create(p1_record);
    auto p2_record = ctx.make_record(item_kind, account, {}, "Parent 2");
    auto p2 = co_await ctx.create(p2_record);
    auto c1_record = ctx.make_record(child_kind, account, p1.sid, "Child of 1");
    auto c1 = co_await ctx.create(c1_record);
    auto c2_record = ctx.make_record(child_kind, account, p2.sid, "Child of 2");
    auto c2 = co_await ctx.create(c2_record);
    auto g_record = ctx.make_record(grandchild_kind, account, c1.sid, "Grandchild");
    auto g = co_await ctx.create(g_record);

    auto under_other = key_of(c1);
    under_other.parent_sid = p2.sid;
    co_await expect_unreachable(ctx, under_other, "a child asked for under another parent");
    auto at_top = key_of(c1);
    at_top.parent_sid.clear();
    co_await expect_unreachable(ctx, at_top, "a child asked for at the top level");
    auto under_grandparent = key_of(g);
    under_grandparent.parent_sid = p1.sid;
    co_await expect_unreachable(ctx, under_grandparent, "a grandchild asked for under its grandparent");
    auto top_under_parent = key_of(p1);
    top_under_parent.parent_sid = p2.sid;
    co_await expect_unreachable(ctx, top_under_parent, "a top-level record asked for under a parent");
    auto under_itself = key_of(c1);
    under_itself.parent_sid = c1.sid;
    co_await expect_unreachable(ctx, under_itself, "a child asked for under itself");
    const std::vector<record> all = {p1, p2, c1, c2, g};
    for (const auto& r : all) {
        auto intact = r;
        co_await expect_record(ctx, intact, "a record after keys under other parents tried to change and remove it");
    }

    auto under_p1 = scope_of(child_kind, account, p1.sid), under_p2 = scope_of(child_kind, account, p2.sid),
         top_children = scope_of(child_kind, account), under_c2 = scope_of(grandchild_kind, account, c2.sid),
         under_c1 = scope_of(grandchild_kind, account, c1.sid), items_under_p1 = scope_of(item_kind, account, p1.sid);
    co_await expect_listed(ctx, under_p1, all, "list of one parent's children");
    co_await expect_listed(ctx, under_p2, all, "list of another parent's children");
    co_await expect_listed(ctx, top_children, all, "list of children at the top level");
    co_await expect_listed(ctx, under_c1, all, "list of a child's children");
    co_await expect_listed(ctx, under_c2, all, "list of another child's children");
    co_await expect_listed(ctx, items_under_p1, all, "list of top-level kind under a parent");
}

inline boost::asio::awaitable<void> check_sequence_order(conformance_context& ctx)
{
    // Arrays in a coroutine frame upset g++ 12 ("array used as initializer"): vectors here.
    std::vector<std::string> accounts = {ctx.make_sid("AC"), ctx.make_sid("AC"), ctx.make_sid("AC")};
    std::vector<record> parents;
    for (const auto& account : accounts) {
        auto p = ctx.make_record(item_kind, account, {}, "Parent");
        parents.push_back(co_await ctx.create(p));
    }
    std::uint64_t last = parents.back().sequence;
    std::vector<record> made;
    for (int i = 0; i < 12; ++i) {
        // Every kind and parent draws from one sequence.
        auto& parent = parents[static_cast<std::size_t>(i) % 3];
        auto fresh = i % 3 == 0   ? ctx.make_record(item_kind, parent.account_sid)
                     : i % 3 == 1 ? ctx.make_record(child_kind, parent.account_sid, parent.sid)
                                  : ctx.make_record(link_kind, parent.account_sid);
        auto r = co_await ctx.create(fresh);
        ctx.expect(r.sequence > last, "create number " + std::to_string(i) + " (" + r.kind + ") got sequence " +
                                          std::to_string(r.sequence) + ", not above the previous " +
                                          std::to_string(last));
        last = std::max(last, r.sequence);
        made.push_back(r);
    }
    // The newest record goes away; its sequence must not come back.
    co_await remove_or_fail(ctx, made.back(), "the newest record");
    auto again = ctx.make_record(item_kind, accounts[0]);
    auto after_remove = co_await ctx.create(again);
    ctx.expect(after_remove.sequence > last, "a create after removing the newest record reused or lowered the "
                                             "sequence: " + std::to_string(after_remove.sequence) + " <= " +
                                                 std::to_string(last));
    for (std::size_t i = 0; i + 1 < made.size(); ++i)
        co_await expect_record(ctx, made[i], "sequence as created");
}

inline boost::asio::awaitable<void> check_sid_uniqueness(conformance_context& ctx)
{
    auto mine = ctx.make_sid("AC");
    auto theirs = ctx.make_sid("AC");
    auto original_record = ctx.make_record(item_kind, mine, {}, "Original");
    auto original = co_await ctx.create(original_record);
    auto parent_record = ctx.make_record(item_kind, mine, {}, "Parent");
    auto parent = co_await ctx.create(parent_record);

    // The same SID again: in the same account, in another, as another kind, under a parent.
    std::vector<record> impostors;
    impostors.push_back(ctx.make_record(item_kind, mine, {}, "Impostor"));
    impostors.push_back(ctx.make_record(item_kind, theirs, {}, "Impostor"));
    impostors.push_back(ctx.make_record(link_kind, mine, {}, "Impostor"));
    impostors.push_back(ctx.make_record(child_kind, mine, parent.sid, "Impostor"));
    const std::vector<std::string> where = {"the same account", "another account", "another kind", "a parent"};
    for (std::size_t i = 0; i < impostors.size(); ++i) {
        impostors[i].sid = original.sid;
        auto again = co_await ctx.records().create(impostors[i]);
        expect_error(ctx, again, errc::already_exists, "create with a SID that exists, in " + where[i]);
    }

    co_await expect_record(ctx, original, "the original after refused creates");
    for (std::size_t i = 1; i < impostors.size(); ++i) {
        auto impostor = impostors[i];
        std::string why = "a refused create with a SID that exists, in " + where[i];
        co_await expect_absent(ctx, impostor, why);
    }
    const std::vector<record> all = {original, parent};
    auto my_items = scope_of(item_kind, mine), their_items = scope_of(item_kind, theirs),
         my_links = scope_of(link_kind, mine), my_children = scope_of(child_kind, mine, std::nullopt);
    co_await expect_listed(ctx, my_items, all, "list after refused creates");
    co_await expect_listed(ctx, their_items, all, "list of the account whose create was refused");
    co_await expect_listed(ctx, my_links, all, "list of the kind whose create was refused");
    co_await expect_listed(ctx, my_children, all, "list of the children whose create was refused");
    auto next_record = ctx.make_record(item_kind, mine);
    auto next = co_await ctx.create(next_record);
    ctx.expect(next.sequence > parent.sequence, "create after refused ones got a sequence not above the last");
}

inline boost::asio::awaitable<void> check_sids_with_other_prefixes(conformance_context& ctx)
{
    // A SID is all 34 characters: two that differ only in their prefix are two records. (Stores
    // that key records by the 32 hex digits alone get this wrong; a deterministic server,
    // counting each prefix from 1, hands out exactly such pairs.)
    auto account = ctx.make_sid("AC");
    auto item = ctx.make_record(item_kind, account);
    auto link = ctx.make_record(link_kind, account);
    link.sid = link_kind.prefix + item.sid.substr(2);
    auto child = ctx.make_record(child_kind, account, item.sid);
    child.sid = child_kind.prefix + item.sid.substr(2);
    const std::vector<record> fresh_records = {item, link, child};
    std::vector<record> made;
    for (const auto& fresh : fresh_records) {
        auto r = fresh;
        auto created = co_await ctx.records().create(r);
        ctx.require(created.has_value(), "create of " + r.sid + " beside a record whose SID has the same digits "
                                         "and another prefix failed: " + describe(created));
        made.push_back(*created);
    }
    for (const auto& r : made) {
        auto each = r;
        co_await expect_record(ctx, each, "records whose SIDs differ only in their prefix");
    }
    // Removing one leaves the other.
    co_await remove_or_fail(ctx, made[1], "one of two records whose SIDs differ only in their prefix");
    co_await expect_absent(ctx, made[1], "the removed one of two records whose SIDs differ only in their prefix");
    co_await expect_record(ctx, made[0], "the other of two records whose SIDs differ only in their prefix");
    co_await expect_record(ctx, made[2], "the child of the other one");
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
        auto r = ctx.make_record(item_kind, account);
        r.date_created = timestamp(seconds(created_at));
        r.date_updated = timestamp(seconds(updated_at));
        auto stored = co_await ctx.create(r);
        r.sequence = stored.sequence;
        ctx.expect(stored == r, "create returned " + describe(stored) + ", expected " + describe(r));
        co_await expect_record(ctx, r, "dates round-trip");

        auto rename = patch_of(0, R"("Renamed")", updated_at + 86'400 * 400 + 17);
        auto expected = patched(r, rename);
        auto key = key_of(r);
        auto updated = co_await ctx.records().update(key, rename);
        ctx.expect(updated && *updated == expected,
                   "update must set date_updated from the patch and keep date_created: returned " + describe(updated) +
                       ", expected " + describe(expected));
        co_await expect_record(ctx, expected, "dates after update");
    }
}

inline std::string long_object()
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
    // Fields are opaque JSON text: stored and returned byte for byte, nulls where they were.
    std::vector<std::string> texts = {
        "{}",
        R"({"name":"Zoë Ünïcødé","city":"東京","emoji":"😀🚀","rtl":"שלום"})",
        R"({"quote":"\"","backslash":"\\","slash":"\/","controls":"\b\f\n\r\t","nul":"\u0000",)"
        R"("bmp":"\u00e9\u6771","pair":"\ud83d\ude00"})",
        R"({"sql":"'; DROP TABLE records; --","like":"100%_a\\%b","percent":"%s%n%d"})",
        R"({"a":[1,2,{"b":null}],"c":true,"d":-1.5e300,"e":{"f":{"g":[[],{}]}}})",
        long_object(),
        R"("Zoë 東京 😀")",
        R"("O'Brien \"quoted\" \\ back")",
        R"("  spaced  ")",
        "null",
        "0",
        "-0.0e-0",
        "[]",
        "",
    };
    std::vector<record> made;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto r = ctx.make_record(link_kind, account);
        // A null first, a null inside, and as the last field: each kept where it is.
        r.fields = {"", texts[i], "", texts[(i + 3) % texts.size()], ""};
        if (i % 3 == 0)
            r.fields.resize(2);
        auto stored = co_await ctx.create(r);
        r.sequence = stored.sequence;
        ctx.expect(stored == r, "create changed the text it was given: returned " + describe(stored) + ", given " +
                                    describe(r));
        co_await expect_record(ctx, r, "text round-trip");
        made.push_back(r);
    }
    // Many fields, and many references in a given order.
    auto wide = ctx.make_record(link_kind, account);
    wide.fields.clear();
    for (std::size_t i = 0; i < 40; ++i)
        wide.fields.push_back(i % 5 == 4 ? std::string() : "[" + std::to_string(i) + "]");
    for (auto it = made.rbegin(); it != made.rend(); ++it)
        wide.references.push_back(it->sid);
    wide = co_await ctx.create(wide);
    co_await expect_record(ctx, wide, "40 fields and 14 references");
    made.push_back(wide);
    auto links = scope_of(link_kind, account);
    co_await expect_listed(ctx, links, made, "text round-trip through list");

    // And through update, each record taking another's text in each field.
    for (std::size_t i = 0; i + 1 < made.size(); ++i) {
        auto& r = made[i];
        record_patch patch;
        patch.fields = {{1, texts[(i + 1) % texts.size()]}, {0, texts[(i + 5) % texts.size()]}, {3, ""}};
        patch.date_updated = timestamp(std::chrono::seconds(1'800'000'000));
        auto expected = patched(r, patch);
        auto key = key_of(r);
        auto updated = co_await ctx.records().update(key, patch);
        ctx.expect(updated && *updated == expected, "update changed the text it was given: returned " +
                                                        describe(updated) + ", expected " + describe(expected));
        co_await expect_record(ctx, expected, "text round-trip through update");
        r = expected;
    }
    co_await expect_listed(ctx, links, made, "text round-trip through update and list");
}

} // namespace trusthub::testing::detail

#endif
