// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_JSON_OBJECT_TEXT_HPP
#define TRUSTHUB_DETAIL_JSON_OBJECT_TEXT_HPP

// Apart from the JSON writing in json_text.hpp: only the codec's definitions need a parser.

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub::detail {

/// Validates `text` as a JSON object and returns it without insignificant white space.
///
/// Everything else is kept to the byte: numbers as written (no rounding of long integers or
/// decimals), string escapes as sent, key order and duplicates. Nothing for malformed JSON,
/// invalid UTF-8, nesting deeper than 64, or a value that is not an object.
inline std::optional<std::string> compact_json_object(std::string_view text)
{
    // Validation by Boost.JSON's parser, the one boost::json::parse runs, with the same
    // options and limits. Its value is built on the stack (the heap only for an object larger
    // than the buffer) and thrown away. Not a basic_parser of our own handler, which would
    // skip building the value: that template is instantiated in every program that mounts
    // the endpoints and costs more to compile than the value costs to build.
    unsigned char scratch[2048];
    alignas(std::max_align_t) unsigned char value_space[4096];
    boost::json::monotonic_resource values(value_space, sizeof value_space);
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::parser parser(boost::json::storage_ptr(), options, scratch, sizeof scratch);
    parser.reset(&values);
    boost::system::error_code ec;
    parser.write(text.data(), text.size(), ec);
    if (ec || !parser.release().is_object())
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
