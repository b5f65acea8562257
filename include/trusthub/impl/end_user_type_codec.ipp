// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_END_USER_TYPE_CODEC_IPP
#define TRUSTHUB_IMPL_END_USER_TYPE_CODEC_IPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/end_user_type_codec.hpp>
#include <trusthub/impl/end_user_codec.ipp>  // detail::json_response

#include <string>

namespace trusthub {

namespace detail {

/// Appends one EndUserType, fields in the order of Twilio's schema; `collection_url` is the
/// absolute URL of `/v1/EndUserTypes` on this server.
inline void append_end_user_type(std::string& out, const end_user_type& t, std::string_view collection_url)
{
    out.append(std::string_view(R"({"sid":)"));
    append_string(out, t.sid);
    out.append(std::string_view(R"(,"friendly_name":)"));
    append_string(out, t.friendly_name);
    out.append(std::string_view(R"(,"machine_name":)"));
    append_string(out, t.machine_name);
    out.append(std::string_view(R"(,"fields":[)"));
    bool first = true;
    for (const auto& f : t.fields) {
        if (!first)
            out.push_back(',');
        first = false;
        out.append(std::string_view(R"({"machine_name":)"));
        append_string(out, f.machine_name);
        out.append(std::string_view(R"(,"friendly_name":)"));
        append_string(out, f.friendly_name);
        out.append(std::string_view(R"(,"constraint":)"));
        append_string(out, f.constraint);
        out.push_back('}');
    }
    out.append(std::string_view(R"(],"url":")")).append(collection_url).push_back('/');
    out.append(t.sid).append(std::string_view(R"("})"));
}

} // namespace detail

auto end_user_type_codec::encode(const end_user_type& type, std::string_view base_url, unsigned version)
    -> response_type
{
    std::string url = std::string(base_url).append(collection_path);
    std::string body;
    detail::append_end_user_type(body, type, url);
    return detail::json_response(boost::beast::http::status::ok, version, std::move(body));
}

auto end_user_type_codec::encode(const end_user_type_page& page, std::string_view base_url, unsigned version)
    -> response_type
{
    std::string url = std::string(base_url).append(collection_path);
    std::string body(R"({"end_user_types":[)");
    bool first = true;
    for (const end_user_type* t : page.items) {
        if (!first)
            body.push_back(',');
        first = false;
        detail::append_end_user_type(body, *t, url);
    }
    detail::append_page_end(body, url, page.meta, "end_user_types");
    return detail::json_response(boost::beast::http::status::ok, version, std::move(body));
}

} // namespace trusthub

#endif
