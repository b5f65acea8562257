// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CLOCK_HPP
#define TRUSTHUB_CLOCK_HPP

#include <trusthub/timestamp.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace trusthub {

/// The current time for `date_created` and `date_updated`. Must be safe to call from several
/// threads at once.
using clock_source = std::function<timestamp()>;

/// The system clock, truncated to whole seconds as every date on the wire is.
inline clock_source system_clock()
{
    return [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
}

/// A clock that tests move by hand. Copies share the same time.
class manual_clock {
public:
    explicit manual_clock(timestamp start = timestamp(std::chrono::seconds(1'600'000'000)))
        : now_(std::make_shared<std::atomic<std::int64_t>>(start.time_since_epoch().count()))
    {
    }

    timestamp operator()() const { return timestamp(std::chrono::seconds(now_->load())); }
    void advance(std::chrono::seconds by) const { now_->fetch_add(by.count()); }
    void set(timestamp t) const { now_->store(t.time_since_epoch().count()); }

private:
    std::shared_ptr<std::atomic<std::int64_t>> now_;
};

} // namespace trusthub

#endif
