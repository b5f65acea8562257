// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_IPP
#define TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_IPP

#include <trusthub/detail/form.hpp>
#include <trusthub/control/test_control.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <stdexcept>

namespace trusthub {

test_control::test_control(store& records, test_control_options options)
    : options_(std::move(options)),
      clocks_(options_.clock),
      journal_({.capacity = options_.journal_capacity,
                .bytes = options_.journal_bytes,
                .keep_personal = options_.keep_attributes_in_journal,
                .resources = options_.resources,
                .account_clock = clocks_.account_clock()}),
      snapshots_(records, options_.resources)
{
    if (!options_.clock)
        options_.clock = clocks_.real();
}

test_control::~test_control() = default;

// --- records ---------------------------------------------------------------------------------

boost::asio::awaitable<result<test_control::removal_counts>> test_control::reset(std::string account_sid)
{
    // Cleared before the records: a reset that fails on the store has cleared them all the same.
    journal_.clear(account_sid);
    fault_rules_.forget(account_sid);
    clocks_.forget(account_sid);
    relations_.forget(account_sid);
    co_return co_await snapshots_.reset(std::move(account_sid));
}

boost::asio::awaitable<result<void>> test_control::restore(std::string account_sid, std::vector<record> records)
{
    // Checked here as well, so that what the exception says names the function called.
    if (auto problem = restore_problem(records, options_.resources))
        throw std::invalid_argument("test_control::restore: " + *problem);
    co_return co_await snapshots_.restore(std::move(account_sid), std::move(records));
}

// --- faults ----------------------------------------------------------------------------------

fault_rule_state test_control::add_fault(std::string_view account_sid, fault_rule rule)
{
    // Checked here as well, so that what the exception says names the function called.
    if (auto problem = rule.problem())
        throw std::invalid_argument("test_control::add_fault: " + *problem);
    return fault_rules_.add(account_sid, std::move(rule));
}

// --- the interceptor -------------------------------------------------------------------------

void test_control::journal_call(const endpoint_call& call, std::optional<unsigned> status,
                                std::optional<std::uint64_t> fault)
{
    journal_entry entry;
    entry.method = std::string(call.request.method_string());
    entry.path = std::string(call.path);
    entry.query = std::string(call.query);
    if (!call.request.body().empty())
        if (auto form = detail::form::parse(call.request.body()))
            entry.params = form->fields();
    entry.status = status;
    entry.request_id = std::string(call.request_id);
    entry.fault = fault;
    journal_.add(call.account_sid, std::move(entry));  // redacts, and dates by the account's clock
}

auto test_control::intercept(const endpoint_call& call, const endpoint_table::handler& next)
    -> boost::asio::awaitable<response_type>
{
    if (call.local_path.starts_with("/_trusthub/"))
        co_return co_await next(call);

    auto chosen = fault_rules_.decide(call.account_sid, call.request.method_string(), call.local_path);
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
            journal_call(call, dropped ? std::optional<unsigned>() : std::optional<unsigned>(500), fault);
            std::rethrow_exception(failure);
        }
    }
    if (chosen && chosen->drop) {
        journal_call(call, std::nullopt, fault);
        throw connection_dropped();
    }
    if (chosen && chosen->answer)
        res = chosen->answer->to_response(call.request.version());
    journal_call(call, res.result_int(), fault);
    co_return res;
}

} // namespace trusthub

#endif
