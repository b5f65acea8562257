// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_SID_MAP_HPP
#define TRUSTHUB_DETAIL_SID_MAP_HPP

#include <trusthub/detail/sid_key.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>

namespace trusthub::detail {

/// A hash map from SID to `Value`, split into shards that are hash tables of their own.
///
/// A hash table that grows moves all its entries to a new bucket array at once. One table of a
/// million SIDs stalls the request that makes it grow, and every request queued behind it, for
/// as long as that takes; a shard holds a sixty-fourth of the entries and grows in a sixty-fourth
/// of the time, which keeps growth out of a create's tail latency.
template <class Value>
class sid_map {
    using table = std::unordered_map<sid_key, Value, sid_key::hash>;

public:
    using iterator = typename table::iterator;
    using const_iterator = typename table::const_iterator;

    static constexpr std::size_t shard_count = 64;

    /// The entry of `key`, or nothing.
    Value* find(const sid_key& key) noexcept
    {
        auto& t = shard(key);
        auto it = t.find(key);
        return it == t.end() ? nullptr : &it->second;
    }

    const Value* find(const sid_key& key) const noexcept
    {
        return const_cast<sid_map*>(this)->find(key);
    }

    bool contains(const sid_key& key) const noexcept { return find(key) != nullptr; }

    /// Adds `key`; false (and nothing changes) if it is there already.
    bool emplace(const sid_key& key, Value value)
    {
        bool added = shard(key).emplace(key, std::move(value)).second;
        size_ += added;
        return added;
    }

    /// Removes `key`; false if it was not there.
    bool erase(const sid_key& key) noexcept
    {
        bool removed = shard(key).erase(key) != 0;
        size_ -= removed;
        return removed;
    }

    std::size_t size() const noexcept { return size_; }

private:
    // Other bits than the tables' own hash uses to pick a bucket, so that each shard's entries
    // still spread over all of its buckets.
    table& shard(const sid_key& key) noexcept
    {
        std::uint64_t a, b;
        std::memcpy(&a, key.bytes.data(), 8);
        std::memcpy(&b, key.bytes.data() + 8, 8);
        return shards_[((a ^ b) * 0xbf58476d1ce4e5b9ULL) >> 58];
    }

    std::array<table, shard_count> shards_;
    std::size_t size_ = 0;
};

} // namespace trusthub::detail

#endif
