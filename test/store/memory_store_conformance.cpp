// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The in-memory store against the conformance kit.

#include <trusthub/store/memory_store.hpp>
#include <trusthub/testing/store_conformance.hpp>

#include <boost/test/unit_test.hpp>

namespace {

std::unique_ptr<trusthub::store> make_memory_store(boost::asio::any_io_executor)
{
    return std::make_unique<trusthub::memory_store>();
}

} // namespace

BOOST_AUTO_TEST_SUITE(memory_store_conformance)

TRUSTHUB_STORE_CONFORMANCE_TEST_CASE(passes_every_check, make_memory_store)

BOOST_AUTO_TEST_SUITE_END()
