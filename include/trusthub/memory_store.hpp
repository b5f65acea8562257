// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_MEMORY_STORE_HPP
#define TRUSTHUB_MEMORY_STORE_HPP

#include <trusthub/config.hpp>
#include <trusthub/store.hpp>
#include <trusthub/detail/sid_key.hpp>
#include <trusthub/detail/sid_map.hpp>
#include <trusthub/detail/string_hash.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace trusthub {

/// The default store: everything in this process's memory, gone when it ends.
///
/// Safe to share between the threads of one or more io_contexts (a reader-writer lock; no call
/// waits on anything but that lock, so it never suspends). Fetch, update and delete find a
/// record through a hash of its SID; a page is a walk of an ordered tree from the cursor:
/// O(log n + page size), whatever the cursor's depth.
///
/// Records are kept compact (binary SIDs, interned types, dates as integers): about 400 bytes
/// a record with a six-field attributes object.
class memory_store final : public store {
public:
    memory_store() = default;
    memory_store(const memory_store&) = delete;
    memory_store& operator=(const memory_store&) = delete;

    TRUSTHUB_DECL boost::asio::awaitable<result<end_user>> create(end_user record) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                                  end_user_patch patch) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) override;
    /// Reads the page in place: no `end_user` is built.
    TRUSTHUB_DECL boost::asio::awaitable<result<page_slice>> visit_page(std::string account_sid, page_query query,
                                                                        record_visitor visit) override;

    /// The same operations without a coroutine, for loading data in bulk and for benchmarks.
    result<end_user> create_now(end_user record)
    {
        auto key = detail::sid_key::parse(record.sid);
        if (!key)
            throw std::invalid_argument("memory_store::create: malformed SID");
        std::unique_lock lock(mutex_);
        if (by_sid_.contains(*key))
            return errc::already_exists;
        auto& acct = accounts_[record.account_sid];
        record.sequence = ++last_sequence_;
        // The stored copy is made from the record, and the record itself is the answer: fewer
        // strings to allocate than storing it and building the answer back from the copy.
        auto [it, inserted] = acct.by_sequence.emplace(
            record.sequence, stored{*key, record.friendly_name, intern(record.type), record.attributes,
                                    record.date_created.time_since_epoch().count(),
                                    record.date_updated.time_since_epoch().count()});
        by_sid_.emplace(*key, located{&acct, it});
        return record;
    }

    result<end_user> fetch_now(std::string_view account_sid, std::string_view sid) const
    {
        std::shared_lock lock(mutex_);
        auto found = find(account_sid, sid);
        if (!found)
            return errc::not_found;
        return record_at(account_sid, *found->position);
    }

    result<end_user> update_now(std::string_view account_sid, std::string_view sid, end_user_patch patch)
    {
        std::unique_lock lock(mutex_);
        auto found = find(account_sid, sid);
        if (!found)
            return errc::not_found;
        stored& s = found->position->second;
        if (patch.friendly_name)
            s.friendly_name = std::move(*patch.friendly_name);
        if (patch.attributes)
            s.attributes = std::move(*patch.attributes);
        s.date_updated = patch.date_updated.time_since_epoch().count();
        return record_at(account_sid, *found->position);
    }

    result<void> remove_now(std::string_view account_sid, std::string_view sid)
    {
        std::unique_lock lock(mutex_);
        auto found = find(account_sid, sid);
        if (!found)
            return errc::not_found;
        by_sid_.erase(found->position->second.sid);
        found->owner->by_sequence.erase(found->position);
        return {};
    }

    result<page_slice> list_now(std::string_view account_sid, const page_query& query) const
    {
        page_slice slice;
        std::shared_lock lock(mutex_);
        auto found = find_page(account_sid, query);
        slice.more_after = found.more_after;
        slice.more_before = found.more_before;
        slice.items.reserve(found.count);
        for (auto it = found.begin; it != found.end; ++it)
            slice.items.push_back(record_at(account_sid, *it));
        return slice;
    }

    /// `visit_page` without a coroutine. `visit` runs under the store's read lock: other
    /// readers go on, writers wait until the page is done.
    result<page_slice> visit_page_now(std::string_view account_sid, const page_query& query,
                                      const record_visitor& visit) const
    {
        page_slice slice;
        std::shared_lock lock(mutex_);
        auto found = find_page(account_sid, query);
        slice.more_after = found.more_after;
        slice.more_before = found.more_before;
        std::array<char, sid_length> sid;
        for (auto it = found.begin; it != found.end; ++it)
            visit(view_of(account_sid, *it, sid));
        return slice;
    }

    /// Records in all accounts.
    std::size_t size() const
    {
        std::shared_lock lock(mutex_);
        return by_sid_.size();
    }

