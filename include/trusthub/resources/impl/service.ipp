// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_SERVICE_IPP
#define TRUSTHUB_RESOURCES_IMPL_SERVICE_IPP

#include <trusthub/detail/page_token.hpp>
#include <trusthub/detail/ready.hpp>
#include <trusthub/resources/service.hpp>

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
        void operator()(const record_view& r) const
        {
            if (watch->span)
                watch->span->last = r.sequence;
            else
                watch->span = sequence_span{r.sequence, r.sequence};
            watch->visit(r);
        }
    };
};

// The store's create of a copy of `fresh`, which the caller keeps to draw another SID if this
// one is taken. Not a coroutine: the copy, the store's argument, lives on this call's stack
// (a store that waits moves it into its own frame first) instead of in the caller's frame
// across the wait.
inline boost::asio::awaitable<result<record>> create_copy(store& records, const record& fresh)
{
    return records.create(fresh);
}

inline boost::asio::awaitable<result<void>> fetch_parent(store& records, record_key key)
{
    auto found = co_await records.fetch(std::move(key));
    if (!found)
        co_return found.error();
    co_return result<void>();
}

// Whether the record a subcollection's list is under exists, and is of its kind: a list under
// nothing is a 404, not an empty page. Ready at once where the descriptor does not say.
inline boost::asio::awaitable<result<void>> parent_exists(store& records, const resource_descriptor& resource,
                                                          const record_scope& scope)
{
    if (resource.parent_kind.empty())
        return ready(result<void>());
    return fetch_parent(records, record_key{std::string(resource.parent_kind), scope.account_sid, {}, scope.parent_sid});
}

} // namespace detail

bool service::in_scope(const resource_descriptor& resource, const record_scope& scope, std::string_view sid) noexcept
{
    if (!is_sid(sid, resource.sid_prefix))
        return false;
    return resource.nested() ? is_sid(scope.parent_sid, resource.parent_prefix) : scope.parent_sid.empty();
}

boost::asio::awaitable<result<record>> service::create(const resource_descriptor& resource, record_scope scope,
                                                       std::vector<std::string> fields,
                                                       std::vector<std::string> references)
{
    if (resource.nested() ? !is_sid(scope.parent_sid, resource.parent_prefix) : !scope.parent_sid.empty())
        co_return errc::not_found;
    record fresh;
    fresh.kind = resource.kind;
    fresh.account_sid = std::move(scope.account_sid);
    fresh.parent_sid = std::move(scope.parent_sid);
    fresh.fields = std::move(fields);
    fresh.references = std::move(references);
    for (std::string& held : held_references(resource, fresh.fields))
        fresh.references.push_back(std::move(held));
    fresh.date_created = fresh.date_updated = now(fresh.account_sid);
    // A repeat of a 128-bit random SID is not expected in the life of the universe, but a
    // deterministic source or a user's own may repeat: draw again rather than fail.
    for (int attempt = 0;; ++attempt) {
        fresh.sid = options_.sids(resource.sid_prefix);
        auto created = co_await detail::create_copy(store_, fresh);
        if (created || created.error() != errc::already_exists || attempt == 8)
            co_return created;
    }
}

// Not a coroutine: a well-formed SID goes straight to the store's coroutine, without a
// frame and a copy of the record in between (a fetch is the commonest request).
boost::asio::awaitable<result<record>> service::fetch(const resource_descriptor& resource, record_scope scope,
                                                      std::string sid)
{
    if (!in_scope(resource, scope, sid))
        return detail::ready(result<record>(errc::not_found));
    return store_.fetch(record_key{std::string(resource.kind), std::move(scope.account_sid),
                                   std::move(scope.parent_sid), std::move(sid)});
}

boost::asio::awaitable<result<record>> service::update(const resource_descriptor& resource, record_scope scope,
                                                       std::string sid,
                                                       std::vector<std::pair<std::size_t, std::string>> changes)
{
    // Not a coroutine either: the store's own coroutine is handed back as it is.
    if (!in_scope(resource, scope, sid))
        return detail::ready(result<record>(errc::not_found));
    timestamp when = now(scope.account_sid);
    record_key key{std::string(resource.kind), std::move(scope.account_sid), std::move(scope.parent_sid),
                   std::move(sid)};
    if (changes.empty())
        return store_.fetch(std::move(key));
    return store_.update(std::move(key), record_patch{std::move(changes), when});
}

