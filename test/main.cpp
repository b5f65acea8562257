// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The one Boost.Test main every test executable links (BOOST_TEST_DYN_LINK comes from CMake).
#define BOOST_TEST_MODULE trusthub
#include <boost/test/unit_test.hpp>
