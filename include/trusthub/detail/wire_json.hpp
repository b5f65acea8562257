// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_WIRE_JSON_HPP
#define TRUSTHUB_DETAIL_WIRE_JSON_HPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/service.hpp>

#include <charconv>
#include <string>
#include <string_view>

namespace trusthub::detail {

using namespace std::string_view_literals;

/// Appends an unsigned integer in decimal.
inline void append_number(std::string& out, std::uint64_t value)
{
    char buf[20];
    auto end = std::to_chars(buf, buf + sizeof(buf), value).ptr;
    out.append(buf, end);
}

/// Appends one EndUser resource, fields in the order of Twilio's schema. `collection_url` is
/// the absolute URL of `/v1/EndUsers` on this server.
inline void append_end_user(std::string& out, const end_user& u, std::string_view collection_url)
{
    out.append(R"({"sid":")"sv).append(u.sid);
    out.append(R"(","account_sid":")"sv).append(u.account_sid);
    out.append(R"(","friendly_name":)"sv);
    append_string(out, u.friendly_name);
    out.append(R"(,"type":)"sv);
    append_string(out, u.type);
    // Stored as validated compact JSON: spliced in, never re-parsed.
    out.append(R"(,"attributes":)"sv).append(u.attributes);
    out.append(R"(,"date_created":")"sv);
    append_date(out, u.date_created);
    out.append(R"(","date_updated":")"sv);
    append_date(out, u.date_updated);
    out.append(R"(","url":")"sv).append(collection_url).append("/"sv).append(u.sid);
    out.append(R"("})"sv);
}

/// Enough room for one resource unless its strings need many escapes: the keys and fixed-size
/// values take 258 bytes.
inline std::size_t resource_size_guess(const end_user& u, std::string_view collection_url) noexcept
{
    return 288 + u.friendly_name.size() + u.type.size() + u.attributes.size() + collection_url.size();
}

inline std::string end_user_json(const end_user& u, std::string_view collection_url)
{
    std::string out;
    out.reserve(resource_size_guess(u, collection_url));
    append_end_user(out, u, collection_url);
    return out;
}

/// Appends the URL of one page: `{collection}?PageSize=N&Page=P[&PageToken=T]`.
/// Tokens are hex and letters only, so nothing here needs escaping.
inline void append_page_url(std::string& out, std::string_view collection_url, std::size_t page_size,
                            std::uint64_t page, std::string_view token)
{
    out.push_back('"');
    out.append(collection_url).append("?PageSize="sv);
    append_number(out, page_size);
    out.append("&Page="sv);
    append_number(out, page);
    if (!token.empty())
        out.append("&PageToken="sv).append(token);
    out.push_back('"');
}

/// A list response: `results` (the only array at the top level) and `meta`, as Twilio writes it.
inline std::string page_json(const page& p, std::string_view collection_url)
{
    std::string out;
    std::size_t guess = 512;
    for (const auto& u : p.items)
        guess += 1 + resource_size_guess(u, collection_url);
    out.reserve(guess);
    out.append(R"({"results":[)"sv);
    for (std::size_t i = 0; i < p.items.size(); ++i) {
        if (i)
            out.push_back(',');
        append_end_user(out, p.items[i], collection_url);
    }
    out.append(R"(],"meta":{"page":)"sv);
    append_number(out, p.page_number);
    out.append(R"(,"page_size":)"sv);
    append_number(out, p.page_size);
    out.append(R"(,"first_page_url":)"sv);
    append_page_url(out, collection_url, p.page_size, 0, {});
    out.append(R"(,"previous_page_url":)"sv);
    if (p.previous_token.empty())
        out.append("null"sv);
    else
        append_page_url(out, collection_url, p.page_size, p.page_number ? p.page_number - 1 : 0, p.previous_token);
    out.append(R"(,"url":)"sv);
    append_page_url(out, collection_url, p.page_size, p.page_number, p.token);
    out.append(R"(,"next_page_url":)"sv);
    if (p.next_token.empty())
        out.append("null"sv);
    else
        append_page_url(out, collection_url, p.page_size, p.page_number + 1, p.next_token);
    out.append(R"(,"key":"results"}})"sv);
    return out;
}

/// A Twilio error body: exactly these four keys in this order (with `type` or `title` the Node
/// SDK would raise a different exception class).
inline std::string error_json(unsigned code, std::string_view message, unsigned status)
{
    std::string out;
    out.reserve(128 + message.size());
    out.append(R"({"code":)"sv);
    append_number(out, code);
    out.append(R"(,"message":)"sv);
    append_string(out, message);
    out.append(R"(,"more_info":"https://www.twilio.com/docs/errors/)"sv);
    append_number(out, code);
    out.append(R"(","status":)"sv);
    append_number(out, status);
    out.push_back('}');
    return out;
}

} // namespace trusthub::detail

#endif
