// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_FUZZ_REFERENCE_HPP
#define TRUSTHUB_FUZZ_REFERENCE_HPP

// Plain, slow restatements of rules that trusthub implements for speed: the fuzz targets
// compare the two. Written from the specifications (RFC 3629, the form encoding of the URL
// standard, RFC 4648), not from trusthub's code, so that a shared mistake is unlikely.

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub::fuzz::reference {

/// Well-formed UTF-8 (RFC 3629): no overlong form, no surrogate, nothing above U+10FFFF.
inline bool valid_utf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (len == 0 || i + len > s.size())
            return false;
        std::uint32_t cp = len == 1 ? c : c & (0xff >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) {
            auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (d & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += len;
    }
    return true;
}

inline int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// One component of a form: `+` is a space, `%XX` a byte, a `%` without two hex digits after
/// it makes the whole form malformed.
inline std::optional<std::string> form_decode(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%') {
            if (i + 2 >= s.size())
                return std::nullopt;
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

/// The fields of a form, in order: `&` separates them (empty ones are skipped), the first `=`
/// separates a name from its value.
inline std::optional<std::vector<std::pair<std::string, std::string>>> form_fields(std::string_view text)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('&', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view pair = text.substr(start, end - start);
        start = end + 1;
        if (pair.empty())
            continue;
        std::size_t eq = pair.find('=');
        auto name = form_decode(pair.substr(0, eq));
        auto value = form_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!name || !value)
            return std::nullopt;
        out.emplace_back(std::move(*name), std::move(*value));
    }
    return out;
}

/// The first value of `name`, if any.
inline const std::string* first(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name)
{
    for (const auto& f : fields)
        if (f.first == name)
            return &f.second;
    return nullptr;
}

/// `text` as Boost.JSON's own `parse` reads it, with the nesting limit trusthub documents
/// (64); nothing if it refuses it.
inline std::optional<boost::json::value> parse_json(std::string_view text)
{
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text, ec, {}, options);
    if (ec)
        return std::nullopt;
    return v;
}

/// The same JSON value, as far as Boost.JSON 1.81 can tell. Not `==`, for its doubles: it
/// reads a zero with a large exponent (`0E400`) as NaN, unequal to itself, and it rounds a
/// long decimal differently depending on where in the buffer the number lies. Doubles are
/// taken as equal within a few units in the last place; everything else must be equal.
inline bool same(const boost::json::value& a, const boost::json::value& b)
{
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case boost::json::kind::double_: {
        double x = a.get_double(), y = b.get_double();
        if (x == y || (std::isnan(x) && std::isnan(y)))
            return true;
        double m = std::max(std::fabs(x), std::fabs(y));
        return std::signbit(x) == std::signbit(y) && (std::isinf(m) ? std::fmin(std::fabs(x), std::fabs(y)) > 1e307
                                                                    : std::fabs(x - y) <= m * 1e-14);
    }
    case boost::json::kind::array: {
        const auto &x = a.get_array(), &y = b.get_array();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same(x[i], y[i]))
                return false;
        return true;
    }
    case boost::json::kind::object: {
        const auto &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size())
            return false;
        for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
            if (i->key() != j->key() || !same(i->value(), j->value()))
                return false;
        return true;
    }
    default:
        return a == b;
    }
}

/// `text` without the white space outside its strings, everything else kept to the byte: the
/// compact form trusthub documents for Attributes. `text` must be valid JSON.
inline std::string strip(std::string_view text)
{
    std::string out;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            out.push_back(c);
            if (c == '\\' && i + 1 < text.size())
                out.push_back(text[++i]);
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
            out.push_back(c);
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            out.push_back(c);
        }
    }
    return out;
}

/// True when `text` has no white space outside its strings.
inline bool compact(std::string_view text)
{
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
    }
    return true;
}

/// A decimal number of digits only, as it would be in 64 bits unsigned; nothing otherwise.
inline std::optional<std::uint64_t> decimal(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    std::uint64_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        unsigned d = static_cast<unsigned>(c - '0');
        if (n > (UINT64_MAX - d) / 10)
            return std::nullopt;
        n = n * 10 + d;
    }
    return n;
}

} // namespace trusthub::fuzz::reference

#endif
