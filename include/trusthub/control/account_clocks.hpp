// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_ACCOUNT_CLOCKS_HPP
#define TRUSTHUB_CONTROL_ACCOUNT_CLOCKS_HPP

#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/timestamp.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace trusthub {

/// What a test suite controls of one account: its time.
struct clock_setting {
    enum class mode_type {
        real,    ///< the server's clock
        frozen,  ///< always `frozen_at`
        offset,  ///< the server's clock plus `offset`
    };
    mode_type mode = mode_type::real;
    timestamp frozen_at{};
    std::chrono::seconds offset{0};

    friend bool operator==(const clock_setting&, const clock_setting&) = default;
};

/// Each account's clock: the real time unless a test set it (frozen, or offset from the real
/// time). An account nobody set, or one forgotten, runs on the real time.
///
/// Safe to use from several threads at once. Its lock is held only to read or write a
/// setting, never while it calls anything else, so other parts may call `now` while they
/// hold their own lock (the journal dates its entries so).
class account_clocks {
public:
    /// `real` is the real time, which accounts' clocks are set against (`system_clock()` if
    /// empty). It must be safe to call from several threads at once.
    TRUSTHUB_DECL explicit account_clocks(clock_source real = system_clock());

    account_clocks(const account_clocks&) = delete;
    account_clocks& operator=(const account_clocks&) = delete;

    /// The real time.
    const clock_source& real() const noexcept { return real_; }

    /// The account's setting; `real` if it has none.
    TRUSTHUB_DECL clock_setting setting(std::string_view account_sid) const;
    TRUSTHUB_DECL void set(std::string_view account_sid, clock_setting setting);
    /// Sets the account's clock back to real, and forgets it.
    TRUSTHUB_DECL void forget(std::string_view account_sid);

    /// The account's time now.
    TRUSTHUB_DECL timestamp now(std::string_view account_sid) const;
    /// `now` as a function, for `service_options::account_clock` and
    /// `request_journal_options::account_clock`. This object must outlive it.
    std::function<timestamp(std::string_view)> account_clock() const
    {
        return [this](std::string_view account_sid) { return now(account_sid); };
    }

private:
    clock_source real_;
    mutable std::mutex mutex_;
    std::map<std::string, clock_setting, std::less<>> settings_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/account_clocks.ipp>
#endif

#endif
