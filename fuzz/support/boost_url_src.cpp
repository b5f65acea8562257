// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// Boost.URL compiled here rather than linked: its percent-decoding is what form decoding runs,
// and instrumented it is searched by the fuzzer and checked by the sanitizers.
#include <boost/url/src.hpp>