private:
    struct stored {
        detail::sid_key sid;
        std::string friendly_name;
        const std::string* type;  // interned: a handful of distinct values in practice
        std::string attributes;
        std::int64_t date_created;
        std::int64_t date_updated;
    };
    using ordered = std::map<std::uint64_t, stored>;
    struct account {
        ordered by_sequence;
    };
    struct located {
        account* owner;
        ordered::iterator position;
    };

    const std::string* intern(const std::string& type)
    {
        return &*types_.insert(type).first;
    }

    // The records of a page: [begin, end) of the account's tree, and what lies beyond.
    struct page_range {
        ordered::const_iterator begin{}, end{};
        std::size_t count = 0;
        bool more_before = false;
        bool more_after = false;
    };

    page_range find_page(std::string_view account_sid, const page_query& query) const
    {
        page_range r;
        auto acct = accounts_.find(account_sid);
        if (acct == accounts_.end())
            return r;
        const auto& records = acct->second.by_sequence;
        if (query.before) {
            r.end = records.lower_bound(*query.before);
            r.begin = r.end;
            for (; r.count < query.limit && r.begin != records.begin(); ++r.count)
                --r.begin;
        } else {
            r.begin = query.after ? records.upper_bound(*query.after) : records.begin();
            r.end = r.begin;
            for (; r.count < query.limit && r.end != records.end(); ++r.count)
                ++r.end;
        }
        r.more_before = r.begin != records.begin();
        r.more_after = r.end != records.end();
        return r;
    }

    std::optional<located> find(std::string_view account_sid, std::string_view sid) const
    {
        auto key = detail::sid_key::parse(sid);
        if (!key)
            return std::nullopt;
        const located* it = by_sid_.find(*key);
        if (!it)
            return std::nullopt;
        auto acct = accounts_.find(account_sid);
        // Another account's record is indistinguishable from a missing one.
        if (acct == accounts_.end() || &acct->second != it->owner)
            return std::nullopt;
        return *it;
    }

    // A stored record as a view; the SID's text is written into `sid`.
    static end_user_view view_of(std::string_view account_sid, const ordered::value_type& entry,
                                 std::array<char, sid_length>& sid) noexcept
    {
        const stored& s = entry.second;
        end_user_view v;
        v.sequence = entry.first;
        v.sid = s.sid.write(sid, "IT");
        v.account_sid = account_sid;
        v.friendly_name = s.friendly_name;
        v.type = *s.type;
        v.attributes = s.attributes;
        v.date_created = timestamp(std::chrono::seconds(s.date_created));
        v.date_updated = timestamp(std::chrono::seconds(s.date_updated));
        return v;
    }

    static end_user record_at(std::string_view account_sid, const ordered::value_type& entry)
    {
        std::array<char, sid_length> sid;
        return to_end_user(view_of(account_sid, entry, sid));
    }

    mutable std::shared_mutex mutex_;
    std::uint64_t last_sequence_ = 0;
    std::unordered_map<std::string, account, detail::string_hash, std::equal_to<>> accounts_;
    detail::sid_map<located> by_sid_;
    std::set<std::string> types_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/memory_store.ipp>
#endif

#endif
