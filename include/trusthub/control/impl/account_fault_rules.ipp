// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_ACCOUNT_FAULT_RULES_IPP
#define TRUSTHUB_CONTROL_IMPL_ACCOUNT_FAULT_RULES_IPP

#include <trusthub/detail/glob.hpp>
#include <trusthub/control/account_fault_rules.hpp>

#include <boost/beast/http/status.hpp>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <utility>

namespace trusthub {

// --- fault_rule ------------------------------------------------------------------------------

http_error fault_rule::error_for(unsigned status)
{
    http_error e;
    e.status = status;
    switch (status) {
    case 400: e.code = 20001; break;
    case 401: e.code = 20003; break;
    case 405: e.code = 20004; break;
    default: e.code = 20000 + status; break;
    }
    e.message = std::string(boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status)));
    if (e.message.empty() || e.message == "<unknown-status>")
        e.message = "Error";
    e.retry_after = status == 429 || status == 503 ? 1 : 0;
    return e;
}

std::optional<std::string> fault_rule::problem() const
{
    if (path.empty() || (path.front() != '/' && path.find_first_not_of('*') != std::string::npos))
        return "path: a glob that starts with '/'";
    if (every == 0)
        return "every: must be at least 1";
    if (times && *times == 0)
        return "times: must be at least 1";
    if (!(probability >= 0.0 && probability <= 1.0))
        return "probability: must be from 0 to 1";
    if (delay < std::chrono::milliseconds(0) || delay > std::chrono::milliseconds(60'000))
        return "delay_ms: must be from 0 to 60000";
    if (answer && (answer->status < 400 || answer->status > 599))
        return "status: must be from 400 to 599";
    if (answer && drop)
        return "drop: a rule answers with a status or drops the connection, not both";
    if (commit && !answer && !drop)
        return "commit: needs a status or drop";
    if (!answer && !drop && delay == std::chrono::milliseconds(0))
        return "body: a rule needs a status, drop or delay_ms";
    return std::nullopt;
}

// --- account_fault_rules ---------------------------------------------------------------------

struct account_fault_rules::armed_rule {
    fault_rule_state state;
    std::mt19937_64 draws;  // seeded with the rule's seed: the same run draws the same
};

struct account_fault_rules::account_rules {
    std::vector<armed_rule> rules;
    std::uint64_t next_rule_id = 1;
};

account_fault_rules::account_fault_rules() = default;

account_fault_rules::~account_fault_rules() = default;

fault_rule_state account_fault_rules::add(std::string_view account_sid, fault_rule rule)
{
    if (auto problem = rule.problem())
        throw std::invalid_argument("account_fault_rules::add: " + *problem);
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        it = accounts_.emplace(std::string(account_sid), std::make_unique<account_rules>()).first;
    account_rules& account = *it->second;
    std::uint64_t seed = rule.seed;
    armed_rule armed{{account.next_rule_id++, std::move(rule), 0, 0}, std::mt19937_64(seed)};
    account.rules.push_back(std::move(armed));
    return account.rules.back().state;
}

std::vector<fault_rule_state> account_fault_rules::list(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    std::vector<fault_rule_state> out;
    if (auto it = accounts_.find(account_sid); it != accounts_.end())
        for (const auto& r : it->second->rules)
            out.push_back(r.state);
    return out;
}

bool account_fault_rules::remove(std::string_view account_sid, std::uint64_t id)
{
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        return false;
    auto& rules = it->second->rules;
    auto found = std::find_if(rules.begin(), rules.end(), [id](const armed_rule& r) { return r.state.id == id; });
    if (found == rules.end())
        return false;
    rules.erase(found);
    return true;
}

void account_fault_rules::clear(std::string_view account_sid)
{
    std::lock_guard lock(mutex_);
    if (auto it = accounts_.find(account_sid); it != accounts_.end())
        it->second->rules.clear();
}

void account_fault_rules::forget(std::string_view account_sid)
{
    std::lock_guard lock(mutex_);
    if (auto it = accounts_.find(account_sid); it != accounts_.end())
        accounts_.erase(it);
}

auto account_fault_rules::decide(std::string_view account_sid, std::string_view method, std::string_view path)
    -> std::optional<decision>
{
    auto same_method = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return (x >= 'a' && x <= 'z' ? x - 32 : x) == (y >= 'a' && y <= 'z' ? y - 32 : y);
               });
    };
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        return std::nullopt;
    std::optional<decision> chosen;
    for (auto& armed : it->second->rules) {
        auto& s = armed.state;
        const fault_rule& rule = s.rule;
        if ((!rule.method.empty() && !same_method(rule.method, method)) || !detail::glob_match(rule.path, path))
            continue;
        std::uint64_t n = ++s.matched;
        if (chosen || n <= rule.after || (n - rule.after) % rule.every != 0 || (rule.times && s.hit >= *rule.times))
            continue;
        if (rule.probability < 1.0) {
            // 53 random bits as a fraction in [0, 1): the same on every platform, unlike a
            // standard distribution's.
            double draw = static_cast<double>(armed.draws() >> 11) * 0x1.0p-53;
            if (draw >= rule.probability)
                continue;
        }
        ++s.hit;
        chosen = decision{s.id, rule.delay, rule.answer, rule.drop, rule.commit};
    }
    return chosen;
}

} // namespace trusthub

#endif
