// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The Attributes check (`detail::compact_json_object`) against Boost.JSON's own `parse` with
// the nesting limit trusthub documents (64 levels; the body limit bounds the size).
//
// Checked, both ways: text that is accepted parses as an object, and its compact form is the
// text without its white space, byte for byte, has the same value, and is its own compact
// form; text that is
// refused is not an object that `parse` accepts. An accepted object spliced into a resource
// (as every response does, without re-parsing) leaves the resource valid JSON.

#include <support/check.hpp>
#include <support/reference.hpp>

#include <trusthub/detail/json_object_text.hpp>
#include <trusthub/detail/record_json.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/end_users.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace ref = trusthub::fuzz::reference;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto kept = trusthub::detail::compact_json_object(text);
    auto expected = ref::parse_json(text);
    if (!kept) {
        FUZZ_CHECK(!expected || !expected->is_object(),
                   "refused, but Boost.JSON reads an object: " + boost::json::serialize(*expected));
        return 0;
    }
    FUZZ_CHECK(expected && expected->is_object(), "accepted, but Boost.JSON does not read an object: " + *kept);
    FUZZ_CHECK(*kept == ref::strip(text), "not the text without its white space: " + *kept);
    auto reread = ref::parse_json(*kept);
    FUZZ_CHECK(reread && ref::same(*reread, *expected), "the compact form changed the value: " + *kept);
    FUZZ_CHECK(ref::compact(*kept), "white space left: " + *kept);
    auto again = trusthub::detail::compact_json_object(*kept);
    FUZZ_CHECK(again && *again == *kept, "not stable: " + *kept);

    trusthub::record u;
    u.kind = trusthub::resources::end_users.kind;
    u.sid = "IT0123456789abcdef0123456789abcdef";
    u.account_sid = "AC0123456789abcdef0123456789abcdef";
    u.fields = trusthub::end_user_fields("name", "type", *kept);
    trusthub::detail::record_field_views fields(u);
    std::string resource;
    trusthub::detail::append_record(resource, trusthub::resources::end_users, trusthub::view_of(u, fields),
                                    "http://fuzz.test/v1/EndUsers");
    auto whole = ref::parse_json(resource);
    // One level deeper than the attributes themselves: the resource object.
    if (!whole) {
        boost::json::parse_options deeper;
        deeper.max_depth = 65;
        boost::system::error_code ec;
        auto v = boost::json::parse(resource, ec, {}, deeper);
        FUZZ_CHECK(!ec, "the resource is not JSON: " + resource);
        whole = std::move(v);
    }
    FUZZ_CHECK(whole->is_object() && ref::same(whole->at("attributes"), *expected), resource);
    return 0;
}
