// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_ACCOUNT_FAULT_RULES_HPP
#define TRUSTHUB_CONTROL_ACCOUNT_FAULT_RULES_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/http_error.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

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

/// Each account's fault rules, armed: their ids, their counts and their random draws, and
/// which of them acts on a call (`decide`). Knows nothing of HTTP: whoever sees the calls
/// (`test_control::intercept`) asks it and carries out what it decides.
///
/// Safe to use from several threads at once: one lock for every account, held while a rule
/// is added, listed or removed, or while the rules decide on a call.
class account_fault_rules {
public:
    /// What the rule that hit a call does to it (see `fault_rule`).
    struct decision {
        std::uint64_t id = 0;  ///< the rule's
        std::chrono::milliseconds delay{0};
        std::optional<http_error> answer;
        bool drop = false;
        bool commit = false;
    };

    TRUSTHUB_DECL account_fault_rules();
    TRUSTHUB_DECL ~account_fault_rules();

    account_fault_rules(const account_fault_rules&) = delete;
    account_fault_rules& operator=(const account_fault_rules&) = delete;

    /// Adds `rule` after the account's others, with the account's next id (from 1, never
    /// reused until the account is forgotten). Throws `std::invalid_argument` for a rule with
    /// a `problem()`.
    TRUSTHUB_DECL fault_rule_state add(std::string_view account_sid, fault_rule rule);
    /// The account's rules, in order of creation.
    TRUSTHUB_DECL std::vector<fault_rule_state> list(std::string_view account_sid) const;
    /// False when the account has no rule `id`.
    TRUSTHUB_DECL bool remove(std::string_view account_sid, std::uint64_t id);
    /// Removes the account's rules; the ids go on from where they were.
    TRUSTHUB_DECL void clear(std::string_view account_sid);
    /// Removes the account's rules, and its ids start from 1 again.
    TRUSTHUB_DECL void forget(std::string_view account_sid);

    /// Counts a call of the account (`method`, and `path` below the mount prefix) for every
    /// rule it matches, and says what the first rule that hits it does; nothing if none does.
    TRUSTHUB_DECL std::optional<decision> decide(std::string_view account_sid, std::string_view method,
                                                 std::string_view path);

private:
    struct armed_rule;
    struct account_rules;  // defined with the definitions: the draws need <random>

    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<account_rules>, std::less<>> accounts_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/account_fault_rules.ipp>
#endif

#endif
