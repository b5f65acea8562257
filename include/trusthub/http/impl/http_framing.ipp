// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_IMPL_HTTP_FRAMING_IPP
#define TRUSTHUB_HTTP_IMPL_HTTP_FRAMING_IPP

#include <trusthub/http/http_framing.hpp>

#include <boost/beast/core/string.hpp>

#include <string_view>

namespace trusthub {

std::optional<http_error> framing_error(const boost::beast::http::request_header<>& head)
{
    namespace http = boost::beast::http;
    // One walk over the fields, comparing the parser's field codes: a lookup by name for each
    // would compare names, case-insensitively, for every request.
    std::size_t hosts = 0, transfer_encodings = 0, content_lengths = 0;
    for (const auto& f : head) {
        switch (f.name()) {
        case http::field::host: ++hosts; break;
        case http::field::transfer_encoding: ++transfer_encodings; break;
        case http::field::content_length: ++content_lengths; break;
        default: break;
        }
    }
    if (hosts > 1 || (hosts == 0 && head.version() >= 11))
        return http_error{400, 20001, "Bad Request: a request needs exactly one Host header"};

    if (transfer_encodings == 0)
        return std::nullopt;
    if (head.version() < 11)
        return http_error{400, 20001, "Bad Request: Transfer-Encoding in an HTTP/1.0 request"};
    if (content_lengths != 0)
        return http_error{400, 20001, "Bad Request: both Transfer-Encoding and Content-Length"};
    // The codings of every Transfer-Encoding line, in order: chunked exactly once, and last.
    std::string_view last;
    int chunked = 0;
    auto [begin, end] = head.equal_range(http::field::transfer_encoding);
    for (auto line = begin; line != end; ++line) {
        std::string_view rest = line->value();
        while (!rest.empty()) {
            auto comma = rest.find(',');
            std::string_view coding = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            coding = coding.substr(0, coding.find(';'));  // parameters do not name the coding
            while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t'))
                coding.remove_prefix(1);
            while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t'))
                coding.remove_suffix(1);
            if (coding.empty())
                continue;
            if (boost::beast::iequals(coding, "chunked"))
                ++chunked;
            last = coding;
        }
    }
    if (chunked != 1 || !boost::beast::iequals(last, "chunked"))
        return http_error{400, 20001, "Bad Request: Transfer-Encoding must end in chunked"};
    return std::nullopt;
}

} // namespace trusthub

#endif
