// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_STORE_HPP
#define TRUSTHUB_POSTGRES_STORE_HPP

#include <trusthub/store.hpp>
#include <trusthub/postgres/detail/pool.hpp>
#include <trusthub/postgres/detail/schema.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace trusthub::postgres {

/// How the store reaches and uses its database.
struct store_options {
    /// A libpq connection string (`host=/run/postgresql dbname=trusthub`, or a
    /// `postgresql://` URI). Prefer a socket directory or `hostaddr`: libpq resolves host
    /// names synchronously.
    std::string conninfo;
    /// The PostgreSQL schema that holds the tables; created when missing.
    std::string schema = "trusthub";
    /// Connections at most; calls beyond wait for one.
    std::size_t pool_size = 8;
    /// How long a call waits for a free connection before it is `errc::unavailable`.
    std::chrono::milliseconds acquire_timeout{2000};
    /// How long opening a connection (and preparing it) may take.
    std::chrono::milliseconds connect_timeout{3000};
    /// How long one statement may take; the connection is dropped when it runs out.
    std::chrono::milliseconds query_timeout{5000};
    /// After a failed connect, calls that need a new connection fail at once for this long.
    std::chrono::milliseconds retry_interval{250};
    /// Why the database was unavailable, one line at a time; never record data. Called on the
    /// store's strand.
    std::function<void(std::string_view)> log;
};

/// A `trusthub::store` in PostgreSQL: several processes sharing one database serve one
/// dataset.
///
/// Non-blocking throughout: libpq's asynchronous API, with every wait an `async_wait` on the
/// connection's socket, connecting included. The pool and its connections live on a strand of
/// the executor given; each call runs there and its caller resumes on its own executor, so the
/// store may be called from any number of threads.
///
/// The schema is created or migrated on the first connection (see `doc/postgres.md`). A
/// database that is down, restarting or too slow gives `errc::unavailable` within the
/// configured timeouts; the store recovers by itself when the database is back. A call returns
/// success only after its statement committed.
class store final : public trusthub::store {
public:
    store(boost::asio::any_io_executor ex, store_options options)
        : strand_(boost::asio::make_strand(ex)), pool_(std::make_shared<detail::pool>(strand_, settings(options)))
    {
    }

    store(const store&) = delete;
    store& operator=(const store&) = delete;

    boost::asio::awaitable<result<end_user>> create(end_user record) override
    {
        auto work = do_create(pool_, std::move(record));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid) override
    {
        auto work = do_fetch(pool_, std::move(account_sid), std::move(sid));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                    end_user_patch patch) override
    {
        auto work = do_update(pool_, std::move(account_sid), std::move(sid), std::move(patch));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid) override
    {
        auto work = do_remove(pool_, std::move(account_sid), std::move(sid));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) override
    {
        auto work = do_list(pool_, std::move(account_sid), query);
        co_return co_await on_strand(std::move(work));
    }

private:
    using params = std::vector<std::optional<std::string>>;

    static detail::pool_settings settings(const store_options& o)
    {
        detail::pool_settings s;
        s.conninfo = o.conninfo;
        s.size = o.pool_size == 0 ? 1 : o.pool_size;
        s.acquire_timeout = o.acquire_timeout;
        s.connect_timeout = o.connect_timeout;
        s.query_timeout = o.query_timeout;
        s.retry_interval = o.retry_interval;
        s.first_script = detail::migration_script(o.schema);
        s.session_script = detail::session_script(o.schema);
        s.log = o.log;
        return s;
    }

    // Runs `work` on the strand; the caller resumes on its own executor.
    template <class T>
    boost::asio::awaitable<T> on_strand(boost::asio::awaitable<T> work)
    {
        auto op = boost::asio::co_spawn(strand_, std::move(work), boost::asio::use_awaitable);
        co_return co_await std::move(op);
    }

    static boost::asio::awaitable<result<end_user>> do_create(std::shared_ptr<detail::pool> pool, end_user r)
    {
        params p{r.sid, r.account_sid, r.friendly_name, r.type, r.attributes, seconds(r.date_created),
                 seconds(r.date_updated)};
        auto out = co_await pool->execute(detail::statement::create, std::move(p));
        // ON CONFLICT DO NOTHING returns no row: the SID is taken, in this account or another.
        co_return one_record(out, errc::already_exists);
    }

    static boost::asio::awaitable<result<end_user>> do_fetch(std::shared_ptr<detail::pool> pool,
                                                             std::string account_sid, std::string sid)
    {
        params p{std::move(account_sid), std::move(sid)};
        auto out = co_await pool->execute(detail::statement::fetch, std::move(p));
        co_return one_record(out, errc::not_found);
    }

