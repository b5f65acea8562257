// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_WIRE_JSON_HPP
#define TRUSTHUB_DETAIL_WIRE_JSON_HPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/page.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// Appends an unsigned integer in decimal.
inline void append_number(std::string& out, std::uint64_t value)
{
    char buf[20];
    auto end = std::to_chars(buf, buf + sizeof(buf), value).ptr;
    out.append(buf, end);
}

/// Copies `text` to `p`; returns the end.
inline char* write_raw(char* p, std::string_view text) noexcept
{
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

/// The fixed text of a resource, in the order of Twilio's schema.
struct resource_text {
    static constexpr std::string_view open = R"({"sid":")";
    static constexpr std::string_view account_sid = R"(","account_sid":")";
    static constexpr std::string_view friendly_name = R"(","friendly_name":)";
    static constexpr std::string_view type = R"(,"type":)";
    static constexpr std::string_view attributes = R"(,"attributes":)";
    static constexpr std::string_view date_created = R"(,"date_created":")";
    static constexpr std::string_view date_updated = R"(","date_updated":")";
    static constexpr std::string_view url = R"(","url":")";
    static constexpr std::string_view close = R"("})";
    static constexpr std::size_t size = open.size() + account_sid.size() + friendly_name.size() + type.size() +
                                        attributes.size() + date_created.size() + date_updated.size() +
                                        url.size() + 1 /* '/' */ + close.size();
};

/// The most bytes `write_end_user` writes for `u`.
inline std::size_t end_user_bound(const end_user_view& u, std::string_view collection_url) noexcept
{
    return resource_text::size + 2 * u.sid.size() + u.account_sid.size() + string_bound(u.friendly_name) +
           string_bound(u.type) + u.attributes.size() + 2 * date_length + collection_url.size();
}

/// Writes one EndUser resource at `p` (room for `end_user_bound` bytes); returns the end.
inline char* write_end_user(char* p, const end_user_view& u, std::string_view collection_url) noexcept
{
    using t = resource_text;
    p = write_raw(p, t::open);
    p = write_raw(p, u.sid);
    p = write_raw(p, t::account_sid);
    p = write_raw(p, u.account_sid);
    p = write_raw(p, t::friendly_name);
    p = write_string(p, u.friendly_name);
    p = write_raw(p, t::type);
    p = write_string(p, u.type);
    // Stored as validated compact JSON: spliced in, never re-parsed.
    p = write_raw(p, t::attributes);
    p = write_raw(p, u.attributes);
    p = write_raw(p, t::date_created);
    p = write_date(p, u.date_created);
    p = write_raw(p, t::date_updated);
    p = write_date(p, u.date_updated);
    p = write_raw(p, t::url);
    p = write_raw(p, collection_url);
    *p++ = '/';
    p = write_raw(p, u.sid);
    return write_raw(p, t::close);
}

