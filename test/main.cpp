// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The one Boost.Test main every test executable links.
#define BOOST_TEST_MODULE trusthub
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
