// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_RUN_HPP
#define TRUSTHUB_TEST_SUPPORT_RUN_HPP

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>

namespace trusthub::test {

/// Runs one coroutine to completion on `io`, bounded in time: a hang fails the test instead of
/// stalling the suite. Exceptions from the coroutine are rethrown here.
template <class T>
T run_bounded(boost::asio::io_context& io, boost::asio::awaitable<T> task,
              std::chrono::steady_clock::duration timeout = std::chrono::seconds(10))
{
    // On the heap: after a time-out the coroutine may still complete on a later run.
    struct outcome {
        std::optional<T> value;
        std::exception_ptr failure;
        bool done = false;
    };
    auto state = std::make_shared<outcome>();
    auto on_done = [state](std::exception_ptr e, T v) {
        state->failure = e;
        if (!e)
            state->value.emplace(std::move(v));
        state->done = true;
    };
    boost::asio::co_spawn(io, std::move(task), on_done);
    io.restart();
    io.run_for(timeout);
    if (!state->done)
        throw std::runtime_error("coroutine did not finish in time");
    if (state->failure)
        std::rethrow_exception(state->failure);
    return std::move(*state->value);
}

} // namespace trusthub::test

#endif
