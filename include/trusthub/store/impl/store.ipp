// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_STORE_IMPL_STORE_IPP
#define TRUSTHUB_STORE_IMPL_STORE_IPP

#include <trusthub/store/store.hpp>

#include <algorithm>

namespace trusthub {

store::~store() = default;

boost::asio::awaitable<result<page_slice>> store::visit_page(list_scope scope, page_query query,
                                                             record_visitor visit)
{
    auto slice = co_await list(std::move(scope), query);
    if (slice) {
        for (const record& r : slice->items) {
            detail::record_field_views fields(r);
            visit(view_of(r, fields));
        }
        slice->items.clear();
    }
    co_return slice;
}

boost::asio::awaitable<result<void>> store::visit_record(record_key key, record_visitor visit)
{
    auto found = co_await fetch(std::move(key));
    if (!found)
        co_return found.error();
    detail::record_field_views fields(*found);
    visit(view_of(*found, fields));
    co_return result<void>();
}

boost::asio::awaitable<result<std::vector<record>>> store::account_records(std::string account_sid,
                                                                           std::vector<std::string> kinds)
{
    std::vector<record> all;
    for (std::string& kind : kinds) {
        list_scope scope{std::move(kind), account_sid, std::nullopt, {}};
        page_query query;
        query.limit = 1000;
        for (;;) {
            auto slice = co_await list(scope, query);
            if (!slice)
                co_return slice.error();
            bool more = slice->more_after && !slice->items.empty();
            if (!slice->items.empty())
                query.after = slice->items.back().sequence;
            for (record& r : slice->items)
                all.push_back(std::move(r));
            if (!more)
                break;
        }
    }
    std::sort(all.begin(), all.end(), [](const record& a, const record& b) { return a.sequence < b.sequence; });
    co_return all;
}

} // namespace trusthub

#endif
