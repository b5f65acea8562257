// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_JSON_TEXT_HPP
#define TRUSTHUB_DETAIL_JSON_TEXT_HPP

#include <trusthub/detail/hex.hpp>
#include <trusthub/timestamp.hpp>


#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// Appends an unsigned integer in decimal.
inline void append_number(std::string& out, std::uint64_t value)
{
    char buf[20];
    auto end = std::to_chars(buf, buf + sizeof(buf), value).ptr;
    out.append(buf, end);
}

/// Copies `text`, which is short (a key, a SID, a date), to `p`; returns the end. A response is
/// written in dozens of such pieces: copied in fixed-size words, overlapping at the end, they
/// need no call to the library's `memcpy` each.
inline char* write_short(char* p, std::string_view text) noexcept
{
    const std::size_t n = text.size();
    const char* s = text.data();
    if (n >= 8 && n <= 64) {
        std::uint64_t w;
        for (std::size_t i = 0; i + 8 < n; i += 8) {
            std::memcpy(&w, s + i, 8);
            std::memcpy(p + i, &w, 8);
        }
        std::memcpy(&w, s + n - 8, 8);
        std::memcpy(p + n - 8, &w, 8);
        return p + n;
    }
    if (n > 64) {
        std::memcpy(p, s, n);
        return p + n;
    }
    for (std::size_t i = 0; i < n; ++i)
        p[i] = s[i];
    return p + n;
}

/// Copies `text` to `p`; returns the end.
inline char* write_raw(char* p, std::string_view text) noexcept
{
    if (text.empty())  // an empty view's data may be null
        return p;
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF): what may go into a JSON string unescaped.
inline bool is_valid_utf8(std::string_view text) noexcept
{
    auto p = reinterpret_cast<const unsigned char*>(text.data());
    auto end = p + text.size();
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t n;
        std::uint32_t cp;
        if ((c & 0xe0) == 0xc0) { n = 1; cp = c & 0x1f; }
        else if ((c & 0xf0) == 0xe0) { n = 2; cp = c & 0x0f; }
        else if ((c & 0xf8) == 0xf0) { n = 3; cp = c & 0x07; }
        else return false;
        if (static_cast<std::size_t>(end - p) <= n)
            return false;
        for (std::size_t i = 1; i <= n; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (p[i] & 0x3f);
        }
        static constexpr std::uint32_t min_for_length[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_for_length[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += n + 1;
    }
    return true;
}

/// True when one of the 8 bytes at `p` must be escaped in a JSON string: a control character,
/// `"` or a backslash. Bytes from 0x80 up (UTF-8 sequences) never need it.
inline bool any_to_escape(const char* p) noexcept
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;  // a byte < 0x20
    return (below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

/// True when some byte of `text` must be escaped in a JSON string: eight bytes at a time, the
/// last word overlapping the one before.
inline bool needs_escape(std::string_view text) noexcept
{
    const char* p = text.data();
    const std::size_t size = text.size();
    if (size < 8) {
        for (std::size_t i = 0; i < size; ++i) {
            auto c = static_cast<unsigned char>(p[i]);
            if (c < 0x20 || c == '"' || c == '\\')
                return true;
        }
        return false;
    }
    for (std::size_t i = 0; i + 8 <= size; i += 8)
        if (any_to_escape(p + i))
            return true;
    return any_to_escape(p + size - 8);
}

/// The most bytes `write_string` writes for `text`: quotes and every byte as `\u00XX`.
constexpr std::size_t string_bound(std::string_view text) noexcept
{
    return 2 + 6 * text.size();
}

/// Writes `text` as a JSON string literal at `p`, which has room for `string_bound(text)`
/// bytes, and returns the end of what it wrote. `text` must be valid UTF-8; it is written as
/// is, but for the characters JSON requires escaped.
inline char* write_string(char* p, std::string_view text) noexcept
{
    *p++ = '"';
    const char* data = text.data();
    const std::size_t size = text.size();
    auto plain = [](unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; };
    // The usual case, nothing to escape, is one scan eight bytes at a time (the last word
    // overlapping the one before) and one copy.
    std::size_t i = 0;
    while (i + 8 <= size && !any_to_escape(data + i))
        i += 8;
    bool clean = true;
    if (i + 8 <= size)
        clean = false;
    else if (size >= 8)
        clean = !any_to_escape(data + size - 8);
    else
        for (std::size_t j = 0; j < size && clean; ++j)
            clean = plain(static_cast<unsigned char>(data[j]));
    if (clean) {
        if (size != 0)  // an empty view's data may be null
            std::memcpy(p, data, size);
        p += size;
        *p++ = '"';
        return p;
    }
    // Otherwise on from the last clean word, a byte at a time where words do not help.
    std::size_t run = 0;  // start of the pending run that needs no escaping
    while (i < size) {
        // Eight bytes at a time while none of them needs escaping: the usual case throughout.
        if (i + 8 <= size && !any_to_escape(data + i)) {
            i += 8;
            continue;
        }
        auto c = static_cast<unsigned char>(data[i]);
        if (plain(c)) {
            ++i;
            continue;
        }
        std::memcpy(p, data + run, i - run);
        p += i - run;
        run = ++i;
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        default:
            *p++ = 'u';
            *p++ = '0';
            *p++ = '0';
            *p++ = lower_hex_digits[c >> 4];
            *p++ = lower_hex_digits[c & 0xf];
        }
    }
    std::memcpy(p, data + run, size - run);
    p += size - run;
    *p++ = '"';
    return p;
}

/// Appends `text` as a JSON string literal. `text` must be valid UTF-8; it is written as is,
/// but for the characters JSON requires escaped.
inline void append_string(std::string& out, std::string_view text)
{
    std::size_t at = out.size();
    out.resize(at + string_bound(text));
    char* end = write_string(out.data() + at, text);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

/// Length of a date as Twilio writes it.
inline constexpr std::size_t date_length = 20;

/// Writes a date as Twilio writes it, `2021-02-16T20:40:57Z`, at `p` (room for
/// `date_length` bytes); returns the end.
inline char* write_date(char* p, timestamp t) noexcept
{
    static constexpr char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";
    auto two = [](char* q, unsigned v) { std::memcpy(q, pairs + 2 * v, 2); };
    // Dates repeat (created and updated, records made in the same second), and the dates of a
    // page mostly fall on a few days: the last date written on this thread is kept, so a
    // repeat is a copy and another time of the same day skips the calendar.
    struct last_date {
        bool valid = false;
        timestamp when{};
        std::chrono::sys_days day{};
        char text[date_length];
    };
    thread_local last_date last;
    if (!last.valid || last.when != t) {
        const auto day = std::chrono::floor<std::chrono::days>(t);
        if (!last.valid || last.day != day) {
            std::chrono::year_month_day ymd(day);
            int year = static_cast<int>(ymd.year());
            if (year < 0 || year > 9999)
                year = year < 0 ? 0 : 9999;  // outside ISO 8601's four digits: clamp, never overflow
            two(last.text, static_cast<unsigned>(year / 100));
            two(last.text + 2, static_cast<unsigned>(year % 100));
            last.text[4] = '-';
            two(last.text + 5, static_cast<unsigned>(ymd.month()));
            last.text[7] = '-';
            two(last.text + 8, static_cast<unsigned>(ymd.day()));
            last.text[10] = 'T';
            last.text[13] = ':';
            last.text[16] = ':';
            last.text[19] = 'Z';
            last.day = day;
        }
        const auto second = static_cast<unsigned>((t - day).count());  // 0 to 86399
        two(last.text + 11, second / 3600);
        two(last.text + 14, second / 60 % 60);
        two(last.text + 17, second % 60);
        last.when = t;
        last.valid = true;
    }
    std::memcpy(p, last.text, date_length);
    return p + date_length;
}

/// Appends a date as Twilio writes it: `2021-02-16T20:40:57Z`.
inline void append_date(std::string& out, timestamp t)
{
    char buf[date_length];
    write_date(buf, t);
    out.append(buf, date_length);
}

/// Reads a date written as Twilio writes it (`2021-02-16T20:40:57Z`, years 0000 to 9999);
/// nothing for any other text or a day the calendar does not have.
inline std::optional<timestamp> parse_date(std::string_view text) noexcept
{
    if (text.size() != date_length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t digits, unsigned& out) {
        out = 0;
        for (std::size_t i = at; i < at + digits; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
            out = out * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return true;
    };
    unsigned year, month, day, hour, minute, second;
    if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day) || !number(11, 2, hour) ||
        !number(14, 2, minute) || !number(17, 2, second) || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                                    std::chrono::day(day)};
    if (!ymd.ok())
        return std::nullopt;
    return timestamp(std::chrono::sys_days(ymd)) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second);
}

