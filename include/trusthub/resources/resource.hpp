// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_RESOURCE_HPP
#define TRUSTHUB_RESOURCES_RESOURCE_HPP

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace trusthub {

/// What a field holds, which decides how a form parameter is checked and stored.
enum class field_type {
    text,           ///< a string: valid UTF-8 without NUL
    enumeration,    ///< a string from `field_descriptor::values`
    json_object,    ///< a JSON object, kept as the client wrote it but for white space
    date,           ///< `2021-02-16T20:40:57Z`
    sid_reference,  ///< the SID of another record, its prefix one of `field_descriptor::values`
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
    /// Personal data: journals show `[redacted]` for its parameter.
    bool personal = false;
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

} // namespace trusthub

#endif
