// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_GLOB_HPP
#define TRUSTHUB_DETAIL_GLOB_HPP

#include <cstddef>
#include <string_view>

namespace trusthub::detail {

/// True when `path` matches `pattern`, a glob over URL paths: `*` is any run of characters
/// but `/`, `**` any run at all, `?` one character but `/`; every other character stands for
/// itself.
///
/// Backtracking, with each star's resumption point tried once per character: patterns and
/// paths are short, and a pattern of many stars costs at most their number times the path's
/// length for each star, never an exponential walk.
inline bool glob_match(std::string_view pattern, std::string_view path) noexcept
{
    // The usual two-pointer walk, remembering the last star: a `*` may not swallow a `/`, so
    // falling back to it past a `/` fails, and falling back goes to the last `**` instead.
    std::size_t p = 0, s = 0;
    std::size_t star_p = std::string_view::npos, star_s = 0;          // last `*`
    std::size_t deep_p = std::string_view::npos, deep_s = 0;          // last `**`
    while (s < path.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            if (p + 1 < pattern.size() && pattern[p + 1] == '*') {
                while (p < pattern.size() && pattern[p] == '*')
                    ++p;
                deep_p = p;
                deep_s = s;
                star_p = std::string_view::npos;  // a `**` makes every earlier `*` moot
            } else {
                ++p;
                star_p = p;
                star_s = s;
            }
            continue;
        }
        if (p < pattern.size() && (pattern[p] == path[s] || (pattern[p] == '?' && path[s] != '/'))) {
            ++p;
            ++s;
            continue;
        }
        if (star_p != std::string_view::npos && path[star_s] != '/') {
            p = star_p;
            s = ++star_s;
            continue;
        }
        if (deep_p != std::string_view::npos) {
            p = deep_p;
            s = ++deep_s;
            star_p = std::string_view::npos;
            continue;
        }
        return false;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace trusthub::detail

#endif
