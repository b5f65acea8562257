// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_STORE_BROKEN_STORES_HPP
#define TRUSTHUB_TEST_STORE_BROKEN_STORES_HPP

// Stores that break one rule each, on purpose: the conformance kit must catch every one.
//
// Two families. The first wraps the in-memory store and bends one operation the way a real
// store might get it wrong (paging, updates, sequences, executors). The rules that live inside
// an operation (kinds, parents, references, cascades, atomicity) cannot be bent from outside
// the memory store, so the second family is a plain store written for the purpose, which keeps
// every rule unless told to break one; the test shows that, unbroken, it passes every check.

#include <trusthub/store/memory_store.hpp>
#include <trusthub/testing/detail/paging_model.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

namespace trusthub::test {

/// Passes every call to a memory_store; the broken stores override what they break.
class delegating_store : public store {
public:
    boost::asio::awaitable<result<record>> create(record fresh) override
    {
        co_return inner_.create_now(std::move(fresh));
    }
    boost::asio::awaitable<result<record>> fetch(record_key key) override { co_return inner_.fetch_now(key); }
    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        co_return inner_.update_now(key, std::move(patch));
    }
    boost::asio::awaitable<result<void>> remove(record_key key) override { co_return inner_.remove_now(key); }
    boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override
    {
        co_return inner_.list_now(scope, query);
    }

protected:
    memory_store inner_;
};

/// Finds a record by SID alone, whoever asks: one account reads another's records.
class leaks_other_accounts final : public delegating_store {
public:
    boost::asio::awaitable<result<record>> create(record fresh) override
    {
        auto created = inner_.create_now(fresh);
        if (created) {
            std::lock_guard lock(mutex_);
            owner_[fresh.sid] = fresh.account_sid;
        }
        co_return created;
    }
    boost::asio::awaitable<result<record>> fetch(record_key key) override
    {
        {
            std::lock_guard lock(mutex_);
            key.account_sid = owner_[key.sid];
        }
        co_return inner_.fetch_now(key);
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::string> owner_;
};

/// Treats a page before a cursor as the first page.
class ignores_before final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override
    {
        query.before.reset();
        co_return inner_.list_now(scope, query);
    }
};

/// Says there are more records whenever a page is full: the classic off-by-one of paging.
class guesses_more_after final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override
    {
        auto slice = inner_.list_now(scope, query);
        if (slice && !query.before)
            slice->more_after = slice->items.size() == query.limit;
        co_return slice;
    }
};

/// Lists right, but its fast path (`visit_page`) drops the last record of a full page: the
/// two ways of reading a page must agree, and a list response is served by the second.
class visit_drops_the_last_record final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> visit_page(list_scope scope, page_query query,
                                                          record_visitor visit) override
    {
        auto slice = inner_.list_now(scope, query);
        if (slice) {
            if (slice->items.size() == query.limit && !slice->items.empty())
                slice->items.pop_back();
            for (const record& r : slice->items) {
                trusthub::detail::record_field_views fields(r);
                visit(view_of(r, fields));
            }
            slice->items.clear();
        }
        co_return slice;
    }
};

/// Keeps only the first field of a patch of several.
class loses_a_field_on_update final : public delegating_store {
public:
    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        if (patch.fields.size() > 1)
            patch.fields.resize(1);
        co_return inner_.update_now(key, std::move(patch));
    }
};

/// Drops the fields of a patch that lie past the end of the record, as a store that updates
/// the fields it has in place might.
class ignores_fields_past_the_end final : public delegating_store {
public:
    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        auto current = inner_.fetch_now(key);
        if (current)
            std::erase_if(patch.fields, [&](const auto& f) { return f.first >= current->fields.size(); });
        co_return inner_.update_now(key, std::move(patch));
    }
};

/// Updates by reading the record, waiting a moment, and writing all of it back: concurrent
/// updates of different fields lose all but one of them.
class read_modify_write_update final : public delegating_store {
public:
    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        auto current = inner_.fetch_now(key);
        if (!current)
            co_return current.error();
        // As if a round trip to a database lay between the read and the write.
        boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor, std::chrono::milliseconds(2));
        co_await pause.async_wait(boost::asio::use_awaitable);
        record whole = *current;
        for (auto& [index, text] : patch.fields) {
            if (index >= whole.fields.size())
                whole.fields.resize(index + 1);
            whole.fields[index] = std::move(text);
        }
        record_patch everything{{}, patch.date_updated};
        for (std::size_t i = 0; i < whole.fields.size(); ++i)
            everything.fields.emplace_back(i, whole.fields[i]);
        co_return inner_.update_now(key, std::move(everything));
    }
};

