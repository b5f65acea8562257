// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_RESOURCE_CODEC_HPP
#define TRUSTHUB_RESOURCES_RESOURCE_CODEC_HPP

#include <trusthub/config.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/http/http_error.hpp>
#include <trusthub/resources/page.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

/// What a create sends: every field of the resource, in the descriptor's order, as the JSON
/// text to store (`initial` for what the client did not send).
struct create_fields {
    std::vector<std::string> fields;
};

/// What an update sends: the fields it changes, by index, with their new JSON text.
struct update_fields {
    std::vector<std::pair<std::size_t, std::string>> fields;
};

/// What a list asks for: the page, and the filters.
struct list_parameters {
    list_request paging;
    std::vector<record_filter> filters;
    /// The filters as the page URLs echo them: `Status=draft&FriendlyName=x`, percent-encoded.
    std::string echo;
};

/// Any resource on the wire, both ways, pure and synchronous, driven by its descriptor: no
/// coroutine, no io_context, no store. `decode_*` turn a request into a call's validated
/// parameters or the Twilio error to answer instead; `encode*` turn an outcome into a
/// response, given the public URL the resource's absolute URLs start with
/// (`https://host[/mount-prefix]`).
///
/// What is checked here, in this order, is the order Twilio checks in: the SID of the path
/// (a malformed one is a 404 whatever the body), then the body's encoding, then each parameter
/// in the descriptor's order.
class resource_codec {
public:
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;
    using response_type = boost::beast::http::response<boost::beast::http::string_body>;
    template <class T>
    using decoded = boost::system::result<T, http_error>;

    /// `POST {collection}`: the required parameters, each parameter checked by its type.
    TRUSTHUB_DECL static decoded<create_fields> decode_create(const resource_descriptor& resource,
                                                              const request_type& req);

    /// `POST {collection}/{Sid}`: the updatable parameters, each optional. `path` is the
    /// request's path, for the 404 a malformed `sid` gets.
    TRUSTHUB_DECL static decoded<update_fields> decode_update(const resource_descriptor& resource,
                                                              const request_type& req, std::string_view sid,
                                                              std::string_view path);

    /// `GET {collection}?PageSize=&Page=&PageToken=` and the resource's filters, from the
    /// query string.
    TRUSTHUB_DECL static decoded<list_parameters> decode_list(const resource_descriptor& resource,
                                                              std::string_view query);

    /// The paging parameters alone, for a collection without filters.
    TRUSTHUB_DECL static decoded<list_request> decode_paging(std::string_view query);

    /// The absolute URL of the collection `resource` under `parent_sid` (empty at the top
    /// level): `base_url` and the descriptor's path, its `{…}` segment replaced.
    TRUSTHUB_DECL static std::string collection_url(const resource_descriptor& resource, std::string_view base_url,
                                                    std::string_view parent_sid);

    /// One record with `status` (201 for a create, 200 otherwise).
    TRUSTHUB_DECL static response_type encode(const resource_descriptor& resource, const record_view& r,
                                              boost::beast::http::status status, std::string_view base_url,
                                              unsigned version);

    /// The 204 a delete answers.
    TRUSTHUB_DECL static response_type encode_deleted(unsigned version);

    /// The error a failed operation answers. An error the codec does not know (a store's own
    /// category, say) is not a client's business: it is thrown as `boost::system::system_error`,
    /// which the exchange answers with a 500 and logs with its cause.
    TRUSTHUB_DECL static http_error encode_failure(boost::system::error_code ec, std::string_view path);

    /// A JSON body with `status`.
    TRUSTHUB_DECL static response_type json_response(boost::beast::http::status status, unsigned version,
                                                     std::string body);

    /// A list response, written record by record as the store hands them out: `add` each, then
    /// `finish` with the page's meta.
    class page_encoder {
    public:
        TRUSTHUB_DECL page_encoder(const resource_descriptor& resource, std::string collection_url,
                                   std::size_t page_size, std::string echo = {});
        page_encoder(const page_encoder&) = delete;
        page_encoder& operator=(const page_encoder&) = delete;

        void add(const record_view& r) { writer_.add(r); }
        TRUSTHUB_DECL response_type finish(const page& meta, unsigned version) &&;

    private:
        std::string collection_url_;
        std::string echo_;
        detail::page_writer writer_;  // refers to collection_url_
    };
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/resource_codec.ipp>
#endif

#endif
