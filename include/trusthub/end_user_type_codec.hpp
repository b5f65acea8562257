// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_END_USER_TYPE_CODEC_HPP
#define TRUSTHUB_END_USER_TYPE_CODEC_HPP

#include <trusthub/config.hpp>
#include <trusthub/end_user_codec.hpp>
#include <trusthub/end_user_types.hpp>
#include <trusthub/http_error.hpp>
#include <trusthub/page.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <string_view>

namespace trusthub {

/// The EndUserType resource on the wire, pure and synchronous like `end_user_codec`:
/// `{sid, friendly_name, machine_name, fields, url}`, and pages keyed `end_user_types`.
class end_user_type_codec {
public:
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;
    using response_type = boost::beast::http::response<boost::beast::http::string_body>;
    template <class T>
    using decoded = boost::system::result<T, http_error>;

    /// The collection's path below the public URL.
    static constexpr std::string_view collection_path = "/v1/EndUserTypes";

    /// `GET /v1/EndUserTypes?PageSize=&Page=&PageToken=`: the EndUsers' parameters, limits and
    /// errors.
    static decoded<list_request> decode_list(std::string_view query) { return end_user_codec::decode_list(query); }

    /// One type, 200.
    TRUSTHUB_DECL static response_type encode(const end_user_type& type, std::string_view base_url, unsigned version);

    /// One page, 200.
    TRUSTHUB_DECL static response_type encode(const end_user_type_page& page, std::string_view base_url,
                                              unsigned version);

    /// The error a failed lookup answers (the EndUsers' mapping: a 404 names `path`).
    static http_error encode_failure(boost::system::error_code ec, std::string_view path)
    {
        return end_user_codec::encode_failure(ec, path);
    }

    /// The 400 an EndUser that does not fit the catalogue gets when checks are strict:
    /// `Invalid parameter Attributes: "nickname" is not a field of end user type …` (20001).
    static http_error encode_mismatch(const end_user_type_mismatch& m)
    {
        return http_error::invalid_parameter(m.parameter, m.why);
    }
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/end_user_type_codec.ipp>
#endif

#endif
