// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_TEST_CONTROL_HPP
#define TRUSTHUB_CONTROL_TEST_CONTROL_HPP

#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/error.hpp>
#include <trusthub/http/http_error.hpp>
#include <trusthub/store/store.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// Makes chosen calls of an account fail on purpose: which calls (method, path, which of the
/// matching calls), and what happens to them.
///
/// A call *matches* when its method and path do. The matches are counted from 1; match `n` is
/// a candidate when `n > after`, `n - after` is a multiple of `every` and fewer than `times` hits
/// have happened; a candidate *hits* with `probability`, drawn from a generator seeded with
/// `seed` (so a run repeats exactly). The first rule, in order of creation, that hits a call
/// acts on it; every rule that matches counts the call.
struct fault_rule {
    /// `GET`, `POST`… compared without regard to case; empty: any method.
    std::string method;
    /// A glob over the path below the mount prefix, without the query: `*` any run of
    /// characters but `/`, `**` any run, `?` one character but `/`.
    std::string path = "**";
    std::uint64_t after = 0;
    std::uint64_t every = 1;
    /// Hits before the rule is spent (it stays listed); empty: no end.
    std::optional<std::uint64_t> times;
    double probability = 1.0;
    std::uint64_t seed = 0;

    /// Waited before anything else; a rule that only delays then lets the call through.
    std::chrono::milliseconds delay{0};
    /// The error to answer instead of the call's own answer (`retry_after` becomes
    /// `Retry-After`).
    std::optional<http_error> answer;
    /// Close the connection without an answer.
    bool drop = false;
    /// Do the call for real first, then answer `answer` or drop: the client sees a failure
    /// for a write that happened.
    bool commit = false;

    /// The error Twilio answers with `status`: its code (400 is 20001, 401 is 20003, 405 is
    /// 20004, as trusthub's own answers have them; any other 20000 + status: 429 is 20429, 500
    /// is 20500, 503 is 20503), the status's reason
    /// phrase as message, and `Retry-After: 1` for 429 and 503.
    TRUSTHUB_DECL static http_error error_for(unsigned status);

    /// What is wrong with the rule, if anything (`"times: must be at least 1"`): the rule must
    /// do something (`answer`, `drop` or `delay`), not both answer and drop, and `commit`
    /// needs one of them.
    TRUSTHUB_DECL std::optional<std::string> problem() const;
};

/// A rule as an account has it: its id and what it has done so far.
struct fault_rule_state {
    std::uint64_t id = 0;
    fault_rule rule;
    std::uint64_t matched = 0;
    std::uint64_t hit = 0;
};

/// One request an account made to the API, as the journal keeps it.
struct journal_entry {
    std::string method;
    std::string path;   ///< as sent, mount prefix included, without the query
    std::string query;  ///< without the `?`
    /// The form fields, decoded, in order (personal data redacted unless kept).
    std::vector<std::pair<std::string, std::string>> params;
    /// What was answered; empty when the connection was dropped without an answer.
    std::optional<unsigned> status;
    std::string request_id;
    timestamp date{};  ///< by the account's clock
    /// The id of the fault rule that hit the call, if one did.
    std::optional<std::uint64_t> fault;
};

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
/// Records are reached through the `store` interface only, so any store works. Journal, rules
/// and clocks live in this object: processes sharing a PostgreSQL store share records, not
/// those. Safe to use from several threads at once.
class test_control {
public:
    using response_type = endpoint_table::response_type;

    TRUSTHUB_DECL explicit test_control(store& records, test_control_options options = {});
    TRUSTHUB_DECL ~test_control();

    test_control(const test_control&) = delete;
    test_control& operator=(const test_control&) = delete;

    const test_control_options& options() const noexcept { return options_; }

    // --- records ------------------------------------------------------------------------

    /// How many records of each collection a reset removed: the first collection of
    /// `options().resources` always, the others when they had records.
    using removal_counts = std::vector<std::pair<std::string, std::size_t>>;

