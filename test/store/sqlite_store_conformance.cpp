// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The example SQLite store against the conformance kit, in memory and in a file.

#include "sqlite_store.hpp"

#include <trusthub/testing/store_conformance.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <unistd.h>

namespace {

std::unique_ptr<trusthub::store> make_in_memory(boost::asio::any_io_executor)
{
    return std::make_unique<sqlite_example::sqlite_store>();
}

// A new, empty database file per check, removed when the test ends.
struct database_files {
    std::filesystem::path directory =
        std::filesystem::temp_directory_path() / ("trusthub-sqlite-" + std::to_string(::getpid()));
    std::atomic<int> next{0};

    database_files() { std::filesystem::create_directories(directory); }
    ~database_files() { std::filesystem::remove_all(directory); }

    std::unique_ptr<trusthub::store> operator()(boost::asio::any_io_executor)
    {
        auto path = directory / ("check-" + std::to_string(++next) + ".db");
        return std::make_unique<sqlite_example::sqlite_store>(sqlite_example::sqlite_store_options{path.string()});
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(sqlite_store_conformance)

TRUSTHUB_STORE_CONFORMANCE_TEST_CASE(in_memory_passes_every_check, make_in_memory)

BOOST_AUTO_TEST_CASE(in_a_file_passes_every_check)
{
    database_files files;
    auto make = [&files](boost::asio::any_io_executor ex) { return files(ex); };
    auto failures = trusthub::testing::run_store_conformance(make);
    for (const auto& f : failures)
        BOOST_ERROR(f);
    BOOST_TEST(failures.empty());
}

BOOST_AUTO_TEST_SUITE_END()
