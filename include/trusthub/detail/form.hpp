// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_FORM_HPP
#define TRUSTHUB_DETAIL_FORM_HPP

#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>

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

private:
    static std::optional<std::string> decode(std::string_view text)
    {
        // Fast path: nothing to decode.
        if (text.find_first_of("%+") == std::string_view::npos)
            return std::string(text);
        auto escaped = boost::urls::make_pct_string_view(text);
        if (escaped.has_error())
            return std::nullopt;
        boost::urls::encoding_opts opts;
        opts.space_as_plus = true;
        std::string out;
        escaped->decode(opts, boost::urls::string_token::assign_to(out));
        return out;
    }

    std::vector<std::pair<std::string, std::string>> fields_;
};

} // namespace trusthub::detail

#endif
