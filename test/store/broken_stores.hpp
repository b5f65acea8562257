// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_STORE_BROKEN_STORES_HPP
#define TRUSTHUB_TEST_STORE_BROKEN_STORES_HPP

// Stores that break one rule each, on purpose: the conformance kit must catch every one.
// Each wraps the in-memory store and bends one operation the way a real store might get it
// wrong.

#include <trusthub/memory_store.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

namespace trusthub::test {

/// Passes every call to a memory_store; the broken stores override what they break.
class delegating_store : public store {
public:
    boost::asio::awaitable<result<end_user>> create(end_user record) override
    {
        co_return inner_.create_now(std::move(record));
    }
    boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid) override
    {
        co_return inner_.fetch_now(account_sid, sid);
    }
    boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                    end_user_patch patch) override
    {
        co_return inner_.update_now(account_sid, sid, std::move(patch));
    }
    boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid) override
    {
        co_return inner_.remove_now(account_sid, sid);
    }
    boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) override
    {
        co_return inner_.list_now(account_sid, query);
    }

protected:
    memory_store inner_;
};

/// Finds a record by SID alone, whoever asks: one account reads another's records.
class leaks_other_accounts final : public delegating_store {
public:
    boost::asio::awaitable<result<end_user>> create(end_user record) override
    {
        auto created = inner_.create_now(record);
        if (created) {
            std::lock_guard lock(mutex_);
            owner_[record.sid] = record.account_sid;
        }
        co_return created;
    }
    boost::asio::awaitable<result<end_user>> fetch(std::string, std::string sid) override
    {
        std::string owner;
        {
            std::lock_guard lock(mutex_);
            owner = owner_[sid];
        }
        co_return inner_.fetch_now(owner, sid);
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::string> owner_;
};

/// Treats a page before a cursor as the first page.
class ignores_before final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) override
    {
        query.before.reset();
        co_return inner_.list_now(account_sid, query);
    }
};

/// Says there are more records whenever a page is full: the classic off-by-one of paging.
class guesses_more_after final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) override
    {
        auto slice = inner_.list_now(account_sid, query);
        if (slice && !query.before)
            slice->more_after = slice->items.size() == query.limit;
        co_return slice;
    }
};

/// Lists right, but its fast path (`visit_page`) drops the last record of a full page: the
/// two ways of reading a page must agree, and a list response is served by the second.
class visit_drops_the_last_record final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> visit_page(std::string account_sid, page_query query,
                                                          record_visitor visit) override
    {
        auto slice = inner_.list_now(account_sid, query);
        if (slice) {
            if (slice->items.size() == query.limit && !slice->items.empty())
                slice->items.pop_back();
            for (const end_user& u : slice->items)
                visit(u);
            slice->items.clear();
        }
        co_return slice;
    }
};

/// Keeps only one field of a two-field patch.
class loses_a_field_on_update final : public delegating_store {
public:
    boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                    end_user_patch patch) override
    {
        if (patch.friendly_name)
            patch.attributes.reset();
        co_return inner_.update_now(account_sid, sid, std::move(patch));
    }
};

/// Updates by reading the record, waiting a moment, and writing all of it back: two
/// concurrent updates of different fields lose one of them.
class read_modify_write_update final : public delegating_store {
public:
    boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                    end_user_patch patch) override
    {
        auto current = inner_.fetch_now(account_sid, sid);
        if (!current)
            co_return current.error();
        // As if a round trip to a database lay between the read and the write.
        boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor, std::chrono::milliseconds(2));
        co_await pause.async_wait(boost::asio::use_awaitable);
        end_user_patch whole{patch.friendly_name.value_or(current->friendly_name),
                             patch.attributes.value_or(current->attributes), patch.date_updated};
        co_return inner_.update_now(account_sid, sid, std::move(whole));
    }
};

/// Numbers a new record one past the newest live one, as a table without AUTOINCREMENT does:
/// removing the newest record hands its sequence out again.
class reuses_sequences final : public delegating_store {
public:
    boost::asio::awaitable<result<end_user>> create(end_user record) override
    {
        std::lock_guard lock(mutex_);
        auto created = inner_.create_now(std::move(record));
        if (created) {
            std::uint64_t outer = outer_to_inner_.empty() ? 1 : outer_to_inner_.rbegin()->first + 1;
            outer_to_inner_[outer] = created->sequence;
            inner_to_outer_[created->sequence] = outer;
            created->sequence = outer;
        }
        co_return created;
    }
    boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid) override
    {
        std::lock_guard lock(mutex_);
        co_return translate(inner_.fetch_now(account_sid, sid));
    }
    boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                    end_user_patch patch) override
    {
        std::lock_guard lock(mutex_);
        co_return translate(inner_.update_now(account_sid, sid, std::move(patch)));
    }
    boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid) override
    {
        std::lock_guard lock(mutex_);
        auto found = inner_.fetch_now(account_sid, sid);
        auto removed = inner_.remove_now(account_sid, sid);
        if (removed) {
            outer_to_inner_.erase(inner_to_outer_[found->sequence]);
            inner_to_outer_.erase(found->sequence);
        }
        co_return removed;
    }
    boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) override
    {
        std::lock_guard lock(mutex_);
        // Live numbering is in the same order both ways, so a cursor maps to the nearest one.
        if (query.after)
            query.after = inner_at_or_below(*query.after);
        if (query.before)
            query.before = inner_at_or_below(*query.before - 1) + 1;
        auto slice = inner_.list_now(account_sid, query);
        if (slice)
            for (auto& u : slice->items)
                u.sequence = inner_to_outer_[u.sequence];
        co_return slice;
    }

private:
    std::uint64_t inner_at_or_below(std::uint64_t outer) const
    {
        auto it = outer_to_inner_.upper_bound(outer);
        return it == outer_to_inner_.begin() ? 0 : std::prev(it)->second;
    }
    result<end_user> translate(result<end_user> r)
    {
        if (r)
            r->sequence = inner_to_outer_[r->sequence];
        return r;
    }

    std::mutex mutex_;
    std::map<std::uint64_t, std::uint64_t> outer_to_inner_, inner_to_outer_;
};

/// Does the work on a thread pool of its own and never hops back to the caller's executor.
/// (A plain `co_await post(pool_, use_awaitable)` would come back by itself: the completion
/// goes through the awaiting coroutine's executor. Binding the token to the pool is the
/// mistake that moves the caller's coroutine onto the pool for good.)
class resumes_on_its_own_thread final : public delegating_store {
public:
    ~resumes_on_its_own_thread() override { pool_.join(); }

    boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid) override
    {
        co_await boost::asio::post(boost::asio::bind_executor(pool_.get_executor(), boost::asio::use_awaitable));
        co_return inner_.fetch_now(account_sid, sid);
    }

private:
    boost::asio::thread_pool pool_{1};
};

/// A list that never completes: the kit must report it, not wait for it.
class never_answers_list final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> list(std::string, page_query) override
    {
        boost::asio::steady_timer forever(co_await boost::asio::this_coro::executor,
                                          boost::asio::steady_timer::time_point::max());
        co_await forever.async_wait(boost::asio::use_awaitable);
        co_return page_slice{};
    }
};

/// A fetch that throws, as a store whose database connection broke might.
class throws_on_fetch final : public delegating_store {
public:
    boost::asio::awaitable<result<end_user>> fetch(std::string, std::string) override
    {
        throw std::runtime_error("connection reset by peer");
        co_return errc::unavailable;
    }
};

} // namespace trusthub::test

#endif
