// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_TARGET_HPP
#define TRUSTHUB_DETAIL_TARGET_HPP

#include <string>
#include <string_view>

namespace trusthub::detail {

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
