// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_PAGING_MODEL_HPP
#define TRUSTHUB_TESTING_DETAIL_PAGING_MODEL_HPP

#include <trusthub/store/record.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

namespace trusthub::testing::detail {

/// Whether `r` is one of the records `scope` reads: its kind, its account, its parent (any
/// parent when the scope names none), and every filter passed. A field past the end of the
/// record's fields is null, the empty text, as `record_view::field` says.
inline bool in_scope(const record& r, const list_scope& scope)
{
    if (r.kind != scope.kind || r.account_sid != scope.account_sid)
        return false;
    if (scope.parent_sid && r.parent_sid != *scope.parent_sid)
        return false;
    for (const record_filter& f : scope.filters) {
        std::string_view value = f.field < r.fields.size() ? std::string_view(r.fields[f.field]) : std::string_view();
        if (std::find(f.values.begin(), f.values.end(), value) == f.values.end())
            return false;
    }
    return true;
}

/// The records of `known` that `scope` reads, in ascending `sequence` order.
inline std::vector<record> in_scope(const std::vector<record>& known, const list_scope& scope)
{
    std::vector<record> out;
    for (const record& r : known)
        if (in_scope(r, scope))
            out.push_back(r);
    std::sort(out.begin(), out.end(), [](const record& a, const record& b) { return a.sequence < b.sequence; });
    return out;
}

/// The page a store must answer for `query`, computed from the live records of a scope in
/// ascending `sequence` order: the rules of `page_query` and `page_slice` written out once.
///
/// On an empty page the flags speak of the cursor itself, as the service reads them: after
/// `after = n`, `more_before` says whether a record with a sequence up to `n` exists; before
/// `before = n`, `more_after` says whether one from `n` on exists.
inline page_slice expected_page(const std::vector<record>& live, const page_query& query)
{
    page_slice slice;
    auto by_sequence = [](const record& r, std::uint64_t s) { return r.sequence < s; };
    auto first = live.begin();
    auto last = live.end();
    if (query.before) {
        last = std::lower_bound(live.begin(), live.end(), *query.before, by_sequence);
        first = last - static_cast<std::ptrdiff_t>(std::min<std::size_t>(query.limit, last - live.begin()));
    } else {
        if (query.after)
            first = std::upper_bound(live.begin(), live.end(), *query.after,
                                     [](std::uint64_t s, const record& r) { return s < r.sequence; });
        last = first + static_cast<std::ptrdiff_t>(std::min<std::size_t>(query.limit, live.end() - first));
    }
    slice.items.assign(first, last);
    slice.more_before = first != live.begin();
    slice.more_after = last != live.end();
    return slice;
}

} // namespace trusthub::testing::detail

#endif
