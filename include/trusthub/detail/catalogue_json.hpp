// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_CATALOGUE_JSON_HPP
#define TRUSTHUB_DETAIL_CATALOGUE_JSON_HPP

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// The checks every catalogue's JSON data passes (EndUserTypes, SupportingDocumentTypes,
/// Policies). A refusal is a `std::invalid_argument` whose message reads
/// `"<catalogue>: <where>: <why>"`, so that whoever edits the data finds the entry at fault.
class catalogue_json {
public:
    /// `name`: how messages name the catalogue (`"policy catalogue"`).
    explicit constexpr catalogue_json(std::string_view name) noexcept : name_(name) {}

    [[noreturn]] void refuse(std::string_view where, std::string_view why) const
    {
        throw std::invalid_argument(std::string(name_) + ": " + std::string(where) + ": " + std::string(why));
    }

    /// Every key of `o` is one of `allowed`: an unknown key is more likely a typo
    /// (`machinename`) than data, and a typo would otherwise drop a field silently.
    void only_keys(const boost::json::object& o, std::initializer_list<std::string_view> allowed,
                   std::string_view where) const
    {
        for (const auto& [key, value] : o) {
            (void)value;
            if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end())
                refuse(where, "unknown key \"" + std::string(key) + "\"");
        }
    }

    /// The string `o[key]`, which must be there.
    std::string string_member(const boost::json::object& o, std::string_view key, std::string_view where) const
    {
        const boost::json::value* v = o.if_contains(key);
        if (!v)
            refuse(where, "no \"" + std::string(key) + "\"");
        if (!v->is_string())
            refuse(where, "\"" + std::string(key) + "\" is not a string");
        return std::string(v->get_string());
    }

    /// `entry 3`, or `entry 3 (name)` once the entry's name is known.
    static std::string entry_name(std::size_t index, std::string_view name = {})
    {
        std::string out = "entry " + std::to_string(index);
        if (!name.empty())
            out.append(" (").append(name).append(")");
        return out;
    }

private:
    std::string_view name_;
};

} // namespace trusthub::detail

#endif
