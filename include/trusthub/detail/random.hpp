// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_RANDOM_HPP
#define TRUSTHUB_DETAIL_RANDOM_HPP

#include <trusthub/detail/hex.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <random>
#include <system_error>

#if defined(__linux__)
#include <sys/random.h>
#endif

namespace trusthub::detail {

/// Fills `out` with bytes from the operating system's cryptographic generator. A small
/// per-thread buffer keeps it to one system call every few hundred SIDs.
inline void random_bytes(unsigned char* out, std::size_t n)
{
    struct pool {
        std::array<unsigned char, 4096> bytes;
        std::size_t used = 4096;
    };
    thread_local pool p;
    while (n > 0) {
        if (p.used == p.bytes.size()) {
#if defined(__linux__)
            std::size_t filled = 0;
            while (filled < p.bytes.size()) {
                ssize_t got = ::getrandom(p.bytes.data() + filled, p.bytes.size() - filled, 0);
                if (got < 0) {
                    if (errno == EINTR)
                        continue;
                    throw std::system_error(errno, std::generic_category(), "getrandom");
                }
                filled += static_cast<std::size_t>(got);
            }
#else
            std::random_device device;
            for (auto& b : p.bytes)
                b = static_cast<unsigned char>(device());
#endif
            p.used = 0;
        }
        std::size_t take = std::min(n, p.bytes.size() - p.used);
        std::memcpy(out, p.bytes.data() + p.used, take);
        // Bytes handed out are wiped so that they cannot be read back from the buffer.
        std::memset(p.bytes.data() + p.used, 0, take);
        p.used += take;
        out += take;
        n -= take;
    }
}

} // namespace trusthub::detail

#endif
