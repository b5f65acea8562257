// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_SERVICE_HPP
#define TRUSTHUB_SERVICE_HPP

#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/page.hpp>
#include <trusthub/error.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/store.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

/// A new EndUser, as validated by the caller: `friendly_name` and `type` non-empty,
/// `attributes` a compact JSON object text.
struct create_request {
    std::string friendly_name;
    std::string type;
    std::string attributes = "{}";
};

/// What an update changes; what is empty stays.
struct update_request {
    std::optional<std::string> friendly_name;
    std::optional<std::string> attributes;
};

struct service_options {
    clock_source clock = system_clock();
    sid_source sids = random_sids();
    /// The time of one account's records, when accounts may live at different times (the
    /// test-control API's clocks). Empty: `clock`, for every account. (Last, so that
    /// `service_options{clock, sids}` still reads as it did.)
    std::function<timestamp(std::string_view account_sid)> account_clock = {};
};

namespace detail {

// The sequences of a page's first and last records.
struct sequence_span {
    std::uint64_t first;
    std::uint64_t last;
};

} // namespace detail

/// The five EndUser operations on typed values: SIDs, dates and paging tokens are made here;
/// nothing here knows HTTP. Every call is scoped by the caller's account SID.
class service {
public:
    explicit service(store& records, service_options options = {})
        : store_(records), options_(std::move(options))
    {
    }

    TRUSTHUB_DECL boost::asio::awaitable<result<end_user>> create(std::string account_sid, create_request request);

    TRUSTHUB_DECL boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid);

    TRUSTHUB_DECL boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                                  update_request request);

    TRUSTHUB_DECL boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid);

    TRUSTHUB_DECL boost::asio::awaitable<result<page>> list(std::string account_sid, list_request request);

    /// The same page, its records handed to `visit` in order as the store reads them
    /// (`store::visit_page`) rather than collected: `items` stays empty. What a server writing
    /// the page as it goes wants; `visit` must not call the store.
    TRUSTHUB_DECL boost::asio::awaitable<result<page>> list(std::string account_sid, list_request request,
                                                            store::record_visitor visit);

    const service_options& options() const noexcept { return options_; }

private:
    timestamp now(std::string_view account_sid) const
    {
        return options_.account_clock ? options_.account_clock(account_sid) : options_.clock();
    }

    TRUSTHUB_DECL static result<page_query> query_for(std::string_view account_sid, const list_request& request);
    TRUSTHUB_DECL static page page_around(std::string_view account_sid, list_request request, const page_query& query,
                                          const page_slice& slice, std::optional<detail::sequence_span> span);

    store& store_;
    service_options options_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/service.ipp>
#endif

#endif
