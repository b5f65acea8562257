// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_RECORD_SNAPSHOTS_HPP
#define TRUSTHUB_CONTROL_RECORD_SNAPSHOTS_HPP

#include <trusthub/config.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/store/store.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace trusthub {

/// An account's records taken, put back and removed as a whole, collection by collection:
/// what lets a test suite start from a known state.
///
/// Records are reached through the `store` interface only, so any store works, and the
/// collections are learnt from their descriptors. Holds no state of its own, hence no lock:
/// it is as safe to use from several threads at once as the store is (which its contract
/// requires). Two calls on one account at once interleave as their store calls do.
class record_snapshots {
public:
    /// How many records of each collection a reset removed: the first collection of
    /// `collections()` always, the others when they had records.
    using removal_counts = std::vector<std::pair<std::string, std::size_t>>;

    /// `collections`: those whose records snapshots, restores and resets take, in the order a
    /// restore creates them. Both must outlive this object.
    TRUSTHUB_DECL explicit record_snapshots(
        store& records, std::span<const resource_descriptor* const> collections = resources::stored_resources());

    record_snapshots(const record_snapshots&) = delete;
    record_snapshots& operator=(const record_snapshots&) = delete;

    std::span<const resource_descriptor* const> collections() const noexcept { return collections_; }

    /// Removes every record of the account (of every collection of `collections()`).
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

private:
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> put_back(std::string account_sid, std::vector<record> records);
    TRUSTHUB_DECL boost::asio::awaitable<result<std::size_t>> remove_all(std::vector<record> records);

    store& store_;
    std::span<const resource_descriptor* const> collections_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/record_snapshots.ipp>
#endif

#endif
