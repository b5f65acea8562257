// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TIMESTAMP_HPP
#define TRUSTHUB_TIMESTAMP_HPP

#include <chrono>

namespace trusthub {

/// Seconds since the epoch, UTC: the resolution of every date on the wire.
using timestamp = std::chrono::sys_seconds;

} // namespace trusthub

#endif
