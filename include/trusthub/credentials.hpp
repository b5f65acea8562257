// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CREDENTIALS_HPP
#define TRUSTHUB_CREDENTIALS_HPP

#include <trusthub/detail/string_hash.hpp>
#include <trusthub/sid.hpp>

#include <array>
#include <cstdint>
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

namespace detail {

/// The user name and password of an `Authorization: Basic …` header value, decoded into a
/// buffer of its own: this runs for every request, so it allocates nothing.
class basic_credentials {
public:
    /// Longest header value accepted (after the scheme), and so the decoded size bound.
    static constexpr std::size_t max_encoded = 1024;

    static std::optional<basic_credentials> parse(std::string_view header) noexcept
    {
        // The scheme is case-insensitive (RFC 7617); one or more spaces follow it.
        if (header.size() < 6)
            return std::nullopt;
        static constexpr std::string_view scheme = "basic";
        for (std::size_t i = 0; i < 5; ++i)
            if (static_cast<char>(header[i] | 0x20) != scheme[i])
                return std::nullopt;
        if (header[5] != ' ')
            return std::nullopt;
        header.remove_prefix(6);
        while (!header.empty() && header.front() == ' ')
            header.remove_prefix(1);
        while (!header.empty() && header.back() == ' ')
            header.remove_suffix(1);
        if (header.empty() || header.size() > max_encoded)
            return std::nullopt;
        basic_credentials out;
        if (!out.decode(header))
            return std::nullopt;
        std::string_view plain(out.buffer_.data(), out.size_);
        auto colon = plain.find(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        out.colon_ = colon;
        return out;
    }

    std::string_view username() const noexcept { return {buffer_.data(), colon_}; }
    std::string_view secret() const noexcept { return {buffer_.data() + colon_ + 1, size_ - colon_ - 1}; }

private:
    basic_credentials() = default;

    // Standard base64 (RFC 4648 section 4): groups of four characters, the last one padded
    // with '=' to four. Anything else is refused.
    bool decode(std::string_view text) noexcept
    {
        if (text.size() % 4 != 0)
            return false;
        std::size_t pad = 0;
        while (pad < 2 && text.size() > pad && text[text.size() - 1 - pad] == '=')
            ++pad;
        const auto* in = reinterpret_cast<const unsigned char*>(text.data());
        const std::size_t whole = (text.size() - pad) / 4;  // groups without padding
        std::size_t out = 0;
        unsigned bad = 0;  // any invalid digit sets its high bit
        for (std::size_t g = 0; g < whole; ++g, in += 4) {
            unsigned a = digit_values[in[0]], b = digit_values[in[1]], c = digit_values[in[2]], d = digit_values[in[3]];
            bad |= a | b | c | d;
            std::uint32_t group = a << 18 | b << 12 | c << 6 | d;
            buffer_[out++] = static_cast<char>(group >> 16);
            buffer_[out++] = static_cast<char>(group >> 8);
            buffer_[out++] = static_cast<char>(group);
        }
        if (pad != 0) {  // the last group: two or three digits, then padding
            unsigned a = digit_values[in[0]], b = digit_values[in[1]], c = pad == 1 ? digit_values[in[2]] : 0;
            bad |= a | b | c;
            std::uint32_t group = a << 18 | b << 12 | c << 6;
            buffer_[out++] = static_cast<char>(group >> 16);
            if (pad == 1)
                buffer_[out++] = static_cast<char>(group >> 8);
        }
        size_ = out;
        return (bad & 0x80) == 0;
    }

    // Each character's 6-bit value, or 0x80 for a character that is not a base64 digit.
    static constexpr std::array<unsigned char, 256> digit_values = [] {
        std::array<unsigned char, 256> v{};
        for (auto& x : v)
            x = 0x80;
        constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (std::size_t i = 0; i < alphabet.size(); ++i)
            v[static_cast<unsigned char>(alphabet[i])] = static_cast<unsigned char>(i);
        return v;
    }();

    std::array<char, max_encoded / 4 * 3> buffer_;
    std::size_t size_ = 0;
    std::size_t colon_ = 0;
};

} // namespace detail

} // namespace trusthub

#endif