    /// Removes every record of the account (of every collection of `options().resources`),
    /// its journal and fault rules, and sets its clock back to real.
    TRUSTHUB_DECL boost::asio::awaitable<result<removal_counts>> reset(std::string account_sid);

    /// Every record of the account, of every collection, in listing order.
    TRUSTHUB_DECL boost::asio::awaitable<result<std::vector<record>>> snapshot(std::string account_sid);

    /// Replaces the account's records with `records`, in this order (listing follows it), SIDs
    /// and dates as given. `account_sid` and `sequence` of each are ignored. A SID another
    /// account has is `errc::already_exists` (a missing parent `errc::not_found`, a missing
    /// reference `errc::missing_reference`), and the account's records are put back as they
    /// were (their order kept). Throws `std::invalid_argument` for a record that is not one of
    /// its collection's, or a SID given twice: check with `restore_problem` first.
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> restore(std::string account_sid, std::vector<record> records);

    /// What `restore` would throw for, if anything: `"end_users[2].sid: …"`.
    TRUSTHUB_DECL static std::optional<std::string> restore_problem(
        const std::vector<record>& records,
        std::span<const resource_descriptor* const> collections = resources::stored_resources());

    // --- journal ------------------------------------------------------------------------

    /// The account's last requests to the API, oldest first.
    TRUSTHUB_DECL std::vector<journal_entry> requests(std::string_view account_sid) const;
    TRUSTHUB_DECL void clear_requests(std::string_view account_sid);

    // --- faults -------------------------------------------------------------------------

    /// Adds `rule` after the account's others. Throws `std::invalid_argument` for a rule with a
    /// `problem()`.
    TRUSTHUB_DECL fault_rule_state add_fault(std::string_view account_sid, fault_rule rule);
    TRUSTHUB_DECL std::vector<fault_rule_state> faults(std::string_view account_sid) const;
    /// False when the account has no rule `id`.
    TRUSTHUB_DECL bool remove_fault(std::string_view account_sid, std::uint64_t id);
    TRUSTHUB_DECL void clear_faults(std::string_view account_sid);

    // --- clock --------------------------------------------------------------------------

    TRUSTHUB_DECL clock_setting clock(std::string_view account_sid) const;
    TRUSTHUB_DECL void set_clock(std::string_view account_sid, clock_setting setting);
    /// The account's time now.
    TRUSTHUB_DECL timestamp now(std::string_view account_sid) const;
    /// `now` as a function, for `service_options::account_clock`.
    std::function<timestamp(std::string_view)> account_clock()
    {
        return [this](std::string_view account_sid) { return now(account_sid); };
    }

    // --- the interceptor ----------------------------------------------------------------

    /// Journals the call and applies the account's fault rules to it. Calls below
    /// `/_trusthub/` (the control API itself) go straight to `next`.
    TRUSTHUB_DECL boost::asio::awaitable<response_type> intercept(const endpoint_call& call,
                                                                  const endpoint_table::handler& next);

private:
    struct armed_rule;
    struct account_state;
    struct decision {
        std::uint64_t id = 0;
        std::chrono::milliseconds delay{0};
        std::optional<http_error> answer;
        bool drop = false;
        bool commit = false;
    };

    TRUSTHUB_DECL std::optional<decision> decide(std::string_view account_sid, std::string_view method,
                                                 std::string_view path);
    TRUSTHUB_DECL void journal(const endpoint_call& call, std::optional<unsigned> status,
                              std::optional<std::uint64_t> fault);
    TRUSTHUB_DECL timestamp now_locked(const account_state* account) const;
    /// Whether a form parameter named `name` carries personal data in some collection.
    TRUSTHUB_DECL bool is_personal(std::string_view name) const noexcept;
    /// The account's state, made if it has none yet; `mutex_` held.
    TRUSTHUB_DECL account_state& account_locked(std::string_view account_sid);
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> put_back(std::string account_sid, std::vector<record> records);
    TRUSTHUB_DECL boost::asio::awaitable<result<std::size_t>> remove_all(std::vector<record> records);

    store& store_;
    test_control_options options_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<account_state>, std::less<>> accounts_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/test_control.ipp>
#endif

#endif
