// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_MEMORY_STORE_IPP
#define TRUSTHUB_IMPL_MEMORY_STORE_IPP

#include <trusthub/memory_store.hpp>

namespace trusthub {

// Every call completes at once: the work is done under the lock, never across a suspension.

boost::asio::awaitable<result<end_user>> memory_store::create(end_user record)
{
    co_return create_now(std::move(record));
}

boost::asio::awaitable<result<end_user>> memory_store::fetch(std::string account_sid, std::string sid)
{
    co_return fetch_now(account_sid, sid);
}

boost::asio::awaitable<result<end_user>> memory_store::update(std::string account_sid, std::string sid,
                                                              end_user_patch patch)
{
    co_return update_now(account_sid, sid, std::move(patch));
}

boost::asio::awaitable<result<void>> memory_store::remove(std::string account_sid, std::string sid)
{
    co_return remove_now(account_sid, sid);
}

boost::asio::awaitable<result<page_slice>> memory_store::list(std::string account_sid, page_query query)
{
    co_return list_now(account_sid, query);
}

boost::asio::awaitable<result<page_slice>> memory_store::visit_page(std::string account_sid, page_query query,
                                                                    record_visitor visit)
{
    co_return visit_page_now(account_sid, query, visit);
}

} // namespace trusthub

#endif
