// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_EXAMPLE_SQLITE_STORE_HPP
#define TRUSTHUB_EXAMPLE_SQLITE_STORE_HPP

// A store written the way a user of the library would write one: EndUser records in an SQLite
// database, through SQLite's blocking C API. `doc/writing-a-store.md` walks through it.
//
// The two rules that shape it:
//  - A blocking call must never run on a thread of the caller's io_context: every statement
//    runs on a thread pool of the store's own.
//  - The caller's coroutine must resume on the executor it awaited from. `co_spawn` onto the
//    pool, awaited with `use_awaitable`, gives both: the work runs on the pool, and the
//    completion goes back through the awaiting coroutine's executor.
//
// One connection serves every call, one at a time (the pool has one thread), so a read and
// the write that follows it are never interleaved with another call: updates are atomic.

#include <trusthub/store.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <string_view>
#include <utility>

namespace sqlite_example {

namespace detail {

/// A prepared statement, kept for the life of the connection and reset after each use.
class statement {
public:
    statement(sqlite3* db, std::string_view sql)
    {
        if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                               nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite: cannot prepare statement: ") + sqlite3_errmsg(db));
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement() { sqlite3_finalize(stmt_); }

    /// Resets the statement when the use that started here ends, however it ends.
    class use {
    public:
        explicit use(statement& s) : stmt_(s.stmt_) {}
        use(const use&) = delete;
        use& operator=(const use&) = delete;
        ~use()
        {
            sqlite3_reset(stmt_);
            sqlite3_clear_bindings(stmt_);
        }

        use& bind(int index, std::string_view text)
        {
            // SQLITE_TRANSIENT: SQLite copies the text, so it may be any temporary.
            check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
            return *this;
        }
        use& bind(int index, std::int64_t value)
        {
            check(sqlite3_bind_int64(stmt_, index, value));
            return *this;
        }
        use& bind_null(int index)
        {
            check(sqlite3_bind_null(stmt_, index));
            return *this;
        }

        /// Steps once: true while rows come, false when done; the error code otherwise.
        int step() { return sqlite3_step(stmt_); }

        std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
        std::string text(int column) const
        {
            // Byte for byte: the length comes from SQLite, not from a terminating NUL.
            auto data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
            return std::string(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
        }

    private:
        void check(int rc)
        {
            if (rc != SQLITE_OK)
                throw std::runtime_error(std::string("sqlite: cannot bind: ") + sqlite3_errstr(rc));
        }
        sqlite3_stmt* stmt_;
    };

private:
    sqlite3_stmt* stmt_ = nullptr;
};

/// An error SQLite reports: a busy database (another process holds the lock longer than the
/// busy timeout) is an outage the client may retry; anything else is a fault.
inline trusthub::result<void> classify(sqlite3* db, int rc)
{
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return trusthub::errc::unavailable;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
}

} // namespace detail

struct sqlite_store_options {
    /// A file name, or ":memory:" for a private database that ends with the store.
    std::string path = ":memory:";
    /// How long a statement waits for a lock held by another connection before the call
    /// answers `errc::unavailable`.
    std::chrono::milliseconds busy_timeout{2000};
};

/// EndUser records in SQLite. Safe to call from any number of threads and io_contexts.
class sqlite_store final : public trusthub::store {
public:
    explicit sqlite_store(sqlite_store_options options = {}) : db_(open(options))
    {
        prepare();
    }
    sqlite_store(const sqlite_store&) = delete;
    sqlite_store& operator=(const sqlite_store&) = delete;

    ~sqlite_store() override
    {
        // Calls still running finish before the statements and the connection go away.
        connection_.join();
        statements_.reset();
        sqlite3_close_v2(db_);
    }