/// Appends one EndUser resource, fields in the order of Twilio's schema. `collection_url` is
/// the absolute URL of `/v1/EndUsers` on this server.
/// `separator`, if not NUL, is written first (the comma between a page's records).
inline void append_end_user(std::string& out, const end_user_view& u, std::string_view collection_url,
                            char separator = '\0')
{
    // Sized once and written through a pointer: a page writes hundreds of pieces.
    std::size_t at = out.size();
    out.resize(at + 1 + end_user_bound(u, collection_url));
    char* p = out.data() + at;
    if (separator != '\0')
        *p++ = separator;
    char* end = write_end_user(p, u, collection_url);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

inline std::string end_user_json(const end_user_view& u, std::string_view collection_url)
{
    std::string out;
    append_end_user(out, u, collection_url);
    return out;
}

/// Appends the URL of one page: `{collection}?PageSize=N&Page=P[&PageToken=T]`.
/// Tokens are hex and letters only, so nothing here needs escaping.
inline void append_page_url(std::string& out, std::string_view collection_url, std::size_t page_size,
                            std::uint64_t page, std::string_view token)
{
    out.push_back('"');
    out.append(collection_url).append(std::string_view("?PageSize="));
    append_number(out, page_size);
    out.append(std::string_view("&Page="));
    append_number(out, page);
    if (!token.empty())
        out.append(std::string_view("&PageToken=")).append(token);
    out.push_back('"');
}

/// Ends a list response whose array is open: closes it and appends `p`'s meta, its links under
/// `collection_url` and `key` naming the array (`results` for the EndUsers, `end_user_types`
/// for the EndUserTypes), then closes the body.
inline void append_page_end(std::string& out, std::string_view collection_url, const page& p, std::string_view key)
{
    out.append(std::string_view(R"(],"meta":{"page":)"));
    append_number(out, p.page_number);
    out.append(std::string_view(R"(,"page_size":)"));
    append_number(out, p.page_size);
    out.append(std::string_view(R"(,"first_page_url":)"));
    append_page_url(out, collection_url, p.page_size, 0, {});
    out.append(std::string_view(R"(,"previous_page_url":)"));
    if (p.previous_token.empty())
        out.append(std::string_view("null"));
    else
        append_page_url(out, collection_url, p.page_size, p.page_number ? p.page_number - 1 : 0, p.previous_token);
    out.append(std::string_view(R"(,"url":)"));
    append_page_url(out, collection_url, p.page_size, p.page_number, p.token);
    out.append(std::string_view(R"(,"next_page_url":)"));
    if (p.next_token.empty())
        out.append(std::string_view("null"));
    else
        append_page_url(out, collection_url, p.page_size, p.page_number + 1, p.next_token);
    out.append(std::string_view(R"(,"key":")")).append(key).append(std::string_view(R"("}})"));
}

/// Writes a list response, `results` (the only array at the top level) then `meta`, as Twilio
/// writes it: `add` each record as the store hands it out, then `finish`.
class page_writer {
public:
    /// `expected_records`: the page size asked for, to size the text once.
    page_writer(std::string_view collection_url, std::size_t expected_records)
        : collection_url_(collection_url), expected_(expected_records)
    {
        out_.append(std::string_view(R"({"results":[)"));
    }

    void add(const end_user_view& u)
    {
        if (out_.size() == results_start) {
            append_end_user(out_, u, collection_url_);
            // Records of one account are alike in size: room for the page at once, so the
            // text is not copied to grow (what is reserved but not written is never touched).
            // Capped: past a megabyte, growing costs little next to writing.
            std::size_t guess = (out_.size() - results_start + 1) * 5 / 4 * expected_;
            out_.reserve(out_.size() + std::min(guess, max_guess) + meta_room + 4 * collection_url_.size());
            return;
        }
        append_end_user(out_, u, collection_url_, ',');
    }

    /// The whole body: the records added, then `p`'s meta (its items are not written).
    std::string finish(const page& p) &&
    {
        append_page_end(out_, collection_url_, p, "results");
        return std::move(out_);
    }

private:
    static constexpr std::size_t results_start = std::string_view(R"({"results":[)").size();
    // meta: its keys and numbers, three tokens, and four page URLs (room for those apart).
    static constexpr std::size_t meta_room = 512;
    static constexpr std::size_t max_guess = std::size_t{1} << 20;

    std::string out_;
    std::string_view collection_url_;
    std::size_t expected_;
};

/// A Twilio error body: exactly these four keys in this order (with `type` or `title` the Node
/// SDK would raise a different exception class).
inline std::string error_json(unsigned code, std::string_view message, unsigned status)
{
    std::string out;
    out.reserve(128 + message.size());
    out.append(std::string_view(R"({"code":)"));
    append_number(out, code);
    out.append(std::string_view(R"(,"message":)"));
    append_string(out, message);
    out.append(std::string_view(R"(,"more_info":"https://www.twilio.com/docs/errors/)"));
    append_number(out, code);
    out.append(std::string_view(R"(","status":)"));
    append_number(out, status);
    out.push_back('}');
    return out;
}

} // namespace trusthub::detail

#endif
