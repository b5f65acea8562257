// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_EXAMPLE_SQLITE_STORE_HPP
#define TRUSTHUB_EXAMPLE_SQLITE_STORE_HPP

// A store written the way a user of the library would write one: records of every kind in an
// SQLite database, through SQLite's blocking C API. `doc/writing-a-store.md` walks through it.
//
// The rules that shape it:
//  - A blocking call must never run on a thread of the caller's io_context: every statement
//    runs on a thread pool of the store's own.
//  - The caller's coroutine must resume on the executor it awaited from. `co_spawn` onto the
//    pool, awaited with `use_awaitable`, gives both: the work runs on the pool, and the
//    completion goes back through the awaiting coroutine's executor.
//  - A create checks its parent and references, and a remove its subtree's referrers, in the
//    same transaction as the write: nothing can come between the check and the write.
//
// One connection serves every call, one at a time (the pool has one thread), so no two calls
// interleave within this process; each write is a transaction, so none interleaves with a
// writer in another process either, and a write that fails half-way leaves nothing behind.

#include <trusthub/store/store.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

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

        /// Steps once: SQLITE_ROW while rows come, SQLITE_DONE when done, the error code otherwise.
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
inline trusthub::errc classify(sqlite3* db, int rc)
{
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return trusthub::errc::unavailable;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
}

// A record's fields in one column: a JSON array whose elements are the fields' texts, each
// written as a JSON string. The store never reads the texts as JSON; wrapping each in a string
// keeps it byte for byte, keeps null (the empty text) apart from a field whose text is `null`,
// and lets SQL read field N as `json_extract(fields, '$[N]')` for a filter.

inline std::string encode_fields(const std::vector<std::string>& fields)
{
    std::string out = "[";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        for (char c : fields[i]) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
                out += escape;
            } else {
                out += c;
            }
        }
        out += '"';
    }
    return out + "]";
}

/// The fields `encode_fields` wrote (this store is the column's only writer: anything else is
/// a fault).
inline std::vector<std::string> decode_fields(std::string_view text)
{
    auto malformed = [] { return std::runtime_error("sqlite: malformed fields column"); };
    std::vector<std::string> fields;
    std::size_t i = 0;
    auto expect = [&](char c) {
        if (i >= text.size() || text[i] != c)
            throw malformed();
        ++i;
    };
    expect('[');
    while (i < text.size() && text[i] != ']') {
        if (!fields.empty())
            expect(',');
        expect('"');
        std::string& field = fields.emplace_back();
        while (i < text.size() && text[i] != '"') {
            char c = text[i++];
            if (c != '\\') {
                field += c;
                continue;
            }
            if (i >= text.size())
                throw malformed();
            char e = text[i++];
            if (e == '"' || e == '\\') {
                field += e;
            } else if (e == 'u' && i + 4 <= text.size() && text.substr(i, 2) == "00") {
                field += static_cast<char>(std::stoi(std::string(text.substr(i + 2, 2)), nullptr, 16));
                i += 4;
            } else {
                throw malformed();
            }
        }
        expect('"');
    }
    expect(']');
    return fields;
}

} // namespace detail

struct sqlite_store_options {
    /// A file name, or ":memory:" for a private database that ends with the store.
    std::string path = ":memory:";
    /// How long a statement waits for a lock held by another connection before the call
    /// answers `errc::unavailable`.
    std::chrono::milliseconds busy_timeout{2000};
};

/// Records of every kind in SQLite. Safe to call from any number of threads and io_contexts.
class sqlite_store final : public trusthub::store {
public:
    explicit sqlite_store(sqlite_store_options options = {}) : db_(open(options)) { prepare(); }
    sqlite_store(const sqlite_store&) = delete;
    sqlite_store& operator=(const sqlite_store&) = delete;

    ~sqlite_store() override
    {
        // Calls still running finish before the statements and the connection go away.
        connection_.join();
        lists_.clear();
        statements_.reset();
        sqlite3_close_v2(db_);
    }

