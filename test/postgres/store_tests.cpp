// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The PostgreSQL store against a real server: CRUD, accounts, parents and references, paging
// and filters, the migration from version 1, concurrency, the pool's priorities, faults.
#include "support.hpp"

#include <trusthub/detail/json_text.hpp>
#include <trusthub/store/memory_store.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <vector>

// One suite a file, so that each ctest entry can run its file alone (test/CMakeLists.txt).
BOOST_AUTO_TEST_SUITE(postgres_store_tests)

namespace asio = boost::asio;
using trusthub::errc;
using trusthub::list_scope;
using trusthub::page_query;
using trusthub::page_slice;
using trusthub::record;
using trusthub::record_filter;
using trusthub::record_key;
using trusthub::record_patch;
using trusthub_test::run_bounded;

namespace {

std::string sid_of(const char* prefix, unsigned n)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%032x", prefix, n);
    return buf;
}

const std::string alice = sid_of("AC", 0xa11ce);
const std::string bob = sid_of("AC", 0xb0b);

trusthub::timestamp at(long long s)
{
    return trusthub::timestamp(std::chrono::seconds(s));
}

// An EndUser as the service stores it: friendly_name, type, attributes.
record end_user(const std::string& account, unsigned n, std::string attributes = "{}",
                std::string type = "individual")
{
    record r;
    r.kind = "end_users";
    r.sid = sid_of("IT", n);
    r.account_sid = account;
    r.fields = {"\"user " + std::to_string(n) + "\"", "\"" + type + "\"", std::move(attributes)};
    r.date_created = r.date_updated = at(1'700'000'000 + n);
    return r;
}

record bundle(const std::string& account, unsigned n)
{
    record r;
    r.kind = "customer_profiles";
    r.sid = sid_of("BU", n);
    r.account_sid = account;
    r.fields = {"\"bundle " + std::to_string(n) + "\"", "\"draft\""};
    r.date_created = r.date_updated = at(1'700'000'000 + n);
    return r;
}

// An assignment under `parent` that refers to `object`.
record assignment(const std::string& account, unsigned n, const std::string& parent, const std::string& object)
{
    record r;
    r.kind = "entity_assignments";
    r.sid = sid_of("BV", n);
    r.account_sid = account;
    r.parent_sid = parent;
    r.fields = {"\"" + object + "\""};
    r.references = {object};
    r.date_created = r.date_updated = at(1'700'000'000 + n);
    return r;
}

record_key key_of(const record& r)
{
    return {r.kind, r.account_sid, r.parent_sid, r.sid};
}

list_scope top(std::string kind, std::string account)
{
    return list_scope{std::move(kind), std::move(account), std::string(), {}};
}

std::vector<std::string> sids(const page_slice& s)
{
    std::vector<std::string> out;
    for (const auto& r : s.items)
        out.push_back(r.sid);
    return out;
}

// A plain libpq session, for fixtures the store cannot make and for looking behind it.
class raw_session {
public:
    explicit raw_session(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish)
    {
        BOOST_REQUIRE_MESSAGE(PQstatus(conn_.get()) == CONNECTION_OK, PQerrorMessage(conn_.get()));
        PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
    }

    // Runs `sql` (one or more statements), which must succeed.
    void exec(const std::string& sql)
    {
        trusthub::postgres::detail::pg_result r(PQexec(conn_.get(), sql.c_str()));
        BOOST_REQUIRE_MESSAGE(PQresultStatus(r.get()) == PGRES_COMMAND_OK || PQresultStatus(r.get()) == PGRES_TUPLES_OK,
                              PQresultErrorMessage(r.get()));
    }

    // The rows of one statement with text parameters, in text form (NULL as nothing).
    std::vector<std::vector<std::optional<std::string>>> rows(const std::string& sql,
                                                              const std::vector<std::string>& params = {})
    {
        std::vector<const char*> values;
        for (const auto& p : params)
            values.push_back(p.c_str());
        trusthub::postgres::detail::pg_result r(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()),
                                                             nullptr, values.data(), nullptr, nullptr, 0));
        BOOST_REQUIRE_MESSAGE(PQresultStatus(r.get()) == PGRES_TUPLES_OK, PQresultErrorMessage(r.get()));
        std::vector<std::vector<std::optional<std::string>>> out;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            auto& row = out.emplace_back();
            for (int j = 0; j < PQnfields(r.get()); ++j)
                row.push_back(PQgetisnull(r.get(), i, j) ? std::nullopt
                                                         : std::optional<std::string>(PQgetvalue(r.get(), i, j)));
        }
        return out;
    }

    PGconn* get() const noexcept { return conn_.get(); }

private:
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

std::string qualified(const std::string& schema, const char* table)
{
    return trusthub::postgres::detail::quote_identifier(schema) + "." + table;
}

struct fixture {
    asio::io_context io;
    std::string schema = trusthub_test::fresh_schema("store");
    trusthub::postgres::store db{io.get_executor(), trusthub_test::options_for(schema)};

    record create(record r)
    {
        auto made = run_bounded(io, db.create(std::move(r)));
        BOOST_REQUIRE(made.has_value());
        return *made;
    }
    trusthub::result<record> fetch(const record& r) { return run_bounded(io, db.fetch(key_of(r))); }
    trusthub::result<void> remove(const record& r) { return run_bounded(io, db.remove(key_of(r))); }
    page_slice list(list_scope scope, page_query q = {})
    {
        auto r = run_bounded(io, db.list(std::move(scope), q));
        BOOST_REQUIRE(r.has_value());
        return *r;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(postgres_store, fixture)

BOOST_AUTO_TEST_CASE(create_fetch_update_remove)
{
    // Keys out of order, a decimal that jsonb would rewrite, unicode: all must come back as sent.
    const std::string attributes = R"({"z":1.50,"a":[1e3,"\u00e9t\u00e9","été"],"n":{"b":null,"a":true}})";
    record fresh = end_user(alice, 1, attributes);
    // Texts an array literal must not mistake: empty (null), NULL, braces, commas, quotes,
    // backslashes, blanks.
    fresh.fields.push_back("");
    fresh.fields.push_back("NULL");
    fresh.fields.push_back(R"( {"a,b":"c\"d\\e"} )");
    record created = create(fresh);
    BOOST_TEST(created.sequence > 0u);
    BOOST_TEST(created.fields == fresh.fields);
    BOOST_TEST(created.date_created.time_since_epoch().count() == 1'700'000'001);

    auto fetched = fetch(created);
    BOOST_REQUIRE(fetched.has_value());
    BOOST_TEST((*fetched == created));

    record_patch rename{{{0, "\"Ada Lovelace\""}}, at(1'800'000'000)};
    auto renamed = run_bounded(io, db.update(key_of(created), rename));
    BOOST_REQUIRE(renamed.has_value());
    BOOST_TEST(renamed->fields[0] == "\"Ada Lovelace\"");
    BOOST_TEST(renamed->fields[2] == attributes);
    BOOST_TEST(renamed->fields.size() == fresh.fields.size());
    BOOST_TEST((renamed->date_created == created.date_created));
    BOOST_TEST(renamed->date_updated.time_since_epoch().count() == 1'800'000'000);
    BOOST_TEST(renamed->sequence == created.sequence);

    // A field past the end grows the record, with nulls between; the same field twice: the
    // last text wins.
    record_patch grow{{{8, "true"}, {2, R"({"k":"v"})"}, {2, R"({"k":"w"})"}}, renamed->date_updated};
    auto grown = run_bounded(io, db.update(key_of(created), grow));
    BOOST_REQUIRE(grown.has_value());
    BOOST_TEST(grown->fields[0] == "\"Ada Lovelace\"");
    BOOST_TEST(grown->fields[2] == R"({"k":"w"})");
    BOOST_TEST(grown->fields.size() == 9u);
    BOOST_TEST(grown->fields[6].empty());
    BOOST_TEST(grown->fields[7].empty());
    BOOST_TEST(grown->fields[8] == "true");
    BOOST_TEST((*fetch(created) == *grown));

    BOOST_TEST(!remove(created).has_error());
    BOOST_TEST((fetch(created).error() == errc::not_found));
    BOOST_TEST((remove(created).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, db.update(key_of(created), rename)).error() == errc::not_found));
}

BOOST_AUTO_TEST_CASE(sids_are_unique_across_accounts_and_kinds)
{
    create(end_user(alice, 2));
    BOOST_TEST((run_bounded(io, db.create(end_user(bob, 2))).error() == errc::already_exists));
    record other_kind = end_user(alice, 2);
    other_kind.kind = "customer_profiles";
    BOOST_TEST((run_bounded(io, db.create(other_kind)).error() == errc::already_exists));
    // Nothing was stored for the second account.
    BOOST_TEST(list(top("end_users", bob)).items.empty());
    BOOST_TEST(list(top("end_users", alice)).items.size() == 1u);
}

BOOST_AUTO_TEST_CASE(accounts_kinds_and_parents_do_not_see_each_other)
{
    record mine = create(end_user(alice, 3));
    record_patch p{{{0, "\"taken\""}}, mine.date_updated};
    for (record_key wrong : {record_key{mine.kind, bob, "", mine.sid},
                             record_key{"customer_profiles", alice, "", mine.sid},
                             record_key{mine.kind, alice, sid_of("BU", 1), mine.sid}}) {
        BOOST_TEST((run_bounded(io, db.fetch(wrong)).error() == errc::not_found));
        BOOST_TEST((run_bounded(io, db.update(wrong, p)).error() == errc::not_found));
        BOOST_TEST((run_bounded(io, db.remove(wrong)).error() == errc::not_found));
    }
    BOOST_TEST(list(top("end_users", bob)).items.empty());
    BOOST_TEST(list(top("customer_profiles", alice)).items.empty());
    auto still = fetch(mine);
    BOOST_REQUIRE(still.has_value());
    BOOST_TEST((*still == mine));
}

BOOST_AUTO_TEST_CASE(parents_references_and_cascades)
{
    record person = create(end_user(alice, 10));
    record business = create(end_user(alice, 11, "{}", "business"));
    record profile = create(bundle(alice, 20));
    record theirs = create(end_user(bob, 12));

    // A parent or a reference the account does not have: nothing is stored.
    BOOST_TEST((run_bounded(io, db.create(assignment(alice, 30, sid_of("BU", 99), person.sid))).error() ==
                errc::not_found));
    BOOST_TEST((run_bounded(io, db.create(assignment(bob, 30, profile.sid, theirs.sid))).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, db.create(assignment(alice, 30, profile.sid, sid_of("IT", 99)))).error() ==
                errc::missing_reference));
    BOOST_TEST((run_bounded(io, db.create(assignment(alice, 30, profile.sid, theirs.sid))).error() ==
                errc::missing_reference));
    record twice = assignment(alice, 30, profile.sid, person.sid);
    twice.references.push_back(sid_of("IT", 98));
    BOOST_TEST((run_bounded(io, db.create(twice)).error() == errc::missing_reference));
    BOOST_TEST((fetch(assignment(alice, 30, profile.sid, person.sid)).error() == errc::not_found));

    record first = create(assignment(alice, 30, profile.sid, person.sid));
    record second = create(assignment(alice, 31, profile.sid, business.sid));
    BOOST_TEST(first.references == std::vector<std::string>{person.sid});
    auto fetched = fetch(first);
    BOOST_REQUIRE(fetched.has_value());
    BOOST_TEST((*fetched == first));
    // A child exists only under its parent.
    BOOST_TEST((run_bounded(io, db.fetch(record_key{first.kind, alice, "", first.sid})).error() == errc::not_found));

    list_scope under{"entity_assignments", alice, profile.sid, {}};
    BOOST_TEST(sids(list(under)) == (std::vector<std::string>{first.sid, second.sid}));
    BOOST_TEST(list(top("entity_assignments", alice)).items.empty());
    list_scope anywhere{"entity_assignments", alice, std::nullopt, {}};
    BOOST_TEST(sids(list(anywhere)) == (std::vector<std::string>{first.sid, second.sid}));

    // A referred record stays while a record refers to it.
    BOOST_TEST((remove(person).error() == errc::referenced));
    BOOST_TEST(fetch(person).has_value());

    // A grandchild that refers to a record of the subtree does not hold it; one outside does.
    record grandchild = assignment(alice, 32, first.sid, second.sid);
    grandchild.kind = "notes";
    create(grandchild);
    record outsider = create(assignment(alice, 33, business.sid, first.sid));
    BOOST_TEST((remove(profile).error() == errc::referenced));
    BOOST_TEST(list(under).items.size() == 2u);
    BOOST_TEST(fetch(grandchild).has_value());
    BOOST_TEST(!remove(outsider).has_error());

    // The cascade: the profile, its assignments, and theirs.
    BOOST_TEST(!remove(profile).has_error());
    BOOST_TEST((fetch(profile).error() == errc::not_found));
    BOOST_TEST((fetch(first).error() == errc::not_found));
    BOOST_TEST((fetch(grandchild).error() == errc::not_found));
    BOOST_TEST(list(anywhere).items.empty());
    BOOST_TEST(!remove(person).has_error());
    BOOST_TEST(!remove(business).has_error());
    BOOST_TEST(fetch(theirs).has_value());
}

BOOST_AUTO_TEST_CASE(filters_and_scopes)
{
    record person = create(end_user(alice, 40));
    record business = create(end_user(alice, 41, "{}", "business"));
    create(end_user(alice, 42));
    create(end_user(bob, 43, "{}", "business"));
    // A record written before its descriptor gained a field: the field is null.
    record short_one = end_user(alice, 44);
    short_one.fields.resize(1);
    create(short_one);

    auto filtered = [](std::vector<record_filter> filters) {
        list_scope s = top("end_users", alice);
        s.filters = std::move(filters);
        return s;
    };
    BOOST_TEST(sids(list(filtered({{1, {"\"business\""}}}))) == std::vector<std::string>{business.sid});
    BOOST_TEST(sids(list(filtered({{1, {"\"business\"", "\"individual\""}}, {0, {"\"user 40\"", "\"user 41\""}}}))) ==
               (std::vector<std::string>{person.sid, business.sid}));
    BOOST_TEST(sids(list(filtered({{1, {""}}}))) == std::vector<std::string>{short_one.sid});
    BOOST_TEST(sids(list(filtered({{2, {"{}"}}, {7, {""}}}))).size() == 3u);
    BOOST_TEST(list(filtered({{1, {}}})).items.empty());
    // A value is compared as bytes, never as JSON.
    BOOST_TEST(list(filtered({{1, {"\"Business\"", "\"business\" "}}})).items.empty());

    // The probe of the other side passes the same filters.
    auto page = list(filtered({{1, {"\"individual\""}}}), page_query{std::nullopt, std::nullopt, 1});
    BOOST_TEST(sids(page) == std::vector<std::string>{person.sid});
    BOOST_TEST(page.more_after);
    page = list(filtered({{1, {"\"individual\""}}}), page_query{person.sequence, std::nullopt, 5});
    BOOST_TEST(page.items.size() == 1u);
    BOOST_TEST(page.more_before);
    BOOST_TEST(!page.more_after);
    page = list(filtered({{1, {"\"business\""}}}), page_query{business.sequence, std::nullopt, 5});
    BOOST_TEST(page.items.empty());
    BOOST_TEST(page.more_before);
    page = list(filtered({{1, {"\"business\""}}}), page_query{std::nullopt, business.sequence, 5});
    BOOST_TEST(page.items.empty());
    BOOST_TEST(page.more_after);
    BOOST_TEST(!page.more_before);
}

BOOST_AUTO_TEST_CASE(pages_match_the_memory_store)
{
    // The same records in both stores, in the same order: two accounts, a top-level kind and
    // a nested one under two parents, with fields to filter on. Then every cursor position
    // (records of every scope, and holes) in both directions, for several scopes and page
    // sizes, must give the same slices.
    trusthub::memory_store reference;
    std::vector<std::uint64_t> ours, theirs;  // sequences by creation index, per store
    auto both = [&](record r) {
        auto pg = create(r);
        auto mem = reference.create_now(r);
        BOOST_REQUIRE_MESSAGE(mem.has_value(), r.sid << ": " << mem.error().message());
        ours.push_back(pg.sequence);
        theirs.push_back(mem->sequence);
    };
    both(bundle(alice, 1));
    both(bundle(alice, 2));
    both(bundle(bob, 3));
    for (unsigned n = 100; n < 124; ++n) {
        const std::string& account = n % 5 == 0 ? bob : alice;
        both(end_user(account, n, "{}", n % 3 == 0 ? "business" : "individual"));
        if (account == alice) {
            // SIDs apart in their digits too: the memory store keys on those alone.
            record a = assignment(alice, n + 1000, sid_of("BU", n % 2 + 1), sid_of("IT", n));
            // Some without a status: null for the filter.
            if (n % 4 != 0)
                a.fields.push_back(n % 4 == 1 ? "\"draft\"" : "\"approved\"");
            both(a);
        }
    }
    // Holes where records were deleted: cursors that name them still work.
    for (unsigned n : {104u, 111u}) {
        // The assignment first: while it refers to the EndUser, that stays.
        for (record_key gone : {record_key{"entity_assignments", alice, sid_of("BU", n % 2 + 1), sid_of("BV", n + 1000)},
                                record_key{"end_users", alice, "", sid_of("IT", n)}}) {
            BOOST_TEST(!run_bounded(io, db.remove(gone)).has_error());
            BOOST_TEST(!reference.remove_now(gone).has_error());
        }
    }

    const std::vector<list_scope> scopes = {
        top("end_users", alice),
        list_scope{"end_users", alice, "", {{1, {"\"business\""}}}},
        list_scope{"end_users", alice, std::nullopt, {}},
        list_scope{"entity_assignments", alice, sid_of("BU", 1), {}},
        list_scope{"entity_assignments", alice, sid_of("BU", 2), {{1, {"\"draft\"", ""}}}},
        list_scope{"entity_assignments", alice, std::nullopt, {}},
        list_scope{"entity_assignments", alice, std::nullopt, {{1, {"\"approved\""}}, {0, {}}}},
        list_scope{"entity_assignments", alice, std::nullopt, {{1, {"\"approved\""}}}},
    };
    auto same = [&](const list_scope& scope, page_query pq, page_query mq) {
        auto a = list(scope, pq);
        auto b = reference.list_now(scope, mq);
        BOOST_REQUIRE(b.has_value());
        BOOST_TEST(sids(a) == sids(*b), "scope " << scope.kind << " limit " << pq.limit);
        BOOST_TEST(a.more_after == b->more_after);
        BOOST_TEST(a.more_before == b->more_before);
        for (std::size_t i = 0; i < std::min(a.items.size(), b->items.size()); ++i) {
            BOOST_TEST(a.items[i].fields == b->items[i].fields);
            BOOST_TEST(a.items[i].references == b->items[i].references);
            BOOST_TEST(a.items[i].parent_sid == b->items[i].parent_sid);
        }
        if (pq.limit == 3) {
            // The page read in place is the same page.
            std::vector<record> seen;
            trusthub::store::record_visitor keep = [&seen](const trusthub::record_view& v) {
                seen.push_back(trusthub::to_record(v));
            };
            auto visited = run_bounded(io, db.visit_page(scope, pq, keep));
            BOOST_REQUIRE(visited.has_value());
            BOOST_TEST(visited->items.empty());
            BOOST_TEST(visited->more_after == a.more_after);
            BOOST_TEST(visited->more_before == a.more_before);
            BOOST_REQUIRE(seen.size() == a.items.size());
            for (std::size_t i = 0; i < seen.size(); ++i) {
                record expected = a.items[i];
                expected.references.clear();
                BOOST_TEST((seen[i] == expected));
            }
        }
    };
    for (const list_scope& scope : scopes) {
        for (std::size_t limit : {1u, 3u, 50u}) {
            same(scope, page_query{std::nullopt, std::nullopt, limit}, page_query{std::nullopt, std::nullopt, limit});
            for (std::size_t i = 0; i < ours.size(); ++i) {
                same(scope, page_query{ours[i], std::nullopt, limit}, page_query{theirs[i], std::nullopt, limit});
                same(scope, page_query{std::nullopt, ours[i], limit}, page_query{std::nullopt, theirs[i], limit});
            }
            // Past either end.
            same(scope, page_query{ours.back() + 1000, std::nullopt, limit},
                 page_query{theirs.back() + 1000, std::nullopt, limit});
            same(scope, page_query{std::nullopt, 0, limit}, page_query{std::nullopt, 0, limit});
        }
    }
    // A cursor beyond what bigint holds is still only "after everything".
    auto far = list(top("end_users", alice), page_query{std::numeric_limits<std::uint64_t>::max(), std::nullopt, 5});
    BOOST_TEST(far.items.empty());
    BOOST_TEST(far.more_before);
}

BOOST_AUTO_TEST_CASE(an_empty_account_has_an_empty_page)
{
    for (list_scope scope : {top("end_users", sid_of("AC", 0xe)), list_scope{"x", sid_of("AC", 0xe), std::nullopt, {}},
                             list_scope{"x", sid_of("AC", 0xe), "", {{0, {"1"}}}}}) {
        auto first = list(scope);
        BOOST_TEST(first.items.empty());
        BOOST_TEST(!first.more_after);
        BOOST_TEST(!first.more_before);
    }
}

BOOST_AUTO_TEST_CASE(concurrent_calls_from_several_threads)
{
    // 4 threads, 200 creates at once through a pool of 8, then two updates of different fields
    // of one record at once, 20 times: none may be lost.
    constexpr unsigned count = 200;
    std::atomic<unsigned> created{0}, failed{0};
    auto one = [this, &created, &failed](unsigned n) -> asio::awaitable<void> {
        record fresh = end_user(alice, 1000 + n);
        auto r = co_await db.create(std::move(fresh));
        ++(r.has_value() ? created : failed);
    };
    for (unsigned n = 0; n < count; ++n) {
        auto work = one(n);
        asio::co_spawn(io, std::move(work), asio::detached);
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([this] { io.run_for(std::chrono::seconds(30)); });
    for (auto& t : threads)
        t.join();
    BOOST_TEST(created.load() == count);
    BOOST_TEST(failed.load() == 0u);

    std::vector<std::uint64_t> seen;
    std::optional<std::uint64_t> after;
    for (;;) {
        auto page = list(top("end_users", alice), page_query{after, std::nullopt, 37});
        for (const auto& r : page.items)
            seen.push_back(r.sequence);
        if (!page.more_after)
            break;
        after = page.items.back().sequence;
    }
    BOOST_TEST(seen.size() == count);
    BOOST_TEST(std::is_sorted(seen.begin(), seen.end()));
    BOOST_TEST(std::set<std::uint64_t>(seen.begin(), seen.end()).size() == count);

    const record target = end_user(alice, 1000);
    for (int round = 0; round < 20; ++round) {
        std::string name = "\"name " + std::to_string(round) + "\"";
        std::string attrs = R"({"round":)" + std::to_string(round) + "}";
        auto rename = db.update(key_of(target), record_patch{{{0, name}}, {}});
        auto reattribute = db.update(key_of(target), record_patch{{{2, attrs}}, {}});
        asio::co_spawn(io, std::move(rename), asio::detached);
        asio::co_spawn(io, std::move(reattribute), asio::detached);
        io.restart();
        std::thread other([this] { io.run_for(std::chrono::seconds(10)); });
        io.run_for(std::chrono::seconds(10));
        other.join();
        auto now = fetch(target);
        BOOST_REQUIRE(now.has_value());
        BOOST_TEST(now->fields[0] == name);
        BOOST_TEST(now->fields[2] == attrs);
    }
}

BOOST_AUTO_TEST_CASE(creates_and_removes_are_atomic_together)
{
    // A create under a parent, or referring to a record, races the remove of that record on
    // another connection: one of them comes first, never neither.
    std::atomic<int> child_made{0}, reference_made{0}, referred_removed{0};
    for (unsigned round = 0; round < 15; ++round) {
        record parent = create(bundle(alice, 500 + round));
        record referred = create(end_user(alice, 500 + round));
        record child = assignment(alice, 500 + round, parent.sid, referred.sid);
        child.references.clear();
        record referrer = assignment(alice, 600 + round, sid_of("BU", 1), referred.sid);
        referrer.kind = "links";
        referrer.parent_sid.clear();

        std::optional<trusthub::result<record>> made_child, made_referrer;
        std::optional<trusthub::result<void>> removed_parent, removed_referred;
        auto make = [](trusthub::postgres::store& s, record fresh,
                       std::optional<trusthub::result<record>>& out) -> asio::awaitable<void> {
            out = co_await s.create(std::move(fresh));
        };
        auto drop = [](trusthub::postgres::store& s, record_key doomed,
                       std::optional<trusthub::result<void>>& out) -> asio::awaitable<void> {
            out = co_await s.remove(std::move(doomed));
        };
        // Four calls at once, on four connections.
        asio::co_spawn(io, make(db, child, made_child), asio::detached);
        asio::co_spawn(io, drop(db, key_of(parent), removed_parent), asio::detached);
        asio::co_spawn(io, make(db, referrer, made_referrer), asio::detached);
        asio::co_spawn(io, drop(db, key_of(referred), removed_referred), asio::detached);
        io.restart();
        std::thread other([this] { io.run_for(std::chrono::seconds(10)); });
        io.run_for(std::chrono::seconds(10));
        other.join();
        BOOST_REQUIRE(made_child && removed_parent && made_referrer && removed_referred);

        // The parent goes in any case: with the child, or before it could be made.
        BOOST_TEST(!removed_parent->has_error());
        BOOST_TEST((made_child->has_value() || made_child->error() == errc::not_found));
        BOOST_TEST((fetch(child).error() == errc::not_found));
        child_made += made_child->has_value();

        // Either the reference came first and holds the record, or the record went first.
        if (made_referrer->has_value()) {
            BOOST_TEST((removed_referred->error() == errc::referenced));
            BOOST_TEST(fetch(referred).has_value());
            ++reference_made;
        } else {
            BOOST_TEST((made_referrer->error() == errc::missing_reference));
            BOOST_TEST(!removed_referred->has_error());
            ++referred_removed;
        }
    }
    BOOST_TEST_MESSAGE("children made before the cascade: " << child_made.load() << ", references made first: "
                                                            << reference_made.load());
}

BOOST_AUTO_TEST_CASE(sequences_only_grow)
{
    auto a = create(end_user(alice, 5000));
    BOOST_TEST(!remove(a).has_error());
    auto b = create(end_user(bob, 5001));
    auto c = create(bundle(alice, 5002));
    BOOST_TEST(b.sequence > a.sequence);
    BOOST_TEST(c.sequence > b.sequence);
    // A deleted SID may be used again, with a new sequence.
    auto again = create(end_user(alice, 5000));
    BOOST_TEST(again.sequence > c.sequence);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// The schema as version 1 of the store created it: the fixture of the migration test.
std::string version_1_script(std::string_view schema)
{
    const std::string s = trusthub::postgres::detail::quote_identifier(schema);
    const std::string k = std::to_string(trusthub::postgres::detail::lock_class_migration);
    return "BEGIN;\n"
           "SELECT pg_advisory_xact_lock(" + k + ", 0);\n"
           "CREATE SCHEMA IF NOT EXISTS " + s + ";\n"
           "CREATE TABLE IF NOT EXISTS " + s + ".end_users (\n"
           "  sequence bigint GENERATED ALWAYS AS IDENTITY,\n"
           "  sid text PRIMARY KEY,\n"
           "  account_sid text NOT NULL,\n"
           "  friendly_name text NOT NULL,\n"
           "  type text NOT NULL,\n"
           "  attributes text NOT NULL,\n"
           "  date_created timestamptz NOT NULL,\n"
           "  date_updated timestamptz NOT NULL\n"
           ");\n"
           "CREATE UNIQUE INDEX IF NOT EXISTS end_users_account_sequence ON " + s + ".end_users (account_sid, sequence);\n"
           "CREATE TABLE IF NOT EXISTS " + s + ".schema_version (version integer NOT NULL);\n"
           "INSERT INTO " + s + ".schema_version SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM " + s + ".schema_version);\n"
           "COMMIT;\n";
}

std::string json_string(std::string_view text)
{
    std::string out;
    trusthub::detail::append_string(out, text);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_version_1_database_keeps_its_end_users)
{
    const std::string schema = trusthub_test::fresh_schema("v1");
    const std::string conninfo = trusthub_test::postgres_conninfo();
    raw_session sql(conninfo);
    sql.exec(version_1_script(schema));
    const std::string table = qualified(schema, "end_users");

    // Every control character, quotes, a backslash, a slash, DEL and non-ASCII text.
    std::string every_control;
    for (char c = 1; c < 0x20; ++c)
        every_control += c;
    struct old_row {
        std::string sid, account, name, type, attributes;
        long long created, updated;
    };
    const std::vector<old_row> rows = {
        {sid_of("IT", 1), alice, "Ada \"the countess\" \\ Lovelace/é\x7f", "individual", R"({"z":1.50,"a":"b"})",
         1'600'000'001, 1'600'000'101},
        {sid_of("IT", 2), bob, "line\nbreak\ttab\rreturn\bback\fform", "business", "{}", 1'600'000'002, 1'600'000'102},
        {sid_of("IT", 3), alice, every_control, "individual", R"({"k":["v"]})", 1'600'000'003, 1'600'000'103},
        {sid_of("IT", 4), alice, "", "business", "{ }", 1'600'000'004, 1'600'000'104},
        {sid_of("IT", 5), alice, "removed before the upgrade", "individual", "{}", 1'600'000'005, 1'600'000'105},
    };
    for (const old_row& r : rows)
        sql.rows("INSERT INTO " + table +
                     " (sid, account_sid, friendly_name, type, attributes, date_created, date_updated) VALUES "
                     "($1, $2, $3, $4, $5, to_timestamp($6), to_timestamp($7)) RETURNING sequence",
                 {r.sid, r.account, r.name, r.type, r.attributes, std::to_string(r.created), std::to_string(r.updated)});
    // The last sequence drawn is gone with its record: it must not be drawn again.
    sql.exec("DELETE FROM " + table + " WHERE sid = '" + rows.back().sid + "'");
    std::map<std::string, std::uint64_t> old_sequence;
    for (const auto& row : sql.rows("SELECT sid, sequence FROM " + table))
        old_sequence[*row[0]] = std::stoull(*row[1]);
    const std::uint64_t last_drawn = std::stoull(
        *sql.rows("SELECT pg_sequence_last_value(pg_get_serial_sequence($1, 'sequence')::regclass)", {table})[0][0]);

    // Several processes start on it at once: one migrates, the others find it done.
    asio::io_context io;
    auto options = trusthub_test::options_for(schema);
    std::vector<std::unique_ptr<trusthub::postgres::store>> stores;
    for (int i = 0; i < 3; ++i)
        stores.push_back(std::make_unique<trusthub::postgres::store>(io.get_executor(), options));
    std::vector<std::optional<trusthub::result<page_slice>>> pages(stores.size());
    for (std::size_t i = 0; i < stores.size(); ++i) {
        auto work = [](trusthub::postgres::store& s,
                       std::optional<trusthub::result<page_slice>>& out) -> asio::awaitable<void> {
            list_scope scope = top("end_users", alice);
            out = co_await s.list(std::move(scope), page_query{});
        }(*stores[i], pages[i]);
        asio::co_spawn(io, std::move(work), asio::detached);
    }
    std::thread other([&io] { io.run_for(std::chrono::seconds(20)); });
    io.run_for(std::chrono::seconds(20));
    other.join();

    auto expected = [&](const old_row& r) {
        record e;
        e.sequence = old_sequence.at(r.sid);
        e.kind = "end_users";
        e.sid = r.sid;
        e.account_sid = r.account;
        e.date_created = at(r.created);
        e.date_updated = at(r.updated);
        e.fields = {json_string(r.name), json_string(r.type), r.attributes};
        return e;
    };
    const std::vector<record> alices = {expected(rows[0]), expected(rows[2]), expected(rows[3])};
    for (const auto& page : pages) {
        BOOST_REQUIRE(page.has_value());
        BOOST_REQUIRE(page->has_value());
        BOOST_TEST(((*page)->items == alices));
    }
    // The writer's bytes, spelled out: the short escapes, \u00XX in lower case, the rest raw.
    BOOST_TEST(alices[0].fields[0] == "\"Ada \\\"the countess\\\" \\\\ Lovelace/é\x7f\"");
    BOOST_TEST(json_string(every_control).find("\\u001f") != std::string::npos);
    auto bobs = run_bounded(io, stores[0]->fetch(record_key{"end_users", bob, "", rows[1].sid}));
    BOOST_REQUIRE(bobs.has_value());
    BOOST_TEST((*bobs == expected(rows[1])));
    BOOST_TEST(bobs->fields[0] == R"("line\nbreak\ttab\rreturn\bback\fform")");

    // The old table is gone, the version is 2, and sequences go on above every one drawn.
    BOOST_TEST(!sql.rows("SELECT to_regclass($1)", {table})[0][0].has_value());
    BOOST_TEST(sql.rows("SELECT version FROM " + qualified(schema, "schema_version")) ==
               (std::vector<std::vector<std::optional<std::string>>>{{std::string("2")}}));
    auto next = run_bounded(io, stores[0]->create(end_user(alice, 6)));
    BOOST_REQUIRE(next.has_value());
    BOOST_TEST(next->sequence > last_drawn);

    // Starting again changes nothing.
    stores.clear();
    trusthub::postgres::store again(io.get_executor(), options);
    auto page = run_bounded(io, again.list(top("end_users", alice), page_query{}));
    BOOST_REQUIRE(page.has_value());
    BOOST_REQUIRE(page->items.size() == 4u);
    BOOST_TEST((std::vector<record>(page->items.begin(), page->items.begin() + 3) == alices));
    BOOST_TEST((page->items[3] == *next));
    BOOST_TEST(sql.rows("SELECT version FROM " + qualified(schema, "schema_version")) ==
               (std::vector<std::vector<std::optional<std::string>>>{{std::string("2")}}));
}

BOOST_AUTO_TEST_CASE(to_json_writes_what_trusthub_writes)
{
    // The migration converts names with to_json: it must give the writer's bytes for every
    // character that either escapes, and leave the others as they are.
    raw_session sql(trusthub_test::postgres_conninfo());
    std::string text;
    for (int c = 1; c < 0x80; ++c)
        text += static_cast<char>(c);
    text += "é\xe2\x80\xa8\xf0\x9f\x98\x80";  // two and three bytes, U+2028, four bytes
    auto converted = sql.rows("SELECT to_json($1::text)::text", {text});
    BOOST_REQUIRE(converted[0][0].has_value());
    BOOST_TEST(*converted[0][0] == json_string(text));
}

BOOST_AUTO_TEST_CASE(stores_starting_at_once_share_one_schema)
{
    // Several stores (as several processes would) migrate one fresh schema at the same time.
    asio::io_context io;
    auto options = trusthub_test::options_for(trusthub_test::fresh_schema("migrate"));
    std::vector<std::unique_ptr<trusthub::postgres::store>> stores;
    for (int i = 0; i < 4; ++i)
        stores.push_back(std::make_unique<trusthub::postgres::store>(io.get_executor(), options));
    std::atomic<int> ok{0};
    for (int i = 0; i < 4; ++i) {
        auto work = [](trusthub::postgres::store& s, int i, std::atomic<int>& ok) -> asio::awaitable<void> {
            record fresh = end_user(alice, 7000 + static_cast<unsigned>(i));
            auto r = co_await s.create(std::move(fresh));
            if (r)
                ++ok;
        }(*stores[i], i, ok);
        asio::co_spawn(io, std::move(work), asio::detached);
    }
    std::thread other([&io] { io.run_for(std::chrono::seconds(20)); });
    io.run_for(std::chrono::seconds(20));
    other.join();
    BOOST_TEST(ok.load() == 4);
    auto page = run_bounded(io, stores[0]->list(top("end_users", alice), page_query{}));
    BOOST_REQUIRE(page.has_value());
    BOOST_TEST(page->items.size() == 4u);
}

BOOST_AUTO_TEST_CASE(statement_names_are_per_schema)
{
    // Two stores of different schemas in one process; and both sets of statements prepared on
    // one session, where global names would collide.
    asio::io_context io;
    const std::string first = trusthub_test::fresh_schema("names"), second = trusthub_test::fresh_schema("names");
    trusthub::postgres::store one(io.get_executor(), trusthub_test::options_for(first));
    trusthub::postgres::store two(io.get_executor(), trusthub_test::options_for(second));
    BOOST_REQUIRE(run_bounded(io, one.create(end_user(alice, 1))).has_value());
    BOOST_REQUIRE(run_bounded(io, two.create(end_user(alice, 2))).has_value());
    BOOST_TEST(run_bounded(io, one.list(top("end_users", alice), page_query{}))->items.size() == 1u);
    BOOST_TEST(run_bounded(io, two.list(top("end_users", alice), page_query{}))->items.size() == 1u);

    namespace pd = trusthub::postgres::detail;
    const pd::statement_names a(first), b(second);
    BOOST_TEST(a.fetch != b.fetch);
    BOOST_TEST(a.fetch.size() < 64u);
    raw_session sql(trusthub_test::postgres_conninfo());
    sql.exec(pd::session_script(first));
    sql.exec(pd::session_script(second));
    for (const auto& [names, n] : {std::pair{&a, 1u}, std::pair{&b, 2u}}) {
        const std::string mine = sid_of("IT", n), theirs = sid_of("IT", 3 - n);
        for (const std::string& sid : {mine, theirs}) {
            const char* values[] = {"end_users", alice.c_str(), "", sid.c_str()};
            pd::pg_result r(PQexecPrepared(sql.get(), names->fetch.c_str(), 4, values, nullptr, nullptr, 1));
            BOOST_REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
            BOOST_TEST(PQntuples(r.get()) == (sid == mine ? 1 : 0));
        }
    }
}

BOOST_AUTO_TEST_CASE(cheap_calls_do_not_wait_behind_pages)
{
    // Many callers ask for the largest pages at once, then one fetch and one create come:
    // they must not wait for the queue of pages before them. With the default reservation
    // they find a connection kept for them; with none (lists may take the whole pool), they
    // still go first when a connection frees up. A queue in arrival order would answer them
    // after nearly every page.
    constexpr int pages = 60;
    for (std::size_t list_connections : {std::size_t(0), std::size_t(4)}) {
        BOOST_TEST_CONTEXT("list_connections " << list_connections)
        {
            asio::io_context io;
            auto o = trusthub_test::options_for(trusthub_test::fresh_schema("starve"));
            o.pool_size = 4;
            o.list_connections = list_connections;
            o.acquire_timeout = std::chrono::seconds(60);
            o.query_timeout = std::chrono::seconds(30);
            // The create's commit must not wait for the disk, whose flushes vary far more than
            // a page's time: this test is about the pool, not the disk.
            o.conninfo += " options='-c synchronous_commit=off'";
            trusthub::postgres::store db(io.get_executor(), o);
            record probe = end_user(alice, 1);
            BOOST_REQUIRE(run_bounded(io, db.create(probe)).has_value());
            raw_session sql(o.conninfo);
            sql.exec("INSERT INTO " + qualified(o.schema, "records") +
                     " (sid, kind, account_sid, date_created, date_updated, fields)"
                     " SELECT 'IT' || lpad(to_hex(g), 32, '0'), 'end_users', '" + alice +
                     "', now(), now(), ARRAY['\"someone with a name\"', '\"individual\"', '{\"a\":\"b\"}']"
                     " FROM generate_series(16, 1014) g");

            // Every connection open and idle first, so that nobody waits for a connect.
            int warm = 0;
            for (int i = 0; i < 4; ++i) {
                auto work = [](trusthub::postgres::store& s, record_key k, int& done) -> asio::awaitable<void> {
                    auto r = co_await s.fetch(std::move(k));
                    done += r.has_value();
                }(db, key_of(probe), warm);
                asio::co_spawn(io, std::move(work), asio::detached);
            }
            io.restart();
            io.run_for(std::chrono::seconds(10));
            BOOST_REQUIRE(warm == 4);

            int lists_done = 0, full_pages = 0;
            std::optional<int> fetched_after, created_after;  // pages done when each finished
            for (int i = 0; i < pages; ++i) {
                auto work = [](trusthub::postgres::store& s, int& done, int& full) -> asio::awaitable<void> {
                    list_scope scope = top("end_users", alice);
                    auto r = co_await s.list(std::move(scope), page_query{std::nullopt, std::nullopt, 1000});
                    ++done;
                    full += r.has_value() && r->items.size() == 1000;
                }(db, lists_done, full_pages);
                asio::co_spawn(io, std::move(work), asio::detached);
            }
            // They reach the pool after every page call: running, or queued. (A page takes a
            // round trip to the server to complete, the calls only handlers run in order.)
            auto fetch = [](trusthub::postgres::store& s, record_key k, const int& done,
                            std::optional<int>& when) -> asio::awaitable<void> {
                auto r = co_await s.fetch(std::move(k));
                BOOST_TEST(r.has_value());
                when = done;
            }(db, key_of(probe), lists_done, fetched_after);
            auto create = [](trusthub::postgres::store& s, const int& done,
                             std::optional<int>& when) -> asio::awaitable<void> {
                record fresh = end_user(alice, 2);
                auto r = co_await s.create(std::move(fresh));
                BOOST_TEST(r.has_value());
                when = done;
            }(db, lists_done, created_after);
            asio::co_spawn(io, std::move(fetch), asio::detached);
            asio::co_spawn(io, std::move(create), asio::detached);
            io.restart();
            io.run_for(std::chrono::seconds(60));

            BOOST_TEST(lists_done == pages);
            BOOST_TEST(full_pages == pages);
            BOOST_REQUIRE(fetched_after.has_value());
            BOOST_REQUIRE(created_after.has_value());
            BOOST_TEST_MESSAGE("pages done before the fetch: " << *fetched_after << ", before the create: "
                                                               << *created_after);
            // The pages that were running when they came, and those that finished in the time
            // of their own round trip (on a loaded machine, a few more): far fewer than the
            // pages queued before them, which arrival order would have put first.
            BOOST_TEST(*fetched_after < pages / 3);
            BOOST_TEST(*created_after < pages / 3);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unreachable_database_is_unavailable_quickly)
{
    asio::io_context io;
    trusthub::postgres::store_options o;
    o.conninfo = "host=/nonexistent/trusthub port=1 dbname=postgres";
    o.schema = "unused";
    std::vector<std::string> log;
    o.log = trusthub::logger(trusthub::log_level::debug,
                             [&log](trusthub::log_level, std::string_view line) { log.emplace_back(line); });
    trusthub::postgres::store db(io.get_executor(), o);
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) {
        auto r = run_bounded(io, db.fetch(key_of(end_user(alice, 1))));
        BOOST_TEST((r.error() == errc::unavailable));
    }
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(1)));
    BOOST_TEST(!log.empty());
}

BOOST_AUTO_TEST_CASE(a_connect_that_never_answers_times_out)
{
    // A listening socket that never speaks: the connect timeout must end the wait.
    asio::io_context io;
    asio::ip::tcp::acceptor silent(io, {asio::ip::make_address("127.0.0.1"), 0});
    trusthub::postgres::store_options o;
    o.conninfo = "hostaddr=127.0.0.1 port=" + std::to_string(silent.local_endpoint().port()) + " dbname=postgres";
    o.connect_timeout = std::chrono::milliseconds(300);
    trusthub::postgres::store db(io.get_executor(), o);
    auto start = std::chrono::steady_clock::now();
    auto r = run_bounded(io, db.fetch(key_of(end_user(alice, 1))), std::chrono::seconds(5));
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((r.error() == errc::unavailable));
    BOOST_TEST((took >= std::chrono::milliseconds(250)));
    BOOST_TEST((took < std::chrono::seconds(2)));
}

BOOST_AUTO_TEST_CASE(a_full_pool_queues_then_gives_up)
{
    // One connection, many callers: they queue and all get an answer, pages and fetches
    // alike.
    asio::io_context io;
    auto o = trusthub_test::options_for(trusthub_test::fresh_schema("pool"));
    o.pool_size = 1;
    trusthub::postgres::store db(io.get_executor(), o);
    const record r = end_user(alice, 9000);
    BOOST_TEST(run_bounded(io, db.create(r)).has_value());
    std::atomic<int> found{0}, other{0};
    for (int i = 0; i < 50; ++i) {
        auto work = [](trusthub::postgres::store& s, record_key k, bool page, std::atomic<int>& found,
                       std::atomic<int>& other) -> asio::awaitable<void> {
            bool ok = false;
            if (page) {
                list_scope scope = top("end_users", k.account_sid);
                auto p = co_await s.list(std::move(scope), page_query{});
                ok = p && p->items.size() == 1;
            } else {
                auto f = co_await s.fetch(std::move(k));
                ok = f.has_value();
            }
            ++(ok ? found : other);
        }(db, key_of(r), i % 3 == 0, found, other);
        asio::co_spawn(io, std::move(work), asio::detached);
    }
    io.restart();
    io.run_for(std::chrono::seconds(20));
    BOOST_TEST(found.load() == 50);
    BOOST_TEST(other.load() == 0);
}

BOOST_AUTO_TEST_CASE(a_statement_that_waits_too_long_is_unavailable)
{
    // Another session holds the record's row lock: the update waits on it until the query
    // timeout, answers unavailable, and the store carries on with a fresh connection.
    // The record is made through a store with the default timeouts, and the short-timeout
    // store has answered once before the lock is taken: only the blocked update may be slow,
    // however loaded the machine (sanitizers, tests in parallel).
    asio::io_context io;
    auto o = trusthub_test::options_for(trusthub_test::fresh_schema("timeout"));
    std::optional<record> created;
    {
        trusthub::postgres::store setup(io.get_executor(), o);
        auto made = run_bounded(io, setup.create(end_user(alice, 9100)));
        BOOST_REQUIRE(made.has_value());
        created = *made;
    }
    o.query_timeout = std::chrono::milliseconds(500);
    trusthub::postgres::store db(io.get_executor(), o);
    BOOST_REQUIRE(run_bounded(io, db.fetch(key_of(*created))).has_value());

    raw_session blocker(o.conninfo);
    blocker.exec("BEGIN");
    blocker.exec("SELECT 1 FROM " + qualified(o.schema, "records") + " WHERE sid = '" + created->sid + "' FOR UPDATE");

    auto start = std::chrono::steady_clock::now();
    record_patch p{{{0, "\"blocked\""}}, created->date_updated};
    auto r = run_bounded(io, db.update(key_of(*created), p), std::chrono::seconds(10));
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((r.error() == errc::unavailable));
    BOOST_TEST((took >= std::chrono::milliseconds(450)));
    BOOST_TEST((took < std::chrono::seconds(5)));

    blocker.exec("ROLLBACK");
    auto fetched = run_bounded(io, db.fetch(key_of(*created)));
    BOOST_TEST(fetched.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
