// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// Form and query decoding: `detail::form` and the resource codec's decode_create,
// decode_update and decode_list, driven by the EndUsers' and the SupportingDocuments'
// descriptors, against plain restatements of their rules (support/reference.hpp). The first
// byte picks what the rest is: a create body, an update body (for a well-formed SID or a
// malformed one), or a list query, of either collection.
//
// Checked: no crash; a form is refused exactly when an escape is malformed, and its fields
// are the reference's; a decode succeeds exactly when the reference says it should, with the
// values the reference reads (text valid UTF-8 without NUL, stored as the JSON string of what
// was sent; Attributes a compact JSON object equal to what was sent; the server's own fields
// at their initial values; page size and number in their documented ranges); a refusal is a
// 400 (404 for a malformed SID) with a well-formed Twilio error body.

#include <support/check.hpp>
#include <support/reference.hpp>

#include <trusthub/detail/form.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>

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

// What a text field keeps of a parameter sent as `sent`: a JSON string that Boost.JSON reads
// back as `sent`.
void check_kept_text(const std::string& kept, const std::string& sent)
{
    auto k = ref::parse_json(kept);
    FUZZ_CHECK(k && k->is_string() && std::string_view(k->get_string()) == sent, kept + " from " + sent);
    FUZZ_CHECK(ref::compact(kept), kept + " from " + sent);
}

// What one parameter of `field` may be, as the reference judges it.
bool acceptable(const field_descriptor& field, const std::string& sent)
{
    return field.type == field_type::json_object ? acceptable_attributes(sent)
                                                 : (sent.empty() || acceptable_text(&sent));
}

void check_kept(const field_descriptor& field, const std::string& kept, const std::string& sent)
{
    if (field.type == field_type::json_object)
        check_kept_attributes(kept, sent);
    else
        check_kept_text(kept, sent);
}

// The resources fuzzed: their fields are text and JSON objects only, which the reference above
// restates.
const resource_descriptor& pick(unsigned byte)
{
    return byte % 2 == 0 ? resources::end_users : resources::supporting_documents;
}

void check_create(const resource_descriptor& resource, std::string_view text, const std::optional<fields_type>& fields)
{
    resource_codec::request_type req{boost::beast::http::verb::post, std::string(resource.path), 11};
    req.body() = std::string(text);
    auto got = resource_codec::decode_create(resource, req);
    bool ok = fields.has_value();
    for (const field_descriptor& field : resource.fields) {
        const std::string* sent = field.parameter.empty() || !fields ? nullptr : ref::first(*fields, field.parameter);
        if (field.required)
            ok = ok && acceptable_text(sent);
        else if (sent)
            ok = ok && acceptable(field, *sent);
    }
    FUZZ_CHECK(got.has_value() == ok, std::string(text) + (got ? " accepted" : " refused: " + got.error().message));
    if (!got) {
        check_error(got.error(), 400, text);
        return;
    }
    FUZZ_CHECK(got->fields.size() == resource.fields.size(), std::string(text));
    for (std::size_t i = 0; i < resource.fields.size(); ++i) {
        const field_descriptor& field = resource.fields[i];
        const std::string* sent = field.parameter.empty() ? nullptr : ref::first(*fields, field.parameter);
        if (sent)
            check_kept(field, got->fields[i], *sent);
        else
            FUZZ_CHECK(got->fields[i] == field.initial, std::string(text) + " -> " + got->fields[i]);
    }
}

void check_update(const resource_descriptor& resource, std::string_view text, const std::optional<fields_type>& fields,
                  bool good_sid)
{
    const std::string path = std::string(resource.path) + "/x";
    resource_codec::request_type req{boost::beast::http::verb::post, path, 11};
    req.body() = std::string(text);
    const std::string digits = good_sid ? "0123456789abcdef0123456789abcdef" : "0123456789ABCDEF0123456789abcdef";
    const std::string sid = std::string(resource.sid_prefix) + digits;
    auto got = resource_codec::decode_update(resource, req, sid, path);
    if (!good_sid) {
        // A malformed SID is a 404 before the body is judged.
        FUZZ_CHECK(!got, std::string(text));
        check_error(got.error(), 404, text);
        return;
    }
    bool ok = fields.has_value();
    std::vector<std::size_t> expected;  // the fields sent that may change, in the descriptor's order
    for (std::size_t i = 0; ok && i < resource.fields.size(); ++i) {
        const field_descriptor& field = resource.fields[i];
        if (!field.updatable || field.parameter.empty())
            continue;
        const std::string* sent = ref::first(*fields, field.parameter);
        if (!sent)
            continue;
        ok = field.required ? acceptable_text(sent) : acceptable(field, *sent);
        expected.push_back(i);
    }
    FUZZ_CHECK(got.has_value() == ok, std::string(text) + (got ? " accepted" : " refused: " + got.error().message));
    if (!got) {
        check_error(got.error(), 400, text);
        return;
    }
    FUZZ_CHECK(got->fields.size() == expected.size(), std::string(text));
    for (std::size_t k = 0; k < expected.size(); ++k) {
        const field_descriptor& field = resource.fields[expected[k]];
        FUZZ_CHECK(got->fields[k].first == expected[k], std::string(text));
        check_kept(field, got->fields[k].second, *ref::first(*fields, field.parameter));
    }
}

void check_list(const resource_descriptor& resource, std::string_view text, const std::optional<fields_type>& fields)
{
    auto got = resource_codec::decode_list(resource, text);
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
    const list_request& paging = got->paging;
    FUZZ_CHECK(paging.page_size == (size ? *size : list_request::default_page_size), std::string(text));
    FUZZ_CHECK(paging.page_size >= 1 && paging.page_size <= list_request::max_page_size, std::string(text));
    FUZZ_CHECK(paging.page == (page ? *page : 0) && paging.page <= list_request::max_page, std::string(text));
    const std::string* token = ref::first(*fields, "PageToken");
    FUZZ_CHECK(paging.page_token == (token ? *token : std::string()), std::string(text));
    // Neither collection has filters: nothing to filter on, nothing echoed.
    FUZZ_CHECK(got->filters.empty() && got->echo.empty(), std::string(text));
    // The catalogues' paging alone reads the same.
    auto alone = resource_codec::decode_paging(text);
    FUZZ_CHECK(alone && alone->page_size == paging.page_size && alone->page == paging.page &&
                   alone->page_token == paging.page_token,
               std::string(text));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto fields = ref::form_fields(text);
    check_form(text, fields);
    // The low bits pick the call as before, so the corpus keeps its meaning for the EndUsers;
    // the next bit picks the collection.
    const resource_descriptor& resource = pick(data[0] >> 2);
    switch (data[0] % 4) {
    case 0: check_create(resource, text, fields); break;
    case 1: check_update(resource, text, fields, true); break;
    case 2: check_list(resource, text, fields); break;
    default: check_update(resource, text, fields, false); break;
    }
    return 0;
}
