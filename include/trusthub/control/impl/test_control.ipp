// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_IPP
#define TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_IPP

#include <trusthub/detail/form.hpp>
#include <trusthub/detail/glob.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/control/test_control.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/status.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <exception>
#include <random>
#include <set>
#include <stdexcept>

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

// --- per-account state -----------------------------------------------------------------------

struct test_control::armed_rule {
    fault_rule_state state;
    std::mt19937_64 draws;  // seeded with the rule's seed: the same run draws the same
};

struct test_control::account_state {
    std::deque<journal_entry> journal;
    std::size_t journal_bytes = 0;  // what `journal` holds, as `entry_bytes` counts it
    std::vector<armed_rule> rules;
    std::uint64_t next_rule_id = 1;
    clock_setting clock;
};

test_control::test_control(store& records, test_control_options options)
    : store_(records), options_(std::move(options))
{
    if (!options_.clock)
        options_.clock = system_clock();
}

test_control::~test_control() = default;

auto test_control::account_locked(std::string_view account_sid) -> account_state&
{
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        it = accounts_.emplace(std::string(account_sid), std::make_unique<account_state>()).first;
    return *it->second;
}

// --- records ---------------------------------------------------------------------------------

boost::asio::awaitable<result<std::vector<record>>> test_control::snapshot(std::string account_sid)
{
    std::vector<std::string> kinds;
    for (const resource_descriptor* r : options_.resources)
        kinds.emplace_back(r->kind);
    co_return co_await store_.account_records(std::move(account_sid), std::move(kinds));
}

// Removes `records`, the last made first: what lives under a record or refers to it is made
// after it, so it is gone before the record is. A record gone already (removed meanwhile, or
// with its parent) is gone all the same.
boost::asio::awaitable<result<std::size_t>> test_control::remove_all(std::vector<record> records)
{
    std::size_t removed = 0;
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
        record_key key{it->kind, it->account_sid, it->parent_sid, it->sid};
        auto gone = co_await store_.remove(std::move(key));
        if (!gone && gone.error() != errc::not_found)
            co_return gone.error();
        ++removed;
    }
    co_return removed;
}

boost::asio::awaitable<result<test_control::removal_counts>> test_control::reset(std::string account_sid)
{
    {
        std::lock_guard lock(mutex_);
        accounts_.erase(account_sid);
    }
    auto records = co_await snapshot(account_sid);
    if (!records)
        co_return records.error();
    removal_counts counts;
    for (const resource_descriptor* resource : options_.resources) {
        std::size_t n = 0;
        for (const record& r : *records)
            n += r.kind == resource->kind;
        if (n != 0 || counts.empty())
            counts.emplace_back(std::string(resource->kind), n);
    }
    auto removed = co_await remove_all(std::move(*records));
    if (!removed)
        co_return removed.error();
    co_return counts;
}

std::optional<std::string> test_control::restore_problem(const std::vector<record>& records,
                                                          std::span<const resource_descriptor* const> collections)
{
    std::set<std::string_view> seen;
    std::map<std::string_view, std::size_t> index_in_kind;
    for (const record& r : records) {
        const resource_descriptor* resource = nullptr;
        for (const resource_descriptor* d : collections)
            if (d->kind == r.kind)
                resource = d;
        if (!resource)
            return std::string(r.kind.empty() ? "records" : r.kind) + ": not a collection this server keeps";
        std::string at = r.kind + "[" + std::to_string(index_in_kind[resource->kind]++) + "]";
        if (!is_sid(r.sid, resource->sid_prefix))
            return at + ".sid: " + std::string(resource->sid_prefix) + " followed by 32 lowercase hex digits";
        if (!seen.insert(r.sid).second)
            return at + ".sid: " + r.sid + " is given twice";
        if (resource->nested() ? !is_sid(r.parent_sid, resource->parent_prefix) : !r.parent_sid.empty())
            return at + ".parent: the SID of the record it lives under";
        if (r.fields.size() != resource->fields.size())
            return at + ": has " + std::to_string(r.fields.size()) + " fields, not " +
                   std::to_string(resource->fields.size());
        for (std::size_t i = 0; i < resource->fields.size(); ++i)
            if (resource->fields[i].required && (r.fields[i].empty() || r.fields[i] == "\"\""))
                return at + "." + std::string(resource->fields[i].wire_name) + ": required";
    }
    return std::nullopt;
}

