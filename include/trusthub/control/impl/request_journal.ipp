// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_REQUEST_JOURNAL_IPP
#define TRUSTHUB_CONTROL_IMPL_REQUEST_JOURNAL_IPP

#include <trusthub/control/request_journal.hpp>

namespace trusthub {

namespace detail {

// What a journal entry holds of the client's bytes, for `request_journal_options::bytes`.
inline std::size_t entry_bytes(const journal_entry& e) noexcept
{
    std::size_t n = e.method.size() + e.path.size() + e.query.size();
    for (const auto& [name, value] : e.params)
        n += name.size() + value.size();
    return n;
}

} // namespace detail

request_journal::request_journal(request_journal_options options) : options_(std::move(options)) {}

bool request_journal::is_personal(std::string_view name) const noexcept
{
    for (const resource_descriptor* r : options_.resources)
        for (const field_descriptor& f : r->fields)
            if (f.personal && f.parameter == name)
                return true;
    return false;
}

void request_journal::add(std::string_view account_sid, journal_entry entry)
{
    if (!options_.keep_personal)
        for (auto& [name, value] : entry.params)
            if (is_personal(name))
                value = "[redacted]";

    std::lock_guard lock(mutex_);
    if (options_.account_clock)
        entry.date = options_.account_clock(account_sid);
    std::size_t bytes = detail::entry_bytes(entry);
    if (bytes > options_.bytes) {
        // Larger than the whole journal may hold: kept without its fields, not lost.
        entry.params.clear();
        bytes = detail::entry_bytes(entry);
    }
    if (options_.capacity == 0)
        return;
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        it = accounts_.emplace(std::string(account_sid), account_journal{}).first;
    account_journal& account = it->second;
    auto& journal = account.entries;
    while (!journal.empty() &&
           (journal.size() >= options_.capacity || account.bytes + bytes > options_.bytes)) {
        account.bytes -= detail::entry_bytes(journal.front());
        journal.pop_front();
    }
    account.bytes += bytes;
    journal.push_back(std::move(entry));
}

std::vector<journal_entry> request_journal::entries(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        return {};
    return {it->second.entries.begin(), it->second.entries.end()};
}

void request_journal::clear(std::string_view account_sid)
{
    std::lock_guard lock(mutex_);
    if (auto it = accounts_.find(account_sid); it != accounts_.end())
        accounts_.erase(it);
}

} // namespace trusthub

#endif
