// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// SIDs, page tokens and credentials.

#include <trusthub/http/credentials.hpp>
#include <trusthub/detail/basic_credentials.hpp>
#include <trusthub/detail/page_token.hpp>
#include <trusthub/detail/sid_key.hpp>
#include <trusthub/sid.hpp>

#include <support/basic_auth.hpp>
#include <boost/test/unit_test.hpp>

#include <array>

#include <set>
#include <thread>
#include <vector>

using namespace trusthub;

namespace {
const std::string account_a = "AC" + std::string(32, 'a');
const std::string account_b = "AC" + std::string(32, 'b');

} // namespace

BOOST_AUTO_TEST_SUITE(sids)

BOOST_AUTO_TEST_CASE(is_sid_checks_prefix_length_and_lowercase_hex)
{
    BOOST_TEST(is_sid("IT0123456789abcdef0123456789abcdef", "IT"));
    BOOST_TEST(!is_sid("IT0123456789abcdef0123456789abcdef", "AC"));
    BOOST_TEST(!is_sid("IT0123456789ABCDEF0123456789abcdef", "IT"));
    BOOST_TEST(!is_sid("IT0123456789abcdef0123456789abcde", "IT"));
    BOOST_TEST(!is_sid("IT0123456789abcdef0123456789abcdeg", "IT"));
    BOOST_TEST(!is_sid("", "IT"));
}

BOOST_AUTO_TEST_CASE(random_sids_are_well_formed_and_distinct_across_threads)
{
    auto source = random_sids();
    std::vector<std::vector<std::string>> made(4);
    std::vector<std::thread> threads;
    for (auto& out : made)
        threads.emplace_back([&source, &out] {
            for (int i = 0; i < 5000; ++i)
                out.push_back(source("IT"));
        });
    for (auto& t : threads)
        t.join();
    std::set<std::string> all;
    for (auto& out : made)
        for (auto& sid : out) {
            BOOST_TEST_REQUIRE(is_sid(sid, "IT"));
            all.insert(sid);
        }
    BOOST_TEST(all.size() == 20000u);
}

BOOST_AUTO_TEST_CASE(sequential_sids_count_per_prefix_from_a_seed)
{
    auto source = sequential_sids(5);
    BOOST_TEST(source("IT") == "IT00000000000000050000000000000001");
    BOOST_TEST(source("IT") == "IT00000000000000050000000000000002");
    BOOST_TEST(source("RQ") == "RQ00000000000000050000000000000001");
    auto other = sequential_sids(5);
    BOOST_TEST(other("IT") == "IT00000000000000050000000000000001");
}

