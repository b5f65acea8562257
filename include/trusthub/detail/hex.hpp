// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_HEX_HPP
#define TRUSTHUB_DETAIL_HEX_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// Lowercase hex digits: what SIDs, page tokens and JSON escapes are written with.
inline constexpr char lower_hex_digits[] = "0123456789abcdef";
/// Uppercase hex digits: what percent-escapes are written with (RFC 3986, section 2.1).
inline constexpr char upper_hex_digits[] = "0123456789ABCDEF";

/// The value of one lowercase hex digit, or -1: SIDs and tokens are lowercase only.
constexpr int lower_hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// `lower_hex_value` of every byte, for loops that decode many digits and check once.
inline constexpr auto lower_hex_values = [] {
    std::array<signed char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<signed char>(lower_hex_value(static_cast<char>(c)));
    return table;
}();

/// The value of one hex digit of either case, or -1: what percent-escapes may use.
constexpr int hex_value(char c) noexcept
{
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return lower_hex_value(c);
}

/// Writes the lowercase hex form of `n` bytes at `p` (room for `2 * n`); returns the end.
inline char* write_hex(char* p, const unsigned char* bytes, std::size_t n) noexcept
{
    for (std::size_t i = 0; i < n; ++i) {
        *p++ = lower_hex_digits[bytes[i] >> 4];
        *p++ = lower_hex_digits[bytes[i] & 0xf];
    }
    return p;
}

/// Appends the lowercase hex form of `n` bytes.
inline void append_hex(std::string& out, const unsigned char* bytes, std::size_t n)
{
    // One resize and plain stores: a SID's hex is written for every record a page returns.
    std::size_t at = out.size();
    out.resize(at + 2 * n);
    write_hex(out.data() + at, bytes, n);
}

/// Appends the low `digits` hex digits of `value`, most significant first.
inline void append_hex(std::string& out, std::uint64_t value, int digits)
{
    for (int i = digits - 1; i >= 0; --i)
        out.push_back(lower_hex_digits[(value >> (4 * i)) & 0xf]);
}

/// The value of at most 16 lowercase hex digits; nothing if any other character appears.
constexpr std::optional<std::uint64_t> parse_hex(std::string_view text) noexcept
{
    std::uint64_t value = 0;
    for (char c : text) {
        int d = lower_hex_value(c);
        if (d < 0)
            return std::nullopt;
        value = value << 4 | static_cast<std::uint64_t>(d);
    }
    return value;
}

/// True when every character of `text` is a lowercase hex digit.
constexpr bool is_lower_hex(std::string_view text) noexcept
{
    for (char c : text)
        if (lower_hex_value(c) < 0)
            return false;
    return true;
}

} // namespace trusthub::detail

#endif
