// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CONTEXT_HPP
#define TRUSTHUB_TESTING_DETAIL_CONFORMANCE_CONTEXT_HPP

#include <trusthub/end_user.hpp>
#include <trusthub/error.hpp>
#include <trusthub/store.hpp>

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
#include <sstream>
#include <string>
#include <string_view>
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

    /// A complete record of `account_sid` with a fresh SID, ready for `create`.
    end_user make_record(const std::string& account_sid, std::string friendly_name = "Ada Lovelace")
    {
        end_user u;
        u.sid = make_sid("IT");
        u.account_sid = account_sid;
        u.friendly_name = std::move(friendly_name);
        u.type = "individual";
        u.attributes = R"({"first_name":"Ada","last_name":"Lovelace"})";
        u.date_created = timestamp(std::chrono::seconds(1'700'000'000));
        u.date_updated = timestamp(std::chrono::seconds(1'700'000'001));
        return u;
    }

    /// Creates a record and returns it as stored, ending the check if the store refuses.
    boost::asio::awaitable<end_user> create(end_user record)
    {
        std::string sid = record.sid;
        auto created = co_await store_.create(std::move(record));
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

inline std::string describe(const end_user& u)
{
    std::ostringstream out;
    out << "{sequence " << u.sequence << ", sid " << u.sid << ", account " << u.account_sid << ", friendly_name \""
        << u.friendly_name << "\", type \"" << u.type << "\", attributes " << u.attributes.size() << " bytes";
    if (u.attributes.size() <= 80)
        out << " " << u.attributes;
    out << ", date_created " << u.date_created.time_since_epoch().count() << ", date_updated "
        << u.date_updated.time_since_epoch().count() << "}";
    return out.str();
}

template <class T>
std::string describe(const result<T>& r)
{
    if (!r)
        return "error \"" + r.error().message() + "\"";
    if constexpr (std::is_same_v<T, void>)
        return "success";
    else if constexpr (std::is_same_v<T, end_user>)
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
