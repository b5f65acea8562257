// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_TARGET_HPP
#define TRUSTHUB_DETAIL_TARGET_HPP

#include <string>
#include <string_view>

namespace trusthub::detail {

/// A request target in origin form (`/path?query`): an absolute-form target
/// (`http://host:port/path?query`, RFC 9112 section 3.2.2, what a client sends to a proxy)
/// without its scheme and authority. Any other target is returned as it is.
constexpr std::string_view origin_form(std::string_view target) noexcept
{
    auto starts_with_nocase = [](std::string_view text, std::string_view prefix) {
        if (text.size() < prefix.size())
            return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if ((text[i] | 0x20) != prefix[i])
                return false;
        return true;
    };
    std::size_t after;
    if (starts_with_nocase(target, "http://"))
        after = 7;
    else if (starts_with_nocase(target, "https://"))
        after = 8;
    else
        return target;
    auto path = target.find_first_of("/?", after);
    if (path == std::string_view::npos)
        return "/";
    // `http://host?q` has an empty path, which is "/"; the query cannot be kept without one.
    return target[path] == '/' ? target.substr(path) : std::string_view("/");
}

/// The path of a request target: what comes before the `?`.
constexpr std::string_view path_of(std::string_view target) noexcept
{
    return target.substr(0, target.find('?'));
}

/// The query of a request target: what comes after the first `?`, empty if there is none.
constexpr std::string_view query_of(std::string_view target) noexcept
{
    auto mark = target.find('?');
    return mark == std::string_view::npos ? std::string_view{} : target.substr(mark + 1);
}

/// `text` without its trailing slashes: a public URL or a mount prefix as configured
/// (`https://host/`, `/trusthub/`) is joined to paths that begin with one.
inline std::string without_trailing_slashes(std::string text)
{
    while (!text.empty() && text.back() == '/')
        text.pop_back();
    return text;
}

} // namespace trusthub::detail

#endif
