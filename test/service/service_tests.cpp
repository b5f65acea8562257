// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The service's rules on records, over the in-memory store, with a fixed clock and SIDs: mostly
// through the EndUsers' descriptor, read back as typed EndUsers, and through others where what
// is checked is what tells collections apart.

#include <support/run.hpp>

#include <trusthub/detail/page_token.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>
#include <trusthub/resources/service.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

using namespace trusthub;
using trusthub::test::run_bounded;
using namespace std::chrono_literals;

namespace {

const std::string account_a = "AC" + std::string(32, 'a');
const std::string account_b = "AC" + std::string(32, 'b');

const resource_descriptor& end_users = resources::end_users;
const resource_descriptor& documents = resources::supporting_documents;

// A top-level scope: the account alone.
record_scope in(const std::string& account)
{
    return record_scope{account, {}};
}

// The change of an EndUser's friendly name, as the codec sends it.
std::vector<std::pair<std::size_t, std::string>> renamed_to(std::string_view name)
{
    std::string text;
    detail::append_string(text, name);
    return {{resources::end_user_field::friendly_name, std::move(text)}};
}

// One record as its resource's JSON, to compare what a list collected with what it visited.
std::string json_of(const resource_descriptor& resource, const record_view& r)
{
    std::string out;
    detail::append_record(out, resource, r, resource.path);
    return out;
}

// A collection and one under it, made up for the test: what nesting changes (the parent in
// the scope, in the tokens' binding) without a descriptor the library ships.
namespace nested_detail {
inline constexpr field_descriptor fields[] = {{.wire_name = "friendly_name", .parameter = "FriendlyName"}};
inline constexpr member_descriptor parent_members[] = {{member_kind::sid, "sid"}, {member_kind::field, "friendly_name", 0}};
inline constexpr member_descriptor child_members[] = {
    {member_kind::sid, "sid"}, {member_kind::parent_sid, "bundle_sid"}, {member_kind::field, "friendly_name", 0}};
} // namespace nested_detail

constexpr resource_descriptor bundles{
    .kind = "test_bundles",
    .sid_prefix = "BU",
    .path = "/v1/TestBundles",
    .list_key = "results",
    .fields = nested_detail::fields,
    .members = nested_detail::parent_members,
};

constexpr resource_descriptor assignments{
    .kind = "test_assignments",
    .sid_prefix = "BV",
    .path = "/v1/TestBundles/{BundleSid}/Assignments",
    .list_key = "results",
    .fields = nested_detail::fields,
    .members = nested_detail::child_members,
    .parent_prefix = "BU",
};

struct fixture {
    boost::asio::io_context io;
    manual_clock clock;
    memory_store records;
    service svc{records, service_options{clock, sequential_sids()}};

    end_user create(const std::string& account, std::string name, std::string attributes = "{}")
    {
        auto r = run_bounded(io, svc.create(end_users, in(account), end_user_fields(name, "individual", attributes)));
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->kind == "end_users");
        BOOST_TEST(r->parent_sid.empty());
        return to_end_user(*r);
    }

    record create_document(const std::string& account, std::string_view name)
    {
        std::vector<std::string> fields = {"", "", "\"DRAFT\"", "\"customer_profile_address\"", "{}"};
        detail::append_string(fields[0], name);
        auto r = run_bounded(io, svc.create(documents, in(account), std::move(fields)));
        BOOST_TEST_REQUIRE(r.has_value());
        return *r;
    }

    page list(const std::string& account, std::size_t size, std::string token = {}, std::uint64_t number = 0,
              const resource_descriptor& resource = resources::end_users, std::vector<record_filter> filters = {},
              std::string parent = {})
    {
        auto r = run_bounded(io, svc.list(resource, record_scope{account, parent}, filters,
                                          list_request{size, number, token}));
        BOOST_TEST_REQUIRE(r.has_value());
        // Read again record by record, as the routes do: the same records and the same tokens.
        std::vector<std::string> visited;
        auto v = run_bounded(io, svc.list(resource, record_scope{account, parent}, filters,
                                          list_request{size, number, token}, [&](const record_view& u) {
                                              visited.push_back(json_of(resource, u));
                                          }));
        BOOST_TEST_REQUIRE(v.has_value());
        std::vector<std::string> listed;
        for (const auto& u : r->items) {
            detail::record_field_views fields(u);
            listed.push_back(json_of(resource, view_of(u, fields)));
        }
        BOOST_TEST(visited == listed, boost::test_tools::per_element());
        BOOST_TEST(v->items.empty());
        BOOST_TEST(v->token == r->token);
        BOOST_TEST(v->next_token == r->next_token);
        BOOST_TEST(v->previous_token == r->previous_token);
        BOOST_TEST(v->page_number == r->page_number);
        BOOST_TEST(v->page_size == r->page_size);
        return *r;
    }

