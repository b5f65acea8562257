// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The library's definitions, compiled once, for the test program built with
// TRUSTHUB_SEPARATE_COMPILATION: the mount tests run against the separately compiled library.

#include <trusthub/src.hpp>