boost::asio::awaitable<result<void>> test_control::put_back(std::string account_sid, std::vector<record> records)
{
    for (auto& r : records) {
        r.account_sid = account_sid;
        auto created = co_await store_.create(std::move(r));
        if (!created)
            co_return created.error();
    }
    co_return result<void>();
}

boost::asio::awaitable<result<void>> test_control::restore(std::string account_sid, std::vector<record> records)
{
    if (auto problem = restore_problem(records, options_.resources))
        throw std::invalid_argument("test_control::restore: " + *problem);
    auto old = co_await snapshot(account_sid);
    if (!old)
        co_return old.error();
    auto cleared = co_await remove_all(*old);
    if (!cleared)
        co_return cleared.error();
    std::vector<record> made;
    boost::system::error_code failure;
    for (const record& r : records) {
        record copy = r;
        copy.account_sid = account_sid;
        auto created = co_await store_.create(std::move(copy));
        if (!created) {
            failure = created.error();
            break;
        }
        made.push_back(std::move(*created));
    }
    if (!failure)
        co_return result<void>();
    // Undone, so that a refused snapshot changes nothing: what was made goes, what was there
    // comes back in its order.
    co_await remove_all(std::move(made));
    auto back = co_await put_back(account_sid, std::move(*old));
    if (!back)
        throw boost::system::system_error(back.error(), "test_control::restore: could not put the records back");
    co_return failure;
}

// --- journal ---------------------------------------------------------------------------------

bool test_control::is_personal(std::string_view name) const noexcept
{
    for (const resource_descriptor* r : options_.resources)
        for (const field_descriptor& f : r->fields)
            if (f.personal && f.parameter == name)
                return true;
    return false;
}

namespace detail {

// What a journal entry holds of the client's bytes, for `test_control_options::journal_bytes`.
inline std::size_t entry_bytes(const journal_entry& e) noexcept
{
    std::size_t n = e.method.size() + e.path.size() + e.query.size();
    for (const auto& [name, value] : e.params)
        n += name.size() + value.size();
    return n;
}

} // namespace detail

std::vector<journal_entry> test_control::requests(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    if (it == accounts_.end())
        return {};
    return {it->second->journal.begin(), it->second->journal.end()};
}

void test_control::clear_requests(std::string_view account_sid)
{
    std::lock_guard lock(mutex_);
    if (auto it = accounts_.find(account_sid); it != accounts_.end()) {
        it->second->journal.clear();
        it->second->journal_bytes = 0;
    }
}

void test_control::journal(const endpoint_call& call, std::optional<unsigned> status, std::optional<std::uint64_t> fault)
{
    journal_entry entry;
    entry.method = std::string(call.request.method_string());
    entry.path = std::string(call.path);
    entry.query = std::string(call.query);
    if (!call.request.body().empty()) {
        if (auto form = detail::form::parse(call.request.body())) {
            entry.params = form->fields();
            if (!options_.keep_attributes_in_journal)
                for (auto& [name, value] : entry.params)
                    if (is_personal(name))
                        value = "[redacted]";
        }
    }
    entry.status = status;
    entry.request_id = std::string(call.request_id);
    entry.fault = fault;

    std::lock_guard lock(mutex_);
    account_state* account = &account_locked(call.account_sid);
    entry.date = now_locked(account);
    std::size_t bytes = detail::entry_bytes(entry);
    if (bytes > options_.journal_bytes) {
        // Larger than the whole journal may hold: kept without its fields, not lost.
        entry.params.clear();
        bytes = detail::entry_bytes(entry);
    }
    if (options_.journal_capacity == 0)
        return;
    auto& journal = account->journal;
    while (!journal.empty() &&
           (journal.size() >= options_.journal_capacity || account->journal_bytes + bytes > options_.journal_bytes)) {
        account->journal_bytes -= detail::entry_bytes(journal.front());
        journal.pop_front();
    }
    account->journal_bytes += bytes;
    journal.push_back(std::move(entry));
}

