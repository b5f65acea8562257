// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_END_USER_TYPES_IPP
#define TRUSTHUB_RESOURCES_IMPL_END_USER_TYPES_IPP

#include <trusthub/detail/catalogue_json.hpp>
#include <trusthub/detail/end_user_types_json.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/supporting_document_types_json.hpp>
#include <trusthub/resources/end_user_types.hpp>
#include <trusthub/sid.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <stdexcept>

namespace trusthub {

namespace detail::end_user_types {

inline constexpr catalogue_json checks{"end user type catalogue"};

// A machine name is a path segment (`/v1/EndUserTypes/{machine_name}`) and a `Type` value:
// kept to what needs no escaping in either, and never an `OY` SID, which would make a fetch
// ambiguous.
inline void check_machine_name(const catalogue_json& d, std::string_view name, std::string_view where)
{
    if (name.empty())
        d.refuse(where, "\"machine_name\" is empty");
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-' || c == '.';
        if (!ok)
            d.refuse(where, "\"machine_name\" may have only ASCII letters, digits, '_', '-' and '.'");
    }
    if (is_sid(name, "OY"))
        d.refuse(where, "\"machine_name\" must not be an OY SID");
}

} // namespace detail::end_user_types

end_user_type_catalogue end_user_type_catalogue::parse(std::string_view json)
{
    const auto& d = detail::end_user_types::checks;
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
    if (ec)
        d.refuse("not JSON", ec.message());
    if (!doc.is_array())
        d.refuse("top level", "must be an array of end user types");

    end_user_type_catalogue out;
    std::set<std::string, std::less<>> sids, names;
    std::size_t index = 0;
    for (const auto& entry : doc.get_array()) {
        std::string where = d.entry_name(index++);
        if (!entry.is_object())
            d.refuse(where, "not an object");
        const auto& o = entry.get_object();
        end_user_type t;
        t.machine_name = d.string_member(o, "machine_name", where);
        where = d.entry_name(index - 1, t.machine_name);
        d.only_keys(o, {"sid", "friendly_name", "machine_name", "fields"}, where);
        detail::end_user_types::check_machine_name(d, t.machine_name, where);
        t.sid = d.string_member(o, "sid", where);
        t.friendly_name = d.string_member(o, "friendly_name", where);
        if (!is_sid(t.sid, "OY"))
            d.refuse(where, "\"sid\" must be OY followed by 32 lowercase hex digits, not \"" + t.sid + "\"");
        if (!sids.insert(t.sid).second)
            d.refuse(where, "duplicate sid " + t.sid);
        if (!names.insert(t.machine_name).second)
            d.refuse(where, "duplicate machine_name " + t.machine_name);

        const boost::json::value* fields = o.if_contains("fields");
        if (!fields || !fields->is_array())
            d.refuse(where, "\"fields\" must be an array");
        std::set<std::string, std::less<>> keys;
        std::size_t field_index = 0;
        for (const auto& field : fields->get_array()) {
            std::string at = where + ", field " + std::to_string(field_index++);
            if (!field.is_object())
                d.refuse(at, "not an object");
            const auto& fo = field.get_object();
            d.only_keys(fo, {"machine_name", "friendly_name", "constraint"}, at);
            end_user_type_field f;
            f.machine_name = d.string_member(fo, "machine_name", at);
            f.friendly_name = d.string_member(fo, "friendly_name", at);
            f.constraint = d.string_member(fo, "constraint", at);
            if (f.machine_name.empty())
                d.refuse(at, "\"machine_name\" is empty");
            if (!keys.insert(f.machine_name).second)
                d.refuse(at, "duplicate field " + f.machine_name);
            t.fields.push_back(std::move(f));
        }
        out.types_.push_back(std::move(t));
    }
    return out;
}

const end_user_type* end_user_type_catalogue::find(std::string_view sid_or_machine_name) const noexcept
{
    if (is_sid(sid_or_machine_name, "OY")) {
        for (const auto& t : types_)
            if (t.sid == sid_or_machine_name)
                return &t;
        return nullptr;
    }
    return find_by_machine_name(sid_or_machine_name);
}

const end_user_type* end_user_type_catalogue::find_by_machine_name(std::string_view machine_name) const noexcept
{
    for (const auto& t : types_)
        if (t.machine_name == machine_name)
            return &t;
    return nullptr;
}

std::vector<record> end_user_type_catalogue::to_records() const
{
    std::vector<record> out;
    out.reserve(types_.size());
    for (const end_user_type& t : types_) {
        record r;
        r.sid = t.sid;
        std::string fields = "[";
        for (const auto& f : t.fields) {
            if (fields.size() > 1)
                fields.push_back(',');
            fields.append(std::string_view(R"({"machine_name":)"));
            detail::append_string(fields, f.machine_name);
            fields.append(std::string_view(R"(,"friendly_name":)"));
            detail::append_string(fields, f.friendly_name);
            fields.append(std::string_view(R"(,"constraint":)"));
            detail::append_string(fields, f.constraint);
            fields.push_back('}');
        }
        fields.push_back(']');
        r.fields.resize(3);
        detail::append_string(r.fields[0], t.friendly_name);
        detail::append_string(r.fields[1], t.machine_name);
        r.fields[2] = std::move(fields);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<end_user_type_mismatch> end_user_type_catalogue::check(std::string_view type,
                                                                     std::string_view attributes) const
{
    const end_user_type* known = find_by_machine_name(type);
    if (!known) {
        // Quoted as a JSON string: the name is the client's, and may hold anything printable
        // or not; escaped, it cannot break a log line.
        std::string why;
        detail::append_string(why, type);
        why.append(" is not an end user type");
        return end_user_type_mismatch{"Type", std::move(why)};
    }
    return check_keys(*known, attributes);
}

std::optional<end_user_type_mismatch> end_user_type_catalogue::check_keys(const end_user_type& type,
                                                                          std::string_view attributes)
{
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(boost::json::string_view(attributes.data(), attributes.size()), ec);
    if (ec || !doc.is_object())
        return std::nullopt;  // the codec refuses what is not an object before this is asked
    constexpr std::size_t named_at_most = 10;
    std::string named;
    std::size_t unknown = 0;
    for (const auto& [key, value] : doc.get_object()) {
        (void)value;
        if (type.has_field(std::string_view(key)))
            continue;
        if (++unknown > named_at_most)
            continue;
        if (unknown > 1)
            named.append(", ");
        detail::append_string(named, std::string_view(key));
    }
    if (unknown == 0)
        return std::nullopt;
    std::string why = std::move(named);
    if (unknown > named_at_most)
        why.append(" and ").append(std::to_string(unknown - named_at_most)).append(" more");
    why.append(unknown == 1 ? " is not a field of end user type " : " are not fields of end user type ");
    why.append(type.machine_name);
    return end_user_type_mismatch{"Attributes", std::move(why)};
}

const end_user_type_catalogue& default_catalogue()
{
    // Parsed on first use rather than at start-up: a program that never serves the types pays
    // nothing. A static of an inline function is one object in the whole program.
    static const end_user_type_catalogue shipped = end_user_type_catalogue::parse(detail::end_user_types_json);
    return shipped;
}

const type_catalogue& default_supporting_document_types()
{
    static const type_catalogue shipped = type_catalogue::parse(detail::supporting_document_types_json);
    return shipped;
}

} // namespace trusthub

#endif