/// Numbers a new record one past the newest live one, as a table without AUTOINCREMENT does:
/// removing the newest record hands its sequence out again.
class reuses_sequences final : public delegating_store {
public:
    boost::asio::awaitable<result<record>> create(record fresh) override
    {
        std::lock_guard lock(mutex_);
        auto created = inner_.create_now(std::move(fresh));
        if (created) {
            std::uint64_t outer = outer_to_inner_.empty() ? 1 : outer_to_inner_.rbegin()->first + 1;
            outer_to_inner_[outer] = created->sequence;
            inner_to_outer_[created->sequence] = outer;
            created->sequence = outer;
        }
        co_return created;
    }
    boost::asio::awaitable<result<record>> fetch(record_key key) override
    {
        std::lock_guard lock(mutex_);
        co_return translate(inner_.fetch_now(key));
    }
    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        std::lock_guard lock(mutex_);
        co_return translate(inner_.update_now(key, std::move(patch)));
    }
    boost::asio::awaitable<result<void>> remove(record_key key) override
    {
        std::lock_guard lock(mutex_);
        auto found = inner_.fetch_now(key);
        auto removed = inner_.remove_now(key);
        // Only the record's own number is freed (its children's stay taken): enough to hand
        // out the newest record's number again when it has none.
        if (removed) {
            outer_to_inner_.erase(inner_to_outer_[found->sequence]);
            inner_to_outer_.erase(found->sequence);
        }
        co_return removed;
    }
    boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override
    {
        std::lock_guard lock(mutex_);
        // Live numbering is in the same order both ways, so a cursor maps to the nearest one.
        if (query.after)
            query.after = inner_at_or_below(*query.after);
        if (query.before)
            query.before = inner_at_or_below(*query.before - 1) + 1;
        auto slice = inner_.list_now(scope, query);
        if (slice)
            for (auto& r : slice->items)
                r.sequence = inner_to_outer_[r.sequence];
        co_return slice;
    }

private:
    std::uint64_t inner_at_or_below(std::uint64_t outer) const
    {
        auto it = outer_to_inner_.upper_bound(outer);
        return it == outer_to_inner_.begin() ? 0 : std::prev(it)->second;
    }
    result<record> translate(result<record> r)
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

    boost::asio::awaitable<result<record>> fetch(record_key key) override
    {
        co_await boost::asio::post(boost::asio::bind_executor(pool_.get_executor(), boost::asio::use_awaitable));
        co_return inner_.fetch_now(key);
    }

private:
    boost::asio::thread_pool pool_{1};
};

/// A list that never completes: the kit must report it, not wait for it.
class never_answers_list final : public delegating_store {
public:
    boost::asio::awaitable<result<page_slice>> list(list_scope, page_query) override
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
    boost::asio::awaitable<result<record>> fetch(record_key) override
    {
        throw std::runtime_error("connection reset by peer");
        co_return errc::unavailable;
    }
};

// --- the plain store ---------------------------------------------------------------------------

/// The rules the plain store keeps; each broken store turns one off.
struct plain_rules {
    bool match_kind = true;           ///< a key of another kind reaches nothing
    bool require_parent = true;       ///< create under a missing parent is not_found
    bool require_references = true;  ///< create referring to a missing record is missing_reference
    bool refuse_referenced = true;    ///< remove of a record referred to from outside is referenced
    bool cascade = true;              ///< remove takes the record's children with it
    bool inside_references_free = true;  ///< references from inside the removed subtree do not count
    bool any_parent = true;           ///< a scope without parent lists under every parent
    bool missing_field_is_null = true;  ///< a filter reads a field past the end as null
    bool whole_sid = true;            ///< SIDs are compared whole, not by their digits alone
    /// Checks the parent and the references, then waits a moment before inserting, with the lock
    /// let go: as if the check and the insert were two statements outside a transaction.
    bool check_then_insert = false;
};

/// Every record in one vector under one mutex, every rule written out as plainly as it can be:
/// slow, and right unless `plain_rules` says otherwise.
class plain_store : public store {
public:
    explicit plain_store(plain_rules rules = {}) : rules_(rules) {}

    boost::asio::awaitable<result<record>> create(record fresh) override
    {
        if (!rules_.check_then_insert) {
            std::lock_guard lock(mutex_);
            if (auto refused = refuse_create(fresh))
                co_return *refused;
            co_return insert(std::move(fresh));
        }
        {
            std::lock_guard lock(mutex_);
            if (auto refused = refuse_create(fresh))
                co_return *refused;
        }
        boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor, std::chrono::milliseconds(1));
        co_await pause.async_wait(boost::asio::use_awaitable);
        std::lock_guard lock(mutex_);
        // The SID is checked again: that much of the insert stays atomic.
        if (find_sid(fresh.sid) != records_.end())
            co_return errc::already_exists;
        co_return insert(std::move(fresh));
    }

    boost::asio::awaitable<result<record>> fetch(record_key key) override
    {
        std::lock_guard lock(mutex_);
        auto it = find(key);
        if (it == records_.end())
            co_return errc::not_found;
        co_return *it;
    }

    boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override
    {
        std::lock_guard lock(mutex_);
        auto it = find(key);
        if (it == records_.end())
            co_return errc::not_found;
        for (auto& [index, text] : patch.fields) {
            if (index >= it->fields.size())
                it->fields.resize(index + 1);
            it->fields[index] = std::move(text);
        }
        it->date_updated = patch.date_updated;
        co_return *it;
    }

    boost::asio::awaitable<result<void>> remove(record_key key) override
    {
        std::lock_guard lock(mutex_);
        auto it = find(key);
        if (it == records_.end())
            co_return errc::not_found;
        std::set<std::string> doomed = {it->sid};
        for (bool grew = rules_.cascade; grew;) {
            grew = false;
            for (const auto& r : records_)
                if (r.account_sid == key.account_sid && doomed.contains(r.parent_sid) && doomed.insert(r.sid).second)
                    grew = true;
        }
        if (rules_.refuse_referenced)
            for (const auto& r : records_) {
                if (rules_.inside_references_free && doomed.contains(r.sid))
                    continue;
                for (const auto& to : r.references)
                    if (doomed.contains(to))
                        co_return errc::referenced;
            }
        std::erase_if(records_, [&](const record& r) { return doomed.contains(r.sid); });
        co_return result<void>();
    }

    boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override
    {
        std::lock_guard lock(mutex_);
        if (!rules_.any_parent && !scope.parent_sid)
            scope.parent_sid = std::string();
        std::vector<record> live;
        for (const auto& r : records_)
            if (passes(r, scope))
                live.push_back(r);
        // Records go in at the end, in sequence order, so `live` is ascending already.
        co_return testing::detail::expected_page(live, query);
    }

