// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// Boost.JSON compiled here rather than linked: instrumented, its parser is searched by the
// fuzzer and checked by the sanitizers like the code that calls it.
#include <boost/json/src.hpp>
