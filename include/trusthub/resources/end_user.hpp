// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_END_USER_HPP
#define TRUSTHUB_RESOURCES_END_USER_HPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/timestamp.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

/// One EndUser, typed: what a C++ program reads from and writes to the EndUsers' records
/// (`resources::end_users`) without their JSON texts.
struct end_user {
    std::uint64_t sequence = 0;
    std::string sid;          ///< `IT` + 32 lowercase hex digits.
    std::string account_sid;  ///< `AC` + 32 lowercase hex digits: the tenant.
    std::string friendly_name;
    std::string type;
    /// The attributes object as compact JSON text.
    std::string attributes = "{}";
    timestamp date_created{};
    timestamp date_updated{};

    friend bool operator==(const end_user&, const end_user&) = default;
};

/// The fields of an EndUser record (`record::fields`): `friendly_name`, `type`, `attributes`.
inline std::vector<std::string> end_user_fields(std::string_view friendly_name, std::string_view type,
                                                std::string_view attributes = "{}")
{
    std::vector<std::string> fields(3);
    detail::append_string(fields[resources::end_user_field::friendly_name], friendly_name);
    detail::append_string(fields[resources::end_user_field::type], type);
    fields[resources::end_user_field::attributes] = attributes;
    return fields;
}

/// `u` as a record of `resources::end_users`.
inline record to_record(const end_user& u)
{
    record r;
    r.sequence = u.sequence;
    r.kind = resources::end_users.kind;
    r.sid = u.sid;
    r.account_sid = u.account_sid;
    r.date_created = u.date_created;
    r.date_updated = u.date_updated;
    r.fields = end_user_fields(u.friendly_name, u.type, u.attributes);
    return r;
}

/// The EndUser a record of `resources::end_users` holds. Throws `std::invalid_argument` for a
/// record whose fields are not an EndUser's.
inline end_user to_end_user(const record_view& r)
{
    auto text = [&r](std::size_t index) {
        auto value = detail::read_string(r.field(index));
        if (!value)
            throw std::invalid_argument("to_end_user: a field is not a JSON string");
        return std::move(*value);
    };
    end_user u;
    u.sequence = r.sequence;
    u.sid = r.sid;
    u.account_sid = r.account_sid;
    u.friendly_name = text(resources::end_user_field::friendly_name);
    u.type = text(resources::end_user_field::type);
    std::string_view attributes = r.field(resources::end_user_field::attributes);
    u.attributes = attributes.empty() ? "{}" : std::string(attributes);
    u.date_created = r.date_created;
    u.date_updated = r.date_updated;
    return u;
}

inline end_user to_end_user(const record& r)
{
    detail::record_field_views fields(r);
    return to_end_user(view_of(r, fields));
}

} // namespace trusthub

#endif
