// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_RECORD_JSON_HPP
#define TRUSTHUB_DETAIL_RECORD_JSON_HPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>

#include <string>
#include <string_view>

namespace trusthub::detail {

/// The most bytes `write_record` writes for `r`.
inline std::size_t record_bound(const resource_descriptor& resource, const record_view& r,
                                std::string_view collection_url) noexcept
{
    std::size_t size = 2;  // the braces
    for (const member_descriptor& m : resource.members) {
        size += m.name.size() + 4;  // a comma or brace, the key's quotes and the colon
        switch (m.kind) {
        case member_kind::sid: size += r.sid.size() + 2; break;
        case member_kind::account_sid: size += r.account_sid.size() + 2; break;
        case member_kind::parent_sid: size += r.parent_sid.size() + 2; break;
        case member_kind::field: size += std::max<std::size_t>(r.field(m.index).size(), 4); break;
        case member_kind::date_created:
        case member_kind::date_updated: size += date_length + 2; break;
        case member_kind::url: size += collection_url.size() + 1 + r.sid.size() + 2; break;
        case member_kind::links:
            size += 2;
            for (const link_descriptor& l : resource.links)
                size += l.name.size() + 6 + collection_url.size() + 1 + r.sid.size() + l.path.size();
            break;
        }
    }
    return size;
}

inline char* write_quoted(char* p, std::string_view text) noexcept
{
    *p++ = '"';
    p = write_short(p, text);
    *p++ = '"';
    return p;
}

/// Writes one record as its resource's JSON at `p` (room for `record_bound` bytes); returns
/// the end. `collection_url` is the absolute URL of the record's collection on this server.
///
/// Fields are stored as JSON text, validated when they came in: spliced in, never re-parsed
/// or escaped again.
inline char* write_record(char* p, const resource_descriptor& resource, const record_view& r,
                          std::string_view collection_url) noexcept
{
    char open = '{';
    for (const member_descriptor& m : resource.members) {
        *p++ = open;
        open = ',';
        p = write_quoted(p, m.name);
        *p++ = ':';
        switch (m.kind) {
        case member_kind::sid: p = write_quoted(p, r.sid); break;
        case member_kind::account_sid: p = write_quoted(p, r.account_sid); break;
        case member_kind::parent_sid: p = write_quoted(p, r.parent_sid); break;
        case member_kind::field: {
            std::string_view text = r.field(m.index);
            p = write_short(p, text.empty() ? std::string_view("null") : text);
            break;
        }
        case member_kind::date_created:
            *p++ = '"';
            p = write_date(p, r.date_created);
            *p++ = '"';
            break;
        case member_kind::date_updated:
            *p++ = '"';
            p = write_date(p, r.date_updated);
            *p++ = '"';
            break;
        case member_kind::url:
            *p++ = '"';
            p = write_short(p, collection_url);
            *p++ = '/';
            p = write_short(p, r.sid);
            *p++ = '"';
            break;
        case member_kind::links: {
            char link_open = '{';
            for (const link_descriptor& l : resource.links) {
                *p++ = link_open;
                link_open = ',';
                p = write_quoted(p, l.name);
                *p++ = ':';
                *p++ = '"';
                p = write_raw(p, collection_url);
                *p++ = '/';
                p = write_raw(p, r.sid);
                p = write_raw(p, l.path);
                *p++ = '"';
            }
            if (link_open == '{')
                *p++ = '{';
            *p++ = '}';
            break;
        }
        }
    }
    *p++ = '}';
    return p;
}

/// Appends one record as its resource's JSON; `separator`, if not NUL, is written first (the
/// comma between a page's records).
inline void append_record(std::string& out, const resource_descriptor& resource, const record_view& r,
                          std::string_view collection_url, char separator = '\0')
{
    // Sized once and written through a pointer: a page writes hundreds of pieces.
    std::size_t at = out.size();
    out.resize(at + 1 + record_bound(resource, r, collection_url));
    char* p = out.data() + at;
    if (separator != '\0')
        *p++ = separator;
    char* end = write_record(p, resource, r, collection_url);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

} // namespace trusthub::detail

#endif
