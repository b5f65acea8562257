// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// What the PostgreSQL tests share: where the test server is, fresh schemas, bounded runs.
#ifndef TRUSTHUB_TEST_POSTGRES_SUPPORT_HPP
#define TRUSTHUB_TEST_POSTGRES_SUPPORT_HPP

#include <trusthub/postgres/store.hpp>

#include <support/run.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace trusthub_test {

/// The harness's state directory (`pg_harness.sh setup` wrote it), from the environment.
inline std::string postgres_state()
{
    const char* dir = std::getenv("TRUSTHUB_TEST_POSTGRES_STATE");
    if (!dir)
        throw std::runtime_error("TRUSTHUB_TEST_POSTGRES_STATE is not set: run through ctest");
    return dir;
}

/// The connection string of the test server.
inline std::string postgres_conninfo()
{
    std::ifstream in(postgres_state() + "/conninfo");
    std::string line;
    if (!std::getline(in, line))
        throw std::runtime_error("no conninfo: did the postgres_setup test run?");
    return line;
}

/// A schema name no other check of this run, or of another run, has used.
inline std::string fresh_schema(std::string_view what)
{
    static std::atomic<int> counter{0};
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    return "test_" + std::string(what) + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(now % 1000000);
}

inline trusthub::postgres::store_options options_for(std::string schema)
{
    trusthub::postgres::store_options o;
    o.conninfo = postgres_conninfo();
    o.schema = std::move(schema);
    return o;
}

/// Runs `work` on `io` for at most `limit` (longer by default than elsewhere: some of these
/// tests wait out connect and statement time-outs).
template <class T>
T run_bounded(boost::asio::io_context& io, boost::asio::awaitable<T> work,
              std::chrono::steady_clock::duration limit = std::chrono::seconds(20))
{
    return trusthub::test::run_bounded(io, std::move(work), limit);
}

} // namespace trusthub_test

#endif