    boost::asio::awaitable<trusthub::result<trusthub::record>> create(trusthub::record fresh) override
    {
        auto work = [this, fresh = std::move(fresh)]() mutable { return create_now(std::move(fresh)); };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<trusthub::record>> fetch(trusthub::record_key key) override
    {
        auto work = [this, key = std::move(key)] { return fetch_now(key); };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<trusthub::record>> update(trusthub::record_key key,
                                                                      trusthub::record_patch patch) override
    {
        auto work = [this, key = std::move(key), patch = std::move(patch)] { return update_now(key, patch); };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<void>> remove(trusthub::record_key key) override
    {
        auto work = [this, key = std::move(key)] { return remove_now(key); };
        co_return co_await on_connection(std::move(work));
    }

    boost::asio::awaitable<trusthub::result<trusthub::page_slice>> list(trusthub::list_scope scope,
                                                                        trusthub::page_query query) override
    {
        auto work = [this, scope = std::move(scope), query] { return list_now(scope, query); };
        co_return co_await on_connection(std::move(work));
    }

private:
    // One table for every kind. `sequence` is the rowid: AUTOINCREMENT keeps SQLite from handing
    // out the rowid of a deleted newest row again, which a plain INTEGER PRIMARY KEY would do.
    // The first index makes a page of one scope a range scan; the second a page under any
    // parent; the third finds a record's children for a cascading remove. References live in a
    // table of their own, indexed by the SID they name, so that a remove finds its referrers;
    // their rows go with their record (ON DELETE CASCADE).
    static constexpr std::string_view schema = R"(
        CREATE TABLE IF NOT EXISTS records (
            sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
            kind         TEXT NOT NULL,
            sid          TEXT NOT NULL UNIQUE,
            account_sid  TEXT NOT NULL,
            parent_sid   TEXT NOT NULL,
            date_created INTEGER NOT NULL,
            date_updated INTEGER NOT NULL,
            fields       TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS records_by_scope ON records (account_sid, kind, parent_sid, sequence);
        CREATE INDEX IF NOT EXISTS records_by_kind ON records (account_sid, kind, sequence);
        CREATE INDEX IF NOT EXISTS records_by_parent ON records (parent_sid);
        CREATE TABLE IF NOT EXISTS record_references (
            referrer INTEGER NOT NULL REFERENCES records (sequence) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            sid      TEXT NOT NULL,
            PRIMARY KEY (referrer, position)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS record_references_by_sid ON record_references (sid);
    )";

    // A record's subtree: itself and every record under it, at any depth.
#define TRUSTHUB_SQLITE_SUBTREE                                                                     \
    "WITH RECURSIVE subtree(sid) AS (SELECT ?1 UNION SELECT r.sid FROM records r JOIN subtree s " \
    "ON r.parent_sid = s.sid WHERE r.account_sid = ?2) "
#define TRUSTHUB_SQLITE_COLUMNS "sequence, kind, sid, account_sid, parent_sid, date_created, date_updated, fields"
    struct prepared {
        explicit prepared(sqlite3* db)
            : begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT"), rollback(db, "ROLLBACK"),
              sid_taken(db, "SELECT EXISTS (SELECT 1 FROM records WHERE sid = ?1)"),
              in_account(db, "SELECT EXISTS (SELECT 1 FROM records WHERE sid = ?1 AND account_sid = ?2)"),
              insert(db, "INSERT INTO records (kind, sid, account_sid, parent_sid, date_created, date_updated, "
                         "fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
              insert_reference(db, "INSERT INTO record_references (referrer, position, sid) VALUES (?1, ?2, ?3)"),
              select(db, "SELECT " TRUSTHUB_SQLITE_COLUMNS " FROM records WHERE sid = ?1 AND account_sid = ?2 "
                         "AND kind = ?3 AND parent_sid = ?4"),
              references(db, "SELECT sid FROM record_references WHERE referrer = ?1 ORDER BY position"),
              update(db, "UPDATE records SET fields = ?2, date_updated = ?3 WHERE sequence = ?1"),
              referenced_from_outside(db, TRUSTHUB_SQLITE_SUBTREE
                                      "SELECT EXISTS (SELECT 1 FROM record_references ref "
                                      "JOIN records r ON r.sequence = ref.referrer "
                                      "WHERE ref.sid IN (SELECT sid FROM subtree) "
                                      "AND r.sid NOT IN (SELECT sid FROM subtree))"),
              erase(db, TRUSTHUB_SQLITE_SUBTREE "DELETE FROM records WHERE sid IN (SELECT sid FROM subtree)")
        {
        }
        detail::statement begin, commit, rollback, sid_taken, in_account, insert, insert_reference, select,
            references, update, referenced_from_outside, erase;
    };
#undef TRUSTHUB_SQLITE_SUBTREE

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
        // Foreign keys are off in SQLite unless a connection turns them on.
        std::string script = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;";
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

    /// A write transaction: committed by `commit`, rolled back if left before that, however.
    class transaction {
    public:
        explicit transaction(sqlite_store& s) : store_(s) {}
        transaction(const transaction&) = delete;
        transaction& operator=(const transaction&) = delete;
        ~transaction()
        {
            if (open_) {
                detail::statement::use rollback(store_.statements_->rollback);
                rollback.step();
            }
        }

        /// BEGIN IMMEDIATE takes the write lock now, so no other connection writes between
        /// this transaction's reads and its writes.
        trusthub::result<void> begin()
        {
            detail::statement::use begin(store_.statements_->begin);
            int rc = begin.step();
            if (rc != SQLITE_DONE)
                return detail::classify(store_.db_, rc);
            open_ = true;
            return {};
        }

        trusthub::result<void> commit()
        {
            detail::statement::use commit(store_.statements_->commit);
            int rc = commit.step();
            if (rc != SQLITE_DONE)
                return detail::classify(store_.db_, rc);
            open_ = false;
            return {};
        }

    private:
        sqlite_store& store_;
        bool open_ = false;
    };

    /// Whether the one-row, one-column answer of `query` is true.
    trusthub::result<bool> exists(detail::statement::use& query)
    {
        int rc = query.step();
        if (rc != SQLITE_ROW)
            return detail::classify(db_, rc);
        return query.integer(0) != 0;
    }

    trusthub::result<bool> in_account(std::string_view sid, std::string_view account_sid)
    {
        detail::statement::use query(statements_->in_account);
        query.bind(1, sid).bind(2, account_sid);
        return exists(query);
    }

    trusthub::result<std::vector<std::string>> references_of(std::int64_t sequence)
    {
        detail::statement::use query(statements_->references);
        query.bind(1, sequence);
        std::vector<std::string> out;
        int rc;
        while ((rc = query.step()) == SQLITE_ROW)
            out.push_back(query.text(0));
        if (rc != SQLITE_DONE)
            return detail::classify(db_, rc);
        return out;
    }

    /// The row `row` is on, with its references.
    trusthub::result<trusthub::record> read_row(const detail::statement::use& row)
    {
        trusthub::record r;
        r.sequence = static_cast<std::uint64_t>(row.integer(0));
        r.kind = row.text(1);
        r.sid = row.text(2);
        r.account_sid = row.text(3);
        r.parent_sid = row.text(4);
        r.date_created = trusthub::timestamp(std::chrono::seconds(row.integer(5)));
        r.date_updated = trusthub::timestamp(std::chrono::seconds(row.integer(6)));
        r.fields = detail::decode_fields(row.text(7));
        auto references = references_of(row.integer(0));
        if (!references)
            return references.error();
        r.references = std::move(*references);
        return r;
    }

    trusthub::result<trusthub::record> create_now(trusthub::record fresh)
    {
        transaction tx(*this);
        if (auto begun = tx.begin(); !begun)
            return begun.error();
        {
            detail::statement::use taken(statements_->sid_taken);
            taken.bind(1, fresh.sid);
            auto found = exists(taken);
            if (!found)
                return found.error();
            if (*found)
                return trusthub::errc::already_exists;
        }
        if (!fresh.parent_sid.empty()) {
            auto parent = in_account(fresh.parent_sid, fresh.account_sid);
            if (!parent)
                return parent.error();
            if (!*parent)
                return trusthub::errc::not_found;
        }
        for (const auto& sid : fresh.references) {
            auto referred = in_account(sid, fresh.account_sid);
            if (!referred)
                return referred.error();
            if (!*referred)
                return trusthub::errc::missing_reference;
        }
        {
            detail::statement::use insert(statements_->insert);
            insert.bind(1, fresh.kind)
                .bind(2, fresh.sid)
                .bind(3, fresh.account_sid)
                .bind(4, fresh.parent_sid)
                .bind(5, std::int64_t{fresh.date_created.time_since_epoch().count()})
                .bind(6, std::int64_t{fresh.date_updated.time_since_epoch().count()})
                .bind(7, detail::encode_fields(fresh.fields));
            int rc = insert.step();
            // The UNIQUE constraint on sid would refuse a repeat the check above missed.
            if (rc == SQLITE_CONSTRAINT_UNIQUE)
                return trusthub::errc::already_exists;
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc);
        }
        fresh.sequence = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db_));
        for (std::size_t i = 0; i < fresh.references.size(); ++i) {
            detail::statement::use insert(statements_->insert_reference);
            insert.bind(1, static_cast<std::int64_t>(fresh.sequence))
                .bind(2, static_cast<std::int64_t>(i))
                .bind(3, fresh.references[i]);
            int rc = insert.step();
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc);
        }
        if (auto committed = tx.commit(); !committed)
            return committed.error();
        return fresh;
    }

    trusthub::result<trusthub::record> fetch_now(const trusthub::record_key& key)
    {
        detail::statement::use select(statements_->select);
        select.bind(1, key.sid).bind(2, key.account_sid).bind(3, key.kind).bind(4, key.parent_sid);
        int rc = select.step();
        if (rc == SQLITE_ROW)
            return read_row(select);
        if (rc == SQLITE_DONE)
            return trusthub::errc::not_found;
        return detail::classify(db_, rc);
    }

    trusthub::result<trusthub::record> update_now(const trusthub::record_key& key, const trusthub::record_patch& patch)
    {
        transaction tx(*this);
        if (auto begun = tx.begin(); !begun)
            return begun.error();
        // Read, patch, write back: inside the transaction, on the one connection, so no other
        // update comes between (two updates of different fields both survive).
        auto current = fetch_now(key);
        if (!current)
            return current.error();
        trusthub::record r = std::move(*current);
        for (const auto& [index, text] : patch.fields) {
            if (index >= r.fields.size())
                r.fields.resize(index + 1);
            r.fields[index] = text;
        }
        r.date_updated = patch.date_updated;
        {
            detail::statement::use update(statements_->update);
            update.bind(1, static_cast<std::int64_t>(r.sequence))
                .bind(2, detail::encode_fields(r.fields))
                .bind(3, std::int64_t{r.date_updated.time_since_epoch().count()});
            int rc = update.step();
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc);
        }
        if (auto committed = tx.commit(); !committed)
            return committed.error();
        return r;
    }

