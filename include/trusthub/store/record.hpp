// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_STORE_RECORD_HPP
#define TRUSTHUB_STORE_RECORD_HPP

#include <trusthub/timestamp.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

/// One record of any kind, as the service and every store see it.
///
/// A store keeps records without knowing what they mean: the resource's descriptor
/// (`trusthub/resources/resource.hpp`) says which field is which. `fields` holds each of the
/// descriptor's fields, in the descriptor's order, as compact JSON text (a string with its
/// quotes and escapes, an object as the client sent it but for white space); an empty text is
/// null. A store compares them as bytes and never parses them.
struct record {
    /// Position in listing order, assigned by the store on create: strictly increasing in
    /// creation order over the whole store, never reused. Paging tokens name it.
    std::uint64_t sequence = 0;
    /// Which collection the record belongs to: the descriptor's `kind`.
    std::string kind;
    std::string sid;          ///< two letters + 32 lowercase hex digits.
    std::string account_sid;  ///< `AC` + 32 lowercase hex digits: the tenant.
    /// The record this one lives under (the bundle of an assignment); empty at the top level.
    std::string parent_sid;
    timestamp date_created{};
    timestamp date_updated{};
    std::vector<std::string> fields;
    /// Records of the same account this one refers to, besides its parent. While it exists,
    /// none of them can be removed (`errc::referenced`).
    std::vector<std::string> references;

    friend bool operator==(const record&, const record&) = default;
};

/// A record read in place, where a store keeps it: the same as `record` but `references`,
/// borrowed. Valid only during the call that hands it out (see `store::visit_page`).
struct record_view {
    std::uint64_t sequence = 0;
    std::string_view kind;
    std::string_view sid;
    std::string_view account_sid;
    std::string_view parent_sid;
    timestamp date_created{};
    timestamp date_updated{};
    std::span<const std::string_view> fields;

    /// The field at `index`, or null (an empty text) past the end: a record written before
    /// its descriptor gained a field has no value for it.
    std::string_view field(std::size_t index) const noexcept
    {
        return index < fields.size() ? fields[index] : std::string_view();
    }
};

/// Which record a call is about. `parent_sid` must be the record's own (empty at the top
/// level), and `kind` its kind: a record of another kind, under another parent or in another
/// account does not exist for the caller.
struct record_key {
    std::string kind;
    std::string account_sid;
    std::string parent_sid;
    std::string sid;
};

/// What an update changes: the fields named, by their index in the descriptor, get the texts
/// given; the others stay. `date_updated` is set when anything changes.
struct record_patch {
    std::vector<std::pair<std::size_t, std::string>> fields;
    timestamp date_updated{};
};

/// Records whose field `field` is one of `values` (compact JSON texts, compared as bytes).
struct record_filter {
    std::size_t field = 0;
    std::vector<std::string> values;
};

/// Which records a list reads: one kind, of one account, under one parent, that pass every
/// filter.
struct list_scope {
    std::string kind;
    std::string account_sid;
    /// Records under this parent (empty: top-level records); no value: under any parent.
    std::optional<std::string> parent_sid = std::string();
    std::vector<record_filter> filters;
};

/// Which slice of the records in a scope a page asks for. At most one of `after` and `before`.
struct page_query {
    /// Records with `sequence > *after`, ascending (the page after a token's record).
    std::optional<std::uint64_t> after;
    /// The last `limit` records with `sequence < *before` (the page before a token's record).
    std::optional<std::uint64_t> before;
    std::size_t limit = 50;
};

/// A slice of records in ascending `sequence` order, and whether records lie beyond it.
struct page_slice {
    std::vector<record> items;
    bool more_after = false;   ///< a record with a larger sequence than the last item exists
    bool more_before = false;  ///< a record with a smaller sequence than the first item exists
};

namespace detail {

// The views of a record's fields, for handing an owning record to a visitor.
// Kept on the stack for the records every response encodes (a handful of fields); a record
// with more spills to the heap.
class record_field_views {
public:
    explicit record_field_views(const record& r)
    {
        std::string_view* out = inline_.data();
        if (r.fields.size() > inline_.size()) {
            heap_.resize(r.fields.size());
            out = heap_.data();
        }
        for (std::size_t i = 0; i < r.fields.size(); ++i)
            out[i] = r.fields[i];
        views_ = {out, r.fields.size()};
    }
    record_field_views(const record_field_views&) = delete;
    record_field_views& operator=(const record_field_views&) = delete;

    std::span<const std::string_view> views() const noexcept { return views_; }

private:
    std::array<std::string_view, 16> inline_{};
    std::vector<std::string_view> heap_;
    std::span<const std::string_view> views_;
};

} // namespace detail

/// `r` as a view, its fields' views kept in `fields` (which must outlive the view).
inline record_view view_of(const record& r, const detail::record_field_views& fields) noexcept
{
    record_view v;
    v.sequence = r.sequence;
    v.kind = r.kind;
    v.sid = r.sid;
    v.account_sid = r.account_sid;
    v.parent_sid = r.parent_sid;
    v.date_created = r.date_created;
    v.date_updated = r.date_updated;
    v.fields = fields.views();
    return v;
}

/// An owning copy of the record `v` shows (without references, which views do not carry).
inline record to_record(const record_view& v)
{
    record r;
    r.sequence = v.sequence;
    r.kind = v.kind;
    r.sid = v.sid;
    r.account_sid = v.account_sid;
    r.parent_sid = v.parent_sid;
    r.date_created = v.date_created;
    r.date_updated = v.date_updated;
    r.fields.assign(v.fields.begin(), v.fields.end());
    return r;
}

} // namespace trusthub

#endif