boost::asio::awaitable<result<void>> service::remove(const resource_descriptor& resource, record_scope scope,
                                                     std::string sid)
{
    if (!in_scope(resource, scope, sid))
        return detail::ready(result<void>(errc::not_found));
    return store_.remove(record_key{std::string(resource.kind), std::move(scope.account_sid),
                                    std::move(scope.parent_sid), std::move(sid)});
}

boost::asio::awaitable<result<page>> service::list(const resource_descriptor& resource, record_scope scope,
                                                   std::vector<record_filter> filters, list_request request)
{
    if (resource.nested() ? !is_sid(scope.parent_sid, resource.parent_prefix) : !scope.parent_sid.empty())
        co_return errc::not_found;
    auto parent_call = detail::parent_exists(store_, resource, scope);
    if (auto parent = co_await std::move(parent_call); !parent)
        co_return parent.error();
    std::string binding = detail::page_token::binding_for(scope.account_sid, resource.kind, scope.parent_sid);
    auto query = query_for(binding, request);
    if (!query)
        co_return query.error();
    list_scope where{std::string(resource.kind), std::move(scope.account_sid), std::move(scope.parent_sid),
                     std::move(filters)};
    auto slice = co_await store_.list(std::move(where), *query);
    if (!slice)
        co_return slice.error();
    std::optional<detail::sequence_span> span;
    if (!slice->items.empty())
        span = detail::sequence_span{slice->items.front().sequence, slice->items.back().sequence};
    page out = page_around(binding, std::move(request), *query, *slice, span);
    out.items = std::move(slice->items);
    co_return out;
}

boost::asio::awaitable<result<page>> service::list(const resource_descriptor& resource, record_scope scope,
                                                   std::vector<record_filter> filters, list_request request,
                                                   store::record_visitor visit)
{
    if (resource.nested() ? !is_sid(scope.parent_sid, resource.parent_prefix) : !scope.parent_sid.empty())
        co_return errc::not_found;
    auto parent_call = detail::parent_exists(store_, resource, scope);
    if (auto parent = co_await std::move(parent_call); !parent)
        co_return parent.error();
    std::string binding = detail::page_token::binding_for(scope.account_sid, resource.kind, scope.parent_sid);
    auto query = query_for(binding, request);
    if (!query)
        co_return query.error();
    detail::page_watch seen{visit, std::nullopt};
    // Passed by one pointer, so that the visitor fits std::function's own storage.
    store::record_visitor watching = detail::page_watch::pointer{&seen};
    list_scope where{std::string(resource.kind), std::move(scope.account_sid), std::move(scope.parent_sid),
                     std::move(filters)};
    auto slice = co_await store_.visit_page(std::move(where), *query, std::move(watching));
    if (!slice)
        co_return slice.error();
    co_return page_around(binding, std::move(request), *query, *slice, seen.span);
}

result<page_query> service::query_for(std::string_view binding, const list_request& request)
{
    page_query query;
    query.limit = request.page_size;
    if (!request.page_token.empty()) {
        auto cursor = detail::page_token::decode(request.page_token, binding);
        if (!cursor)
            return errc::invalid_page_token;
        (cursor->dir == detail::page_token::direction::after ? query.after : query.before) = cursor->sequence;
    }
    return query;
}

// A page without its items: its number, its token and its neighbours' tokens.
page service::page_around(std::string_view binding, list_request request, const page_query& query,
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
        out.next_token = page_token{page_token::direction::after, from}.encode(binding);
    }
    if (slice.more_before) {
        std::uint64_t from = span         ? span->first
                             : query.after ? (*query.after == UINT64_MAX ? UINT64_MAX : *query.after + 1)
                                           : query.before.value_or(0);
        out.previous_token = page_token{page_token::direction::before, from}.encode(binding);
    }
    return out;
}

} // namespace trusthub

#endif
