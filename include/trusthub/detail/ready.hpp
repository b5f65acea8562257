// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_READY_HPP
#define TRUSTHUB_DETAIL_READY_HPP

#include <boost/asio/awaitable.hpp>

namespace trusthub::detail {

/// An awaitable that completes at once with `value`: what a function that answers without
/// waiting (a store in memory, a request refused before any I/O) hands back where an awaitable
/// is due. One coroutine a type, shared by all of them: every coroutine costs its callers'
/// translation units compile time.
template <class T>
boost::asio::awaitable<T> ready(T value)
{
    co_return value;
}

} // namespace trusthub::detail

#endif