    boost::asio::awaitable<trusthub::result<trusthub::end_user>> create(trusthub::end_user record) override
    {
        auto work = [this, record = std::move(record)]() mutable { return create_now(std::move(record)); };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<trusthub::end_user>> fetch(std::string account_sid, std::string sid) override
    {
        auto work = [this, account_sid = std::move(account_sid), sid = std::move(sid)] {
            return fetch_now(account_sid, sid);
        };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<trusthub::end_user>> update(std::string account_sid, std::string sid,
                                                                        trusthub::end_user_patch patch) override
    {
        auto work = [this, account_sid = std::move(account_sid), sid = std::move(sid), patch = std::move(patch)] {
            return update_now(account_sid, sid, patch);
        };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<void>> remove(std::string account_sid, std::string sid) override
    {
        auto work = [this, account_sid = std::move(account_sid), sid = std::move(sid)] {
            return remove_now(account_sid, sid);
        };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<trusthub::page_slice>> list(std::string account_sid,
                                                                        trusthub::page_query query) override
    {
        auto work = [this, account_sid = std::move(account_sid), query] { return list_now(account_sid, query); };
        co_return co_await on_connection(std::move(work));
    }

private:
    // `sequence` is the rowid. AUTOINCREMENT keeps SQLite from handing out the rowid of a
    // deleted newest row again, which a plain INTEGER PRIMARY KEY would do. The index on
    // (account_sid, sequence) makes a page by cursor a range scan of one account's rows.
    static constexpr std::string_view schema = R"(
        CREATE TABLE IF NOT EXISTS end_users (
            sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
            sid           TEXT NOT NULL UNIQUE,
            account_sid   TEXT NOT NULL,
            friendly_name TEXT NOT NULL,
            type          TEXT NOT NULL,
            attributes    TEXT NOT NULL,
            date_created  INTEGER NOT NULL,
            date_updated  INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS end_users_by_account ON end_users (account_sid, sequence);
    )";

#define TRUSTHUB_SQLITE_COLUMNS "sequence, sid, account_sid, friendly_name, type, attributes, date_created, date_updated"
    struct prepared {
        explicit prepared(sqlite3* db)
            : insert(db, "INSERT INTO end_users (sid, account_sid, friendly_name, type, attributes, date_created, "
                         "date_updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
              select(db, "SELECT " TRUSTHUB_SQLITE_COLUMNS " FROM end_users WHERE sid = ?1 AND account_sid = ?2"),
              // A NULL parameter keeps the column: the patch's empty fields.
              update(db, "UPDATE end_users SET friendly_name = coalesce(?3, friendly_name), "
                         "attributes = coalesce(?4, attributes), date_updated = ?5 "
                         "WHERE sid = ?1 AND account_sid = ?2"),
              erase(db, "DELETE FROM end_users WHERE sid = ?1 AND account_sid = ?2"),
              page_after(db, "SELECT " TRUSTHUB_SQLITE_COLUMNS " FROM end_users WHERE account_sid = ?1 AND "
                             "sequence > ?2 ORDER BY sequence LIMIT ?3"),
              page_before(db, "SELECT " TRUSTHUB_SQLITE_COLUMNS " FROM end_users WHERE account_sid = ?1 AND "
                              "sequence < ?2 ORDER BY sequence DESC LIMIT ?3"),
              any_up_to(db, "SELECT EXISTS (SELECT 1 FROM end_users WHERE account_sid = ?1 AND sequence <= ?2)"),
              any_from(db, "SELECT EXISTS (SELECT 1 FROM end_users WHERE account_sid = ?1 AND sequence >= ?2)")
        {
        }
        detail::statement insert, select, update, erase, page_after, page_before, any_up_to, any_from;
    };
#undef TRUSTHUB_SQLITE_COLUMNS

    static sqlite3* open(const sqlite_store_options& options)
    {
        sqlite3* db = nullptr;
        // NOMUTEX: the connection's single thread already keeps calls one at a time.
        int rc = sqlite3_open_v2(options.path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
            sqlite3_close_v2(db);
            throw std::runtime_error("sqlite: cannot open " + options.path + ": " + message);
        }
        sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
        sqlite3_extended_result_codes(db, 1);
        return db;
    }

    void prepare()
    {
        char* message = nullptr;
        std::string script = "PRAGMA journal_mode = WAL;";
        script += schema;
        if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message ? message : "unknown error";
            sqlite3_free(message);
            sqlite3_close_v2(db_);
            throw std::runtime_error("sqlite: cannot create the schema: " + text);
        }
        statements_ = std::make_unique<prepared>(db_);
    }

    /// Runs `work` on the connection's thread and resumes the caller on its own executor.
    /// What `work` throws is rethrown in the caller.
    template <class Work>
    boost::asio::awaitable<std::invoke_result_t<Work&>> on_connection(Work work)
    {
        using value = std::invoke_result_t<Work&>;
        auto task = [work = std::move(work)]() mutable -> boost::asio::awaitable<value> { co_return work(); };
        co_return co_await boost::asio::co_spawn(connection_.get_executor(), std::move(task),
                                                 boost::asio::use_awaitable);
    }

    static trusthub::end_user read_row(const detail::statement::use& row)
    {
        trusthub::end_user u;
        u.sequence = static_cast<std::uint64_t>(row.integer(0));
        u.sid = row.text(1);
        u.account_sid = row.text(2);
        u.friendly_name = row.text(3);
        u.type = row.text(4);
        u.attributes = row.text(5);
        u.date_created = trusthub::timestamp(std::chrono::seconds(row.integer(6)));
        u.date_updated = trusthub::timestamp(std::chrono::seconds(row.integer(7)));
        return u;
    }

    trusthub::result<trusthub::end_user> create_now(trusthub::end_user record)
    {
        detail::statement::use insert(statements_->insert);
        insert.bind(1, record.sid)
            .bind(2, record.account_sid)
            .bind(3, record.friendly_name)
            .bind(4, record.type)
            .bind(5, record.attributes)
            .bind(6, std::int64_t{record.date_created.time_since_epoch().count()})
            .bind(7, std::int64_t{record.date_updated.time_since_epoch().count()});
        int rc = insert.step();
        // The UNIQUE constraint on sid refuses a repeat in any account, and stores nothing.
        if (rc == SQLITE_CONSTRAINT_UNIQUE)
            return trusthub::errc::already_exists;
        if (rc != SQLITE_DONE) {
            auto outage = detail::classify(db_, rc);
            return outage.error();
        }
        record.sequence = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db_));
        return record;
    }

    trusthub::result<trusthub::end_user> fetch_now(const std::string& account_sid, const std::string& sid)
    {
        detail::statement::use select(statements_->select);
        select.bind(1, sid).bind(2, account_sid);
        int rc = select.step();
        if (rc == SQLITE_ROW)
            return read_row(select);
        if (rc == SQLITE_DONE)
            return trusthub::errc::not_found;
        return detail::classify(db_, rc).error();
    }

    trusthub::result<trusthub::end_user> update_now(const std::string& account_sid, const std::string& sid,
                                                    const trusthub::end_user_patch& patch)
    {
        {
            detail::statement::use update(statements_->update);
            update.bind(1, sid).bind(2, account_sid);
            if (patch.friendly_name)
                update.bind(3, *patch.friendly_name);
            else
                update.bind_null(3);
            if (patch.attributes)
                update.bind(4, *patch.attributes);
            else
                update.bind_null(4);
            update.bind(5, std::int64_t{patch.date_updated.time_since_epoch().count()});
            int rc = update.step();
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc).error();
            if (sqlite3_changes(db_) == 0)
                return trusthub::errc::not_found;
        }
        // Still on the connection's thread: no other call ran between the update and this read.
        return fetch_now(account_sid, sid);
    }

    trusthub::result<void> remove_now(const std::string& account_sid, const std::string& sid)
    {
        detail::statement::use erase(statements_->erase);
        erase.bind(1, sid).bind(2, account_sid);
        int rc = erase.step();
        if (rc != SQLITE_DONE)
            return detail::classify(db_, rc);
        if (sqlite3_changes(db_) == 0)
            return trusthub::errc::not_found;
        return {};
    }

    trusthub::result<trusthub::page_slice> list_now(const std::string& account_sid, const trusthub::page_query& query)
    {
        trusthub::page_slice slice;
        bool backward = query.before.has_value();
        auto cursor = static_cast<std::int64_t>(backward ? *query.before : query.after.value_or(0));
        {
            // One row more than the page holds tells whether more lie beyond it.
            detail::statement::use page(backward ? statements_->page_before : statements_->page_after);
            page.bind(1, account_sid).bind(2, cursor).bind(3, static_cast<std::int64_t>(query.limit) + 1);
            int rc;
            while ((rc = page.step()) == SQLITE_ROW)
                slice.items.push_back(read_row(page));
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc).error();
        }
        bool beyond = slice.items.size() > query.limit;
        if (beyond)
            slice.items.pop_back();
        // The other side of the page is the other side of the cursor: any record at or before
        // `after` lies before the page, any record at or after `before` lies after it.
        detail::statement::use other_side(backward ? statements_->any_from : statements_->any_up_to);
        other_side.bind(1, account_sid).bind(2, cursor);
        int rc = other_side.step();
        if (rc != SQLITE_ROW)
            return detail::classify(db_, rc).error();
        bool across = other_side.integer(0) != 0;
        if (backward) {
            std::reverse(slice.items.begin(), slice.items.end());
            slice.more_before = beyond;
            slice.more_after = across;
        } else {
            slice.more_after = beyond;
            slice.more_before = across;
        }
        return slice;
    }

    sqlite3* db_;
    std::unique_ptr<prepared> statements_;
    // One thread for one connection: it runs the calls one at a time, in the order they come.
    // (More connections would need a pool of them, each used by one call at a time.)
    boost::asio::thread_pool connection_{1};
};

} // namespace sqlite_example

#endif
