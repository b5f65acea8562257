// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_SID_KEY_HPP
#define TRUSTHUB_DETAIL_SID_KEY_HPP

#include <trusthub/detail/hex.hpp>
#include <trusthub/sid.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace trusthub::detail {

/// A SID as its two-letter prefix and its 128 bits: half the memory of the text, and a cheap
/// hash. SIDs of two kinds may share their digits (a deterministic source counts each prefix
/// from one), so the prefix is part of the key.
struct sid_key {
    std::array<char, 2> prefix{};
    std::array<unsigned char, 16> bytes{};

    /// The key of a 34-character SID with any two-character prefix; nothing if malformed.
    static std::optional<sid_key> parse(std::string_view sid) noexcept
    {
        if (sid.size() != sid_length)
            return std::nullopt;
        sid_key key;
        key.prefix = {sid[0], sid[1]};
        // Digits through a table and one check at the end, not a branch a digit: every create,
        // fetch, update and delete parses a SID, and nearly all are well formed.
        int bad = 0;
        for (std::size_t i = 0; i < 16; ++i) {
            int hi = lower_hex_values[static_cast<unsigned char>(sid[2 + 2 * i])];
            int lo = lower_hex_values[static_cast<unsigned char>(sid[3 + 2 * i])];
            bad |= hi | lo;
            key.bytes[i] = static_cast<unsigned char>(hi << 4 | lo);
        }
        if (bad < 0)
            return std::nullopt;
        return key;
    }

    /// The SID's text in `buf`, valid as long as `buf`: no allocation.
    std::string_view write(std::array<char, sid_length>& buf) const noexcept
    {
        std::memcpy(buf.data(), prefix.data(), 2);
        write_hex(buf.data() + 2, bytes.data(), bytes.size());
        return {buf.data(), buf.size()};
    }

    // As two words and two letters, where the defaulted comparison calls memcmp: the SID index
    // compares keys in every lookup (its nodes do not keep their hash).
    friend bool operator==(const sid_key& a, const sid_key& b) noexcept
    {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, a.bytes.data(), 8);
        std::memcpy(&a1, a.bytes.data() + 8, 8);
        std::memcpy(&b0, b.bytes.data(), 8);
        std::memcpy(&b1, b.bytes.data() + 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0 && a.prefix[0] == b.prefix[0] && a.prefix[1] == b.prefix[1];
    }

    struct hash {
        std::size_t operator()(const sid_key& k) const noexcept
        {
            // The bits are uniformly random already (or a counter, in deterministic mode):
            // fold both halves so that either kind spreads over the buckets.
            std::uint64_t a, b;
            std::memcpy(&a, k.bytes.data(), 8);
            std::memcpy(&b, k.bytes.data() + 8, 8);
            std::uint64_t p = static_cast<unsigned char>(k.prefix[0]) << 8 | static_cast<unsigned char>(k.prefix[1]);
            std::uint64_t h = a ^ b ^ p;
            return static_cast<std::size_t>(h * 0x9e3779b97f4a7c15ULL >> 7 ^ h);
        }
    };
};

} // namespace trusthub::detail

#endif
