// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_ERROR_HPP
#define TRUSTHUB_ERROR_HPP

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <type_traits>

namespace trusthub {

/// Expected failures of the service and of every store, carried as values.
///
/// Outages a caller cannot act on (a bug, a broken invariant) are exceptions instead; the
/// routes catch those once and answer a 500 that reveals nothing.
enum class errc {
    /// No record with that SID in that account (including records of other accounts).
    not_found = 1,
    /// A record with that SID already exists; the service draws a new SID and retries.
    already_exists,
    /// A page token that this library did not issue for this account.
    invalid_page_token,
    /// The store cannot answer now (database down, pool exhausted); the client may retry.
    unavailable,
    /// The record cannot be removed: another record refers to it.
    referenced,
    /// A record to create refers to one the account does not have.
    missing_reference,
};

namespace detail {

class error_category final : public boost::system::error_category {
public:
    // A fixed id makes the category comparable across shared objects.
    constexpr error_category() noexcept : boost::system::error_category(0x7472757374687562ULL) {}

    const char* name() const noexcept override { return "trusthub"; }

    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::not_found: return "record not found";
        case errc::already_exists: return "record already exists";
        case errc::invalid_page_token: return "invalid page token";
        case errc::unavailable: return "store unavailable";
        case errc::referenced: return "record referred to by another";
        case errc::missing_reference: return "referred record not found";
        }
        return "unknown trusthub error";
    }
};

} // namespace detail

/// The category of `errc` values.
inline const boost::system::error_category& error_category() noexcept
{
    static const detail::error_category instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// What every store and service operation returns: a value or an `errc`.
template <class T>
using result = boost::system::result<T>;

} // namespace trusthub

template <>
struct boost::system::is_error_code_enum<trusthub::errc> : std::true_type {};

#endif
