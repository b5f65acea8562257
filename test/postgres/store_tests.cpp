// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The PostgreSQL store against a real server: CRUD, accounts, paging, concurrency, faults.
#include "support.hpp"

#include <trusthub/memory_store.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <thread>
#include <vector>

// One suite a file, so that each ctest entry can run its file alone (test/CMakeLists.txt).
BOOST_AUTO_TEST_SUITE(postgres_store_tests)

namespace asio = boost::asio;
using trusthub::end_user;
using trusthub::errc;
using trusthub::page_query;
using trusthub::page_slice;
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

end_user make(const std::string& account, unsigned n, std::string attributes = "{}")
{
    end_user u;
    u.sid = sid_of("IT", n);
    u.account_sid = account;
    u.friendly_name = "user " + std::to_string(n);
    u.type = "individual";
    u.attributes = std::move(attributes);
    u.date_created = u.date_updated = trusthub::timestamp(std::chrono::seconds(1'700'000'000 + n));
    return u;
}

struct fixture {
    asio::io_context io;
    trusthub::postgres::store db{io.get_executor(), trusthub_test::options_for(trusthub_test::fresh_schema("store"))};

    end_user create(end_user u)
    {
        auto r = run_bounded(io, db.create(std::move(u)));
        BOOST_REQUIRE(r.has_value());
        return *r;
    }
    page_slice list(const std::string& account, page_query q)
    {
        auto r = run_bounded(io, db.list(account, q));
        BOOST_REQUIRE(r.has_value());
        return *r;
    }
};

std::vector<std::string> sids(const page_slice& s)
{
    std::vector<std::string> out;
    for (const auto& u : s.items)
        out.push_back(u.sid);
    return out;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(postgres_store, fixture)

BOOST_AUTO_TEST_CASE(create_fetch_update_remove)
{
    // Keys out of order, a decimal that jsonb would rewrite, unicode: all must come back as sent.
    const std::string attributes = R"({"z":1.50,"a":[1e3,"\u00e9t\u00e9","été"],"n":{"b":null,"a":true}})";
    end_user created = create(make(alice, 1, attributes));
    BOOST_TEST(created.sequence > 0u);
    BOOST_TEST(created.attributes == attributes);
    BOOST_TEST(created.friendly_name == "user 1");
    BOOST_TEST(created.date_created.time_since_epoch().count() == 1'700'000'001);

    auto fetched = run_bounded(io, db.fetch(alice, created.sid));
    BOOST_REQUIRE(fetched.has_value());
    BOOST_TEST((*fetched == created));

    trusthub::end_user_patch rename{std::string("Ada Lovelace"), std::nullopt,
                                    trusthub::timestamp(std::chrono::seconds(1'800'000'000))};
    auto renamed = run_bounded(io, db.update(alice, created.sid, rename));
    BOOST_REQUIRE(renamed.has_value());
    BOOST_TEST(renamed->friendly_name == "Ada Lovelace");
    BOOST_TEST(renamed->attributes == attributes);
    BOOST_TEST((renamed->date_created == created.date_created));
    BOOST_TEST(renamed->date_updated.time_since_epoch().count() == 1'800'000'000);
    BOOST_TEST(renamed->sequence == created.sequence);

    trusthub::end_user_patch reattribute{std::nullopt, std::string(R"({"k":"v"})"), renamed->date_updated};
    auto reattributed = run_bounded(io, db.update(alice, created.sid, reattribute));
    BOOST_REQUIRE(reattributed.has_value());
    BOOST_TEST(reattributed->friendly_name == "Ada Lovelace");
    BOOST_TEST(reattributed->attributes == R"({"k":"v"})");

    BOOST_TEST(!run_bounded(io, db.remove(alice, created.sid)).has_error());
    BOOST_TEST((run_bounded(io, db.fetch(alice, created.sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, db.remove(alice, created.sid)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, db.update(alice, created.sid, rename)).error() == errc::not_found));
}

BOOST_AUTO_TEST_CASE(sids_are_unique_across_accounts)
{
    create(make(alice, 2));
    auto again = run_bounded(io, db.create(make(bob, 2)));
    BOOST_TEST((again.error() == errc::already_exists));
    // Nothing was stored for the second account.
    BOOST_TEST(list(bob, page_query{}).items.empty());
    BOOST_TEST(list(alice, page_query{}).items.size() == 1u);
}

BOOST_AUTO_TEST_CASE(accounts_do_not_see_each_other)
{
    end_user mine = create(make(alice, 3));
    BOOST_TEST((run_bounded(io, db.fetch(bob, mine.sid)).error() == errc::not_found));
    trusthub::end_user_patch p{std::string("taken"), std::nullopt, mine.date_updated};
    BOOST_TEST((run_bounded(io, db.update(bob, mine.sid, p)).error() == errc::not_found));
    BOOST_TEST((run_bounded(io, db.remove(bob, mine.sid)).error() == errc::not_found));
    BOOST_TEST(list(bob, page_query{}).items.empty());
    auto still = run_bounded(io, db.fetch(alice, mine.sid));
    BOOST_REQUIRE(still.has_value());
    BOOST_TEST(still->friendly_name == mine.friendly_name);
}

BOOST_AUTO_TEST_CASE(pages_match_the_memory_store)
{
    // The same records in both stores, interleaved with another account's; then every
    // cursor position in both directions and several page sizes must give the same slices.
    trusthub::memory_store reference;
    std::vector<std::uint64_t> ours, theirs;  // sequences by creation index, per store
    for (unsigned n = 100; n < 112; ++n) {
        const std::string& account = n % 3 == 0 ? bob : alice;
        end_user u = make(account, n);
        auto pg = create(u);
        auto mem = reference.create_now(u);
        if (account == alice) {
            ours.push_back(pg.sequence);
            theirs.push_back(mem->sequence);
        }
    }
    // A hole where a record was deleted: cursors that name it still work.
    auto gone = sid_of("IT", 104);
    BOOST_TEST(!run_bounded(io, db.remove(alice, gone)).has_error());
    BOOST_TEST(!reference.remove_now(alice, gone).has_error());

    auto same = [&](page_query pq, page_query mq) {
        auto a = list(alice, pq);
        auto b = reference.list_now(alice, mq);
        BOOST_REQUIRE(b.has_value());
        BOOST_TEST(sids(a) == sids(*b), "limit " << pq.limit);
        BOOST_TEST(a.more_after == b->more_after);
        BOOST_TEST(a.more_before == b->more_before);
    };
    for (std::size_t limit : {1u, 2u, 3u, 7u, 50u}) {
        same(page_query{std::nullopt, std::nullopt, limit}, page_query{std::nullopt, std::nullopt, limit});
        for (std::size_t i = 0; i < ours.size(); ++i) {
            same(page_query{ours[i], std::nullopt, limit}, page_query{theirs[i], std::nullopt, limit});
            same(page_query{std::nullopt, ours[i], limit}, page_query{std::nullopt, theirs[i], limit});
        }
        // Past either end.
        same(page_query{ours.back() + 1000, std::nullopt, limit}, page_query{theirs.back() + 1000, std::nullopt, limit});
        same(page_query{std::nullopt, 0, limit}, page_query{std::nullopt, 0, limit});
    }
    // A cursor beyond what bigint holds is still only "after everything".
    auto far = list(alice, page_query{std::numeric_limits<std::uint64_t>::max(), std::nullopt, 5});
    BOOST_TEST(far.items.empty());
    BOOST_TEST(far.more_before);
}

BOOST_AUTO_TEST_CASE(an_empty_account_has_an_empty_page)
{
    auto first = list(sid_of("AC", 0xe), page_query{});
    BOOST_TEST(first.items.empty());
    BOOST_TEST(!first.more_after);
    BOOST_TEST(!first.more_before);
}

BOOST_AUTO_TEST_CASE(concurrent_calls_from_several_threads)
{
    // 4 threads, 200 creates at once through a pool of 8, then two updates of different fields
    // of one record at once, 20 times: none may be lost.
    constexpr unsigned count = 200;
    std::atomic<unsigned> created{0}, failed{0};
    auto one = [this, &created, &failed](unsigned n) -> asio::awaitable<void> {
        auto r = co_await db.create(make(alice, 1000 + n));
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
        auto page = list(alice, page_query{after, std::nullopt, 37});
        for (const auto& u : page.items)
            seen.push_back(u.sequence);
        if (!page.more_after)
            break;
        after = page.items.back().sequence;
    }
    BOOST_TEST(seen.size() == count);
    BOOST_TEST(std::is_sorted(seen.begin(), seen.end()));
    BOOST_TEST(std::set<std::uint64_t>(seen.begin(), seen.end()).size() == count);

    const std::string target = sid_of("IT", 1000);
    for (int round = 0; round < 20; ++round) {
        std::string name = "name " + std::to_string(round);
        std::string attrs = R"({"round":)" + std::to_string(round) + "}";
        auto rename = db.update(alice, target, trusthub::end_user_patch{name, std::nullopt, {}});
        auto reattribute = db.update(alice, target, trusthub::end_user_patch{std::nullopt, attrs, {}});
        asio::co_spawn(io, std::move(rename), asio::detached);
        asio::co_spawn(io, std::move(reattribute), asio::detached);
        io.restart();
        std::thread other([this] { io.run_for(std::chrono::seconds(10)); });
        io.run_for(std::chrono::seconds(10));
        other.join();
        auto now = run_bounded(io, db.fetch(alice, target));
        BOOST_REQUIRE(now.has_value());
        BOOST_TEST(now->friendly_name == name);
        BOOST_TEST(now->attributes == attrs);
    }
}

BOOST_AUTO_TEST_CASE(sequences_only_grow)
{
    auto a = create(make(alice, 5000));
    BOOST_TEST(!run_bounded(io, db.remove(alice, a.sid)).has_error());
    auto b = create(make(bob, 5001));
    auto c = create(make(alice, 5002));
    BOOST_TEST(b.sequence > a.sequence);
    BOOST_TEST(c.sequence > b.sequence);
    // A deleted SID may be used again, with a new sequence.
    auto again = create(make(alice, 5000));
    BOOST_TEST(again.sequence > c.sequence);
}

BOOST_AUTO_TEST_SUITE_END()

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
            auto r = co_await s.create(make(alice, 7000 + static_cast<unsigned>(i)));
            if (r)
                ++ok;
        }(*stores[i], i, ok);
        asio::co_spawn(io, std::move(work), asio::detached);
    }
    std::thread other([&io] { io.run_for(std::chrono::seconds(20)); });
    io.run_for(std::chrono::seconds(20));
    other.join();
    BOOST_TEST(ok.load() == 4);
    auto page = run_bounded(io, stores[0]->list(alice, page_query{}));
    BOOST_REQUIRE(page.has_value());
    BOOST_TEST(page->items.size() == 4u);
}

BOOST_AUTO_TEST_CASE(an_unreachable_database_is_unavailable_quickly)
{
    asio::io_context io;
    trusthub::postgres::store_options o;
    o.conninfo = "host=/nonexistent/trusthub port=1 dbname=postgres";
    o.schema = "unused";
    std::vector<std::string> log;
    o.log = [&log](std::string_view line) { log.emplace_back(line); };
    trusthub::postgres::store db(io.get_executor(), o);
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) {
        auto r = run_bounded(io, db.fetch(alice, sid_of("IT", 1)));
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
    auto r = run_bounded(io, db.fetch(alice, sid_of("IT", 1)), std::chrono::seconds(5));
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((r.error() == errc::unavailable));
    BOOST_TEST((took >= std::chrono::milliseconds(250)));
    BOOST_TEST((took < std::chrono::seconds(2)));
}

BOOST_AUTO_TEST_CASE(a_full_pool_queues_then_gives_up)
{
    // One connection, many callers: they queue and all get an answer; a caller that would
    // wait beyond the acquire timeout is unavailable instead.
    asio::io_context io;
    auto o = trusthub_test::options_for(trusthub_test::fresh_schema("pool"));
    o.pool_size = 1;
    trusthub::postgres::store db(io.get_executor(), o);
    BOOST_TEST(run_bounded(io, db.create(make(alice, 9000))).has_value());
    std::atomic<int> found{0}, other{0};
    for (int i = 0; i < 50; ++i) {
        auto work = [](trusthub::postgres::store& s, std::atomic<int>& found,
                       std::atomic<int>& other) -> asio::awaitable<void> {
            auto r = co_await s.fetch(alice, sid_of("IT", 9000));
            ++(r ? found : other);
        }(db, found, other);
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
    std::optional<trusthub::end_user> created;
    {
        trusthub::postgres::store setup(io.get_executor(), o);
        auto made = run_bounded(io, setup.create(make(alice, 9100)));
        BOOST_REQUIRE(made.has_value());
        created = *made;
    }
    o.query_timeout = std::chrono::milliseconds(500);
    trusthub::postgres::store db(io.get_executor(), o);
    BOOST_REQUIRE(run_bounded(io, db.fetch(alice, created->sid)).has_value());

    std::unique_ptr<PGconn, decltype(&PQfinish)> blocker(PQconnectdb(o.conninfo.c_str()), &PQfinish);
    BOOST_REQUIRE(PQstatus(blocker.get()) == CONNECTION_OK);
    auto exec = [&blocker](const std::string& sql) {
        trusthub::postgres::detail::pg_result r(PQexec(blocker.get(), sql.c_str()));
        BOOST_REQUIRE_MESSAGE(PQresultStatus(r.get()) == PGRES_COMMAND_OK || PQresultStatus(r.get()) == PGRES_TUPLES_OK,
                              PQresultErrorMessage(r.get()));
    };
    exec("BEGIN");
    exec("SELECT 1 FROM " + trusthub::postgres::detail::quote_identifier(o.schema) +
         ".end_users WHERE sid = '" + created->sid + "' FOR UPDATE");

    auto start = std::chrono::steady_clock::now();
    trusthub::end_user_patch p{std::string("blocked"), std::nullopt, created->date_updated};
    auto r = run_bounded(io, db.update(alice, created->sid, p), std::chrono::seconds(10));
    auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((r.error() == errc::unavailable));
    BOOST_TEST((took >= std::chrono::milliseconds(450)));
    BOOST_TEST((took < std::chrono::seconds(5)));

    exec("ROLLBACK");
    auto fetched = run_bounded(io, db.fetch(alice, created->sid));
    BOOST_TEST(fetched.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