// --- faults ----------------------------------------------------------------------------------

fault_rule_state test_control::add_fault(std::string_view account_sid, fault_rule rule)
{
    if (auto problem = rule.problem())
        throw std::invalid_argument("test_control::add_fault: " + *problem);
    std::lock_guard lock(mutex_);
    account_state& account = account_locked(account_sid);
    std::uint64_t seed = rule.seed;
    armed_rule armed{{account.next_rule_id++, std::move(rule), 0, 0}, std::mt19937_64(seed)};
    account.rules.push_back(std::move(armed));
    return account.rules.back().state;
}

std::vector<fault_rule_state> test_control::faults(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    std::vector<fault_rule_state> out;
    if (auto it = accounts_.find(account_sid); it != accounts_.end())
        for (const auto& r : it->second->rules)
            out.push_back(r.state);
    return out;
}

bool test_control::remove_fault(std::string_view account_sid, std::uint64_t id)
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

void test_control::clear_faults(std::string_view account_sid)
{
    std::lock_guard lock(mutex_);
    if (auto it = accounts_.find(account_sid); it != accounts_.end())
        it->second->rules.clear();
}

auto test_control::decide(std::string_view account_sid, std::string_view method, std::string_view path)
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

// --- clock -----------------------------------------------------------------------------------

timestamp test_control::now_locked(const account_state* account) const
{
    if (!account)
        return options_.clock();
    switch (account->clock.mode) {
    case clock_setting::mode_type::frozen: return account->clock.frozen_at;
    case clock_setting::mode_type::offset: return options_.clock() + account->clock.offset;
    case clock_setting::mode_type::real: break;
    }
    return options_.clock();
}

timestamp test_control::now(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    return now_locked(it == accounts_.end() ? nullptr : it->second.get());
}

clock_setting test_control::clock(std::string_view account_sid) const
{
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account_sid);
    return it == accounts_.end() ? clock_setting{} : it->second->clock;
}

void test_control::set_clock(std::string_view account_sid, clock_setting setting)
{
    std::lock_guard lock(mutex_);
    account_locked(account_sid).clock = setting;
}

// --- the interceptor -------------------------------------------------------------------------

auto test_control::intercept(const endpoint_call& call, const endpoint_table::handler& next)
    -> boost::asio::awaitable<response_type>
{
    if (call.local_path.starts_with("/_trusthub/"))
        co_return co_await next(call);

    auto chosen = decide(call.account_sid, call.request.method_string(), call.local_path);
    if (chosen && chosen->delay > std::chrono::milliseconds(0)) {
        boost::asio::steady_timer wait(co_await boost::asio::this_coro::executor, chosen->delay);
        co_await wait.async_wait(boost::asio::use_awaitable);
    }
    std::optional<std::uint64_t> fault;
    if (chosen)
        fault = chosen->id;
    response_type res;
    bool acts = chosen && (chosen->answer || chosen->drop);
    if (!acts || chosen->commit) {
        std::exception_ptr failure;
        try {
            res = co_await next(call);
        } catch (...) {
            failure = std::current_exception();
        }
        if (failure) {
            // Journaled as the client sees it (the exchange's 500, or nothing if the call
            // dropped the connection), then passed on.
            bool dropped = false;
            try {
                std::rethrow_exception(failure);
            } catch (const connection_dropped&) {
                dropped = true;
            } catch (...) {
            }
            journal(call, dropped ? std::optional<unsigned>() : std::optional<unsigned>(500), fault);
            std::rethrow_exception(failure);
        }
    }
    if (chosen && chosen->drop) {
        journal(call, std::nullopt, fault);
        throw connection_dropped();
    }
    if (chosen && chosen->answer)
        res = chosen->answer->to_response(call.request.version());
    journal(call, res.result_int(), fault);
    co_return res;
}

} // namespace trusthub

#endif
