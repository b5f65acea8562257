// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_FUZZ_CHECK_HPP
#define TRUSTHUB_FUZZ_CHECK_HPP

// What every fuzz target reports a broken property with: a line on standard error, then an
// abort, which libFuzzer records as a crash with the input that caused it.

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace trusthub::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* condition, std::string_view detail)
{
    std::fprintf(stderr, "\n%s:%d: fuzz check failed: %s\n  %.*s\n", file, line, condition,
                 static_cast<int>(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
    std::fflush(stderr);
    std::abort();
}

} // namespace trusthub::fuzz

/// Aborts with `detail` (anything convertible to std::string_view) when `condition` is false.
#define FUZZ_CHECK(condition, detail)                                                      \
    do {                                                                                   \
        if (!(condition))                                                                  \
            ::trusthub::fuzz::fail(__FILE__, __LINE__, #condition, (detail));              \
    } while (false)

#endif
