// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_END_USER_CODEC_HPP
#define TRUSTHUB_END_USER_CODEC_HPP

#include <trusthub/config.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/http_error.hpp>
#include <trusthub/page.hpp>
#include <trusthub/service.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace trusthub {

/// The EndUser resource on the wire, both ways, pure and synchronous: no coroutine, no
/// io_context, no store. `decode_*` turn a request into a call's validated parameters or the
/// Twilio error to answer instead; `encode*` turn an outcome into a response, given the public
/// URL the resource's absolute URLs start with (`https://host[/mount-prefix]`).
///
/// What is checked here, in this order, is the order Twilio checks in: the SID of the path
/// (a malformed one is a 404 whatever the body), then the body's encoding, then each parameter.
class end_user_codec {
public:
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;
    using response_type = boost::beast::http::response<boost::beast::http::string_body>;
    template <class T>
    using decoded = boost::system::result<T, http_error>;

    /// The collection's path below the public URL.
    static constexpr std::string_view collection_path = "/v1/EndUsers";

    /// `POST /v1/EndUsers`: `FriendlyName` and `Type` required, `Attributes` a JSON object.
    TRUSTHUB_DECL static decoded<create_request> decode_create(const request_type& req);

    /// `POST /v1/EndUsers/{Sid}`: `FriendlyName` and `Attributes`, each optional. `path` is the
    /// request's path, for the 404 a malformed `sid` gets.
    TRUSTHUB_DECL static decoded<update_request> decode_update(const request_type& req, std::string_view sid,
                                                               std::string_view path);

    /// `GET /v1/EndUsers?PageSize=&Page=&PageToken=`, from the query string.
    TRUSTHUB_DECL static decoded<list_request> decode_list(std::string_view query);

    /// One EndUser with `status` (201 for a create, 200 otherwise).
    TRUSTHUB_DECL static response_type encode(const end_user_view& record, boost::beast::http::status status,
                                              std::string_view base_url, unsigned version);

    /// The 204 a delete answers.
    TRUSTHUB_DECL static response_type encode_deleted(unsigned version);

    /// The error a failed operation answers. An error the codec does not know (a store's own
    /// category, say) is not a client's business: it is thrown as `boost::system::system_error`,
    /// which the exchange answers with a 500 and logs with its cause.
    TRUSTHUB_DECL static http_error encode_failure(boost::system::error_code ec, std::string_view path);

    /// A list response, written record by record as the store hands them out: `add` each, then
    /// `finish` with the page's meta.
    class page_encoder {
    public:
        TRUSTHUB_DECL page_encoder(std::string_view base_url, std::size_t page_size);
        page_encoder(const page_encoder&) = delete;
        page_encoder& operator=(const page_encoder&) = delete;

        void add(const end_user_view& record) { writer_.add(record); }
        TRUSTHUB_DECL response_type finish(const page& meta, unsigned version) &&;

    private:
        std::string collection_url_;
        detail::page_writer writer_;  // refers to collection_url_
    };
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/end_user_codec.ipp>
#endif

#endif