    trusthub::result<void> remove_now(const trusthub::record_key& key)
    {
        transaction tx(*this);
        if (auto begun = tx.begin(); !begun)
            return begun;
        {
            auto found = fetch_now(key);
            if (!found)
                return found.error();
        }
        {
            detail::statement::use held(statements_->referenced_from_outside);
            held.bind(1, key.sid).bind(2, key.account_sid);
            auto referenced = exists(held);
            if (!referenced)
                return referenced.error();
            if (*referenced)
                return trusthub::errc::referenced;
        }
        {
            detail::statement::use erase(statements_->erase);
            erase.bind(1, key.sid).bind(2, key.account_sid);
            int rc = erase.step();
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc);
        }
        return tx.commit();
    }

    // --- pages ---------------------------------------------------------------------------------
    //
    // A list's SQL depends on the scope's shape (a parent or not, how many filters, how many
    // values each), so it is written per shape and its statements kept by their text.

    struct list_statements {
        list_statements(sqlite3* db, std::string_view page_sql, std::string_view other_side_sql)
            : page(db, page_sql), other_side(db, other_side_sql)
        {
        }
        detail::statement page;        // the page, with one row more than it holds
        detail::statement other_side;  // whether any record lies on the far side of the cursor
    };

    static std::string scope_sql(const trusthub::list_scope& scope)
    {
        std::string sql = "account_sid = ?1 AND kind = ?2";
        int n = 3;
        if (scope.parent_sid)
            sql += " AND parent_sid = ?" + std::to_string(n++);
        for (const auto& f : scope.filters) {
            auto path = "?" + std::to_string(n++);
            // `IN ()` is no SQL: a filter without values lets nothing through.
            if (f.values.empty()) {
                sql += " AND (" + path + " IS NULL AND 0)";
                continue;
            }
            // A field past the end of the array is null, as the empty text is.
            sql += " AND coalesce(json_extract(fields, " + path + "), '') IN (";
            for (std::size_t i = 0; i < f.values.size(); ++i)
                sql += (i ? ", ?" : "?") + std::to_string(n++);
            sql += ")";
        }
        return sql;
    }

    static int bind_scope(detail::statement::use& query, const trusthub::list_scope& scope)
    {
        query.bind(1, scope.account_sid).bind(2, scope.kind);
        int n = 3;
        if (scope.parent_sid)
            query.bind(n++, *scope.parent_sid);
        for (const auto& f : scope.filters) {
            query.bind(n++, "$[" + std::to_string(f.field) + "]");
            for (const auto& v : f.values)
                query.bind(n++, v);
        }
        return n;
    }

    list_statements& statements_for(const trusthub::list_scope& scope, bool backward)
    {
        std::string where = scope_sql(scope);
        std::string key = (backward ? "before " : "after ") + where;
        auto it = lists_.find(key);
        if (it != lists_.end())
            return *it->second;
        // Each shape is a few hundred bytes of SQL; a bound on them keeps a client that sends
        // every shape there is from growing the cache without end.
        if (lists_.size() >= 256)
            lists_.clear();
        auto cursor = "?" + std::to_string(count_parameters(scope) + 1);
        auto limit = "?" + std::to_string(count_parameters(scope) + 2);
        std::string page = "SELECT " TRUSTHUB_SQLITE_COLUMNS " FROM records WHERE " + where +
                           (backward ? " AND sequence < " + cursor + " ORDER BY sequence DESC"
                                     : " AND sequence > " + cursor + " ORDER BY sequence") +
                           " LIMIT " + limit;
        std::string other_side = "SELECT EXISTS (SELECT 1 FROM records WHERE " + where +
                                 (backward ? " AND sequence >= " : " AND sequence <= ") + cursor + ")";
        auto made = std::make_unique<list_statements>(db_, page, other_side);
        return *lists_.emplace(std::move(key), std::move(made)).first->second;
    }

    static int count_parameters(const trusthub::list_scope& scope)
    {
        int n = 2 + (scope.parent_sid ? 1 : 0);
        for (const auto& f : scope.filters)
            n += 1 + static_cast<int>(f.values.size());
        return n;
    }

    trusthub::result<trusthub::page_slice> list_now(const trusthub::list_scope& scope,
                                                    const trusthub::page_query& query)
    {
        trusthub::page_slice slice;
        bool backward = query.before.has_value();
        // Sequences are SQLite integers: a cursor past the largest is the largest.
        auto cursor = static_cast<std::int64_t>(
            std::min<std::uint64_t>(backward ? *query.before : query.after.value_or(0), INT64_MAX));
        list_statements& statements = statements_for(scope, backward);
        {
            // One row more than the page holds tells whether more lie beyond it.
            detail::statement::use page(statements.page);
            int n = bind_scope(page, scope);
            auto limit = static_cast<std::int64_t>(std::min<std::size_t>(query.limit, INT64_MAX - 1));
            page.bind(n, cursor).bind(n + 1, limit + 1);
            int rc;
            while ((rc = page.step()) == SQLITE_ROW) {
                auto r = read_row(page);
                if (!r)
                    return r.error();
                slice.items.push_back(std::move(*r));
            }
            if (rc != SQLITE_DONE)
                return detail::classify(db_, rc);
        }
        bool beyond = slice.items.size() > query.limit;
        if (beyond)
            slice.items.pop_back();
        // The other side of the page is the other side of the cursor: any record at or before
        // `after` lies before the page, any record at or after `before` lies after it.
        detail::statement::use other_side(statements.other_side);
        int n = bind_scope(other_side, scope);
        other_side.bind(n, cursor);
        auto across = exists(other_side);
        if (!across)
            return across.error();
        if (backward) {
            std::reverse(slice.items.begin(), slice.items.end());
            slice.more_before = beyond;
            slice.more_after = *across;
        } else {
            slice.more_after = beyond;
            slice.more_before = *across;
        }
        return slice;
    }
#undef TRUSTHUB_SQLITE_COLUMNS

    sqlite3* db_;
    std::unique_ptr<prepared> statements_;
    std::map<std::string, std::unique_ptr<list_statements>> lists_;
    // One thread for one connection: it runs the calls one at a time, in the order they come.
    // (More connections would need a pool of them, each used by one call at a time.)
    boost::asio::thread_pool connection_{1};
};

} // namespace sqlite_example

#endif
