// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_CREDENTIALS_HPP
#define TRUSTHUB_HTTP_CREDENTIALS_HPP

#include <trusthub/detail/string_hash.hpp>
#include <trusthub/sid.hpp>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace trusthub {

/// Decides who a request is from: given the user name and password of HTTP Basic
/// authentication, the account SID they belong to, or nothing to answer 401.
///
/// The user name is an Account SID (`AC…`) with its Auth Token, or an API key SID (`SK…`) with
/// its secret. Called on an io_context thread for every request: it must not block, and must be
/// safe to call from several threads at once.
using authenticator = std::function<std::optional<std::string>(std::string_view username, std::string_view secret)>;

/// A fixed table of credentials: the authenticator that ships.
///
/// Secrets are compared in constant time (the time taken does not depend on how many leading
/// characters of a guess are right). Add every credential before the first request; the table
/// is read-only afterwards and so needs no lock.
class credential_table {
public:
    /// Adds an Account SID and its Auth Token.
    credential_table& add_account(std::string account_sid, std::string auth_token)
    {
        if (!is_sid(account_sid, "AC"))
            throw std::invalid_argument("credential_table: an Account SID is AC followed by 32 lowercase hex digits");
        std::string owner = account_sid;
        return add(std::move(account_sid), std::move(auth_token), std::move(owner));
    }

    /// Adds an API key (`SK…`) and its secret, acting for `account_sid`.
    credential_table& add_api_key(std::string key_sid, std::string secret, std::string account_sid)
    {
        if (!is_sid(key_sid, "SK") || !is_sid(account_sid, "AC"))
            throw std::invalid_argument("credential_table: malformed API key or Account SID");
        return add(std::move(key_sid), std::move(secret), std::move(account_sid));
    }

    /// Parses `ACSID:TOKEN` (or `SKSID:SECRET:ACSID`) as the standalone server's options take it.
    credential_table& add_spec(std::string_view spec)
    {
        auto colon = spec.find(':');
        if (colon == std::string_view::npos || colon + 1 == spec.size())
            throw std::invalid_argument("credential: expected ACSID:TOKEN or SKSID:SECRET:ACSID");
        std::string user(spec.substr(0, colon));
        std::string_view rest = spec.substr(colon + 1);
        if (user.starts_with("SK")) {
            auto second = rest.rfind(':');
            if (second == std::string_view::npos)
                throw std::invalid_argument("credential: an API key needs SKSID:SECRET:ACSID");
            return add_api_key(std::move(user), std::string(rest.substr(0, second)), std::string(rest.substr(second + 1)));
        }
        return add_account(std::move(user), std::string(rest));
    }

    bool empty() const noexcept { return entries_.empty(); }

    std::optional<std::string> operator()(std::string_view username, std::string_view secret) const
    {
        auto it = entries_.find(username);
        // The user name is not secret; only the comparison of the secret must not leak.
        if (it == entries_.end() || !equal_in_constant_time(it->second.secret, secret))
            return std::nullopt;
        return it->second.account_sid;
    }

    /// Compares two strings in a time that depends on their lengths only.
    static bool equal_in_constant_time(std::string_view expected, std::string_view given) noexcept
    {
        unsigned char diff = expected.size() == given.size() ? 0 : 1;
        for (std::size_t i = 0; i < given.size(); ++i)
            diff |= static_cast<unsigned char>(given[i] ^ (expected.empty() ? 0 : expected[i % expected.size()]));
        // A volatile read keeps the compiler from turning the loop into an early exit.
        volatile unsigned char result = diff;
        return result == 0;
    }

private:
    struct entry {
        std::string secret;
        std::string account_sid;
    };

    credential_table& add(std::string user, std::string secret, std::string account_sid)
    {
        if (secret.empty())
            throw std::invalid_argument("credential_table: empty secret");
        entries_.insert_or_assign(std::move(user), entry{std::move(secret), std::move(account_sid)});
        return *this;
    }

    // Looked up by the request's string_view, without building a string, on every request.
    std::unordered_map<std::string, entry, detail::string_hash, std::equal_to<>> entries_;
};

} // namespace trusthub

#endif
