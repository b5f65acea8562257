// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_JSON_OBJECT_TEXT_HPP
#define TRUSTHUB_DETAIL_JSON_OBJECT_TEXT_HPP

// Apart from the JSON writing in json_text.hpp: Boost.JSON's parser is a large template, and
// only the codec's definitions need it.

#include <boost/json/array.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// A Boost.JSON parser handler that builds nothing: it notes whether the document is an
/// object, and has the limits of the handler that builds a `boost::json::value`.
struct json_validator {
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    using error_code = boost::system::error_code;
    using string_view = boost::json::string_view;

    bool top_is_object = false;
    bool at_top = true;

    void value() noexcept { at_top = false; }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&)
    {
        if (at_top)
            top_is_object = true;
        value();
        return true;
    }
    bool on_object_end(std::size_t, error_code&) { return true; }
    bool on_array_begin(error_code&) { value(); return true; }
    bool on_array_end(std::size_t, error_code&) { return true; }
    bool on_key_part(string_view, std::size_t, error_code&) { return true; }
    bool on_key(string_view, std::size_t, error_code&) { return true; }
    bool on_string_part(string_view, std::size_t, error_code&) { return true; }
    bool on_string(string_view, std::size_t, error_code&) { value(); return true; }
    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t, string_view, error_code&) { value(); return true; }
    bool on_uint64(std::uint64_t, string_view, error_code&) { value(); return true; }
    bool on_double(double, string_view, error_code&) { value(); return true; }
    bool on_bool(bool, error_code&) { value(); return true; }
    bool on_null(error_code&) { value(); return true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

/// Validates `text` as a JSON object and returns it without insignificant white space.
///
/// Everything else is kept to the byte: numbers as written (no rounding of long integers or
/// decimals), string escapes as sent, key order and duplicates. Nothing for malformed JSON,
/// invalid UTF-8, nesting deeper than 64, or a value that is not an object.
inline std::optional<std::string> compact_json_object(std::string_view text)
{
    // Validation by Boost.JSON's parser, the one boost::json::parse runs, with the same options
    // and limits, but without building a value that would be thrown away.
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::basic_parser<json_validator> parser(options);
    boost::system::error_code ec;
    std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (ec || used < text.size() || !parser.handler().top_is_object)
        return std::nullopt;

    // Written through a pointer into room for all of it, then cut: a byte costs a compare and
    // a store, not a call.
    std::string out(text.size(), '\0');
    char* p = out.data();
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            *p++ = c;
            if (c == '\\')
                *p++ = text[++i];  // the parser has seen that an escape follows
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
            *p++ = c;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            *p++ = c;
        }
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
    return out;
}

} // namespace trusthub::detail

#endif
