// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The one Boost.Test main every test executable links.
#define BOOST_TEST_MODULE trusthub
#ifndef BOOST_TEST_DYN_LINK  // the target also defines it, for every test file
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