    // The friendly names of a page's records (any collection's: it is their first field).
    std::vector<std::string> names(const page& p)
    {
        std::vector<std::string> out;
        for (auto& u : p.items)
            out.push_back(detail::read_string(u.fields.at(0)).value());
        return out;
    }
};

// A store that always fails, as a database that is down would.
struct unavailable_store final : store {
    boost::asio::awaitable<result<record>> create(record) override { co_return errc::unavailable; }
    boost::asio::awaitable<result<record>> fetch(record_key) override { co_return errc::unavailable; }
    boost::asio::awaitable<result<record>> update(record_key, record_patch) override { co_return errc::unavailable; }
    boost::asio::awaitable<result<void>> remove(record_key) override { co_return errc::unavailable; }
    boost::asio::awaitable<result<page_slice>> list(list_scope, page_query) override { co_return errc::unavailable; }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(service_rules, fixture)

BOOST_AUTO_TEST_CASE(create_sets_sid_account_and_both_dates_from_the_clock)
{
    auto u = create(account_a, "Ada", R"({"a":1})");
    BOOST_TEST(u.sid == "IT00000000000000000000000000000001");
    BOOST_TEST(u.account_sid == account_a);
    BOOST_TEST(u.friendly_name == "Ada");
    BOOST_TEST(u.type == "individual");
    BOOST_TEST(u.attributes == R"({"a":1})");
    BOOST_TEST(u.date_created.time_since_epoch().count() == clock().time_since_epoch().count());
    BOOST_TEST((u.date_updated == u.date_created));
}

BOOST_AUTO_TEST_CASE(fetch_returns_what_create_stored)
{
    auto u = create(account_a, "Ada");
    auto f = run_bounded(io, svc.fetch(end_users, in(account_a), u.sid));
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST((to_end_user(*f) == u));
    BOOST_TEST(f->kind == "end_users");
}

BOOST_AUTO_TEST_CASE(another_accounts_record_is_not_found_for_every_operation)
{
    auto u = create(account_a, "Ada");
    BOOST_TEST((run_bounded(io, svc.fetch(end_users, in(account_b), u.sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, svc.update(end_users, in(account_b), u.sid, renamed_to("x"))).error() ==
                errc::not_found));
    BOOST_TEST((run_bounded(io, svc.remove(end_users, in(account_b), u.sid)).error() == errc::not_found));
    BOOST_TEST(list(account_b, 50).items.empty());
    // And it is untouched.
    auto f = run_bounded(io, svc.fetch(end_users, in(account_a), u.sid));
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST(to_end_user(*f).friendly_name == "Ada");
}

BOOST_AUTO_TEST_CASE(malformed_sids_are_not_found_without_reaching_the_store)
{
    unavailable_store broken;
    service s{broken, service_options{clock, sequential_sids()}};
    for (std::string sid : std::vector<std::string>{"", "IT123", "ITXYZ", "AC" + std::string(32, 'a'),
                                                    "IT" + std::string(32, 'A'), "RD" + std::string(32, 'a')}) {
        BOOST_TEST((run_bounded(io, s.fetch(end_users, in(account_a), sid)).error() == errc::not_found));
        BOOST_TEST((run_bounded(io, s.update(end_users, in(account_a), sid, renamed_to("x"))).error() ==
                    errc::not_found));
        BOOST_TEST((run_bounded(io, s.remove(end_users, in(account_a), sid)).error() == errc::not_found));
    }
    // A top-level collection has no parent: one given names nothing.
    const std::string sid = "IT" + std::string(32, 'a');
    record_scope parented{account_a, "BU" + std::string(32, 'b')};
    BOOST_TEST((run_bounded(io, s.fetch(end_users, parented, sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, s.create(end_users, parented, end_user_fields("n", "t"))).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, s.list(end_users, parented, {}, list_request{})).error() == errc::not_found));
}

BOOST_AUTO_TEST_CASE(update_changes_only_what_is_given_and_moves_date_updated)
{
    auto u = create(account_a, "Ada", R"({"a":1})");
    clock.advance(5s);
    auto renamed = run_bounded(io, svc.update(end_users, in(account_a), u.sid, renamed_to("Ada L.")));
    BOOST_REQUIRE(renamed.has_value());
    auto r = to_end_user(*renamed);
    BOOST_TEST(r.friendly_name == "Ada L.");
    BOOST_TEST(r.attributes == R"({"a":1})");
    BOOST_TEST(r.type == "individual");
    BOOST_TEST((r.date_created == u.date_created));
    BOOST_TEST((r.date_updated - u.date_created).count() == 5);

    clock.advance(1s);
    auto reattributed =
        run_bounded(io, svc.update(end_users, in(account_a), u.sid, {{resources::end_user_field::attributes, R"({"b":2})"}}));
    BOOST_REQUIRE(reattributed.has_value());
    auto a = to_end_user(*reattributed);
    BOOST_TEST(a.friendly_name == "Ada L.");
    BOOST_TEST(a.attributes == R"({"b":2})");
    BOOST_TEST((a.date_updated - u.date_created).count() == 6);
}

BOOST_AUTO_TEST_CASE(update_with_nothing_to_change_changes_nothing)
{
    auto u = create(account_a, "Ada");
    clock.advance(5s);
    auto same = run_bounded(io, svc.update(end_users, in(account_a), u.sid, {}));
    BOOST_REQUIRE(same.has_value());
    BOOST_TEST((to_end_user(*same) == u));
}

BOOST_AUTO_TEST_CASE(remove_then_fetch_is_not_found_and_remove_again_too)
{
    auto u = create(account_a, "Ada");
    BOOST_TEST(run_bounded(io, svc.remove(end_users, in(account_a), u.sid)).has_value());
    BOOST_TEST((run_bounded(io, svc.fetch(end_users, in(account_a), u.sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, svc.remove(end_users, in(account_a), u.sid)).error() == errc::not_found));
}

BOOST_AUTO_TEST_CASE(a_repeated_sid_is_drawn_again)
{
    // A SID source that repeats its first answer once, as a careless custom source might.
    int calls = 0;
    sid_source stutter = [&calls](std::string_view prefix) {
        ++calls;
        std::string digits = calls <= 2 ? std::string(32, '1') : std::string(32, '2');
        return std::string(prefix) + digits;
    };
    service s{records, service_options{clock, stutter}};
    auto first = run_bounded(io, s.create(end_users, in(account_a), end_user_fields("one", "individual")));
    auto second = run_bounded(io, s.create(end_users, in(account_a), end_user_fields("two", "individual")));
    BOOST_REQUIRE(first.has_value());
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(first->sid != second->sid);
    BOOST_TEST(records.size() == 2u);
}

BOOST_AUTO_TEST_CASE(store_outage_is_reported_as_unavailable)
{
    unavailable_store broken;
    service s{broken, service_options{clock, sequential_sids()}};
    BOOST_TEST((run_bounded(io, s.create(end_users, in(account_a), end_user_fields("n", "t"))).error() ==
                errc::unavailable));
    BOOST_TEST((run_bounded(io, s.list(end_users, in(account_a), {}, list_request{})).error() == errc::unavailable));
    int visited = 0;
    auto visiting = s.list(end_users, in(account_a), {}, list_request{}, [&visited](const record_view&) { ++visited; });
    BOOST_TEST((run_bounded(io, std::move(visiting)).error() == errc::unavailable));
    BOOST_TEST(visited == 0);
}

BOOST_AUTO_TEST_CASE(each_collection_keeps_its_own_records)
{
    auto u = create(account_a, "Ada");
    auto d = create_document(account_a, "Office");
    BOOST_TEST(d.kind == "supporting_documents");
    BOOST_TEST(d.sid.starts_with("RD"));
    BOOST_TEST(d.account_sid == account_a);
    BOOST_TEST(d.fields.at(2) == "\"DRAFT\"");
    // A record is found only through its own collection.
    BOOST_TEST((run_bounded(io, svc.fetch(end_users, in(account_a), d.sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, svc.fetch(documents, in(account_a), u.sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, svc.remove(end_users, in(account_a), d.sid)).error() == errc::not_found));
    BOOST_TEST(names(list(account_a, 50)) == (std::vector<std::string>{"Ada"}), boost::test_tools::per_element());
    BOOST_TEST(names(list(account_a, 50, {}, 0, documents)) == (std::vector<std::string>{"Office"}),
               boost::test_tools::per_element());

    // A document's update changes the fields named and nothing else.
    clock.advance(3s);
    auto renamed = run_bounded(io, svc.update(documents, in(account_a), d.sid, {{0, "\"Home\""}, {4, R"({"a":1})"}}));
    BOOST_REQUIRE(renamed.has_value());
    BOOST_TEST((renamed->fields ==
                std::vector<std::string>{"\"Home\"", "", "\"DRAFT\"", "\"customer_profile_address\"", R"({"a":1})"}),
               boost::test_tools::per_element());
    BOOST_TEST((renamed->date_updated - d.date_created).count() == 3);
    BOOST_TEST(run_bounded(io, svc.remove(documents, in(account_a), d.sid)).has_value());
    BOOST_TEST(run_bounded(io, svc.fetch(end_users, in(account_a), u.sid)).has_value());
}

BOOST_AUTO_TEST_CASE(filters_pick_the_records_whose_field_is_one_of_the_values)
{
    std::vector<record> made;
    for (int i = 0; i < 5; ++i)
        made.push_back(create_document(account_a, "d" + std::to_string(i)));
    for (int i : {1, 3, 4})
        BOOST_TEST(run_bounded(io, svc.update(documents, in(account_a), made[i].sid, {{2, "\"APPROVED\""}})).has_value());
    record_filter approved{2, {"\"APPROVED\""}};
    auto p0 = list(account_a, 2, {}, 0, documents, {approved});
    BOOST_TEST(names(p0) == (std::vector<std::string>{"d1", "d3"}), boost::test_tools::per_element());
    BOOST_REQUIRE(!p0.next_token.empty());
    auto p1 = list(account_a, 2, p0.next_token, 1, documents, {approved});
    BOOST_TEST(names(p1) == (std::vector<std::string>{"d4"}), boost::test_tools::per_element());
    BOOST_TEST(p1.next_token.empty());
    record_filter either{2, {"\"DRAFT\"", "\"APPROVED\""}};
    BOOST_TEST(list(account_a, 50, {}, 0, documents, {either}).items.size() == 5u);
    BOOST_TEST(list(account_a, 50, {}, 0, documents, {record_filter{2, {"\"REJECTED\""}}}).items.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(paging, fixture)

BOOST_AUTO_TEST_CASE(pages_walk_forward_in_creation_order_then_back)
{
    for (int i = 0; i < 7; ++i)
        create(account_a, "u" + std::to_string(i));
    create(account_b, "other");

    auto p0 = list(account_a, 3);
    BOOST_TEST(names(p0) == (std::vector<std::string>{"u0", "u1", "u2"}), boost::test_tools::per_element());
    BOOST_TEST(p0.previous_token.empty());
    BOOST_TEST(p0.token.empty());
    BOOST_REQUIRE(!p0.next_token.empty());

    auto p1 = list(account_a, 3, p0.next_token, 1);
    BOOST_TEST(names(p1) == (std::vector<std::string>{"u3", "u4", "u5"}), boost::test_tools::per_element());
    BOOST_TEST(p1.page_number == 1u);
    BOOST_TEST(p1.token == p0.next_token);
    auto p2 = list(account_a, 3, p1.next_token, 2);
    BOOST_TEST(names(p2) == (std::vector<std::string>{"u6"}), boost::test_tools::per_element());
    BOOST_TEST(p2.next_token.empty());

    auto back = list(account_a, 3, p2.previous_token, 1);
    BOOST_TEST(names(back) == names(p1), boost::test_tools::per_element());
    auto first = list(account_a, 3, back.previous_token, 0);
    BOOST_TEST(names(first) == names(p0), boost::test_tools::per_element());
    BOOST_TEST(first.previous_token.empty());
}

BOOST_AUTO_TEST_CASE(exact_multiple_has_no_empty_last_page)
{
    for (int i = 0; i < 4; ++i)
        create(account_a, "u" + std::to_string(i));
    auto p0 = list(account_a, 2);
    auto p1 = list(account_a, 2, p0.next_token, 1);
    BOOST_TEST(p1.items.size() == 2u);
    BOOST_TEST(p1.next_token.empty());
}

BOOST_AUTO_TEST_CASE(records_added_and_removed_between_pages_neither_repeat_nor_vanish)
{
    std::vector<end_user> users;
    for (int i = 0; i < 6; ++i)
        users.push_back(create(account_a, "u" + std::to_string(i)));
    auto p0 = list(account_a, 2);  // u0 u1
    // The record the token names goes, so does one not yet served; a new one arrives.
    BOOST_TEST(run_bounded(io, svc.remove(end_users, in(account_a), users[1].sid)).has_value());
    BOOST_TEST(run_bounded(io, svc.remove(end_users, in(account_a), users[3].sid)).has_value());
    create(account_a, "u6");
    auto p1 = list(account_a, 2, p0.next_token, 1);
    auto p2 = list(account_a, 2, p1.next_token, 2);
    BOOST_TEST(names(p1) == (std::vector<std::string>{"u2", "u4"}), boost::test_tools::per_element());
    BOOST_TEST(names(p2) == (std::vector<std::string>{"u5", "u6"}), boost::test_tools::per_element());
    BOOST_TEST(p2.next_token.empty());
}

BOOST_AUTO_TEST_CASE(an_empty_account_has_one_empty_page)
{
    auto p = list(account_a, 50);
    BOOST_TEST(p.items.empty());
    BOOST_TEST(p.next_token.empty());
    BOOST_TEST(p.previous_token.empty());
}

BOOST_AUTO_TEST_CASE(tokens_of_another_account_or_garbled_are_invalid)
{
    for (int i = 0; i < 3; ++i)
        create(account_a, "u" + std::to_string(i));
    auto p0 = list(account_a, 1);
    auto foreign = run_bounded(io, svc.list(end_users, in(account_b), {}, list_request{1, 1, p0.next_token}));
    BOOST_TEST((foreign.error() == errc::invalid_page_token));
    for (std::string bad : std::vector<std::string>{"garbage", "PA", "PAzz", p0.next_token.substr(1), p0.next_token + "0"}) {
        auto r = run_bounded(io, svc.list(end_users, in(account_a), {}, list_request{1, 1, bad}));
        BOOST_TEST((r.error() == errc::invalid_page_token), bad);
    }
}

BOOST_AUTO_TEST_CASE(tokens_of_another_collection_are_invalid)
{
    for (int i = 0; i < 3; ++i) {
        create(account_a, "u" + std::to_string(i));
        create_document(account_a, "d" + std::to_string(i));
    }
    auto users = list(account_a, 1);
    auto docs = list(account_a, 1, {}, 0, documents);
    BOOST_REQUIRE(!users.next_token.empty());
    BOOST_REQUIRE(!docs.next_token.empty());
    // Same account, same cursor positions: only the collection tells the tokens apart.
    auto crossed = run_bounded(io, svc.list(documents, in(account_a), {}, list_request{1, 1, users.next_token}));
    BOOST_TEST((crossed.error() == errc::invalid_page_token));
    auto crossed_back = run_bounded(io, svc.list(end_users, in(account_a), {}, list_request{1, 1, docs.next_token}));
    BOOST_TEST((crossed_back.error() == errc::invalid_page_token));
    int seen = 0;
    auto visiting = svc.list(documents, in(account_a), {}, list_request{1, 1, users.next_token},
                             [&seen](const record_view&) { ++seen; });
    BOOST_TEST((run_bounded(io, std::move(visiting)).error() == errc::invalid_page_token));
    BOOST_TEST(seen == 0);
    // Each is good where it was issued.
    BOOST_TEST(names(list(account_a, 1, users.next_token, 1)) == (std::vector<std::string>{"u1"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(list(account_a, 1, docs.next_token, 1, documents)) == (std::vector<std::string>{"d1"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tokens_of_another_parent_are_invalid)
{
    auto parent_one = run_bounded(io, svc.create(bundles, in(account_a), {"\"one\""}));
    auto parent_two = run_bounded(io, svc.create(bundles, in(account_a), {"\"two\""}));
    BOOST_REQUIRE(parent_one.has_value());
    BOOST_REQUIRE(parent_two.has_value());
    for (const auto* parent : {&*parent_one, &*parent_two})
        for (int i = 0; i < 3; ++i) {
            auto child = run_bounded(io, svc.create(assignments, record_scope{account_a, parent->sid},
                                                    {"\"c" + std::to_string(i) + "\""}));
            BOOST_REQUIRE(child.has_value());
            BOOST_TEST(child->parent_sid == parent->sid);
        }
    auto under_one = list(account_a, 1, {}, 0, assignments, {}, parent_one->sid);
    BOOST_REQUIRE(!under_one.next_token.empty());
    auto elsewhere = run_bounded(io, svc.list(assignments, record_scope{account_a, parent_two->sid}, {},
                                              list_request{1, 1, under_one.next_token}));
    BOOST_TEST((elsewhere.error() == errc::invalid_page_token));
    BOOST_TEST(names(list(account_a, 1, under_one.next_token, 1, assignments, {}, parent_one->sid)) ==
                   (std::vector<std::string>{"c1"}),
               boost::test_tools::per_element());
    // A subcollection needs its parent's SID.
    BOOST_TEST((run_bounded(io, svc.list(assignments, in(account_a), {}, list_request{})).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, svc.create(assignments, record_scope{account_a, "IT" + std::string(32, '1')}, {"\"x\""}))
                    .error() == errc::not_found));
}

// A token is the client's to send, with any cursor: at the two ends of the range, the links of
// the (empty) page it names still lead to the account's records instead of wrapping round.
BOOST_AUTO_TEST_CASE(links_from_tokens_at_the_ends_of_the_range_lead_back_to_the_records)
{
    for (int i = 0; i < 3; ++i)
        create(account_a, "u" + std::to_string(i));
    using detail::page_token;
    const std::string binding = page_token::binding_for(account_a, end_users.kind, {});
    auto before_first = list(account_a, 2, page_token{page_token::direction::before, 0}.encode(binding), 1);
    BOOST_TEST(before_first.items.empty());
    BOOST_REQUIRE(!before_first.next_token.empty());
    BOOST_TEST(names(list(account_a, 2, before_first.next_token, 2)) == (std::vector<std::string>{"u0", "u1"}),
               boost::test_tools::per_element());

    auto after_last = list(account_a, 2, page_token{page_token::direction::after, UINT64_MAX}.encode(binding), 1);
    BOOST_TEST(after_last.items.empty());
    BOOST_REQUIRE(!after_last.previous_token.empty());
    BOOST_TEST(names(list(account_a, 2, after_last.previous_token, 0)) == (std::vector<std::string>{"u1", "u2"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_page_deep_in_many_records_reads_only_its_slice)
{
    // O(log n + page size): check the result at depth is exact; the cost is measured in bench/.
    for (int i = 0; i < 2000; ++i) {
        char digits[5];
        std::snprintf(digits, sizeof(digits), "%04x", i);
        end_user u;
        u.sid = "IT" + std::string(28, '0') + digits;
        u.account_sid = account_a;
        u.friendly_name = "u" + std::to_string(i);
        u.type = "individual";
        BOOST_TEST_REQUIRE(records.create_now(to_record(u)).has_value());
    }
    auto p = list(account_a, 1000);
    auto deep = list(account_a, 50, p.next_token, 1);
    BOOST_TEST(to_end_user(deep.items.front()).friendly_name == "u1000");
    BOOST_TEST(to_end_user(deep.items.back()).friendly_name == "u1049");
}

BOOST_AUTO_TEST_SUITE_END()
