// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_SERVICE_HPP
#define TRUSTHUB_SERVICE_HPP

#include <trusthub/clock.hpp>
#include <trusthub/detail/page_token.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/error.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/store.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
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

/// Which page to read.
struct list_request {
    static constexpr std::size_t default_page_size = 50;
    static constexpr std::size_t max_page_size = 1000;

    std::size_t page_size = default_page_size;  ///< 1 to `max_page_size`
    std::uint64_t page = 0;                     ///< the client's own counter, echoed back
    std::string page_token;                     ///< empty for the first page
};

/// One page of an account's EndUsers, with the tokens of its neighbours.
struct page {
    std::vector<end_user> items;
    std::size_t page_size = list_request::default_page_size;
    std::uint64_t page_number = 0;
    std::string token;           ///< the token this page was read with (empty: the first page)
    std::string next_token;      ///< empty when this is the last page
    std::string previous_token;  ///< empty when this is the first page
};

struct service_options {
    clock_source clock = system_clock();
    sid_source sids = random_sids();
};

/// The five EndUser operations on typed values: SIDs, dates and paging tokens are made here;
/// nothing here knows HTTP. Every call is scoped by the caller's account SID.
class service {
public:
    explicit service(store& records, service_options options = {})
        : store_(records), options_(std::move(options))
    {
    }

    boost::asio::awaitable<result<end_user>> create(std::string account_sid, create_request request)
    {
        end_user record;
        record.account_sid = std::move(account_sid);
        record.friendly_name = std::move(request.friendly_name);
        record.type = std::move(request.type);
        record.attributes = std::move(request.attributes);
        record.date_created = record.date_updated = options_.clock();
        // A repeat of a 128-bit random SID is not expected in the life of the universe, but a
        // deterministic source or a user's own may repeat: draw again rather than fail.
        for (int attempt = 0;; ++attempt) {
            record.sid = options_.sids("IT");
            auto created = co_await store_.create(record);
            if (created || created.error() != errc::already_exists || attempt == 8)
                co_return created;
        }
    }

    // Not a coroutine: a well-formed SID goes straight to the store's coroutine, without a
    // frame and a copy of the record in between (a fetch is the commonest request).
    boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid)
    {
        if (!is_sid(sid, "IT"))
            return answer<end_user>(errc::not_found);
        return store_.fetch(std::move(account_sid), std::move(sid));
    }

    boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                    update_request request)
    {
        if (!is_sid(sid, "IT"))
            co_return errc::not_found;
        if (!request.friendly_name && !request.attributes)
            co_return co_await store_.fetch(std::move(account_sid), std::move(sid));
        end_user_patch patch{std::move(request.friendly_name), std::move(request.attributes), options_.clock()};
        co_return co_await store_.update(std::move(account_sid), std::move(sid), std::move(patch));
    }

    boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid)
    {
        if (!is_sid(sid, "IT"))
            return answer<void>(errc::not_found);
        return store_.remove(std::move(account_sid), std::move(sid));
    }

    boost::asio::awaitable<result<page>> list(std::string account_sid, list_request request)
    {
        auto query = query_for(account_sid, request);
        if (!query)
            co_return query.error();
        auto slice = co_await store_.list(account_sid, *query);
        if (!slice)
            co_return slice.error();
        std::optional<sequence_span> span;
        if (!slice->items.empty())
            span = sequence_span{slice->items.front().sequence, slice->items.back().sequence};
        page out = page_around(account_sid, std::move(request), *query, *slice, span);
        out.items = std::move(slice->items);
        co_return out;
    }

    /// The same page, its records handed to `visit` in order as the store reads them
    /// (`store::visit_page`) rather than collected: `items` stays empty. What a server writing
    /// the page as it goes wants; `visit` must not call the store.
    boost::asio::awaitable<result<page>> list(std::string account_sid, list_request request,
                                              store::record_visitor visit)
    {
        auto query = query_for(account_sid, request);
        if (!query)
            co_return query.error();
        // Captured by one pointer, so that the visitor fits std::function's own storage.
        struct watch {
            store::record_visitor& visit;
            std::optional<sequence_span> span;
        } seen{visit, std::nullopt};
        auto slice = co_await store_.visit_page(account_sid, *query, [w = &seen](const end_user_view& u) {
            if (w->span)
                w->span->last = u.sequence;
            else
                w->span = sequence_span{u.sequence, u.sequence};
            w->visit(u);
        });
        if (!slice)
            co_return slice.error();
        co_return page_around(account_sid, std::move(request), *query, *slice, seen.span);
    }

    store& records() noexcept { return store_; }
    const service_options& options() const noexcept { return options_; }

private:
    // The sequences of a page's first and last records.
    struct sequence_span {
        std::uint64_t first;
        std::uint64_t last;
    };

    static result<page_query> query_for(std::string_view account_sid, const list_request& request)
    {
        page_query query;
        query.limit = request.page_size;
        if (!request.page_token.empty()) {
            auto cursor = detail::page_token::decode(request.page_token, account_sid);
            if (!cursor)
                return errc::invalid_page_token;
            (cursor->dir == detail::page_token::direction::after ? query.after : query.before) = cursor->sequence;
        }
        return query;
    }

    // A page without its items: its number, its token and its neighbours' tokens.
    static page page_around(std::string_view account_sid, list_request request, const page_query& query,
                            const page_slice& slice, std::optional<sequence_span> span)
    {
        page out;
        out.page_size = request.page_size;
        out.page_number = request.page;
        out.token = std::move(request.page_token);
        using detail::page_token;
        if (slice.more_after) {
            // After the last item or, on an empty page, after the cursor itself.
            std::uint64_t from = span          ? span->last
                                 : query.before ? *query.before - 1
                                                : query.after.value_or(0);
            out.next_token = page_token{page_token::direction::after, from}.encode(account_sid);
        }
        if (slice.more_before) {
            std::uint64_t from = span         ? span->first
                                 : query.after ? *query.after + 1
                                               : query.before.value_or(0);
            out.previous_token = page_token{page_token::direction::before, from}.encode(account_sid);
        }
        return out;
    }

    template <class T>
    static boost::asio::awaitable<result<T>> answer(errc e)
    {
        co_return e;
    }

    store& store_;
    service_options options_;
};

} // namespace trusthub

#endif
