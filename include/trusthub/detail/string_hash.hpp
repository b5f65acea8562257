// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_STRING_HASH_HPP
#define TRUSTHUB_DETAIL_STRING_HASH_HPP

#include <functional>
#include <string_view>

namespace trusthub::detail {

/// A hash for string-keyed unordered containers that also takes `std::string_view`, so that a
/// lookup by a view into a request needs no temporary string (with `std::equal_to<>`).
struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

} // namespace trusthub::detail

#endif
