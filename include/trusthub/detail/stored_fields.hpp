// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_STORED_FIELDS_HPP
#define TRUSTHUB_DETAIL_STORED_FIELDS_HPP

#include <trusthub/store/record.hpp>

#include <cstddef>
#include <string_view>

namespace trusthub::detail {

// A JSON string's text between its quotes. Only for the values the server compares (statuses,
// SIDs, types, kinds), which never need escapes.
inline std::string_view unquoted(std::string_view json) noexcept
{
    return json.size() >= 2 ? json.substr(1, json.size() - 2) : std::string_view();
}

// A field of a stored record or a catalogue entry, or null (empty) where a record made before
// the field existed, or by a host's own data, has none.
inline std::string_view field_of(const record& r, std::size_t index) noexcept
{
    return index < r.fields.size() ? std::string_view(r.fields[index]) : std::string_view();
}

} // namespace trusthub::detail

#endif
