// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_RESOURCE_CODEC_IPP
#define TRUSTHUB_RESOURCES_IMPL_RESOURCE_CODEC_IPP

#include <trusthub/detail/form.hpp>
#include <trusthub/detail/json_object_text.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/sid.hpp>

#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <charconv>
#include <cstdint>
#include <optional>

namespace trusthub {

namespace detail {

inline http_error malformed_body()
{
    return {400, 20001, "Malformed form body: invalid percent-encoding"};
}

inline http_error missing_parameter(std::string_view name)
{
    return {400, 20001, "Missing required parameter " + std::string(name) + " in the post body"};
}

// Text parameters must be valid UTF-8 without NUL characters: what every store can keep
// (PostgreSQL's text type refuses both) and every JSON client can read.
inline std::optional<http_error> check_text(std::string_view name, std::string_view value)
{
    if (!is_valid_utf8(value))
        return http_error::invalid_parameter(name, "is not valid UTF-8");
    if (value.find('\0') != std::string_view::npos)
        return http_error::invalid_parameter(name, "must not contain NUL characters");
    return std::nullopt;
}

inline constexpr bool is_upper_letter(char c) noexcept
{
    return c >= 'A' && c <= 'Z';
}

inline std::optional<std::uint64_t> parse_count(std::string_view text) noexcept
{
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return n;
}

inline std::string json_string(std::string_view text)
{
    std::string out;
    if (needs_escape(text)) {
        append_string(out, text);
        return out;
    }
    // Most values need no escape: quoted as they are, made at their size in one step (a short
    // one stays in the string's own storage, where room for the worst case would take the
    // heap). Every text parameter of every create and update comes through here.
    out.resize(text.size() + 2);
    out.front() = '"';
    text.copy(out.data() + 1, text.size());
    out.back() = '"';
    return out;
}

// `values` joined with ", ", for the message that lists what a parameter accepts.
inline std::string joined(std::span<const std::string_view> values)
{
    std::string out;
    for (std::string_view v : values) {
        if (!out.empty())
            out += ", ";
        out += v;
    }
    return out;
}

// The JSON text to store for one value `value` of `field`'s parameter, or the 400 it gets.
inline boost::system::result<std::string, http_error> field_text(const field_descriptor& field,
                                                                   std::string_view value)
{
    std::string_view name = field.parameter;
    switch (field.type) {
    case field_type::text:
    case field_type::text_list:
        if (auto bad = check_text(name, value))
            return std::move(*bad);
        return json_string(value);
    case field_type::enumeration:
        for (std::string_view allowed : field.values)
            if (allowed == value)
                return json_string(value);
        return http_error::invalid_parameter(name, "must be one of " + joined(field.values));
    case field_type::json_object: {
        auto compact = compact_json_object(value);
        if (!compact)
            return http_error::invalid_parameter(name, "must be a JSON object");
        return std::move(*compact);
    }
    case field_type::date:
        if (!parse_date(value))
            return http_error::invalid_parameter(name, "must be a date and time in UTC, as 2021-02-16T20:40:57Z");
        return json_string(value);
    case field_type::sid_reference:
        if (field.values.empty()) {
            if (value.size() >= 2 && is_upper_letter(value[0]) && is_upper_letter(value[1]) &&
                is_sid(value, value.substr(0, 2)))
                return json_string(value);
            return http_error::invalid_parameter(name, "must be a SID: two capital letters and 32 hex digits");
        }
        for (std::string_view prefix : field.values)
            if (is_sid(value, prefix))
                return json_string(value);
        return http_error::invalid_parameter(name, "must be a SID starting with " + joined(field.values));
    case field_type::url:
        if (auto bad = check_text(name, value))
            return std::move(*bad);
        if (!value.starts_with("http://") && !value.starts_with("https://"))
            return http_error::invalid_parameter(name, "must be an absolute http or https URL");
        return json_string(value);
    case field_type::boolean:
        if (value == "true" || value == "True")
            return std::string("true");
        if (value == "false" || value == "False")
            return std::string("false");
        return http_error::invalid_parameter(name, "must be true or false");
    }
    return http_error::invalid_parameter(name, "has a type this server does not know");
}

// A list field's JSON array: every occurrence of its parameter, in order.
inline boost::system::result<std::string, http_error> list_text(const field_descriptor& field, const form& fields)
{
    std::string out = "[";
    for (const auto& [key, value] : fields.fields()) {
        if (key != field.parameter)
            continue;
        auto item = field_text(field, value);
        if (!item)
            return item.error();
        if (out.size() > 1)
            out.push_back(',');
        out += *item;
    }
    out.push_back(']');
    return out;
}

inline bool unreserved(unsigned char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// `text` percent-encoded for a query: what is not unreserved becomes `%XX`.
inline void append_query_component(std::string& out, std::string_view text)
{
    static constexpr char upper[] = "0123456789ABCDEF";
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (unreserved(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(upper[c >> 4]);
            out.push_back(upper[c & 0xf]);
        }
    }
}

} // namespace detail

auto resource_codec::decode_create(const resource_descriptor& resource, const request_type& req)
    -> decoded<create_fields>
{
    auto form = detail::form::parse(req.body());
    if (!form)
        return detail::malformed_body();
    create_fields out;
    out.fields.reserve(resource.fields.size());
    for (const field_descriptor& field : resource.fields) {
        if (field.parameter.empty()) {
            out.fields.emplace_back(field.initial);
            continue;
        }
        const std::string* value = form->find(field.parameter);
        // Twilio treats an empty required parameter as a missing one.
        if (field.required && (!value || value->empty()))
            return detail::missing_parameter(field.parameter);
        if (!value) {
            out.fields.emplace_back(field.initial);
            continue;
        }
        auto text = field.type == field_type::text_list ? detail::list_text(field, *form)
                                                         : detail::field_text(field, *value);
        if (!text)
            return text.error();
        out.fields.push_back(std::move(*text));
    }
    for (std::size_t i = 0; i < out.fields.size(); ++i)
        if (auto source = default_source(resource, i); source && out.fields[i].empty())
            out.fields[i] = out.fields[*source];
    return out;
}

auto resource_codec::decode_update(const resource_descriptor& resource, const request_type& req,
                                   std::string_view sid, std::string_view path) -> decoded<update_fields>
{
    // An unknown SID is a 404 before any parameter is judged, as for every other method.
    if (!is_sid(sid, resource.sid_prefix))
        return http_error::not_found(path);
    auto form = detail::form::parse(req.body());
    if (!form)
        return detail::malformed_body();
    update_fields out;
    for (std::size_t i = 0; i < resource.fields.size(); ++i) {
        const field_descriptor& field = resource.fields[i];
        if (!field.updatable || field.parameter.empty())
            continue;
        const std::string* value = form->find(field.parameter);
        if (!value)
            continue;
        if (field.required && value->empty())
            return http_error::invalid_parameter(field.parameter, "must not be empty");
        auto text = field.type == field_type::text_list ? detail::list_text(field, *form)
                                                         : detail::field_text(field, *value);
        if (!text)
            return text.error();
        out.fields.emplace_back(i, std::move(*text));
    }
    return out;
}

auto resource_codec::decode_paging(std::string_view query) -> decoded<list_request>
{
    auto fields = detail::form::parse(query);
    if (!fields)
        return http_error{400, 20001, "Malformed query string: invalid percent-encoding"};
    list_request params;
    if (const std::string* size = fields->find("PageSize")) {
        auto n = detail::parse_count(*size);
        if (!n || *n < 1 || *n > list_request::max_page_size)
            return http_error::invalid_parameter("PageSize", "must be a whole number from 1 to 1000");
        params.page_size = static_cast<std::size_t>(*n);
    }
    if (const std::string* page = fields->find("Page")) {
        // Bounded so that the next page's number (Page + 1, in next_page_url) is one too.
        auto n = detail::parse_count(*page);
        if (!n)
            return http_error::invalid_parameter("Page", "must be a whole number from 0");
        if (*n > list_request::max_page)
            return http_error::invalid_parameter("Page", "must be at most 9223372036854775806");
        params.page = *n;
    }
    if (const std::string* token = fields->find("PageToken"))
        params.page_token = *token;
    return params;
}

auto resource_codec::decode_list(const resource_descriptor& resource, std::string_view query)
    -> decoded<list_parameters>
{
    auto paging = decode_paging(query);
    if (!paging)
        return paging.error();
    list_parameters out;
    out.paging = std::move(*paging);
    bool any_filter = false;
    for (const field_descriptor& field : resource.fields)
        any_filter = any_filter || !field.filter.empty() || !field.filter_any.empty();
    if (!any_filter)
        return out;
    auto form = detail::form::parse(query);  // well-formed: decode_paging parsed it
    auto add_filter = [&](std::size_t index, std::string_view name, std::string_view value,
                          bool any_of) -> std::optional<http_error> {
        field_descriptor as_filter = resource.fields[index];
        as_filter.parameter = name;
        record_filter filter{index, {}};
        // `A,B,C`: any of them. Empty items are skipped; a value with none but empty ones is
        // judged as a single value, as the field would judge an empty one.
        std::vector<std::string_view> items;
        for (std::string_view rest = value; any_of && !rest.empty();) {
            auto comma = rest.find(',');
            if (comma != 0)
                items.push_back(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        if (items.empty())
            items.push_back(value);
        for (std::string_view item : items) {
            auto text = detail::field_text(as_filter, item);
            if (!text)
                return text.error();
            filter.values.push_back(std::move(*text));
        }
        out.filters.push_back(std::move(filter));
        if (!out.echo.empty())
            out.echo.push_back('&');
        out.echo.append(name).push_back('=');
        detail::append_query_component(out.echo, value);
        return std::nullopt;
    };
    for (std::size_t i = 0; i < resource.fields.size(); ++i) {
        const field_descriptor& field = resource.fields[i];
        for (bool any_of : {false, true}) {
            std::string_view name = any_of ? field.filter_any : field.filter;
            if (name.empty())
                continue;
            if (const std::string* value = form->find(name))
                if (auto bad = add_filter(i, name, *value, any_of))
                    return std::move(*bad);
        }
    }
    return out;
}

std::string resource_codec::collection_url(const resource_descriptor& resource, std::string_view base_url,
                                           std::string_view parent_sid)
{
    std::string url;
    url.reserve(base_url.size() + resource.path.size() + parent_sid.size());
    url.append(base_url);
    std::string_view path = resource.path;
    auto open = path.find('{');
    if (open == std::string_view::npos)
        return url.append(path);
    auto close = path.find('}', open);
    return url.append(path.substr(0, open)).append(parent_sid).append(path.substr(close + 1));
}

auto resource_codec::json_response(boost::beast::http::status status, unsigned version, std::string body)
    -> response_type
{
    response_type res{status, version};
    res.set(boost::beast::http::field::content_type, "application/json; charset=utf-8");
    res.body() = std::move(body);
    return res;
}

auto resource_codec::encode(const resource_descriptor& resource, const record_view& r,
                            boost::beast::http::status status, std::string_view base_url, unsigned version)
    -> response_type
{
    // The collection's URL on the stack when it fits, as it nearly always does.
    char inline_url[192];
    std::string heap_url;
    std::string_view url;
    std::size_t size = base_url.size() + resource.path.size() + r.parent_sid.size();
    if (!resource.nested() && size <= sizeof(inline_url)) {
        char* end = detail::write_raw(detail::write_raw(inline_url, base_url), resource.path);
        url = {inline_url, static_cast<std::size_t>(end - inline_url)};
    } else {
        heap_url = collection_url(resource, base_url, r.parent_sid);
        url = heap_url;
    }
    std::string body;
    detail::append_record(body, resource, r, url);
    return json_response(status, version, std::move(body));
}

auto resource_codec::encode_deleted(unsigned version) -> response_type
{
    return response_type{boost::beast::http::status::no_content, version};
}

http_error resource_codec::encode_failure(boost::system::error_code ec, std::string_view path)
{
    if (ec == errc::not_found)
        return http_error::not_found(path);
    if (ec == errc::invalid_page_token)
        return {400, 21481, "Invalid PageToken"};
    if (ec == errc::unavailable)
        return {503, 20503, "Service Unavailable", 1};
    if (ec == errc::referenced)
        return http_error::conflict();
    if (ec == errc::missing_reference)
        return {400, 20001, "A resource this one refers to does not exist"};
    boost::throw_exception(boost::system::system_error(ec, "unexpected error from the store"));
}

resource_codec::page_encoder::page_encoder(const resource_descriptor& resource, std::string collection_url,
                                           std::size_t page_size, std::string echo)
        : collection_url_(std::move(collection_url)), echo_(std::move(echo)),
          writer_(resource, collection_url_, page_size)
{
}

auto resource_codec::page_encoder::finish(const page& meta, unsigned version) && -> response_type
{
    return json_response(boost::beast::http::status::ok, version, std::move(writer_).finish(meta, echo_));
}

} // namespace trusthub

#endif
