// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_STORE_HPP
#define TRUSTHUB_POSTGRES_STORE_HPP

#include <trusthub/log.hpp>
#include <trusthub/store/store.hpp>
#include <trusthub/postgres/detail/pool.hpp>
#include <trusthub/postgres/detail/schema.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
    /// Connections list calls may hold at once. The others are kept for fetch, create, update
    /// and remove, so that these never wait behind pages. 0: all but a quarter of the pool,
    /// keeping at least one connection when the pool has two or more.
    std::size_t list_connections = 0;
    /// How long a call waits for a free connection before it is `errc::unavailable`.
    std::chrono::milliseconds acquire_timeout{2000};
    /// How long opening a connection (and preparing it) may take.
    std::chrono::milliseconds connect_timeout{3000};
    /// How long one statement may take; the connection is dropped when it runs out.
    std::chrono::milliseconds query_timeout{5000};
    /// After a failed connect, calls that need a new connection fail at once for this long.
    std::chrono::milliseconds retry_interval{250};
    /// Why the database was unavailable, at `log_level::warning`; never record data. The
    /// default: standard error, without holding up the store (see `logger`).
    trusthub::logger log;
};

/// A `trusthub::store` in PostgreSQL: several processes sharing one database serve one
/// dataset. Records of every kind live in one table (see `detail/schema.hpp`).
///
/// Non-blocking throughout: libpq's asynchronous API, with every wait an `async_wait` on the
/// connection's socket, connecting included. The pool and its connections live on a strand of
/// the executor given; each call runs there and its caller resumes on its own executor, so the
/// store may be called from any number of threads. A page is read out of its result on the
/// caller's executor, not on the strand that every call shares.
///
/// The schema is created or migrated on the first connection (see `doc/postgres.md`). A
/// database that is down, restarting or too slow gives `errc::unavailable` within the
/// configured timeouts; the store recovers by itself when the database is back. A call returns
/// success only after its statement committed.
class store final : public trusthub::store {
public:
    store(boost::asio::any_io_executor ex, store_options options)
        : strand_(boost::asio::make_strand(ex)),
          names_(std::make_shared<const detail::statement_names>(options.schema)),
          pool_(std::make_shared<detail::pool>(strand_, settings(options)))
    {
    }

    store(const store&) = delete;
    store& operator=(const store&) = delete;

