// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_ACCOUNT_CLOCKS_IPP
#define TRUSTHUB_CONTROL_IMPL_ACCOUNT_CLOCKS_IPP

#include <trusthub/control/account_clocks.hpp>

#include <utility>

namespace trusthub {

account_clocks::account_clocks(clock_source real) : real_(std::move(real))
{
    if (!real_)
        real_ = system_clock();
}

clock_setting account_clocks::setting(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    auto it = settings_.find(account_sid);
    return it == settings_.end() ? clock_setting{} : it->second;
}

void account_clocks::set(std::string_view account_sid, clock_setting setting)
{
    std::lock_guard lock(mutex_);
    auto it = settings_.find(account_sid);
    if (it == settings_.end())
        settings_.emplace(std::string(account_sid), setting);
    else
        it->second = setting;
}

void account_clocks::forget(std::string_view account_sid)
{
    std::lock_guard lock(mutex_);
    if (auto it = settings_.find(account_sid); it != settings_.end())
        settings_.erase(it);
}

timestamp account_clocks::now(std::string_view account_sid) const
{
    // The setting is copied out so that the real clock, the user's function, runs unlocked.
    const clock_setting clock = setting(account_sid);
    switch (clock.mode) {
    case clock_setting::mode_type::frozen: return clock.frozen_at;
    case clock_setting::mode_type::offset: return real_() + clock.offset;
    case clock_setting::mode_type::real: break;
    }
    return real_();
}

} // namespace trusthub

#endif
