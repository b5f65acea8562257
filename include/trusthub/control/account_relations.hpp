// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_ACCOUNT_RELATIONS_HPP
#define TRUSTHUB_CONTROL_ACCOUNT_RELATIONS_HPP

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

/// What a test suite declares about an account that TrustHub's API cannot show: the account it
/// is a subaccount of (whose CustomerProfiles it may then assign into its bundles), and the
/// phone numbers it owns (once it has declared any, only those may be assigned to its bundles).
///
/// Safe to use from several threads at once; its lock is held only to read or write.
class account_relations {
public:
    /// Declares `account_sid` a subaccount of `parent_sid`; no value: of no account.
    void set_parent(std::string_view account_sid, std::optional<std::string> parent_sid)
    {
        std::lock_guard lock(mutex_);
        if (parent_sid)
            parents_.insert_or_assign(std::string(account_sid), std::move(*parent_sid));
        else if (auto it = parents_.find(account_sid); it != parents_.end())
            parents_.erase(it);
    }

    std::optional<std::string> parent_of(std::string_view account_sid) const
    {
        std::lock_guard lock(mutex_);
        auto it = parents_.find(account_sid);
        return it == parents_.end() ? std::nullopt : std::optional<std::string>(it->second);
    }

    /// Adds `sids` to the account's numbers; returns them all, sorted.
    std::vector<std::string> add_numbers(std::string_view account_sid, const std::vector<std::string>& sids)
    {
        std::lock_guard lock(mutex_);
        auto it = numbers_.find(account_sid);
        if (it == numbers_.end())
            it = numbers_.emplace(std::string(account_sid), std::set<std::string, std::less<>>()).first;
        it->second.insert(sids.begin(), sids.end());
        return {it->second.begin(), it->second.end()};
    }

    /// The account's numbers, sorted.
    std::vector<std::string> numbers(std::string_view account_sid) const
    {
        std::lock_guard lock(mutex_);
        auto it = numbers_.find(account_sid);
        return it == numbers_.end() ? std::vector<std::string>() : std::vector<std::string>(it->second.begin(), it->second.end());
    }

    /// Whether the account may assign `number_sid`: any number until it declares some.
    bool number_allowed(std::string_view account_sid, std::string_view number_sid) const
    {
        std::lock_guard lock(mutex_);
        auto it = numbers_.find(account_sid);
        return it == numbers_.end() || it->second.contains(number_sid);
    }

    /// Forgets what was declared about the account.
    void forget(std::string_view account_sid)
    {
        std::lock_guard lock(mutex_);
        if (auto it = parents_.find(account_sid); it != parents_.end())
            parents_.erase(it);
        if (auto it = numbers_.find(account_sid); it != numbers_.end())
            numbers_.erase(it);
    }

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string, std::less<>> parents_;
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> numbers_;
};

} // namespace trusthub

#endif
