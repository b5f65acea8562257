// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_DETAIL_POOL_HPP
#define TRUSTHUB_POSTGRES_DETAIL_POOL_HPP

#include <trusthub/postgres/detail/connection.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub::postgres::detail {

struct pool_settings {
    std::string conninfo;
    std::size_t size = 8;
    std::chrono::steady_clock::duration connect_timeout = std::chrono::seconds(3);
    std::chrono::steady_clock::duration query_timeout = std::chrono::seconds(5);
    std::chrono::steady_clock::duration acquire_timeout = std::chrono::seconds(2);
    std::chrono::steady_clock::duration retry_interval = std::chrono::milliseconds(250);
    /// Run once on the first connection that succeeds in running it (schema migration).
    std::string first_script;
    /// Run on every new connection before its first use (prepared statements).
    std::string session_script;
    std::function<void(std::string_view)> log;
};

/// A bounded set of connections, all driven from one strand (the executor given here), so no
/// member needs a lock.
///
/// At most `size` connections exist or are being opened at once. A caller that finds none
/// idle and the bound reached queues, and gives up after `acquire_timeout`. A connection that
/// failed is closed, never returned to the idle set; an idle one is checked before reuse.
/// After a failed connect, callers that would need a new connection are turned away at once
/// for `retry_interval`, so an outage costs each request no more than a failed connect.
class pool : public std::enable_shared_from_this<pool> {
public:
    using clock = std::chrono::steady_clock;

    pool(boost::asio::any_io_executor strand, pool_settings settings)
        : strand_(std::move(strand)), settings_(std::move(settings))
    {
    }


    /// Runs one prepared statement on a pooled connection. Strand only.
    boost::asio::awaitable<outcome> execute(const char* statement, std::vector<std::optional<std::string>> params)
    {
        std::shared_ptr<connection> c = co_await acquire();
        if (!c) {
            outcome out;
            out.message = "no connection available";
            co_return out;
        }
        outcome out = co_await c->execute(statement, std::move(params), settings_.query_timeout);
        if (out.what == outcome::kind::lost)
            note(out.message);
        release(std::move(c));
        co_return out;
    }

private:
    struct waiter {
        explicit waiter(const boost::asio::any_io_executor& ex) : timer(ex) {}
        boost::asio::steady_timer timer;
        std::shared_ptr<connection> handed;  // a released connection, passed on directly
        bool may_open = false;               // a slot freed up: open a connection of its own
    };

    boost::asio::awaitable<std::shared_ptr<connection>> acquire()
    {
        while (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            if (c->still_alive())
                co_return c;
            note("dropped an idle connection that the server closed");
            --open_;
        }
        if (open_ < settings_.size) {
            ++open_;
            co_return co_await open();
        }
        auto w = std::make_shared<waiter>(strand_);
        w->timer.expires_after(settings_.acquire_timeout);
        waiters_.push_back(w);
        co_await w->timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        if (w->handed)
            co_return std::move(w->handed);
        if (w->may_open)
            co_return co_await open();
        // The wait ran out: nobody took this waiter off the queue.
        waiters_.erase(std::find(waiters_.begin(), waiters_.end(), w));
        co_return nullptr;
    }

    // Opens a connection for a slot already counted in `open_`; gives the slot back on failure.
    boost::asio::awaitable<std::shared_ptr<connection>> open()
    {
        if (clock::now() < retry_at_) {
            give_back_slot();
            co_return nullptr;
        }
        // Preparing a connection is part of opening it: one deadline covers the connect, the
        // migration (which may queue behind another process's) and the prepared statements,
        // so a short query timeout does not also cut short a slow first start.
        const auto deadline = clock::now() + settings_.connect_timeout;
        auto left = [deadline] { return std::max(deadline - clock::now(), clock::duration::zero()); };
        auto c = co_await connection::connect(strand_, settings_.conninfo, settings_.connect_timeout);
        bool ready = c->usable();
        if (!ready)
            note(c->error());
        if (ready && !first_script_done_ && !settings_.first_script.empty()) {
            auto out = co_await c->execute_script(settings_.first_script, left());
            ready = out.ok();
            if (ready)
                first_script_done_ = true;
            else
                note(out.message);
        }
        if (ready && !settings_.session_script.empty()) {
            auto out = co_await c->execute_script(settings_.session_script, left());
            ready = out.ok();
            if (!ready)
                note(out.message);
        }
        if (!ready) {
            retry_at_ = clock::now() + settings_.retry_interval;
            give_back_slot();
            co_return nullptr;
        }
        co_return c;
    }

    void release(std::shared_ptr<connection> c)
    {
        if (!c->usable()) {
            c.reset();
            give_back_slot();
            return;
        }
        if (!waiters_.empty()) {
            auto w = std::move(waiters_.front());
            waiters_.pop_front();
            w->handed = std::move(c);
            w->timer.cancel();
            return;
        }
        idle_.push_back(std::move(c));
    }

    // A connection closed or failed to open: the first waiter may open one in its place.
    void give_back_slot()
    {
        --open_;
        if (waiters_.empty())
            return;
        auto w = std::move(waiters_.front());
        waiters_.pop_front();
        w->may_open = true;
        ++open_;
        w->timer.cancel();
    }

    void note(std::string_view what) const
    {
        if (settings_.log)
            settings_.log(what);
    }

    boost::asio::any_io_executor strand_;
    pool_settings settings_;
    std::vector<std::shared_ptr<connection>> idle_;
    std::deque<std::shared_ptr<waiter>> waiters_;
    std::size_t open_ = 0;
    bool first_script_done_ = false;
    clock::time_point retry_at_{};
};

} // namespace trusthub::postgres::detail

#endif
