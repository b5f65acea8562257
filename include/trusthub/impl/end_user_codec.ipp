// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_END_USER_CODEC_IPP
#define TRUSTHUB_IMPL_END_USER_CODEC_IPP

#include <trusthub/detail/form.hpp>
#include <trusthub/detail/json_object_text.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/end_user_codec.hpp>
#include <trusthub/error.hpp>
#include <trusthub/sid.hpp>

#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <charconv>
#include <cstdint>
#include <optional>

namespace trusthub {

namespace detail {

// The absolute URL of the EndUser collection: the base URL and the collection's path, joined
// on the stack when they fit, as they nearly always do.
class collection_url {
public:
    explicit collection_url(std::string_view base_url)
    {
        std::string_view path = end_user_codec::collection_path;
        std::size_t size = base_url.size() + path.size();
        char* p = size <= sizeof(inline_) ? inline_ : (heap_.resize(size), heap_.data());
        write_raw(write_raw(p, base_url), path);
        view_ = {p, size};
    }
    collection_url(const collection_url&) = delete;
    collection_url& operator=(const collection_url&) = delete;

    std::string_view view() const noexcept { return view_; }

private:
    char inline_[192];
    std::string heap_;
    std::string_view view_;
};

inline http_error malformed_body()
{
    return {400, 20001, "Malformed form body: invalid percent-encoding"};
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

inline std::optional<http_error> read_required(const form& fields, std::string_view name, std::string& out)
{
    const std::string* value = fields.find(name);
    // Twilio treats an empty required parameter as a missing one.
    if (!value || value->empty())
        return http_error{400, 20001, "Missing required parameter " + std::string(name) + " in the post body"};
    if (auto bad = check_text(name, *value))
        return bad;
    out = *value;
    return std::nullopt;
}

inline std::optional<http_error> read_attributes(const form& fields, std::string& out)
{
    const std::string* attributes = fields.find("Attributes");
    if (!attributes)
        return std::nullopt;
    auto compact = compact_json_object(*attributes);
    if (!compact)
        return http_error::invalid_parameter("Attributes", "must be a JSON object");
    out = std::move(*compact);
    return std::nullopt;
}

inline std::optional<std::uint64_t> parse_count(std::string_view text) noexcept
{
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return n;
}

inline end_user_codec::response_type json_response(boost::beast::http::status status, unsigned version,
                                                   std::string body)
{
    end_user_codec::response_type res{status, version};
    res.set(boost::beast::http::field::content_type, "application/json; charset=utf-8");
    res.body() = std::move(body);
    return res;
}

} // namespace detail

auto end_user_codec::decode_create(const request_type& req) -> decoded<create_request>
{
    auto fields = detail::form::parse(req.body());
    if (!fields)
        return detail::malformed_body();
    create_request params;
    if (auto bad = detail::read_required(*fields, "FriendlyName", params.friendly_name))
        return std::move(*bad);
    if (auto bad = detail::read_required(*fields, "Type", params.type))
        return std::move(*bad);
    if (auto bad = detail::read_attributes(*fields, params.attributes))
        return std::move(*bad);
    return params;
}

auto end_user_codec::decode_update(const request_type& req, std::string_view sid, std::string_view path)
    -> decoded<update_request>
{
    // An unknown SID is a 404 before any parameter is judged, as for every other method.
    if (!is_sid(sid, "IT"))
        return http_error::not_found(path);
    auto fields = detail::form::parse(req.body());
    if (!fields)
        return detail::malformed_body();
    update_request params;
    if (const std::string* name = fields->find("FriendlyName")) {
        if (name->empty())
            return http_error::invalid_parameter("FriendlyName", "must not be empty");
        if (auto bad = detail::check_text("FriendlyName", *name))
            return std::move(*bad);
        params.friendly_name = *name;
    }
    if (fields->find("Attributes")) {
        params.attributes.emplace();
        if (auto bad = detail::read_attributes(*fields, *params.attributes))
            return std::move(*bad);
    }
    return params;
}

auto end_user_codec::decode_list(std::string_view query) -> decoded<list_request>
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

auto end_user_codec::encode(const end_user_view& record, boost::beast::http::status status,
                            std::string_view base_url, unsigned version) -> response_type
{
    detail::collection_url url(base_url);
    return detail::json_response(status, version, detail::end_user_json(record, url.view()));
}

auto end_user_codec::encode_deleted(unsigned version) -> response_type
{
    return response_type{boost::beast::http::status::no_content, version};
}

http_error end_user_codec::encode_failure(boost::system::error_code ec, std::string_view path)
{
    if (ec == errc::not_found)
        return http_error::not_found(path);
    if (ec == errc::invalid_page_token)
        return {400, 21481, "Invalid PageToken"};
    if (ec == errc::unavailable)
        return {503, 20503, "Service Unavailable", 1};
    boost::throw_exception(boost::system::system_error(ec, "unexpected error from the store"));
}

end_user_codec::page_encoder::page_encoder(std::string_view base_url, std::size_t page_size)
        : collection_url_(std::string(base_url).append(collection_path)), writer_(collection_url_, page_size)
{
}

auto end_user_codec::page_encoder::finish(const page& meta, unsigned version) && -> response_type
{
    return detail::json_response(boost::beast::http::status::ok, version, std::move(writer_).finish(meta));
}

} // namespace trusthub

#endif
