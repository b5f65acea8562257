// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_SERVICE_HPP
#define TRUSTHUB_RESOURCES_SERVICE_HPP

#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/page.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/store/store.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

struct service_options {
    clock_source clock = system_clock();
    sid_source sids = random_sids();
    /// The time of one account's records, when accounts may live at different times (the
    /// test-control API's clocks). Empty: `clock`, for every account. (Last, so that
    /// `service_options{clock, sids}` still reads as it did.)
    std::function<timestamp(std::string_view account_sid)> account_clock = {};
};

/// Where a call's records live: the caller's account, and the record they live under (empty
/// for a top-level collection).
struct record_scope {
    std::string account_sid;
    std::string parent_sid;
};

namespace detail {

// The sequences of a page's first and last records.
struct sequence_span {
    std::uint64_t first;
    std::uint64_t last;
};

} // namespace detail

/// The operations of every collection on records: SIDs, dates and paging tokens are made here;
/// nothing here knows HTTP. Every call names the collection by its descriptor and is scoped by
/// the caller's account (and the parent, for a subcollection). A SID or parent SID that is not
/// the collection's is `errc::not_found` without a call to the store.
class service {
public:
    explicit service(store& records, service_options options = {}) : store_(records), options_(std::move(options)) {}

    /// Stores a new record with `fields` (every field, in the descriptor's order), dated now
    /// and with a new SID. `references`: the records it refers to (see `record::references`),
    /// besides those its fields marked `holds_reference` name, which are added.
    TRUSTHUB_DECL boost::asio::awaitable<result<record>> create(const resource_descriptor& resource, record_scope scope,
                                                                std::vector<std::string> fields,
                                                                std::vector<std::string> references = {});

    TRUSTHUB_DECL boost::asio::awaitable<result<record>> fetch(const resource_descriptor& resource, record_scope scope,
                                                               std::string sid);

    /// Changes the fields named (by index); with none, the record is fetched as it is.
    TRUSTHUB_DECL boost::asio::awaitable<result<record>> update(
        const resource_descriptor& resource, record_scope scope, std::string sid,
        std::vector<std::pair<std::size_t, std::string>> changes);

    TRUSTHUB_DECL boost::asio::awaitable<result<void>> remove(const resource_descriptor& resource, record_scope scope,
                                                              std::string sid);

    /// One page of the records in scope that pass `filters`.
    TRUSTHUB_DECL boost::asio::awaitable<result<page>> list(const resource_descriptor& resource, record_scope scope,
                                                            std::vector<record_filter> filters, list_request request);

    /// The same page, its records handed to `visit` in order as the store reads them
    /// (`store::visit_page`) rather than collected: `items` stays empty. What a server writing
    /// the page as it goes wants; `visit` must not call the store.
    TRUSTHUB_DECL boost::asio::awaitable<result<page>> list(const resource_descriptor& resource, record_scope scope,
                                                            std::vector<record_filter> filters, list_request request,
                                                            store::record_visitor visit);

    const service_options& options() const noexcept { return options_; }
    store& records() const noexcept { return store_; }

    /// The account's time now.
    timestamp now(std::string_view account_sid) const
    {
        return options_.account_clock ? options_.account_clock(account_sid) : options_.clock();
    }

private:
    TRUSTHUB_DECL static bool in_scope(const resource_descriptor& resource, const record_scope& scope,
                                       std::string_view sid) noexcept;
    TRUSTHUB_DECL static result<page_query> query_for(std::string_view binding, const list_request& request);
    TRUSTHUB_DECL static page page_around(std::string_view binding, list_request request, const page_query& query,
                                          const page_slice& slice, std::optional<detail::sequence_span> span);

    store& store_;
    service_options options_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/service.ipp>
#endif

#endif
