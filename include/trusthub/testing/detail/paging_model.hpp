// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_DETAIL_PAGING_MODEL_HPP
#define TRUSTHUB_TESTING_DETAIL_PAGING_MODEL_HPP

#include <trusthub/end_user.hpp>

#include <algorithm>
#include <vector>

namespace trusthub::testing::detail {

/// The page a store must answer for `query`, computed from an account's live records in
/// ascending `sequence` order: the rules of `page_query` and `page_slice` written out once.
///
/// On an empty page the flags speak of the cursor itself, as the service reads them: after
/// `after = n`, `more_before` says whether a record with a sequence up to `n` exists; before
/// `before = n`, `more_after` says whether one from `n` on exists.
inline page_slice expected_page(const std::vector<end_user>& live, const page_query& query)
{
    page_slice slice;
    auto by_sequence = [](const end_user& u, std::uint64_t s) { return u.sequence < s; };
    auto first = live.begin();
    auto last = live.end();
    if (query.before) {
        last = std::lower_bound(live.begin(), live.end(), *query.before, by_sequence);
        first = last - static_cast<std::ptrdiff_t>(std::min<std::size_t>(query.limit, last - live.begin()));
    } else {
        if (query.after)
            first = std::lower_bound(live.begin(), live.end(), *query.after + 1, by_sequence);
        last = first + static_cast<std::ptrdiff_t>(std::min<std::size_t>(query.limit, live.end() - first));
    }
    slice.items.assign(first, last);
    slice.more_before = first != live.begin();
    slice.more_after = last != live.end();
    return slice;
}

} // namespace trusthub::testing::detail

#endif
