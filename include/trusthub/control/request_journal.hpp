// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_REQUEST_JOURNAL_HPP
#define TRUSTHUB_CONTROL_REQUEST_JOURNAL_HPP

#include <trusthub/config.hpp>
#include <trusthub/timestamp.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/registry.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

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

struct request_journal_options {
    /// Requests kept in each account's journal; the oldest goes first.
    std::size_t capacity = 1000;
    /// And the most bytes of paths, queries and form fields they may hold, so that a client
    /// sending large bodies cannot make the journal grow without bound.
    std::size_t bytes = 16 * 1024 * 1024;
    /// Keep the values of personal parameters (every parameter of a field its descriptor marks
    /// personal) in the journal. By default the journal shows `[redacted]`.
    bool keep_personal = false;
    /// The collections whose descriptors say which parameters are personal.
    std::span<const resource_descriptor* const> resources = resources::stored_resources();
    /// Dates each entry by its account's clock as it goes in; empty: an entry keeps the date
    /// it is given. Called with the journal locked, so that the journal's order is its dates'
    /// order even when calls of one account come at once: it must not call the journal.
    std::function<timestamp(std::string_view account_sid)> account_clock = {};
};

/// Each account's last requests to the API, bounded in count and in bytes, with personal data
/// redacted. Knows nothing of HTTP: whoever sees the calls (`test_control::intercept`) makes
/// the entries.
///
/// Safe to use from several threads at once: one lock for every account, held for as long
/// as an entry takes to go in or come out (and while `account_clock` dates an entry).
class request_journal {
public:
    TRUSTHUB_DECL explicit request_journal(request_journal_options options = {});

    request_journal(const request_journal&) = delete;
    request_journal& operator=(const request_journal&) = delete;

    const request_journal_options& options() const noexcept { return options_; }

    /// Puts `entry` last in the account's journal: its personal parameters redacted (unless
    /// kept), dated by `account_clock` (if set), without its parameters if it alone holds more
    /// than `bytes`; the oldest entries go until it fits in `capacity` and `bytes`. With a
    /// `capacity` of 0 nothing is kept.
    TRUSTHUB_DECL void add(std::string_view account_sid, journal_entry entry);

    /// The account's entries, oldest first.
    TRUSTHUB_DECL std::vector<journal_entry> entries(std::string_view account_sid) const;
    /// Forgets the account's entries.
    TRUSTHUB_DECL void clear(std::string_view account_sid);

    /// Whether a form parameter named `name` carries personal data in some collection.
    TRUSTHUB_DECL bool is_personal(std::string_view name) const noexcept;

private:
    struct account_journal {
        std::deque<journal_entry> entries;
        std::size_t bytes = 0;  // what `entries` holds, as `detail::entry_bytes` counts it
    };

    request_journal_options options_;
    mutable std::mutex mutex_;
    std::map<std::string, account_journal, std::less<>> accounts_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/request_journal.ipp>
#endif

#endif
