// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_STORE_MEMORY_STORE_HPP
#define TRUSTHUB_STORE_MEMORY_STORE_HPP

#include <trusthub/config.hpp>
#include <trusthub/detail/sid_key.hpp>
#include <trusthub/detail/sid_map.hpp>
#include <trusthub/detail/string_hash.hpp>
#include <trusthub/store/store.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace trusthub {

/// The default store: everything in this process's memory, gone when it ends.
///
/// Safe to share between the threads of one or more io_contexts (a reader-writer lock; no call
/// waits on anything but that lock, so it never suspends). Fetch, update and delete find a
/// record through a hash of its SID; a page is a walk of an ordered tree of the records of one
/// kind, account and parent from the cursor: O(log n + page size) without filters, whatever the
/// cursor's depth (a filter skips the records it refuses).
///
/// Records are kept compact: binary SIDs, dates as integers, and all fields in one buffer.
/// A record has at most `max_fields` fields.
class memory_store final : public store {
public:
    static constexpr std::size_t max_fields = 64;

    memory_store() = default;
    memory_store(const memory_store&) = delete;
    memory_store& operator=(const memory_store&) = delete;

    TRUSTHUB_DECL boost::asio::awaitable<result<record>> create(record fresh) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<record>> fetch(record_key key) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> remove(record_key key) override;
    TRUSTHUB_DECL boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) override;
    /// Reads the page in place: no `record` is built.
    TRUSTHUB_DECL boost::asio::awaitable<result<page_slice>> visit_page(list_scope scope, page_query query,
                                                                        record_visitor visit) override;
    /// Reads the record in place: no `record` is built.
    TRUSTHUB_DECL boost::asio::awaitable<result<void>> visit_record(record_key key, record_visitor visit) override;

    // The same operations without a coroutine, for loading data in bulk and for benchmarks.

    TRUSTHUB_DECL result<record> create_now(record fresh);
    TRUSTHUB_DECL result<record> fetch_now(const record_key& key) const;
    TRUSTHUB_DECL result<record> update_now(const record_key& key, record_patch patch);
    TRUSTHUB_DECL result<void> remove_now(const record_key& key);
    TRUSTHUB_DECL result<page_slice> list_now(const list_scope& scope, const page_query& query) const;
    /// `visit_page` without a coroutine. `visit` runs under the store's read lock: other
    /// readers go on, writers wait until the page is done.
    TRUSTHUB_DECL result<page_slice> visit_page_now(const list_scope& scope, const page_query& query,
                                                    const record_visitor& visit) const;
    /// `visit_record` without a coroutine; `visit` runs under the store's read lock.
    TRUSTHUB_DECL result<void> visit_record_now(const record_key& key, const record_visitor& visit) const;

    /// Records in all accounts.
    TRUSTHUB_DECL std::size_t size() const;

private:
    // One record, compactly: the SID in binary, and its fields and references in one buffer
    // (see `pack`).
    struct stored {
        detail::sid_key sid;
        std::int64_t date_created;
        std::int64_t date_updated;
        std::string packed;
    };
    using ordered = std::map<std::uint64_t, stored>;
    // The records of one kind under one parent, in one account.
    struct scope {
        std::string kind;
        std::string parent_sid;
        ordered records;
    };
    struct account {
        // By `kind + '/' + parent_sid`.
        std::unordered_map<std::string, std::unique_ptr<scope>, detail::string_hash, std::equal_to<>> scopes;
    };
    struct located {
        account* owner;
        scope* in;
        ordered::iterator position;
    };
    using field_views = std::array<std::string_view, max_fields>;

    TRUSTHUB_DECL static std::string pack(const std::vector<std::string>& fields, const std::vector<std::string>& references);
    TRUSTHUB_DECL static std::string pack(const std::vector<std::string_view>& fields, const std::vector<std::string>& references);
    TRUSTHUB_DECL static std::size_t unpack_fields(std::string_view packed, field_views& out) noexcept;
    TRUSTHUB_DECL static std::string pack(const std::vector<std::string_view>& fields,
                                          std::string_view packed_references);
    TRUSTHUB_DECL static std::vector<std::string> unpack_references(std::string_view packed);
    // The packed references of `packed`, as `pack` takes them.
    TRUSTHUB_DECL static std::string_view references_of(std::string_view packed) noexcept;
    TRUSTHUB_DECL static record_view view_at(std::string_view account_sid, const scope& in, const ordered::value_type& entry,
                               std::array<char, sid_length>& sid, field_views& fields) noexcept;
    TRUSTHUB_DECL static record record_at(std::string_view account_sid, const scope& in, const ordered::value_type& entry);
    TRUSTHUB_DECL static bool passes(const stored& s, const std::vector<record_filter>& filters) noexcept;
    TRUSTHUB_DECL static std::string scope_name(std::string_view kind, std::string_view parent_sid);

    TRUSTHUB_DECL static scope* scope_in(const account& in, std::string_view kind, std::string_view parent);
    TRUSTHUB_DECL const scope* find_scope(std::string_view account_sid, std::string_view kind, std::string_view parent) const;
    TRUSTHUB_DECL std::optional<located> find(const record_key& key) const;
    // One record of a page, and the scope it is in.
    struct placed {
        const scope* in;
        ordered::const_iterator position;
    };
    // The records of a page, in order, and whether matching records lie beyond it.
    TRUSTHUB_DECL page_slice find_page(const list_scope& query_scope, const page_query& query, std::vector<placed>& out) const;

    mutable std::shared_mutex mutex_;
    std::uint64_t last_sequence_ = 0;
    std::unordered_map<std::string, account, detail::string_hash, std::equal_to<>> accounts_;
    detail::sid_map<located> by_sid_;
    // How many live records name each record in their references.
    detail::sid_map<std::uint32_t> referenced_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/store/impl/memory_store.ipp>
#endif

#endif
