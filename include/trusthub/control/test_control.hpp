// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_TEST_CONTROL_HPP
#define TRUSTHUB_CONTROL_TEST_CONTROL_HPP

#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/control/account_clocks.hpp>
#include <trusthub/control/account_relations.hpp>
#include <trusthub/control/account_fault_rules.hpp>
#include <trusthub/control/record_snapshots.hpp>
#include <trusthub/control/request_journal.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/error.hpp>
#include <trusthub/store/store.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

struct test_control_options {
    /// The real time, which accounts' clocks are set against.
    clock_source clock = system_clock();
    /// Requests kept in each account's journal; the oldest goes first.
    std::size_t journal_capacity = 1000;
    /// And the most bytes of paths, queries and form fields they may hold, so that a client
    /// sending large bodies cannot make the journal grow without bound.
    std::size_t journal_bytes = 16 * 1024 * 1024;
    /// Keep the values of personal parameters (`Attributes`: every parameter of a field its
    /// descriptor marks personal) in the journal. By default the journal shows `[redacted]`.
    bool keep_attributes_in_journal = false;
    /// The collections whose records snapshots, restores and resets take, in the order a
    /// restore creates them.
    std::span<const resource_descriptor* const> resources = resources::stored_resources();
};

/// What a test suite needs to control a trusthub it tests against: reset an account,
/// snapshot and restore its records, read the requests it made, inject faults, set its clock.
/// Everything is per account, so suites on different accounts never disturb one another.
///
/// The C++ side of the test-control API (`add_test_control_endpoints` serves it over HTTP).
/// To take effect, its `account_clock()` goes into the service's options, and
/// `add_test_control_endpoints` puts `intercept` between the endpoint table and its handlers.
///
/// One part a job, each usable alone: `snapshots()` (records, through the `store` interface
/// only, so any store works), `journal()`, `fault_rules()`, `clocks()` and `relations()`;
/// this class adds the interceptor, which ties them together, and `reset`, which clears all
/// five for an account. Journal, rules, clocks and relations live in this object: processes
/// sharing a PostgreSQL store share records, not those. Safe to use from several threads at once (each part has
/// its own lock).
class test_control {
public:
    using response_type = endpoint_table::response_type;

    TRUSTHUB_DECL explicit test_control(store& records, test_control_options options = {});
    TRUSTHUB_DECL ~test_control();

    test_control(const test_control&) = delete;
    test_control& operator=(const test_control&) = delete;

    const test_control_options& options() const noexcept { return options_; }

    // --- the parts ----------------------------------------------------------------------

    record_snapshots& snapshots() noexcept { return snapshots_; }
    const record_snapshots& snapshots() const noexcept { return snapshots_; }
    request_journal& journal() noexcept { return journal_; }
    const request_journal& journal() const noexcept { return journal_; }
    account_fault_rules& fault_rules() noexcept { return fault_rules_; }
    const account_fault_rules& fault_rules() const noexcept { return fault_rules_; }
    account_clocks& clocks() noexcept { return clocks_; }
    const account_clocks& clocks() const noexcept { return clocks_; }
    /// The accounts' parents and phone numbers, which the assignments read.
    account_relations& relations() noexcept { return relations_; }
    const account_relations& relations() const noexcept { return relations_; }

    // --- records ------------------------------------------------------------------------

    /// How many records of each collection a reset removed: the first collection of
    /// `options().resources` always, the others when they had records.
    using removal_counts = record_snapshots::removal_counts;

    /// Removes every record of the account (of every collection of `options().resources`),
    /// its journal and fault rules, what was declared of its parent and numbers, and sets its
    /// clock back to real.
    TRUSTHUB_DECL boost::asio::awaitable<result<removal_counts>> reset(std::string account_sid);

    /// Every record of the account, of every collection, in listing order.
    boost::asio::awaitable<result<std::vector<record>>> snapshot(std::string account_sid)
    {
        return snapshots_.snapshot(std::move(account_sid));
    }

    /// Replaces the account's records with `records`, in this order (listing follows it), SIDs
    /// and dates as given. `account_sid` and `sequence` of each are ignored. A SID another
    /// account has is `errc::already_exists` (a missing parent `errc::not_found`, a missing
    /// reference `errc::missing_reference`), and the account's records are put back as they
    /// were (their order kept). Throws `std::invalid_argument` for a record that is not one of
    /// its collection's, or a SID given twice: check with `restore_problem` first.
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> restore(std::string account_sid, std::vector<record> records);

    /// What `restore` would throw for, if anything: `"end_users[2].sid: …"`.
    static std::optional<std::string> restore_problem(
        const std::vector<record>& records,
        std::span<const resource_descriptor* const> collections = resources::stored_resources())
    {
        return record_snapshots::restore_problem(records, collections);
    }

    // --- journal ------------------------------------------------------------------------

    /// The account's last requests to the API, oldest first.
    std::vector<journal_entry> requests(std::string_view account_sid) const { return journal_.entries(account_sid); }
    void clear_requests(std::string_view account_sid) { journal_.clear(account_sid); }

    // --- faults -------------------------------------------------------------------------

    /// Adds `rule` after the account's others. Throws `std::invalid_argument` for a rule with a
    /// `problem()`.
    TRUSTHUB_DECL fault_rule_state add_fault(std::string_view account_sid, fault_rule rule);
    std::vector<fault_rule_state> faults(std::string_view account_sid) const { return fault_rules_.list(account_sid); }
    /// False when the account has no rule `id`.
    bool remove_fault(std::string_view account_sid, std::uint64_t id) { return fault_rules_.remove(account_sid, id); }
    void clear_faults(std::string_view account_sid) { fault_rules_.clear(account_sid); }

    // --- clock --------------------------------------------------------------------------

    clock_setting clock(std::string_view account_sid) const { return clocks_.setting(account_sid); }
    void set_clock(std::string_view account_sid, clock_setting setting) { clocks_.set(account_sid, setting); }
    /// The account's time now.
    timestamp now(std::string_view account_sid) const { return clocks_.now(account_sid); }
    /// `now` as a function, for `service_options::account_clock`.
    std::function<timestamp(std::string_view)> account_clock() { return clocks_.account_clock(); }

    // --- the interceptor ----------------------------------------------------------------

    /// Journals the call and applies the account's fault rules to it. Calls below
    /// `/_trusthub/` (the control API itself) go straight to `next`.
    TRUSTHUB_DECL boost::asio::awaitable<response_type> intercept(const endpoint_call& call,
                                                                  const endpoint_table::handler& next);

private:
    /// Puts the call in its account's journal, as answered with `status` (none: dropped).
    TRUSTHUB_DECL void journal_call(const endpoint_call& call, std::optional<unsigned> status,
                                    std::optional<std::uint64_t> fault);

    // In this order: the journal dates its entries with `clocks_`, so it is made after it and
    // destroyed before it.
    test_control_options options_;
    account_clocks clocks_;
    account_relations relations_;
    request_journal journal_;
    account_fault_rules fault_rules_;
    record_snapshots snapshots_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/test_control.ipp>
#endif

#endif
