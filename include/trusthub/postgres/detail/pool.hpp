// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_DETAIL_POOL_HPP
#define TRUSTHUB_POSTGRES_DETAIL_POOL_HPP

#include <trusthub/log.hpp>
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

/// What a call asks of a connection, for the pool's reservation.
enum class call_kind {
    cheap,  ///< fetch, create, update, remove: a lookup or two by key
    list,   ///< a page, up to the largest page size
};

struct pool_settings {
    std::string conninfo;
    std::size_t size = 8;
    /// Connections list calls may hold at once (at least one).
    std::size_t list_limit = 6;
    std::chrono::steady_clock::duration connect_timeout = std::chrono::seconds(3);
    std::chrono::steady_clock::duration query_timeout = std::chrono::seconds(5);
    std::chrono::steady_clock::duration acquire_timeout = std::chrono::seconds(2);
    std::chrono::steady_clock::duration retry_interval = std::chrono::milliseconds(250);
    /// Run once on the first connection that succeeds in running it (schema migration).
    std::string first_script;
    /// Run on every new connection before its first use (prepared statements).
    std::string session_script;
    logger log;
};

/// A bounded set of connections, all driven from one strand (the executor given here), so no
/// member needs a lock.
///
/// At most `size` connections exist or are being opened at once. A caller that finds none
/// idle and the bound reached queues, and gives up after `acquire_timeout`. A connection that
/// failed is closed, never returned to the idle set; an idle one is checked before reuse.
/// After a failed connect, callers that would need a new connection are turned away at once
/// for `retry_interval`, so an outage costs each request no more than a failed connect.
///
/// Cheap calls are never starved by lists, by two rules. Lists hold at most `list_limit`
/// connections at once; a list that would exceed it waits even when a connection is idle,
/// so the others are always there for cheap calls, which then wait only for one another.
/// And a freed connection goes to the first cheap caller waiting before any list, so with
/// no connection to spare (a pool of one) a cheap call waits for one statement, not for the
/// queue of pages before it. Lists queue in order among themselves, as do cheap calls. The
/// price falls on pages: while cheap calls keep every connection busy, pages wait (up to
/// `acquire_timeout`), being the calls a client expects to take longer anyway.
class pool : public std::enable_shared_from_this<pool> {
public:
    using clock = std::chrono::steady_clock;

    pool(boost::asio::any_io_executor strand, pool_settings settings)
        : strand_(std::move(strand)), settings_(std::move(settings))
    {
        if (settings_.size == 0)
            settings_.size = 1;
        settings_.list_limit = std::clamp<std::size_t>(settings_.list_limit, 1, settings_.size);
    }

    /// Runs one statement on a pooled connection. Strand only.
    boost::asio::awaitable<outcome> execute(call_kind kind, query q)
    {
        std::shared_ptr<connection> c = co_await acquire(kind);
        if (!c) {
            outcome out;
            out.message = "no connection available";
            co_return out;
        }
        outcome out = co_await c->execute(std::move(q), settings_.query_timeout);
        if (out.what == outcome::kind::lost)
            note(out.message);
        release(std::move(c), kind);
        co_return out;
    }

private:
    struct waiter {
        waiter(const boost::asio::any_io_executor& ex, call_kind k) : timer(ex), kind(k) {}
        boost::asio::steady_timer timer;
        call_kind kind;
        std::shared_ptr<connection> handed;  // a free connection, passed on directly
        bool may_open = false;               // a slot freed up: open a connection of its own
    };
    using queue = std::deque<std::shared_ptr<waiter>>;

    bool may_hold(call_kind kind) const noexcept
    {
        return kind == call_kind::cheap || lists_held_ < settings_.list_limit;
    }

    void hold(call_kind kind) noexcept
    {
        if (kind == call_kind::list)
            ++lists_held_;
    }

    void unhold(call_kind kind) noexcept
    {
        if (kind == call_kind::list)
            --lists_held_;
    }

    boost::asio::awaitable<std::shared_ptr<connection>> acquire(call_kind kind)
    {
        if (may_hold(kind)) {
            if (auto c = take_idle()) {
                hold(kind);
                co_return c;
            }
            if (open_ < settings_.size) {
                ++open_;
                hold(kind);
                co_return co_await open(kind);
            }
        }
        auto w = std::make_shared<waiter>(strand_, kind);
        w->timer.expires_after(settings_.acquire_timeout);
        queue& line = kind == call_kind::cheap ? cheap_waiters_ : list_waiters_;
        line.push_back(w);
        co_await w->timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        if (w->handed)
            co_return std::move(w->handed);
        if (w->may_open)
            co_return co_await open(kind);
        // The wait ran out: nobody took this waiter off its queue.
        line.erase(std::find(line.begin(), line.end(), w));
        co_return nullptr;
    }

    // An idle connection that still looks alive, or null; drops the dead ones.
    std::shared_ptr<connection> take_idle()
    {
        while (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            if (c->still_alive())
                return c;
            note("dropped an idle connection that the server closed");
            --open_;
        }
        return nullptr;
    }

    // Opens a connection for a slot already counted in `open_` and a hold already counted;
    // gives both back on failure.
    boost::asio::awaitable<std::shared_ptr<connection>> open(call_kind kind)
    {
        if (clock::now() < retry_at_) {
            give_back(kind);
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
            give_back(kind);
            co_return nullptr;
        }
        co_return c;
    }

    void release(std::shared_ptr<connection> c, call_kind kind)
    {
        unhold(kind);
        if (!c->usable()) {
            c.reset();
            --open_;
        }
        dispatch(std::move(c));
    }

    // A connection failed to open: its slot and its hold are free again.
    void give_back(call_kind kind)
    {
        unhold(kind);
        --open_;
        dispatch(nullptr);
    }

    // Serves the waiters that may now be served, cheap calls first: with `fresh` (a
    // connection just released, passed on without a check), then idle connections, then
    // free slots. What is left of `fresh` goes idle.
    void dispatch(std::shared_ptr<connection> fresh)
    {
        for (;;) {
            queue* line = !cheap_waiters_.empty()                          ? &cheap_waiters_
                          : !list_waiters_.empty() && may_hold(call_kind::list) ? &list_waiters_
                                                                            : nullptr;
            if (!line)
                break;
            const std::shared_ptr<waiter>& w = line->front();
            if (fresh)
                w->handed = std::move(fresh);
            else if (auto c = take_idle())
                w->handed = std::move(c);
            else if (open_ < settings_.size) {
                ++open_;
                w->may_open = true;
            } else
                break;
            hold(w->kind);
            w->timer.cancel();
            line->pop_front();
        }
        if (fresh)
            idle_.push_back(std::move(fresh));
    }

    void note(std::string_view what) const
    {
        // libpq ends its messages with a newline; the logger writes lines of its own.
        while (!what.empty() && what.back() == '\n')
            what.remove_suffix(1);
        settings_.log.log(log_level::warning, what);
    }

    boost::asio::any_io_executor strand_;
    pool_settings settings_;
    std::vector<std::shared_ptr<connection>> idle_;
    queue cheap_waiters_;
    queue list_waiters_;
    std::size_t open_ = 0;
    std::size_t lists_held_ = 0;
    bool first_script_done_ = false;
    clock::time_point retry_at_{};
};

} // namespace trusthub::postgres::detail

#endif
