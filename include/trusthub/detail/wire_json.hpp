// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_WIRE_JSON_HPP
#define TRUSTHUB_DETAIL_WIRE_JSON_HPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/record_json.hpp>
#include <trusthub/resources/page.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// Appends the URL of one page: `{collection}?[filters&]PageSize=N&Page=P[&PageToken=T]`.
/// `filters` is the list's filters as a query, percent-encoded, without the `&` after it.
/// Tokens are hex and letters only, so nothing here needs escaping.
inline void append_page_url(std::string& out, std::string_view collection_url, std::size_t page_size,
                            std::uint64_t page, std::string_view token, std::string_view filters = {})
{
    out.push_back('"');
    out.append(collection_url).push_back('?');
    if (!filters.empty())
        out.append(filters).push_back('&');
    out.append(std::string_view("PageSize="));
    append_number(out, page_size);
    out.append(std::string_view("&Page="));
    append_number(out, page);
    if (!token.empty())
        out.append(std::string_view("&PageToken=")).append(token);
    out.push_back('"');
}

/// Ends a list response whose array is open: closes it and appends `p`'s meta, its links under
/// `collection_url` (with `filters` echoed, see `append_page_url`) and `key` naming the array
/// (`results` for the EndUsers, `end_user_types` for the EndUserTypes), then closes the body.
inline void append_page_end(std::string& out, std::string_view collection_url, const page& p, std::string_view key,
                            std::string_view filters = {})
{
    out.append(std::string_view(R"(],"meta":{"page":)"));
    append_number(out, p.page_number);
    out.append(std::string_view(R"(,"page_size":)"));
    append_number(out, p.page_size);
    out.append(std::string_view(R"(,"first_page_url":)"));
    append_page_url(out, collection_url, p.page_size, 0, {}, filters);
    out.append(std::string_view(R"(,"previous_page_url":)"));
    if (p.previous_token.empty())
        out.append(std::string_view("null"));
    else
        append_page_url(out, collection_url, p.page_size, p.page_number ? p.page_number - 1 : 0, p.previous_token,
                        filters);
    out.append(std::string_view(R"(,"url":)"));
    append_page_url(out, collection_url, p.page_size, p.page_number, p.token, filters);
    out.append(std::string_view(R"(,"next_page_url":)"));
    if (p.next_token.empty())
        out.append(std::string_view("null"));
    else
        append_page_url(out, collection_url, p.page_size, p.page_number + 1, p.next_token, filters);
    out.append(std::string_view(R"(,"key":")")).append(key).append(std::string_view(R"("}})"));
}

/// Writes a list response, the records' array (the only array at the top level) then `meta`,
/// as Twilio writes it: `add` each record as the store hands it out, then `finish`.
class page_writer {
public:
    /// `expected_records`: the page size asked for, to size the text once. `resource` and
    /// `collection_url` must outlive the writer.
    page_writer(const resource_descriptor& resource, std::string_view collection_url, std::size_t expected_records)
        : resource_(resource), collection_url_(collection_url), expected_(expected_records)
    {
        out_.append(std::string_view("{\"")).append(resource.list_key).append(std::string_view("\":["));
        results_start_ = out_.size();
    }

    void add(const record_view& r)
    {
        if (out_.size() == results_start_) {
            append_record(out_, resource_, r, collection_url_);
            // Records of one collection are alike in size: room for the page at once, so the
            // text is not copied to grow (what is reserved but not written is never touched).
            // Capped: past a megabyte, growing costs little next to writing.
            std::size_t guess = (out_.size() - results_start_ + 1) * 5 / 4 * expected_;
            out_.reserve(out_.size() + std::min(guess, max_guess) + meta_room + 4 * collection_url_.size());
            return;
        }
        append_record(out_, resource_, r, collection_url_, ',');
    }

    /// The whole body: the records added, then `p`'s meta (its items are not written), its
    /// URLs echoing `filters` (see `append_page_url`).
    std::string finish(const page& p, std::string_view filters = {}) &&
    {
        append_page_end(out_, collection_url_, p, resource_.list_key, filters);
        return std::move(out_);
    }

private:
    // meta: its keys and numbers, three tokens, and four page URLs (room for those apart).
    static constexpr std::size_t meta_room = 512;
    static constexpr std::size_t max_guess = std::size_t{1} << 20;

    const resource_descriptor& resource_;
    std::string out_;
    std::size_t results_start_ = 0;
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
