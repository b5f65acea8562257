// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_MEMORY_STORE_IPP
#define TRUSTHUB_IMPL_MEMORY_STORE_IPP

#include <trusthub/detail/ready.hpp>
#include <trusthub/memory_store.hpp>

namespace trusthub {

// Every call completes at once: the work is done under the lock, never across a suspension,
// and handed back ready.

boost::asio::awaitable<result<end_user>> memory_store::create(end_user record)
{
    return detail::ready(create_now(std::move(record)));
}

boost::asio::awaitable<result<end_user>> memory_store::fetch(std::string account_sid, std::string sid)
{
    return detail::ready(fetch_now(account_sid, sid));
}

boost::asio::awaitable<result<end_user>> memory_store::update(std::string account_sid, std::string sid,
                                                              end_user_patch patch)
{
    return detail::ready(update_now(account_sid, sid, std::move(patch)));
}

boost::asio::awaitable<result<void>> memory_store::remove(std::string account_sid, std::string sid)
{
    return detail::ready(remove_now(account_sid, sid));
}

boost::asio::awaitable<result<page_slice>> memory_store::list(std::string account_sid, page_query query)
{
    return detail::ready(list_now(account_sid, query));
}

boost::asio::awaitable<result<page_slice>> memory_store::visit_page(std::string account_sid, page_query query,
                                                                    record_visitor visit)
{
    return detail::ready(visit_page_now(account_sid, query, visit));
}

} // namespace trusthub

#endif
