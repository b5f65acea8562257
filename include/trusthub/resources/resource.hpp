// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_RESOURCE_HPP
#define TRUSTHUB_RESOURCES_RESOURCE_HPP

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

/// What a field holds, which decides how a form parameter is checked and stored.
enum class field_type {
    text,           ///< a string: valid UTF-8 without NUL
    enumeration,    ///< a string from `field_descriptor::values`
    json_object,    ///< a JSON object, kept as the client wrote it but for white space
    date,           ///< `2021-02-16T20:40:57Z`
    sid_reference,  ///< a SID, its prefix one of `field_descriptor::values` (none given: any two letters)
    url,            ///< an absolute `http` or `https` URL
    text_list,      ///< strings: the parameter repeated, or given once
    boolean,        ///< `true` or `false`
};

/// One field of a resource: how it is named on the wire and in forms, and what it accepts.
/// Its value is stored as compact JSON text (`record::fields`).
struct field_descriptor {
    std::string_view wire_name = {};  ///< the key in the JSON resource: `friendly_name`
    /// The form parameter that sets it: `FriendlyName`. Empty: the server sets it (`initial`,
    /// then hooks), never a client.
    std::string_view parameter = {};
    field_type type = field_type::text;
    /// The JSON text a new record has when the client sends nothing (`{}`, `"draft"`); empty
    /// for null.
    std::string_view initial = {};
    /// Must be sent on create. A required text is refused when empty, as a missing one is.
    bool required = false;
    /// May be sent on update.
    bool updatable = false;
    /// The query parameter that filters a list by equality on this field; empty: none.
    /// Filters are echoed in page URLs before the paging parameters, in field order.
    std::string_view filter = {};
    /// The query parameter that filters a list by a comma-separated list of values, any of
    /// which the field may equal; empty: none. Echoed after `filter`.
    std::string_view filter_any = {};
    /// Personal data: journals show `[redacted]` for its parameter.
    bool personal = false;
    /// The field holds the SID of another record of the account, which cannot be removed
    /// while this one names it: the store keeps it among the record's `references`.
    bool holds_reference = false;
    /// A field the server sets: its value when nothing else sets it, on create or in a
    /// snapshot, is that of the field with this wire name (what a hook may then change).
    std::string_view defaults_to = {};
    /// `enumeration`: the accepted values; `sid_reference`: the accepted SID prefixes.
    std::span<const std::string_view> values = {};
};

/// What a member of the JSON resource is, in the order Twilio's schema writes them.
enum class member_kind {
    sid,
    account_sid,
    parent_sid,  ///< the SID of the record this one lives under
    field,       ///< `fields[index]`
    date_created,
    date_updated,
    url,
    links,  ///< the URLs of the subcollections
};

struct member_descriptor {
    member_kind kind = member_kind::sid;
    /// The key on the wire (for `field`: the field's `wire_name`).
    std::string_view name = {};
    std::size_t index = 0;  ///< for `field`
};

/// A subcollection a resource links to: `"links": {"entity_assignments": "…/EntityAssignments"}`.
struct link_descriptor {
    std::string_view name = {};
    std::string_view path = {};  ///< below the record's own URL: `/EntityAssignments`
};

/// Which of the five operations a collection has.
struct resource_operations {
    bool create = true;
    bool fetch = true;
    bool update = true;
    bool remove = true;
    bool list = true;
};

/// One collection of the API, as data: what tells it from every other. Generic code reads it
/// at run time (`resource_codec`, `service`, `add_resource_endpoints`), so a new collection is
/// a new descriptor, not a new copy of the stack.
struct resource_descriptor {
    /// The name records of this collection are stored under (`record::kind`): its list key,
    /// but for collections whose list key is Twilio's generic `results`.
    std::string_view kind = {};
    std::string_view sid_prefix = {};  ///< `IT`
    /// The collection's path below the public URL. A subcollection's names its parent's SID
    /// as its one `{…}` segment: `/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments`.
    std::string_view path = {};
    /// The key of a page's array: `results`, `end_user_types`.
    std::string_view list_key = {};
    std::span<const field_descriptor> fields = {};
    /// The JSON resource, member by member.
    std::span<const member_descriptor> members = {};
    std::span<const link_descriptor> links = {};
    /// The parent's SID prefix, for a subcollection; empty at the top level.
    std::string_view parent_prefix = {};
    /// The kind of the records a subcollection lives under, when its prefix does not tell
    /// (`BU` is two collections): a list under a parent of another kind is a 404, as under
    /// none. Empty: any record with the prefix.
    std::string_view parent_kind = {};
    resource_operations operations = {};

    /// The index of the field named `wire_name` on the wire, if there is one.
    constexpr std::optional<std::size_t> field_index(std::string_view wire_name) const noexcept
    {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].wire_name == wire_name)
                return i;
        return std::nullopt;
    }

    /// Whether records of this collection live under a parent.
    constexpr bool nested() const noexcept { return !parent_prefix.empty(); }
};

/// The index of the field whose value `resource.fields[index]` defaults to, if it has one.
inline std::optional<std::size_t> default_source(const resource_descriptor& resource, std::size_t index) noexcept
{
    return resource.fields[index].defaults_to.empty() ? std::nullopt
                                                     : resource.field_index(resource.fields[index].defaults_to);
}

/// The SIDs `fields` (a record's, in `resource`'s order) name in the fields marked
/// `holds_reference`: what the record's `references` must hold. Null fields name nothing.
inline std::vector<std::string> held_references(const resource_descriptor& resource,
                                                std::span<const std::string> fields)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < resource.fields.size() && i < fields.size(); ++i) {
        std::string_view text = fields[i];
        // A SID is a JSON string that never needs an escape: its text is between the quotes.
        if (resource.fields[i].holds_reference && text.size() > 2)
            out.emplace_back(text.substr(1, text.size() - 2));
    }
    return out;
}

} // namespace trusthub

#endif
