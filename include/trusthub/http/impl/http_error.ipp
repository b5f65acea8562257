// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_IMPL_HTTP_ERROR_IPP
#define TRUSTHUB_HTTP_IMPL_HTTP_ERROR_IPP

#include <trusthub/detail/hex.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/http/http_error.hpp>

#include <boost/throw_exception.hpp>

#include <stdexcept>

namespace trusthub {

namespace detail {

// A path goes into an error message; bytes that are not valid UTF-8 are shown percent-escaped.
inline std::string printable_path(std::string_view path)
{
    if (is_valid_utf8(path))
        return std::string(path);
    std::string out;
    for (unsigned char c : path) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(upper_hex_digits[c >> 4]);
            out.push_back(upper_hex_digits[c & 0xf]);
        }
    }
    return out;
}

} // namespace detail

http_error http_error::not_found(std::string_view path)
{
    return {404, 20404, "The requested resource " + detail::printable_path(path) + " was not found"};
}

http_error http_error::method_not_allowed(std::string_view path, std::string_view method)
{
    return {405, 20004,
            "The requested resource " + detail::printable_path(path) + " does not support the attempted HTTP method " +
                std::string(method)};
}

http_error http_error::invalid_parameter(std::string_view name, std::string_view why)
{
    return {400, 20001, "Invalid parameter " + std::string(name) + ": " + std::string(why)};
}

http_error http_error::conflict()
{
    return {409, 20409,
            "The request could not be completed due to a conflict with the current state of the target resource."};
}

http_error http_error::internal()
{
    return {500, 20500, "Internal Server Error"};
}

boost::beast::http::response<boost::beast::http::string_body> http_error::to_response(unsigned version) const
{
    namespace http = boost::beast::http;
    http::response<http::string_body> res{static_cast<http::status>(status), version};
    res.set(http::field::content_type, "application/json; charset=utf-8");
    if (retry_after != 0) {
        std::string seconds;
        detail::append_number(seconds, retry_after);
        res.set(http::field::retry_after, seconds);
    }
    res.body() = detail::error_json(code, message, status);
    return res;
}

void throw_exception_from_error(const http_error& e, const boost::source_location& where)
{
    boost::throw_exception(std::runtime_error(e.message), where);
}

} // namespace trusthub

#endif