private:
    using iterator = std::vector<record>::iterator;

    record insert(record fresh)
    {
        fresh.sequence = ++last_sequence_;
        records_.push_back(fresh);
        return fresh;
    }

    bool same_sid(std::string_view a, std::string_view b) const
    {
        return rules_.whole_sid ? a == b : a.substr(2) == b.substr(2);
    }

    iterator find_sid(std::string_view sid)
    {
        return std::find_if(records_.begin(), records_.end(), [&](const record& r) { return same_sid(r.sid, sid); });
    }

    bool exists_in(std::string_view account_sid, std::string_view sid)
    {
        auto it = find_sid(sid);
        return it != records_.end() && it->account_sid == account_sid && it->sid == sid;
    }

    std::optional<errc> refuse_create(const record& fresh)
    {
        if (find_sid(fresh.sid) != records_.end())
            return errc::already_exists;
        if (rules_.require_parent && !fresh.parent_sid.empty() && !exists_in(fresh.account_sid, fresh.parent_sid))
            return errc::not_found;
        if (rules_.require_references)
            for (const auto& to : fresh.references)
                if (!exists_in(fresh.account_sid, to))
                    return errc::missing_reference;
        return std::nullopt;
    }

    iterator find(const record_key& key)
    {
        auto it = find_sid(key.sid);
        if (it == records_.end() || it->sid != key.sid || it->account_sid != key.account_sid ||
            it->parent_sid != key.parent_sid || (rules_.match_kind && it->kind != key.kind))
            return records_.end();
        return it;
    }

    bool passes(const record& r, const list_scope& scope) const
    {
        if (r.kind != scope.kind || r.account_sid != scope.account_sid)
            return false;
        if (scope.parent_sid && r.parent_sid != *scope.parent_sid)
            return false;
        for (const auto& f : scope.filters) {
            if (f.field >= r.fields.size() && !rules_.missing_field_is_null)
                return false;
            std::string_view value = f.field < r.fields.size() ? std::string_view(r.fields[f.field]) : "";
            if (std::find(f.values.begin(), f.values.end(), value) == f.values.end())
                return false;
        }
        return true;
    }

    const plain_rules rules_;
    std::mutex mutex_;
    std::vector<record> records_;
    std::uint64_t last_sequence_ = 0;
};

/// The plain store with one rule broken, named by what it gets wrong.
template <bool plain_rules::*broken, bool value = false>
class plain_store_without final : public plain_store {
public:
    plain_store_without() : plain_store(rules()) {}

private:
    static plain_rules rules()
    {
        plain_rules r;
        r.*broken = value;
        return r;
    }
};

/// Finds a record by account, parent and SID, whatever kind the key names.
using ignores_kind = plain_store_without<&plain_rules::match_kind>;
/// Stores a child whose parent it does not have.
using skips_parent_check = plain_store_without<&plain_rules::require_parent>;
/// Stores a record that refers to records it does not have.
using skips_reference_check = plain_store_without<&plain_rules::require_references>;
/// Removes a record whatever refers to it.
using removes_despite_references = plain_store_without<&plain_rules::refuse_referenced>;
/// Removes a record and leaves its children behind.
using does_not_cascade = plain_store_without<&plain_rules::cascade>;
/// Counts references from inside the removed subtree as if they came from outside.
using blocked_by_own_references = plain_store_without<&plain_rules::inside_references_free>;
/// Reads a scope without a parent as the top level.
using no_any_parent_lists = plain_store_without<&plain_rules::any_parent>;
/// Never matches a field past the end of a record, not even with null.
using missing_field_never_matches = plain_store_without<&plain_rules::missing_field_is_null>;
/// Takes SIDs with the same digits and another prefix for the same SID.
using sids_by_digits = plain_store_without<&plain_rules::whole_sid>;
/// Checks the parent and references, then inserts after a pause.
using checks_then_inserts = plain_store_without<&plain_rules::check_then_insert, true>;

} // namespace trusthub::test

#endif
