// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The PostgreSQL store against the store conformance kit, each check on a schema of its own.
#include "support.hpp"

#include <trusthub/testing/store_conformance.hpp>

// One suite a file, so that each ctest entry can run its file alone (test/CMakeLists.txt).
BOOST_AUTO_TEST_SUITE(postgres_conformance)

namespace {

std::unique_ptr<trusthub::store> make_postgres_store(boost::asio::any_io_executor ex)
{
    auto options = trusthub_test::options_for(trusthub_test::fresh_schema("conformance"));
    // The concurrency checks make hundreds of calls at once: they queue for a connection.
    options.acquire_timeout = std::chrono::seconds(20);
    return std::make_unique<trusthub::postgres::store>(ex, options);
}

} // namespace

BOOST_AUTO_TEST_CASE(postgres_store_passes_every_check)
{
    for (const auto& check : trusthub::testing::store_conformance_checks()) {
        BOOST_TEST_CONTEXT("check " << check)
        {
            auto failures = trusthub::testing::run_store_conformance_check(check, make_postgres_store);
            for (const auto& f : failures)
                BOOST_ERROR(f.check << ": " << f.message);
            BOOST_TEST(failures.empty());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
