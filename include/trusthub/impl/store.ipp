// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_STORE_IPP
#define TRUSTHUB_IMPL_STORE_IPP

#include <trusthub/store.hpp>

namespace trusthub {

store::~store() = default;

boost::asio::awaitable<result<page_slice>> store::visit_page(std::string account_sid, page_query query,
                                                             record_visitor visit)
{
    auto slice = co_await list(std::move(account_sid), query);
    if (slice) {
        for (const end_user& u : slice->items)
            visit(u);
        slice->items.clear();
    }
    co_return slice;
}

} // namespace trusthub

#endif
