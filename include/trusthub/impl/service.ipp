// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_SERVICE_IPP
#define TRUSTHUB_IMPL_SERVICE_IPP

#include <trusthub/detail/page_token.hpp>
#include <trusthub/detail/ready.hpp>
#include <trusthub/service.hpp>

namespace trusthub {

namespace detail {

// Notes the first and last sequence of a page as its records go by to `visit`.
// (Named types, not a lambda and a local struct: they live in a coroutine frame of a function
// that separate compilation makes non-inline, and such members must have linkage.)
struct page_watch {
    store::record_visitor& visit;
    std::optional<sequence_span> span;

    struct pointer {
        page_watch* watch;
        void operator()(const end_user_view& u) const
        {
            if (watch->span)
                watch->span->last = u.sequence;
            else
                watch->span = sequence_span{u.sequence, u.sequence};
            watch->visit(u);
        }
    };
};

} // namespace detail

boost::asio::awaitable<result<end_user>> service::create(std::string account_sid, create_request request)
{
    end_user record;
    record.account_sid = std::move(account_sid);
    record.friendly_name = std::move(request.friendly_name);
    record.type = std::move(request.type);
    record.attributes = std::move(request.attributes);
    record.date_created = record.date_updated = now(record.account_sid);
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
boost::asio::awaitable<result<end_user>> service::fetch(std::string account_sid, std::string sid)
{
    if (!is_sid(sid, "IT"))
        return detail::ready(result<end_user>(errc::not_found));
    return store_.fetch(std::move(account_sid), std::move(sid));
}

boost::asio::awaitable<result<end_user>> service::update(std::string account_sid, std::string sid,
                                                         update_request request)
{
    // Not a coroutine either: the store's own coroutine is handed back as it is.
    if (!is_sid(sid, "IT"))
        return detail::ready(result<end_user>(errc::not_found));
    if (!request.friendly_name && !request.attributes)
        return store_.fetch(std::move(account_sid), std::move(sid));
    end_user_patch patch{std::move(request.friendly_name), std::move(request.attributes), now(account_sid)};
    return store_.update(std::move(account_sid), std::move(sid), std::move(patch));
}

boost::asio::awaitable<result<void>> service::remove(std::string account_sid, std::string sid)
{
    if (!is_sid(sid, "IT"))
        return detail::ready(result<void>(errc::not_found));
    return store_.remove(std::move(account_sid), std::move(sid));
}

boost::asio::awaitable<result<page>> service::list(std::string account_sid, list_request request)
{
    auto query = query_for(account_sid, request);
    if (!query)
        co_return query.error();
    auto slice = co_await store_.list(account_sid, *query);
    if (!slice)
        co_return slice.error();
    std::optional<detail::sequence_span> span;
    if (!slice->items.empty())
        span = detail::sequence_span{slice->items.front().sequence, slice->items.back().sequence};
    page out = page_around(account_sid, std::move(request), *query, *slice, span);
    out.items = std::move(slice->items);
    co_return out;
}

boost::asio::awaitable<result<page>> service::list(std::string account_sid, list_request request,
                                                   store::record_visitor visit)
{
    auto query = query_for(account_sid, request);
    if (!query)
        co_return query.error();
    detail::page_watch seen{visit, std::nullopt};
    // Passed by one pointer, so that the visitor fits std::function's own storage.
    store::record_visitor watching = detail::page_watch::pointer{&seen};
    auto slice = co_await store_.visit_page(account_sid, *query, std::move(watching));
    if (!slice)
        co_return slice.error();
    co_return page_around(account_sid, std::move(request), *query, *slice, seen.span);
}

result<page_query> service::query_for(std::string_view account_sid, const list_request& request)
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
page service::page_around(std::string_view account_sid, list_request request, const page_query& query,
                            const page_slice& slice, std::optional<detail::sequence_span> span)
{
    page out;
    out.page_size = request.page_size;
    out.page_number = request.page;
    out.token = std::move(request.page_token);
    using detail::page_token;
    if (slice.more_after) {
        // After the last item or, on an empty page, after the cursor itself.
        // A client's token may hold any cursor: at the ends of the range the neighbour
        // saturates instead of wrapping round to the other end. (Sequences start at 1, so
        // "after 0" is every record.)
        std::uint64_t from = span          ? span->last
                             : query.before ? (*query.before == 0 ? 0 : *query.before - 1)
                                            : query.after.value_or(0);
        out.next_token = page_token{page_token::direction::after, from}.encode(account_sid);
    }
    if (slice.more_before) {
        std::uint64_t from = span         ? span->first
                             : query.after ? (*query.after == UINT64_MAX ? UINT64_MAX : *query.after + 1)
                                           : query.before.value_or(0);
        out.previous_token = page_token{page_token::direction::before, from}.encode(account_sid);
    }
    return out;
}

} // namespace trusthub

#endif
