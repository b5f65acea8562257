// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// Basic credentials: `detail::basic_credentials::parse` of an Authorization header value
// against a plain restatement of RFC 7617 and RFC 4648, and `credential_table` against a
// map of what was added to it.
//
// Checked: no crash (the decoder writes into a fixed buffer); a header is accepted exactly
// when the reference accepts it, with the same user name and secret; the table names an
// account for exactly the pairs that were added (the last secret added for a user wins), and
// for nothing else; the constant-time comparison is equality.

#include <support/check.hpp>

#include <trusthub/http/credentials.hpp>
#include <trusthub/detail/basic_credentials.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

struct decoded {
    std::string user;
    std::string secret;
};

int base64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// `Basic` (any case), at least one space, base64 (padded, at most 1024 characters, spaces
// around it ignored) of `user:secret`.
std::optional<decoded> reference_parse(std::string_view h)
{
    if (h.size() < 6 || h[5] != ' ')
        return std::nullopt;
    for (std::size_t i = 0; i < 5; ++i)
        if (std::tolower(static_cast<unsigned char>(h[i])) != "basic"[i])
            return std::nullopt;
    std::string_view b = h.substr(6);
    while (!b.empty() && b.front() == ' ')
        b.remove_prefix(1);
    while (!b.empty() && b.back() == ' ')
        b.remove_suffix(1);
    if (b.empty() || b.size() > 1024 || b.size() % 4 != 0)
        return std::nullopt;
    std::size_t pad = 0;
    while (pad < b.size() && b[b.size() - 1 - pad] == '=')
        ++pad;
    if (pad > 2)
        return std::nullopt;
    std::string plain;
    unsigned bits = 0, nbits = 0;
    for (char c : b.substr(0, b.size() - pad)) {
        int v = base64_value(c);
        if (v < 0)
            return std::nullopt;
        bits = bits << 6 | static_cast<unsigned>(v);
        nbits += 6;
        if (nbits >= 8) {
            nbits -= 8;
            plain.push_back(static_cast<char>(bits >> nbits));
            bits &= (1u << nbits) - 1;
        }
    }
    auto colon = plain.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    return decoded{plain.substr(0, colon), plain.substr(colon + 1)};
}

struct entry {
    std::string secret;
    std::string account;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using trusthub::credential_table;
    FuzzedDataProvider in(data, size);

    credential_table table;
    std::map<std::string, entry, std::less<>> model;
    auto add_account = [&](std::string sid, std::string secret) {
        try {
            table.add_account(sid, secret);
        } catch (const std::invalid_argument&) {
            return;
        }
        FUZZ_CHECK(trusthub::is_sid(sid, "AC") && !secret.empty(), sid);
        model.insert_or_assign(sid, entry{secret, sid});
    };
    auto add_key = [&](std::string key, std::string secret, std::string account) {
        try {
            table.add_api_key(key, secret, account);
        } catch (const std::invalid_argument&) {
            return;
        }
        FUZZ_CHECK(trusthub::is_sid(key, "SK") && trusthub::is_sid(account, "AC") && !secret.empty(), key);
        model.insert_or_assign(key, entry{secret, account});
    };
    add_account("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token-a");
    add_account("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "token-b");
    add_key("SKcccccccccccccccccccccccccccccccc", "secret-c", "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    int extra = in.ConsumeIntegralInRange(0, 3);
    for (int i = 0; i < extra; ++i) {
        std::string user = in.ConsumeRandomLengthString(40);
        std::string secret = in.ConsumeRandomLengthString(40);
        if (in.ConsumeBool())
            add_account(user, secret);
        else
            add_key(user, secret, in.ConsumeBool() ? "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" : in.ConsumeRandomLengthString(40));
    }
    auto expected_account = [&](std::string_view user, std::string_view secret) -> std::optional<std::string> {
        auto it = model.find(user);
        if (it == model.end() || it->second.secret != secret)
            return std::nullopt;
        return it->second.account;
    };

    // A user name and secret straight to the table.
    std::string user = in.ConsumeRandomLengthString(64);
    std::string secret = in.ConsumeRandomLengthString(64);
    FUZZ_CHECK(table(user, secret) == expected_account(user, secret), user + ":" + secret);
    FUZZ_CHECK(credential_table::equal_in_constant_time(user, secret) == (user == secret), user + ":" + secret);

    // A header value through the parser, then the table.
    std::string header = in.ConsumeRemainingBytesAsString();
    auto got = trusthub::detail::basic_credentials::parse(header);
    auto want = reference_parse(header);
    FUZZ_CHECK(got.has_value() == want.has_value(), header);
    if (!got)
        return 0;
    FUZZ_CHECK(got->username() == want->user && got->secret() == want->secret, header);
    FUZZ_CHECK(table(got->username(), got->secret()) == expected_account(want->user, want->secret), header);
    return 0;
}