    boost::asio::awaitable<result<record>> create(record fresh) override
    {
        auto work = do_create(pool_, names_, std::move(fresh));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<record>> fetch(record_key key) override
    {
        auto work = do_fetch(pool_, names_, std::move(key));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        auto work = do_update(pool_, names_, std::move(key), std::move(patch));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<void>> remove(record_key key) override
    {
        auto work = do_remove(pool_, names_, std::move(key));
        co_return co_await on_strand(std::move(work));
    }

    boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override
    {
        auto work = do_list(pool_, names_, std::move(scope), query);
        detail::outcome out = co_await on_strand(std::move(work));
        if (auto failed = failure(out))
            co_return *failed;
        page_slice slice;
        auto collect = [&slice](const PGresult* rows, int row) { slice.items.push_back(read_record(rows, row, 1)); };
        page_slice bounds = read_page(out.result.get(), query, collect);
        slice.more_after = bounds.more_after;
        slice.more_before = bounds.more_before;
        co_return slice;
    }

    /// Hands out views of the page's rows where libpq keeps them: no `record` is built.
    boost::asio::awaitable<result<page_slice>> visit_page(list_scope scope, page_query query,
                                                          record_visitor visit) override
    {
        auto work = do_list(pool_, names_, std::move(scope), query);
        detail::outcome out = co_await on_strand(std::move(work));
        if (auto failed = failure(out))
            co_return *failed;
        std::vector<std::string_view> fields;
        auto each = [&visit, &fields](const PGresult* rows, int row) { visit(read_view(rows, row, 1, fields)); };
        co_return read_page(out.result.get(), query, each);
    }

private:
    using params = std::vector<std::optional<std::string>>;
    using names_ptr = std::shared_ptr<const detail::statement_names>;

    static detail::pool_settings settings(const store_options& o)
    {
        detail::pool_settings s;
        s.conninfo = o.conninfo;
        s.size = o.pool_size == 0 ? 1 : o.pool_size;
        s.list_limit = o.list_connections != 0 ? o.list_connections
                       : s.size == 1           ? 1
                                               : s.size - std::max<std::size_t>(1, s.size / 4);
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

    static detail::query prepared(const std::string& name, params p)
    {
        detail::query q;
        q.text = name;
        q.params = std::move(p);
        return q;
    }

    static boost::asio::awaitable<result<record>> do_create(std::shared_ptr<detail::pool> pool, names_ptr names,
                                                            record fresh)
    {
        params p{fresh.sid,
                 fresh.kind,
                 fresh.account_sid,
                 fresh.parent_sid,
                 seconds(fresh.date_created),
                 seconds(fresh.date_updated),
                 array_literal(fresh.fields),
                 array_literal(fresh.references)};
        auto out = co_await pool->execute(detail::call_kind::cheap, prepared(names->create, std::move(p)));
        if (auto failed = failure(out))
            co_return *failed;
        const std::int64_t drawn = single_integer(out);
        switch (drawn) {
        case detail::create_refused::already_exists: co_return errc::already_exists;
        case detail::create_refused::no_parent: co_return errc::not_found;
        case detail::create_refused::missing_reference: co_return errc::missing_reference;
        }
        if (drawn <= 0)
            throw std::runtime_error("trusthub::postgres::store: records_create returned no sequence");
        // The record itself is the answer: what was stored is what was sent, and its sequence.
        fresh.sequence = static_cast<std::uint64_t>(drawn);
        co_return fresh;
    }

    static params key_params(record_key key)
    {
        return {std::move(key.kind), std::move(key.account_sid), std::move(key.parent_sid), std::move(key.sid)};
    }

    static boost::asio::awaitable<result<record>> do_fetch(std::shared_ptr<detail::pool> pool, names_ptr names,
                                                           record_key key)
    {
        auto out = co_await pool->execute(detail::call_kind::cheap, prepared(names->fetch, key_params(std::move(key))));
        co_return one_record(out, errc::not_found);
    }

    static boost::asio::awaitable<result<record>> do_update(std::shared_ptr<detail::pool> pool, names_ptr names,
                                                            record_key key, record_patch patch)
    {
        // Each position once, the last text given for it winning; in order, which the
        // statement does not need but makes the parameters readable in a log.
        std::stable_sort(patch.fields.begin(), patch.fields.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string positions = "{";
        std::vector<std::string_view> texts;
        for (std::size_t i = 0; i < patch.fields.size(); ++i) {
            if (i + 1 < patch.fields.size() && patch.fields[i + 1].first == patch.fields[i].first)
                continue;
            const std::size_t index = patch.fields[i].first;
            if (index >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
                throw std::invalid_argument("trusthub::postgres::store: a field index past an array's reach");
            if (!texts.empty())
                positions += ',';
            positions += std::to_string(index + 1);
            texts.push_back(patch.fields[i].second);
        }
        positions += '}';
        params p = key_params(std::move(key));
        p.push_back(std::move(positions));
        p.push_back(array_literal(texts));
        p.push_back(seconds(patch.date_updated));
        auto out = co_await pool->execute(detail::call_kind::cheap, prepared(names->update, std::move(p)));
        co_return one_record(out, errc::not_found);
    }

    static boost::asio::awaitable<result<void>> do_remove(std::shared_ptr<detail::pool> pool, names_ptr names,
                                                          record_key key)
    {
        auto out = co_await pool->execute(detail::call_kind::cheap, prepared(names->remove, key_params(std::move(key))));
        if (auto failed = failure(out))
            co_return *failed;
        switch (single_integer(out)) {
        case detail::remove_outcome::removed: co_return result<void>{};
        case detail::remove_outcome::not_found: co_return errc::not_found;
        case detail::remove_outcome::referenced: co_return errc::referenced;
        }
        throw std::runtime_error("trusthub::postgres::store: records_remove returned an unknown outcome");
    }

    // Runs a page's statement; its rows are read by the caller (`read_page`).
    static boost::asio::awaitable<detail::outcome> do_list(std::shared_ptr<detail::pool> pool, names_ptr names,
                                                           list_scope scope, page_query q)
    {
        detail::list_shape shape;
        detail::query request;
        request.params.push_back(std::move(scope.kind));
        request.params.push_back(std::move(scope.account_sid));
        shape.one_parent = scope.parent_sid.has_value();
        if (scope.parent_sid)
            request.params.push_back(std::move(*scope.parent_sid));
        if (q.before) {
            shape.where = detail::list_shape::from::before;
            request.params.push_back(std::to_string(clamp(*q.before)));
        } else if (q.after) {
            shape.where = detail::list_shape::from::after;
            request.params.push_back(std::to_string(clamp(*q.after)));
        }
        // One more than asked, to learn whether the page has a neighbour in its direction.
        constexpr auto most = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max() - 1);
        request.params.push_back(std::to_string(std::min(q.limit, most) + 1));
        for (record_filter& f : scope.filters) {
            shape.filter_fields.push_back(f.field);
            request.params.push_back(array_literal(f.values));
        }
        if (shape.one_parent && shape.filter_fields.empty()) {
            request.text = shape.where == detail::list_shape::from::first   ? names->list_first
                           : shape.where == detail::list_shape::from::after ? names->list_after
                                                                            : names->list_before;
        } else {
            // Under any parent or filtered: a statement of this shape, planned for this call.
            // The values are still parameters; only the shape is written into the text.
            request.prepared = false;
            request.text = detail::list_sql(names->schema, shape);
        }
        co_return co_await pool->execute(detail::call_kind::list, std::move(request));
    }

    // Reads a page's rows (the first column the probe of the other side, the record's from
    // the second), calling `each(rows, row)` for each record of the page in order, and says
    // what lies beyond it.
    template <class Each>
    static page_slice read_page(const PGresult* rows, const page_query& q, Each& each)
    {
        page_slice slice;
        int n = PQntuples(rows);
        // Every row carries the probe, the one row of an empty page too.
        const bool other_side = n > 0 && boolean(rows, 0, 0);
        // The outer join's empty side: no records.
        if (n == 1 && PQgetisnull(rows, 0, 1))
            n = 0;
        const bool beyond = static_cast<std::size_t>(n) > q.limit;
        int begin = 0, end = n;
        if (q.before) {
            // The extra record is the earliest: drop it from the front.
            if (beyond)
                begin = 1;
            slice.more_before = beyond;
            slice.more_after = other_side;
        } else {
            if (beyond)
                end = n - 1;
            slice.more_after = beyond;
            slice.more_before = q.after && other_side;
        }
        for (int row = begin; row < end; ++row)
            each(rows, row);
        return slice;
    }

    // The one record a fetch or update returns, or `missing` when no row came back.
    static result<record> one_record(const detail::outcome& out, errc missing)
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

    /// `texts` as a PostgreSQL array literal: every element quoted, so that no text (empty,
    /// `NULL`, braces, commas, blanks) is read as anything but itself.
    template <class Texts>
    static std::string array_literal(const Texts& texts)
    {
        std::size_t size = 2;
        for (const auto& t : texts)
            size += std::string_view(t).size() + 3;
        std::string out;
        out.reserve(size);
        out += '{';
        bool first = true;
        for (const auto& t : texts) {
            if (!first)
                out += ',';
            first = false;
            out += '"';
            for (char c : std::string_view(t)) {
                if (c == '"' || c == '\\')
                    out += '\\';
                out += c;
            }
            out += '"';
        }
        out += '}';
        return out;
    }

    // --- binary results ----------------------------------------------------------------

    [[noreturn]] static void malformed() { throw std::runtime_error("trusthub::postgres::store: malformed result"); }

    static std::string_view bytes(const PGresult* r, int row, int column)
    {
        return {PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column))};
    }

    // A big-endian signed integer of `size` bytes at `p`.
    static std::int64_t big_endian(const char* p, std::size_t size) noexcept
    {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < size; ++i)
            v = v << 8 | static_cast<unsigned char>(p[i]);
        if (size < 8 && (v >> (8 * size - 1) & 1))
            v |= ~std::uint64_t(0) << (8 * size);
        return static_cast<std::int64_t>(v);
    }

    // A smallint, integer or bigint column.
    static std::int64_t integer(const PGresult* r, int row, int column)
    {
        std::string_view b = bytes(r, row, column);
        if (PQgetisnull(r, row, column) || (b.size() != 2 && b.size() != 4 && b.size() != 8))
            malformed();
        return big_endian(b.data(), b.size());
    }

    static bool boolean(const PGresult* r, int row, int column)
    {
        std::string_view b = bytes(r, row, column);
        if (b.size() != 1)
            malformed();
        return b[0] != 0;
    }

    // The one integer a function call returns.
    static std::int64_t single_integer(const detail::outcome& out)
    {
        if (PQntuples(out.result.get()) != 1 || PQnfields(out.result.get()) != 1)
            malformed();
        return integer(out.result.get(), 0, 0);
    }

    // Calls `each(text)` for every element of a one-dimensional text[] in binary form: the
    // dimension count, a null flag, the element type; per dimension its length and lower
    // bound; then each element as a length (-1: NULL, given as an empty text) and its bytes.
    template <class Each>
    static void each_element(std::string_view b, Each&& each)
    {
        std::size_t at = 0;
        auto next = [&]() -> std::int64_t {
            if (b.size() - at < 4)
                malformed();
            std::int64_t v = big_endian(b.data() + at, 4);
            at += 4;
            return v;
        };
        const std::int64_t dimensions = next();
        next();  // whether there are nulls
        next();  // the element type
        if (dimensions == 0)
            return;
        if (dimensions != 1)
            malformed();
        const std::int64_t count = next();
        next();  // lower bound
        for (std::int64_t i = 0; i < count; ++i) {
            const std::int64_t size = next();
            if (size < 0) {
                each(std::string_view());
                continue;
            }
            if (static_cast<std::uint64_t>(size) > b.size() - at)
                malformed();
            each(b.substr(at, static_cast<std::size_t>(size)));
            at += static_cast<std::size_t>(size);
        }
    }

    // The record columns (detail::record_columns) from `first`, copied.
    static record read_record(const PGresult* r, int row, int first)
    {
        record out;
        out.sequence = static_cast<std::uint64_t>(integer(r, row, first));
        out.kind = bytes(r, row, first + 1);
        out.sid = bytes(r, row, first + 2);
        out.account_sid = bytes(r, row, first + 3);
        out.parent_sid = bytes(r, row, first + 4);
        out.date_created = timestamp(std::chrono::seconds(integer(r, row, first + 5)));
        out.date_updated = timestamp(std::chrono::seconds(integer(r, row, first + 6)));
        each_element(bytes(r, row, first + 7), [&out](std::string_view t) { out.fields.emplace_back(t); });
        each_element(bytes(r, row, first + 8), [&out](std::string_view t) { out.references.emplace_back(t); });
        return out;
    }

    // The record columns from `first`, as a view into the result; `fields` keeps the views of
    // its fields.
    static record_view read_view(const PGresult* r, int row, int first, std::vector<std::string_view>& fields)
    {
        record_view v;
        v.sequence = static_cast<std::uint64_t>(integer(r, row, first));
        v.kind = bytes(r, row, first + 1);
        v.sid = bytes(r, row, first + 2);
        v.account_sid = bytes(r, row, first + 3);
        v.parent_sid = bytes(r, row, first + 4);
        v.date_created = timestamp(std::chrono::seconds(integer(r, row, first + 5)));
        v.date_updated = timestamp(std::chrono::seconds(integer(r, row, first + 6)));
        fields.clear();
        each_element(bytes(r, row, first + 7), [&fields](std::string_view t) { fields.push_back(t); });
        v.fields = fields;
        return v;
    }

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    names_ptr names_;
    std::shared_ptr<detail::pool> pool_;
};

} // namespace trusthub::postgres

#endif
