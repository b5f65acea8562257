// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_SID_HPP
#define TRUSTHUB_SID_HPP

#include <trusthub/detail/hex.hpp>
#include <trusthub/detail/random.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace trusthub {

/// Length of every Twilio SID: a two-letter prefix and 32 lowercase hex digits.
inline constexpr std::size_t sid_length = 34;

/// True when `text` is `prefix` followed by 32 lowercase hex digits.
constexpr bool is_sid(std::string_view text, std::string_view prefix) noexcept
{
    return text.size() == sid_length && prefix.size() == 2 && text.substr(0, 2) == prefix &&
           detail::is_lower_hex(text.substr(2));
}

/// Makes a new SID with the given two-letter prefix (`IT`, `AC`, `RQ`…). Must be safe to call
/// from several threads at once.
using sid_source = std::function<std::string(std::string_view prefix)>;

/// SIDs from the operating system's cryptographic generator: 128 random bits each, so they
/// are unguessable and, in practice, never repeat (stores reject a repeat all the same).
inline sid_source random_sids()
{
    return [](std::string_view prefix) {
        std::array<unsigned char, 16> bytes;
        detail::random_bytes(bytes.data(), bytes.size());
        std::string sid(prefix);
        detail::append_hex(sid, bytes.data(), bytes.size());
        return sid;
    };
}

/// Reproducible SIDs for tests and deterministic runs: for each prefix, a counter from 1,
/// offset by `seed` so that two deterministic servers can be told apart
/// (`IT00000000000000000000000000000001`, …).
inline sid_source sequential_sids(std::uint64_t seed = 0)
{
    struct counters {
        std::mutex mutex;
        std::map<std::string, std::uint64_t, std::less<>> next;
    };
    auto state = std::make_shared<counters>();
    return [state, seed](std::string_view prefix) {
        std::uint64_t n;
        {
            std::lock_guard lock(state->mutex);
            auto it = state->next.find(prefix);
            if (it == state->next.end())
                it = state->next.emplace(std::string(prefix), 0).first;
            n = ++it->second;
        }
        std::array<unsigned char, 16> bytes{};
        for (int i = 0; i < 8; ++i) {
            bytes[7 - i] = static_cast<unsigned char>(seed >> (8 * i));
            bytes[15 - i] = static_cast<unsigned char>(n >> (8 * i));
        }
        std::string sid(prefix);
        detail::append_hex(sid, bytes.data(), bytes.size());
        return sid;
    };
}

} // namespace trusthub

#endif
