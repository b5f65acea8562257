// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_PAGE_TOKEN_HPP
#define TRUSTHUB_DETAIL_PAGE_TOKEN_HPP

#include <trusthub/detail/hex.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// A keyset cursor as clients see it: `PA` (the page after) or `PB` (the page before), the
/// cursor's `sequence` in 16 hex digits, and 8 hex digits of a check over the list it was
/// issued for (`binding`: the account, the collection and the parent), the direction and the
/// sequence.
///
/// The check makes a garbled or hand-made token, or one issued for another list or another
/// account, a 400 rather than a silently different page. It is not a secret: a token grants nothing that the
/// account's own credentials do not. It needs no state, so every instance sharing a store
/// accepts the tokens of every other.
struct page_token {
    enum class direction : char { after = 'A', before = 'B' };

    direction dir = direction::after;
    std::uint64_t sequence = 0;

    static constexpr std::size_t length = 2 + 16 + 8;

    std::string encode(std::string_view binding) const
    {
        std::string out;
        out.reserve(length);
        out.push_back('P');
        out.push_back(static_cast<char>(dir));
        append_hex(out, sequence, 16);
        append_hex(out, check(binding, dir, sequence), 8);
        return out;
    }

    static std::optional<page_token> decode(std::string_view token, std::string_view binding) noexcept
    {
        if (token.size() != length || token[0] != 'P' || (token[1] != 'A' && token[1] != 'B'))
            return std::nullopt;
        auto seq = parse_hex(token.substr(2, 16));
        auto sum = parse_hex(token.substr(18, 8));
        if (!seq || !sum)
            return std::nullopt;
        page_token t{static_cast<direction>(token[1]), *seq};
        if (*sum != check(binding, t.dir, t.sequence))
            return std::nullopt;
        return t;
    }

    /// What a token of the collection `kind` under `parent_sid` (empty at the top level), for
    /// the account `account_sid`, is bound to.
    static std::string binding_for(std::string_view account_sid, std::string_view kind, std::string_view parent_sid)
    {
        std::string out;
        out.reserve(account_sid.size() + kind.size() + parent_sid.size() + 2);
        out.append(account_sid).append(1, '/').append(kind).append(1, '/').append(parent_sid);
        return out;
    }

private:
    static std::uint64_t check(std::string_view binding, direction dir, std::uint64_t sequence) noexcept
    {
        // FNV-1a, 64 bits, folded to 32.
        std::uint64_t h = 0xcbf29ce484222325ULL;
        auto mix = [&h](unsigned char byte) {
            h ^= byte;
            h *= 0x100000001b3ULL;
        };
        for (char c : binding)
            mix(static_cast<unsigned char>(c));
        mix(static_cast<unsigned char>(dir));
        for (int i = 0; i < 8; ++i)
            mix(static_cast<unsigned char>(sequence >> (8 * i)));
        return (h ^ (h >> 32)) & 0xffffffffULL;
    }
};

} // namespace trusthub::detail

#endif