/// The text a JSON string literal stands for (`"a\\nb"` gives a, newline, b); nothing if
/// `literal` is not one string literal.
inline std::optional<std::string> read_string(std::string_view literal)
{
    if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"')
        return std::nullopt;
    std::string out;
    out.reserve(literal.size() - 2);
    auto hex4 = [&](std::size_t at, std::uint32_t& v) {
        if (at + 4 > literal.size() - 1)
            return false;
        v = 0;
        for (std::size_t i = at; i < at + 4; ++i) {
            int d = hex_value(literal[i]);
            if (d < 0)
                return false;
            v = v << 4 | static_cast<std::uint32_t>(d);
        }
        return true;
    };
    auto put = [&out](std::uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xc0 | cp >> 6));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xe0 | cp >> 12));
            out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else {
            out.push_back(static_cast<char>(0xf0 | cp >> 18));
            out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        }
    };
    for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
        char c = literal[i];
        // JSON has no unescaped quote or control character inside a string.
        if (c == '"' || static_cast<unsigned char>(c) < 0x20)
            return std::nullopt;
        if (c != '\\') {
            out.push_back(c);
            continue;
        }
        if (++i + 1 >= literal.size())
            return std::nullopt;
        switch (literal[i]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
            std::uint32_t cp;
            if (!hex4(i + 1, cp))
                return std::nullopt;
            i += 4;
            if (cp >= 0xd800 && cp <= 0xdbff) {
                std::uint32_t low;
                if (i + 2 >= literal.size() - 1 || literal[i + 1] != '\\' || literal[i + 2] != 'u' || !hex4(i + 3, low) ||
                    low < 0xdc00 || low > 0xdfff)
                    return std::nullopt;
                i += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                return std::nullopt;
            }
            put(cp);
            break;
        }
        default: return std::nullopt;
        }
    }
    if (!is_valid_utf8(out))
        return std::nullopt;
    return out;
}

} // namespace trusthub::detail

#endif