    static boost::asio::awaitable<result<end_user>> do_update(std::shared_ptr<detail::pool> pool,
                                                              std::string account_sid, std::string sid,
                                                              end_user_patch patch)
    {
        params p{std::move(account_sid), std::move(sid), std::move(patch.friendly_name),
                 std::move(patch.attributes), seconds(patch.date_updated)};
        auto out = co_await pool->execute(detail::statement::update, std::move(p));
        co_return one_record(out, errc::not_found);
    }

    static boost::asio::awaitable<result<void>> do_remove(std::shared_ptr<detail::pool> pool,
                                                          std::string account_sid, std::string sid)
    {
        params p{std::move(account_sid), std::move(sid)};
        auto out = co_await pool->execute(detail::statement::remove, std::move(p));
        if (auto failed = failure(out))
            co_return *failed;
        if (std::string_view(PQcmdTuples(out.result.get())) != "1")
            co_return errc::not_found;
        co_return result<void>{};
    }

    static boost::asio::awaitable<result<page_slice>> do_list(std::shared_ptr<detail::pool> pool,
                                                              std::string account_sid, page_query q)
    {
        const std::size_t limit = q.limit;
        // One more than asked, to learn whether the page has a neighbour in its direction.
        std::string fetch_count = std::to_string(limit + 1);
        const char* name = detail::statement::list_first;
        params p{std::move(account_sid)};
        if (q.before) {
            name = detail::statement::list_before;
            p.push_back(std::to_string(clamp(*q.before)));
        } else if (q.after) {
            name = detail::statement::list_after;
            p.push_back(std::to_string(clamp(*q.after)));
        }
        p.push_back(std::move(fetch_count));
        auto out = co_await pool->execute(name, std::move(p));
        if (auto failed = failure(out))
            co_return *failed;

        const PGresult* rows = out.result.get();
        page_slice slice;
        const int n = PQntuples(rows);
        bool other_side = n > 0 && std::string_view(PQgetvalue(rows, 0, 0)) == "t";
        slice.items.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            if (!PQgetisnull(rows, i, 2))  // the outer join's empty side: no records
                slice.items.push_back(read_record(rows, i, 1));
        const bool beyond = slice.items.size() > limit;
        if (q.before) {
            // The extra record is the earliest: drop it from the front.
            if (beyond)
                slice.items.erase(slice.items.begin());
            slice.more_before = beyond;
            slice.more_after = other_side;
        } else {
            if (beyond)
                slice.items.pop_back();
            slice.more_after = beyond;
            slice.more_before = q.after && other_side;
        }
        co_return slice;
    }

    // The one record a create, fetch or update returns, or `missing` when no row came back.
    static result<end_user> one_record(const detail::outcome& out, errc missing)
    {
        if (auto failed = failure(out))
            return *failed;
        if (PQntuples(out.result.get()) == 0)
            return missing;
        return read_record(out.result.get(), 0, 0);
    }

    // A failed round trip as an error value, or nothing when it succeeded. What the client
    // can retry is `unavailable`; anything else is a fault of this program or the database
    // setup and is thrown, to be answered as a 500.
    static std::optional<errc> failure(const detail::outcome& out)
    {
        if (out.ok())
            return std::nullopt;
        if (out.what == detail::outcome::kind::lost)
            return errc::unavailable;
        const std::string state = out.sqlstate();
        const bool transient = state.starts_with("08")      // connection exception
                               || state.starts_with("53")   // insufficient resources
                               || state.starts_with("57")   // operator intervention: shutdown, cancel
                               || state == "40001"          // serialization failure
                               || state == "40P01"          // deadlock detected
                               || state == "55P03";         // lock not available
        if (transient)
            return errc::unavailable;
        throw std::runtime_error("trusthub::postgres::store: " + out.message);
    }

    static std::uint64_t clamp(std::uint64_t sequence) noexcept
    {
        constexpr auto top = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        return sequence > top ? top : sequence;
    }

    static std::string seconds(timestamp t) { return std::to_string(t.time_since_epoch().count()); }

    static std::int64_t integer(const PGresult* r, int row, int column)
    {
        std::string_view text = PQgetvalue(r, row, column);
        std::int64_t value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
            throw std::runtime_error("trusthub::postgres::store: not an integer in a result");
        return value;
    }

    // Reads the record columns (detail::record_columns) starting at `first`.
    static end_user read_record(const PGresult* r, int row, int first)
    {
        auto text = [&](int column) {
            return std::string(PQgetvalue(r, row, first + column),
                               static_cast<std::size_t>(PQgetlength(r, row, first + column)));
        };
        end_user u;
        u.sequence = static_cast<std::uint64_t>(integer(r, row, first));
        u.sid = text(1);
        u.account_sid = text(2);
        u.friendly_name = text(3);
        u.type = text(4);
        u.attributes = text(5);
        u.date_created = timestamp(std::chrono::seconds(integer(r, row, first + 6)));
        u.date_updated = timestamp(std::chrono::seconds(integer(r, row, first + 7)));
        return u;
    }

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    std::shared_ptr<detail::pool> pool_;
};

} // namespace trusthub::postgres

#endif