BOOST_AUTO_TEST_CASE(sid_key_round_trips_and_rejects_malformed)
{
    std::string sid = "IT0123456789abcdef0123456789abcdef";
    auto key = detail::sid_key::parse(sid);
    BOOST_REQUIRE(key);
    std::array<char, sid_length> text;
    BOOST_TEST(key->write(text) == sid);
    // The prefix is part of the key: the same digits under another prefix are another SID.
    BOOST_TEST(!(*key == *detail::sid_key::parse("RD0123456789abcdef0123456789abcdef")));
    BOOST_TEST(!detail::sid_key::parse("IT0123456789abcdef0123456789abcdeX").has_value());
    BOOST_TEST(!detail::sid_key::parse("IT0123").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(page_tokens)

BOOST_AUTO_TEST_CASE(round_trip_in_both_directions)
{
    for (auto dir : {detail::page_token::direction::after, detail::page_token::direction::before}) {
        detail::page_token t{dir, 123456789};
        auto text = t.encode(account_a);
        BOOST_TEST(text.size() == detail::page_token::length);
        BOOST_TEST(text.starts_with(dir == detail::page_token::direction::after ? "PA" : "PB"));
        auto back = detail::page_token::decode(text, account_a);
        BOOST_REQUIRE(back);
        BOOST_TEST(back->sequence == 123456789u);
        BOOST_TEST((back->dir == dir));
    }
}

BOOST_AUTO_TEST_CASE(garbled_forged_and_foreign_tokens_are_refused)
{
    auto text = detail::page_token{detail::page_token::direction::after, 42}.encode(account_a);
    BOOST_TEST(!detail::page_token::decode(text, account_b).has_value());  // another account's
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string garbled = text;
        garbled[i] = garbled[i] == 'f' ? 'e' : 'f';
        BOOST_TEST(!detail::page_token::decode(garbled, account_a).has_value(), "flipped position " << i);
    }
    BOOST_TEST(!detail::page_token::decode("", account_a).has_value());
    BOOST_TEST(!detail::page_token::decode("PA", account_a).has_value());
    BOOST_TEST(!detail::page_token::decode(text + "0", account_a).has_value());
    BOOST_TEST(!detail::page_token::decode("PA000000000000002a00000000", account_a).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(credentials)

BOOST_AUTO_TEST_CASE(basic_header_parses_with_and_without_padding)
{
    for (std::string secret : {"s", "se", "sec", "secret-token"}) {
        auto c = detail::basic_credentials::parse(test::basic_auth(account_a + ":" + secret));
        BOOST_REQUIRE(c);
        BOOST_TEST(c->username() == account_a);
        BOOST_TEST(c->secret() == secret);
    }
    auto colon_in_secret = detail::basic_credentials::parse(test::basic_auth(account_a + ":a:b"));
    BOOST_REQUIRE(colon_in_secret);
    BOOST_TEST(colon_in_secret->secret() == "a:b");
}

BOOST_AUTO_TEST_CASE(malformed_basic_headers_are_refused)
{
    BOOST_TEST(!detail::basic_credentials::parse("").has_value());
    BOOST_TEST(!detail::basic_credentials::parse("Bearer abc").has_value());
    BOOST_TEST(!detail::basic_credentials::parse("Basic").has_value());
    BOOST_TEST(!detail::basic_credentials::parse("Basic !!!!").has_value());
    BOOST_TEST(!detail::basic_credentials::parse("Basic dTpw=").has_value());    // not a multiple of four
    BOOST_TEST(!detail::basic_credentials::parse("Basic dT=w").has_value());     // padding inside
    BOOST_TEST(!detail::basic_credentials::parse("Basic " + std::string(1028, 'A')).has_value());  // too long
    BOOST_TEST(!detail::basic_credentials::parse(test::basic_auth("no-colon")).has_value());
    BOOST_TEST(detail::basic_credentials::parse("bAsIc   " + test::basic_auth("u:p").substr(6)).has_value());
}

BOOST_AUTO_TEST_CASE(table_answers_the_owning_account)
{
    credential_table table;
    table.add_account(account_a, "token-a").add_spec(account_b + ":token-b");
    table.add_spec("SK" + std::string(32, '1') + ":key-secret:" + account_a);
    BOOST_TEST(table(account_a, "token-a").value_or("") == account_a);
    BOOST_TEST(table(account_b, "token-b").value_or("") == account_b);
    BOOST_TEST(table("SK" + std::string(32, '1'), "key-secret").value_or("") == account_a);
    BOOST_TEST(!table(account_a, "token-b"));
    BOOST_TEST(!table(account_a, "token-a "));
    BOOST_TEST(!table(account_a, ""));
    BOOST_TEST(!table("ACunknown", "token-a"));
}

BOOST_AUTO_TEST_CASE(table_refuses_malformed_entries)
{
    credential_table table;
    BOOST_CHECK_THROW(table.add_account("ACnot-a-sid", "t"), std::invalid_argument);
    BOOST_CHECK_THROW(table.add_account(account_a, ""), std::invalid_argument);
    BOOST_CHECK_THROW(table.add_spec("no-colon"), std::invalid_argument);
    BOOST_CHECK_THROW(table.add_spec("SK" + std::string(32, '1') + ":secret-without-account"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(constant_time_comparison_is_exact)
{
    BOOST_TEST(credential_table::equal_in_constant_time("abc", "abc"));
    BOOST_TEST(!credential_table::equal_in_constant_time("abc", "abd"));
    BOOST_TEST(!credential_table::equal_in_constant_time("abc", "ab"));
    BOOST_TEST(!credential_table::equal_in_constant_time("abc", "abcabc"));
    BOOST_TEST(!credential_table::equal_in_constant_time("", "x"));
    BOOST_TEST(credential_table::equal_in_constant_time("", ""));
}

BOOST_AUTO_TEST_SUITE_END()
