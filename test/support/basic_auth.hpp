// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_BASIC_AUTH_HPP
#define TRUSTHUB_TEST_SUPPORT_BASIC_AUTH_HPP

#include <boost/beast/core/detail/base64.hpp>

#include <string>
#include <string_view>

namespace trusthub::test {

/// The `Authorization` header value `Basic base64(text)`, where `text` is normally
/// `user:secret` (tests also send it without the colon).
inline std::string basic_auth(std::string_view plain)
{
    std::string out(boost::beast::detail::base64::encoded_size(plain.size()), '\0');
    out.resize(boost::beast::detail::base64::encode(out.data(), plain.data(), plain.size()));
    return "Basic " + out;
}

/// The `Authorization` header value `Basic base64(user:secret)`.
inline std::string basic_auth(std::string_view user, std::string_view secret)
{
    return basic_auth(std::string(user) + ":" + std::string(secret));
}

} // namespace trusthub::test

#endif
