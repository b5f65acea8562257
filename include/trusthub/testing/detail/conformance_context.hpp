// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CONTEXT_HPP
#define TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CONTEXT_HPP

#include <trusthub/error.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/store/store.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace trusthub::testing {

/// How hard and how long the conformance kit works a store.
struct conformance_options {
    /// Each check must finish within this; a check that does not is reported, not waited for.
    std::chrono::seconds timeout{30};
    /// Threads running the io_context a check's store is made on (at least 2 for the
    /// executor and concurrency checks to mean anything).
    unsigned threads = 4;
    /// Store calls a concurrency check makes at once, in total.
    std::size_t concurrent_operations = 400;
};

/// One broken rule: which check found it and what it saw.
struct conformance_failure {
    std::string check;
    std::string message;
};

namespace detail {

/// Thrown by `require` to end a check whose later steps make no sense after a failure.
struct check_aborted {};

/// The kinds the checks store. They are made up: no resource descriptor knows them, so a store
/// that keeps whatever kind it is given passes, and one that knows only the real resources
/// does not. Any kind may live under a record of any kind; the checks mostly put children
/// under items and grandchildren under children.
struct kit_kind {
    const char* name;
    const char* prefix;  ///< of the kind's SIDs
};

inline constexpr kit_kind item_kind{"kit_items", "KI"};
inline constexpr kit_kind child_kind{"kit_children", "KC"};
inline constexpr kit_kind grandchild_kind{"kit_grandchildren", "KG"};
inline constexpr kit_kind link_kind{"kit_links", "KL"};

/// `text` as a JSON string, quotes and escapes included: what a field holding a string is.
inline std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
            out += escape;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// Which record `r` is, for fetch, update and remove.
inline record_key key_of(const record& r)
{
    return {r.kind, r.account_sid, r.parent_sid, r.sid};
}

/// The records of one kind of an account under `parent` (empty: the top level; no value: any).
inline list_scope scope_of(const kit_kind& kind, std::string account_sid,
                           std::optional<std::string> parent = std::string())
{
    return {kind.name, std::move(account_sid), std::move(parent), {}};
}

/// What one check sees: the store under test, the io_context executor it was made on, and
/// where failures go. Failures may be reported from any thread.
class conformance_context {
public:
    conformance_context(store& s, boost::asio::any_io_executor io, const conformance_options& options,
                        std::string check, unsigned check_index)
        : store_(s), io_(std::move(io)), options_(options), check_(std::move(check)), check_index_(check_index)
    {
    }

    store& records() noexcept { return store_; }
    const boost::asio::any_io_executor& io_executor() const noexcept { return io_; }
    const conformance_options& options() const noexcept { return options_; }

    void fail(std::string message)
    {
        std::lock_guard lock(mutex_);
        // A broken store can fail the same way thousands of times in a concurrency check.
        if (failures_.size() < 20)
            failures_.push_back({check_, std::move(message)});
        else if (failures_.size() == 20)
            failures_.push_back({check_, "(further failures of this check not shown)"});
    }

    void expect(bool condition, std::string_view message)
    {
        if (!condition)
            fail(std::string(message));
    }

    /// Like `expect`, but ends the check when the condition does not hold.
    void require(bool condition, std::string_view message)
    {
        if (!condition) {
            fail(std::string(message));
            throw check_aborted{};
        }
    }

    std::vector<conformance_failure> take_failures()
    {
        std::lock_guard lock(mutex_);
        return std::move(failures_);
    }

    /// A SID unique within this run: the check's index and a counter, so that a failure
    /// message names a record one can find in the store.
    std::string make_sid(std::string_view prefix)
    {
        return make_sid(prefix, check_index_, next_sid_.fetch_add(1) + 1);
    }

    static std::string make_sid(std::string_view prefix, std::uint64_t high, std::uint64_t low)
    {
        char digits[33];
        std::snprintf(digits, sizeof digits, "%016llx%016llx", static_cast<unsigned long long>(high),
                      static_cast<unsigned long long>(low));
        return std::string(prefix) + digits;
    }

