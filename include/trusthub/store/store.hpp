// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_STORE_STORE_HPP
#define TRUSTHUB_STORE_STORE_HPP

#include <trusthub/config.hpp>
#include <trusthub/error.hpp>
#include <trusthub/store/record.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace trusthub {

/// Where records of every kind live. Implement it to keep them anywhere.
///
/// The contract every implementation keeps (the conformance kit in
/// `trusthub/testing/store_conformance.hpp` checks it):
///
/// - Every call is scoped by an account SID, and by a kind and parent (`record_key`,
///   `list_scope`). A record of another account, kind or parent does not exist for the caller:
///   `errc::not_found`, never a distinct error.
/// - `create` assigns `sequence`, strictly larger than that of every record the store has
///   created before (in any account), and returns the stored record. A SID that exists already
///   (in any account) gives `errc::already_exists`. A `parent_sid` the account does not have
///   gives `errc::not_found`, and a `references` entry it does not have
///   `errc::missing_reference`. In every failure nothing is stored, and the checks and the
///   insert are one atomic step: a concurrent `remove` of the parent or a referred record
///   either comes before (the create fails) or after (the remove fails).
/// - `update` changes only what the patch carries, atomically (two concurrent updates never lose
///   one another's fields), and returns the record as stored.
/// - `remove` removes the record and every record under it (its children, and theirs),
///   atomically; while any of those is named in the `references` of a record outside them, it
///   removes nothing and gives `errc::referenced`.
/// - `list` answers a `page_query` from a cursor position that need not name a live record,
///   so records added or removed between pages are neither repeated nor skipped.
/// - Calls may come concurrently from several threads of one or more io_contexts. The coroutine
///   must resume on the executor it was awaited from: a store that blocks must do so on a
///   thread of its own and come back.
/// - A temporary outage is `errc::unavailable`; anything thrown is answered as a 500.
///
/// Arguments are taken by value: the coroutines outlive the caller's expressions.
class store {
public:
    TRUSTHUB_DECL virtual ~store();

    virtual boost::asio::awaitable<result<record>> create(record fresh) = 0;
    virtual boost::asio::awaitable<result<record>> fetch(record_key key) = 0;
    virtual boost::asio::awaitable<result<record>> update(record_key key, record_patch patch) = 0;
    virtual boost::asio::awaitable<result<void>> remove(record_key key) = 0;
    virtual boost::asio::awaitable<result<page_slice>> list(list_scope scope, page_query query) = 0;

    /// Receives the records of a page, in order, as `visit_page` reads them.
    using record_visitor = std::function<void(const record_view&)>;

    /// The page `list` would answer, handed to `visit` record by record instead of copied out:
    /// the slice returned has no items, only `more_after` and `more_before`. A list request is
    /// answered through this call, so a store that can read records in place (as the memory
    /// store does, under its lock) saves building and destroying a page of `record`s.
    ///
    /// The default calls `list` and visits its items: override it only for speed. `visit`
    /// must not call the store, and a view is valid only during the call it is given to.
    TRUSTHUB_DECL virtual boost::asio::awaitable<result<page_slice>> visit_page(list_scope scope, page_query query,
                                                                                record_visitor visit);

    /// The record `fetch` would answer, handed to `visit` instead of copied out: what a rule
    /// that only looks at a record (its status, its type) wants. Same errors as `fetch`.
    ///
    /// The default calls `fetch` and visits the record: override it only for speed. `visit`
    /// must not call the store, and the view is valid only during the call.
    TRUSTHUB_DECL virtual boost::asio::awaitable<result<void>> visit_record(record_key key, record_visitor visit);

    /// Every record of the account, of every kind, in listing order: what a snapshot saves.
    /// Pages through `list` for each kind of `kinds`, under any parent, and merges by sequence.
    TRUSTHUB_DECL boost::asio::awaitable<result<std::vector<record>>> account_records(
        std::string account_sid, std::vector<std::string> kinds);
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/store/impl/store.ipp>
#endif

#endif
