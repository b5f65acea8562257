// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// Form and query decoding: `detail::form` and the codec's decode_create, decode_update and
// decode_list, against plain restatements of their rules (support/reference.hpp). The first
// byte picks what the rest is: a create body, an update body (for a well-formed SID or a
// malformed one), or a list query.
//
// Checked: no crash; a form is refused exactly when an escape is malformed, and its fields
// are the reference's; a decode succeeds exactly when the reference says it should, with the
// values the reference reads (text valid UTF-8 without NUL, Attributes a compact JSON object
// equal to what was sent, page size and number in their documented ranges); a refusal is a
// 400 (404 for a malformed SID) with a well-formed Twilio error body.

#include <support/check.hpp>
#include <support/reference.hpp>

#include <trusthub/detail/form.hpp>
#include <trusthub/end_user_codec.hpp>

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace trusthub;
namespace ref = trusthub::fuzz::reference;
using fields_type = std::vector<std::pair<std::string, std::string>>;

const std::string_view names[] = {"FriendlyName", "Type", "Attributes", "PageSize", "Page", "PageToken", ""};

// What the form class reads must be what the reference reads, field by field.
void check_form(std::string_view text, const std::optional<fields_type>& expected)
{
    auto parsed = detail::form::parse(text);
    FUZZ_CHECK(parsed.has_value() == expected.has_value(), std::string(text));
    if (!parsed)
        return;
    for (const auto& f : *expected) {
        const std::string* got = parsed->find(f.first);
        FUZZ_CHECK(got && *got == *ref::first(*expected, f.first), std::string(text));
    }
    for (auto name : names) {
        const std::string* got = parsed->find(name);
        const std::string* want = ref::first(*expected, name);
        FUZZ_CHECK((got == nullptr) == (want == nullptr) && (!got || *got == *want), std::string(text));
    }
}

void check_error(const http_error& e, unsigned status, std::string_view text)
{
    FUZZ_CHECK(e.status == status, std::string(text) + " -> " + std::to_string(e.status) + " " + e.message);
    auto res = e.to_response(11);
    boost::system::error_code ec;
    auto body = boost::json::parse(res.body(), ec);
    FUZZ_CHECK(!ec && body.is_object() && body.at("status") == status, res.body());
}

// A text parameter as the codec must accept it.
bool acceptable_text(const std::string* v)
{
    return v && !v->empty() && ref::valid_utf8(*v) && v->find('\0') == std::string::npos;
}

// Attributes as sent: a JSON object; and as kept: compact, with the same value.
bool acceptable_attributes(const std::string& sent)
{
    auto v = ref::parse_json(sent);
    return v && v->is_object();
}

void check_kept_attributes(const std::string& kept, const std::string& sent)
{
    auto k = ref::parse_json(kept);
    FUZZ_CHECK(k && k->is_object() && ref::same(*k, *ref::parse_json(sent)), kept + " from " + sent);
    FUZZ_CHECK(kept == ref::strip(sent), kept + " from " + sent);
}

void check_create(std::string_view text, const std::optional<fields_type>& fields)
{
    end_user_codec::request_type req{boost::beast::http::verb::post, "/v1/EndUsers", 11};
    req.body() = std::string(text);
    auto got = end_user_codec::decode_create(req);
    bool ok = fields && acceptable_text(ref::first(*fields, "FriendlyName")) && acceptable_text(ref::first(*fields, "Type"));
    const std::string* attributes = fields ? ref::first(*fields, "Attributes") : nullptr;
    if (ok && attributes)
        ok = acceptable_attributes(*attributes);
    FUZZ_CHECK(got.has_value() == ok, std::string(text) + (got ? " accepted" : " refused: " + got.error().message));
    if (!got) {
        check_error(got.error(), 400, text);
        return;
    }
    FUZZ_CHECK(got->friendly_name == *ref::first(*fields, "FriendlyName"), std::string(text));
    FUZZ_CHECK(got->type == *ref::first(*fields, "Type"), std::string(text));
    if (attributes)
        check_kept_attributes(got->attributes, *attributes);
    else
        FUZZ_CHECK(got->attributes == "{}", got->attributes);
}

void check_update(std::string_view text, const std::optional<fields_type>& fields, bool good_sid)
{
    end_user_codec::request_type req{boost::beast::http::verb::post, "/v1/EndUsers/x", 11};
    req.body() = std::string(text);
    std::string_view sid = good_sid ? "IT0123456789abcdef0123456789abcdef" : "IT0123456789ABCDEF0123456789abcdef";
    auto got = end_user_codec::decode_update(req, sid, "/v1/EndUsers/x");
    if (!good_sid) {
        // A malformed SID is a 404 before the body is judged.
        FUZZ_CHECK(!got, std::string(text));
        check_error(got.error(), 404, text);
        return;
    }
    const std::string* name = fields ? ref::first(*fields, "FriendlyName") : nullptr;
    const std::string* attributes = fields ? ref::first(*fields, "Attributes") : nullptr;
    bool ok = fields && (!name || acceptable_text(name)) && (!attributes || acceptable_attributes(*attributes));
    FUZZ_CHECK(got.has_value() == ok, std::string(text) + (got ? " accepted" : " refused: " + got.error().message));
    if (!got) {
        check_error(got.error(), 400, text);
        return;
    }
    FUZZ_CHECK(got->friendly_name.has_value() == (name != nullptr), std::string(text));
    if (name)
        FUZZ_CHECK(*got->friendly_name == *name, std::string(text));
    FUZZ_CHECK(got->attributes.has_value() == (attributes != nullptr), std::string(text));
    if (attributes)
        check_kept_attributes(*got->attributes, *attributes);
}

void check_list(std::string_view text, const std::optional<fields_type>& fields)
{
    auto got = end_user_codec::decode_list(text);
    bool ok = fields.has_value();
    std::optional<std::uint64_t> size, page;
    if (ok) {
        if (const std::string* s = ref::first(*fields, "PageSize")) {
            size = ref::decimal(*s);
            ok = size && *size >= 1 && *size <= 1000;
        }
        if (const std::string* p = ref::first(*fields, "Page")) {
            page = ref::decimal(*p);
            ok = ok && page && *page <= 9223372036854775806ULL;
        }
    }
    FUZZ_CHECK(got.has_value() == ok, std::string(text) + (got ? " accepted" : " refused: " + got.error().message));
    if (!got) {
        check_error(got.error(), 400, text);
        return;
    }
    FUZZ_CHECK(got->page_size == (size ? *size : list_request::default_page_size), std::string(text));
    FUZZ_CHECK(got->page_size >= 1 && got->page_size <= list_request::max_page_size, std::string(text));
    FUZZ_CHECK(got->page == (page ? *page : 0) && got->page <= list_request::max_page, std::string(text));
    const std::string* token = ref::first(*fields, "PageToken");
    FUZZ_CHECK(got->page_token == (token ? *token : std::string()), std::string(text));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto fields = ref::form_fields(text);
    check_form(text, fields);
    switch (data[0] % 4) {
    case 0: check_create(text, fields); break;
    case 1: check_update(text, fields, true); break;
    case 2: check_list(text, fields); break;
    default: check_update(text, fields, false); break;
    }
    return 0;
}