    /// A complete record of `kind` in `account_sid` under `parent_sid` with a fresh SID, ready
    /// for `create`. Items have three fields (a string with escapes, an object, a status
    /// string); every other kind has two (a string and a number), so that a filter on the third
    /// field meets records that do not have it.
    record make_record(const kit_kind& kind, const std::string& account_sid, std::string parent_sid = {},
                       std::string_view label = "Ada \"Countess\" Lovelace")
    {
        record r;
        r.kind = kind.name;
        r.sid = make_sid(kind.prefix);
        r.account_sid = account_sid;
        r.parent_sid = std::move(parent_sid);
        r.date_created = timestamp(std::chrono::seconds(1'700'000'000));
        r.date_updated = timestamp(std::chrono::seconds(1'700'000'001));
        r.fields.push_back(json_string(label));
        if (std::string_view(kind.name) == item_kind.name) {
            r.fields.push_back(R"({"born":1815,"langs":["en","fr"],"note":"tab\there \u00e9","nested":{"ok":true}})");
            r.fields.push_back(R"("active")");
        } else {
            r.fields.push_back("7");
        }
        return r;
    }

    /// Creates a record and returns it as stored, ending the check if the store refuses.
    boost::asio::awaitable<record> create(record fresh)
    {
        std::string sid = fresh.sid;
        auto created = co_await store_.create(std::move(fresh));
        if (!created)
            fail("create " + sid + " failed: " + created.error().message());
        if (!created)
            throw check_aborted{};
        co_return *created;
    }

private:
    store& store_;
    boost::asio::any_io_executor io_;
    const conformance_options& options_;
    std::string check_;
    unsigned check_index_;
    std::atomic<std::uint64_t> next_sid_{0};
    std::mutex mutex_;
    std::vector<conformance_failure> failures_;
};

/// Waits, from a coroutine running on `executor` (a strand), until `done` was called as often
/// as `add`. The count is touched on that strand only.
class wait_group {
public:
    explicit wait_group(boost::asio::any_io_executor executor) : executor_(executor), timer_(executor)
    {
        timer_.expires_at(boost::asio::steady_timer::time_point::max());
    }

    void add(std::size_t n = 1) { pending_ += n; }

    /// Callable from any thread.
    void done()
    {
        auto finish_one = [this] {
            if (--pending_ == 0)
                timer_.cancel();
        };
        boost::asio::post(executor_, finish_one);
    }

    boost::asio::awaitable<void> wait()
    {
        while (pending_ != 0)
            co_await timer_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    }

private:
    boost::asio::any_io_executor executor_;
    boost::asio::steady_timer timer_;
    std::size_t pending_ = 0;
};

// --- what failure messages show ------------------------------------------------------------

inline const char* errc_name(errc e)
{
    switch (e) {
    case errc::not_found: return "not_found";
    case errc::already_exists: return "already_exists";
    case errc::invalid_page_token: return "invalid_page_token";
    case errc::unavailable: return "unavailable";
    case errc::referenced: return "referenced";
    case errc::missing_reference: return "missing_reference";
    }
    return "(unknown)";
}

/// A field's text as a message shows it: whole when short, its length and start when long.
inline std::string describe_text(std::string_view text)
{
    if (text.empty())
        return "null";
    if (text.size() <= 80)
        return std::string(text);
    return std::to_string(text.size()) + " bytes " + std::string(text.substr(0, 40)) + "...";
}

inline std::string describe(const record& r)
{
    std::ostringstream out;
    out << "{sequence " << r.sequence << ", " << r.kind << " " << r.sid << ", account " << r.account_sid;
    if (!r.parent_sid.empty())
        out << ", parent " << r.parent_sid;
    out << ", fields [";
    for (std::size_t i = 0; i < r.fields.size(); ++i)
        out << (i ? ", " : "") << describe_text(r.fields[i]);
    out << "]";
    if (!r.references.empty()) {
        out << ", references [";
        for (std::size_t i = 0; i < r.references.size(); ++i)
            out << (i ? " " : "") << r.references[i];
        out << "]";
    }
    out << ", date_created " << r.date_created.time_since_epoch().count() << ", date_updated "
        << r.date_updated.time_since_epoch().count() << "}";
    return out.str();
}

inline std::string describe(const record_key& k)
{
    std::string out = k.kind + " " + k.sid + " of " + k.account_sid;
    if (!k.parent_sid.empty())
        out += " under " + k.parent_sid;
    return out;
}

inline std::string describe(const list_scope& s)
{
    std::ostringstream out;
    out << s.kind << " of " << s.account_sid;
    if (!s.parent_sid)
        out << " under any parent";
    else if (!s.parent_sid->empty())
        out << " under " << *s.parent_sid;
    for (const auto& f : s.filters) {
        out << " where field " << f.field << " in {";
        for (std::size_t i = 0; i < f.values.size(); ++i)
            out << (i ? ", " : "") << describe_text(f.values[i]);
        out << "}";
    }
    return out.str();
}

template <class T>
std::string describe(const result<T>& r)
{
    if (!r)
        return "error \"" + r.error().message() + "\"";
    if constexpr (std::is_same_v<T, void>)
        return "success";
    else if constexpr (std::is_same_v<T, record>)
        return "record " + describe(*r);
    else
        return "a value";
}

inline std::string describe(const page_query& q)
{
    std::ostringstream out;
    out << "{";
    if (q.after)
        out << "after " << *q.after << ", ";
    if (q.before)
        out << "before " << *q.before << ", ";
    out << "limit " << q.limit << "}";
    return out.str();
}

inline std::string describe(const page_slice& s)
{
    std::ostringstream out;
    out << "{items [";
    for (std::size_t i = 0; i < s.items.size(); ++i)
        out << (i ? " " : "") << s.items[i].sequence;
    out << "], more_before " << s.more_before << ", more_after " << s.more_after << "}";
    return out.str();
}

} // namespace detail
} // namespace trusthub::testing

#endif
