// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// Page tokens (`detail::page_token`): decoding any text for an account, and encoding any
// cursor. Checked: no crash; a token that decodes is exactly the canonical encoding of what
// it decodes to (so a cursor has one token, and a token one cursor); every cursor encodes to
// a token of the documented shape that decodes back to it for the account it was made for.

#include <support/check.hpp>

#include <trusthub/detail/page_token.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using trusthub::detail::page_token;

constexpr std::string_view fixed_accounts[] = {"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", ""};

bool shaped(std::string_view t)
{
    if (t.size() != page_token::length || t[0] != 'P' || (t[1] != 'A' && t[1] != 'B'))
        return false;
    for (char c : t.substr(2))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    std::string account = in.ConsumeBool() ? in.ConsumeRandomLengthString(64)
                                           : std::string(fixed_accounts[in.ConsumeIntegralInRange<int>(0, 2)]);
    auto dir = in.ConsumeBool() ? page_token::direction::after : page_token::direction::before;
    std::uint64_t sequence = in.ConsumeIntegral<std::uint64_t>();
    std::string token = in.ConsumeRemainingBytesAsString();

    // Any cursor: encoded, then decoded for its own account.
    page_token made{dir, sequence};
    std::string text = made.encode(account);
    FUZZ_CHECK(shaped(text), text);
    auto back = page_token::decode(text, account);
    FUZZ_CHECK(back && back->dir == dir && back->sequence == sequence, text);

    // Any text: if it decodes, it is the one token of its cursor.
    auto got = page_token::decode(token, account);
    if (got) {
        FUZZ_CHECK(shaped(token), token);
        FUZZ_CHECK(got->encode(account) == token, token + " re-encodes as " + got->encode(account));
    }
    return 0;
}
