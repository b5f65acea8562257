// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_RUN_HPP
#define TRUSTHUB_TEST_SUPPORT_RUN_HPP

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>

namespace trusthub::test {

/// Runs one coroutine to completion on `io`, bounded in time: a hang fails the test instead of
/// stalling the suite. Exceptions from the coroutine are rethrown here.
template <class T>
T run_bounded(boost::asio::io_context& io, boost::asio::awaitable<T> task,
              std::chrono::steady_clock::duration timeout = std::chrono::seconds(10))
{
    std::optional<T> value;
    std::exception_ptr failure;
    bool done = false;
    auto on_done = [&](std::exception_ptr e, T v) {
        failure = e;
        if (!e)
            value.emplace(std::move(v));
        done = true;
    };
    boost::asio::co_spawn(io, std::move(task), on_done);
    io.restart();
    io.run_for(timeout);
    if (!done)
        throw std::runtime_error("coroutine did not finish in time");
    if (failure)
        std::rethrow_exception(failure);
    return std::move(*value);
}

} // namespace trusthub::test

#endif
