// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_END_USER_HPP
#define TRUSTHUB_END_USER_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

/// Seconds since the epoch, UTC: the resolution of every date on the wire.
using timestamp = std::chrono::sys_seconds;

/// One EndUser record as the service and every store see it.
struct end_user {
    /// Position in the account's listing order, assigned by the store on create: strictly
    /// increasing in creation order, never reused. Paging tokens name it; clients never see it.
    std::uint64_t sequence = 0;
    std::string sid;          ///< `IT` + 32 lowercase hex digits.
    std::string account_sid;  ///< `AC` + 32 lowercase hex digits: the tenant.
    std::string friendly_name;
    std::string type;
    /// The attributes object as compact JSON text, exactly as the client sent it but for
    /// insignificant white space. Always a JSON object. Stores keep it as opaque text.
    std::string attributes = "{}";
    timestamp date_created{};
    timestamp date_updated{};

    friend bool operator==(const end_user&, const end_user&) = default;
};

/// A record read in place, where a store keeps it: the same fields as `end_user`, borrowed.
/// Valid only during the call that hands it out (see `store::visit_page`).
struct end_user_view {
    std::uint64_t sequence = 0;
    std::string_view sid;
    std::string_view account_sid;
    std::string_view friendly_name;
    std::string_view type;
    std::string_view attributes;
    timestamp date_created{};
    timestamp date_updated{};

    end_user_view() = default;
    end_user_view(const end_user& u) noexcept  // NOLINT: a record is readable as its view
        : sequence(u.sequence), sid(u.sid), account_sid(u.account_sid), friendly_name(u.friendly_name),
          type(u.type), attributes(u.attributes), date_created(u.date_created), date_updated(u.date_updated)
    {
    }
};

/// An owning copy of the record `v` shows.
inline end_user to_end_user(const end_user_view& v)
{
    return {v.sequence,         std::string(v.sid),        std::string(v.account_sid), std::string(v.friendly_name),
            std::string(v.type), std::string(v.attributes), v.date_created,             v.date_updated};
}

/// The fields an update may change; what is empty stays as it is.
struct end_user_patch {
    std::optional<std::string> friendly_name;
    std::optional<std::string> attributes;  ///< compact JSON object text
    timestamp date_updated{};               ///< set by the service when anything changes
};

/// Which slice of an account's records a page asks for. At most one of `after` and `before`.
struct page_query {
    /// Records with `sequence > *after`, ascending (the page after a token's record).
    std::optional<std::uint64_t> after;
    /// The last `limit` records with `sequence < *before` (the page before a token's record).
    std::optional<std::uint64_t> before;
    std::size_t limit = 50;
};

/// A slice of records in ascending `sequence` order, and whether records lie beyond it.
struct page_slice {
    std::vector<end_user> items;
    bool more_after = false;   ///< a record with a larger sequence than the last item exists
    bool more_before = false;  ///< a record with a smaller sequence than the first item exists
};

} // namespace trusthub

#endif
