// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_STORE_HPP
#define TRUSTHUB_STORE_HPP

#include <trusthub/config.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/error.hpp>

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>
#include <utility>

namespace trusthub {

/// Where EndUser records live. Implement it to keep them anywhere.
///
/// The contract every implementation keeps (the conformance kit in
/// `trusthub/testing/store_conformance.hpp` checks it):
///
/// - Every call is scoped by an account SID. A record of another account does not exist for
///   the caller: `errc::not_found`, never a distinct error.
/// - `create` assigns `sequence`, strictly larger than that of every record the store has
///   created before (in any account), and returns the stored record. A SID that exists already
///   (in any account) gives `errc::already_exists` and stores nothing.
/// - `update` changes only what the patch carries, atomically (two concurrent updates never lose
///   one another's fields), and returns the record as stored.
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

    virtual boost::asio::awaitable<result<end_user>> create(end_user record) = 0;
    virtual boost::asio::awaitable<result<end_user>> fetch(std::string account_sid, std::string sid) = 0;
    virtual boost::asio::awaitable<result<end_user>> update(std::string account_sid, std::string sid,
                                                            end_user_patch patch) = 0;
    virtual boost::asio::awaitable<result<void>> remove(std::string account_sid, std::string sid) = 0;
    virtual boost::asio::awaitable<result<page_slice>> list(std::string account_sid, page_query query) = 0;

    /// Receives the records of a page, in order, as `visit_page` reads them.
    using record_visitor = std::function<void(const end_user_view&)>;

    /// The page `list` would answer, handed to `visit` record by record instead of copied out:
    /// the slice returned has no items, only `more_after` and `more_before`. A list request is
    /// answered through this call, so a store that can read records in place (as the memory
    /// store does, under its lock) saves building and destroying a page of `end_user`s.
    ///
    /// The default calls `list` and visits its items: override it only for speed. `visit`
    /// must not call the store, and a view is valid only during the call it is given to.
    TRUSTHUB_DECL virtual boost::asio::awaitable<result<page_slice>> visit_page(std::string account_sid,
                                                                                page_query query,
                                                                                record_visitor visit);
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/store.ipp>
#endif

#endif
