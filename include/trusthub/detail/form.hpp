// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_FORM_HPP
#define TRUSTHUB_DETAIL_FORM_HPP

#include <trusthub/detail/hex.hpp>

#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub::detail {

/// The fields of an `application/x-www-form-urlencoded` body or of a query string.
///
/// Splitting is lenient (any byte but `&` and `=` may appear raw, as curl's `-d` sends them);
/// percent-escapes are strict: a `%` not followed by two hex digits makes the whole form
/// malformed. `+` and `%20` both decode to a space, `%2B` to a plus sign.
class form {
public:
    /// Decodes `text`; nothing if an escape is malformed.
    static std::optional<form> parse(std::string_view text)
    {
        form out;
        out.fields_.reserve(4);  // the most an EndUser request has
        while (!text.empty()) {
            auto amp = text.find('&');
            std::string_view pair = text.substr(0, amp);
            text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
            if (pair.empty())
                continue;
            auto eq = pair.find('=');
            auto name = decode(pair.substr(0, eq));
            auto value = decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
            if (!name || !value)
                return std::nullopt;
            out.fields_.emplace_back(std::move(*name), std::move(*value));
        }
        return out;
    }

    /// The value of the first field named `name` (names are case-sensitive, as Twilio's are).
    const std::string* find(std::string_view name) const noexcept
    {
        for (const auto& field : fields_)
            if (field.first == name)
                return &field.second;
        return nullptr;
    }

    /// Every field, in the order sent.
    const std::vector<std::pair<std::string, std::string>>& fields() const noexcept { return fields_; }

private:
    // One pass that checks and decodes. Boost.URL's `make_pct_string_view` and `decode` do the
    // same job in three passes (find, check, decode), which made them the largest cost of
    // reading a create's body (doc/performance.md has the profile).
    static std::optional<std::string> decode(std::string_view text)
    {
        std::string out;
        out.resize(text.size());
        char* to = out.data();
        const char* p = text.data();
        const char* const end = p + text.size();
        while (p != end) {
            char c = *p++;
            if (c == '+') {
                c = ' ';
            } else if (c == '%') {
                if (end - p < 2)
                    return std::nullopt;
                int high = hex_values[static_cast<unsigned char>(p[0])];
                int low = hex_values[static_cast<unsigned char>(p[1])];
                if ((high | low) < 0)
                    return std::nullopt;
                c = static_cast<char>(high << 4 | low);
                p += 2;
            }
            *to++ = c;
        }
        out.resize(static_cast<std::size_t>(to - out.data()));
        return out;
    }

    // `hex_value` of every byte: a table and one check an escape, where a client's JSON value
    // is mostly escapes.
    static constexpr auto hex_values = [] {
        std::array<signed char, 256> table{};
        for (int c = 0; c < 256; ++c)
            table[static_cast<std::size_t>(c)] = static_cast<signed char>(hex_value(static_cast<char>(c)));
        return table;
    }();

    std::vector<std::pair<std::string, std::string>> fields_;
};

} // namespace trusthub::detail

#endif
