// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_OPENAPI_CHECK_HPP
#define TRUSTHUB_TEST_SUPPORT_OPENAPI_CHECK_HPP

// Checks a response body against Twilio's OpenAPI description of TrustHub v1.
//
//   auto problems = trusthub::test::openapi_problems(body, "/v1/EndUsers/{Sid}", "GET", 200);
//   BOOST_TEST(problems.empty());
//
// Understood: `$ref` (local), `type`, OpenAPI 3.0 `nullable` (null allowed besides the type),
// `properties`, `items`, `enum`, `pattern`, `minLength`/`maxLength` (in code points),
// `minimum`/`maximum`, and the formats `date-time` and `uri`. Stricter than the schema on one
// point, on purpose: every documented property must be present (as null when nullable), since
// the SDKs map each of them and a missing one silently becomes `undefined`/`None` in a client.
//
// The file comes from the compile definition TRUSTHUB_OPENAPI_FILE (the target
// `trusthub_openapi_check` sets it), or from `load_openapi(path)` for another copy.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub::test {

namespace detail {

inline std::size_t code_points(std::string_view utf8) noexcept
{
    std::size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

inline std::string type_of(const boost::json::value& v)
{
    switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "integer";
    case boost::json::kind::double_: return "number";
    case boost::json::kind::string: return "string";
    case boost::json::kind::array: return "array";
    case boost::json::kind::object: return "object";
    }
    return "unknown";
}

inline bool has_type(const boost::json::value& v, std::string_view type)
{
    auto actual = type_of(v);
    if (type == "number")
        return actual == "number" || actual == "integer";
    if (type == "integer" && v.is_double()) {
        double d = v.get_double();
        return d == static_cast<double>(static_cast<std::int64_t>(d));
    }
    return actual == type;
}

inline double as_number(const boost::json::value& v)
{
    if (v.is_int64())
        return static_cast<double>(v.get_int64());
    if (v.is_uint64())
        return static_cast<double>(v.get_uint64());
    return v.get_double();
}

// RFC 3339 date-time, as JSON Schema's `date-time` format means it.
inline bool is_date_time(const std::string& s)
{
    static const std::regex re(R"(^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
    return std::regex_match(s, re);
}

// An absolute URI: a scheme, a colon, and no spaces or control characters.
inline bool is_uri(const std::string& s)
{
    static const std::regex re(R"(^[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f"<>\\^`{|}]+$)");
    return std::regex_match(s, re);
}

class checker {
public:
    explicit checker(const boost::json::object& spec) : spec_(spec) {}

    void check(const boost::json::value& v, const boost::json::object& schema, const std::string& where,
               std::vector<std::string>& out) const
    {
        if (auto ref = schema.if_contains("$ref")) {
            check(v, resolve(std::string(ref->as_string())), where, out);
            return;
        }
        auto nullable = schema.if_contains("nullable");
        if (v.is_null() && nullable && nullable->is_bool() && nullable->get_bool())
            return;
        if (auto type = schema.if_contains("type")) {
            std::string_view wanted = type->as_string();
            if (!has_type(v, wanted)) {
                out.push_back(where + ": is " + type_of(v) + ", the schema wants " + std::string(wanted) +
                              (nullable ? " or null" : ""));
                return;
            }
        } else if (v.is_null() && !nullable) {
            // No type and not nullable: OpenAPI 3.0 allows anything but null.
            out.push_back(where + ": is null, and the schema is not nullable");
            return;
        }
        if (auto values = schema.if_contains("enum")) {
            bool found = false;
            for (const auto& e : values->as_array())
                found = found || e == v;
            if (!found)
                out.push_back(where + ": " + boost::json::serialize(v) + " is not one of " + boost::json::serialize(*values));
        }
        if (v.is_string())
            check_string(std::string(v.get_string()), schema, where, out);
        if (v.is_number())
            check_number(v, schema, where, out);
        if (v.is_array()) {
            if (auto items = schema.if_contains("items")) {
                std::size_t i = 0;
                for (const auto& item : v.get_array())
                    check(item, items->as_object(), where + "[" + std::to_string(i++) + "]", out);
            }
        }
        if (v.is_object()) {
            if (auto properties = schema.if_contains("properties")) {
                const auto& object = v.get_object();
                for (const auto& [name, property] : properties->as_object()) {
                    std::string at = where + "." + std::string(name);
                    auto field = object.if_contains(name);
                    if (!field)
                        out.push_back(at + ": documented field missing");
                    else
                        check(*field, property.as_object(), at, out);
                }
            }
        }
    }

    const boost::json::object& resolve(const std::string& ref) const
    {
        if (!ref.starts_with("#/"))
            throw std::invalid_argument("openapi_check: only local $ref is supported: " + ref);
        const boost::json::value* node = nullptr;
        const boost::json::object* at = &spec_;
        std::size_t begin = 2;
        while (begin <= ref.size()) {
            auto end = ref.find('/', begin);
            if (end == std::string::npos)
                end = ref.size();
            std::string key = ref.substr(begin, end - begin);
            node = at->if_contains(key);
            if (!node || !node->is_object())
                throw std::invalid_argument("openapi_check: unresolved $ref " + ref);
            at = &node->get_object();
            begin = end + 1;
        }
        return *at;
    }

private:
    static void check_string(const std::string& s, const boost::json::object& schema, const std::string& where,
                             std::vector<std::string>& out)
    {
        auto length = code_points(s);
        if (auto min = schema.if_contains("minLength"); min && length < min->to_number<std::size_t>())
            out.push_back(where + ": shorter than " + boost::json::serialize(*min) + " characters");
        if (auto max = schema.if_contains("maxLength"); max && length > max->to_number<std::size_t>())
            out.push_back(where + ": longer than " + boost::json::serialize(*max) + " characters");
        if (auto pattern = schema.if_contains("pattern")) {
            std::string p(pattern->as_string());
            if (!std::regex_search(s, std::regex(p, std::regex::ECMAScript)))
                out.push_back(where + ": \"" + s + "\" does not match the pattern " + p);
        }
        if (auto format = schema.if_contains("format")) {
            if (*format == "date-time" && !is_date_time(s))
                out.push_back(where + ": \"" + s + "\" is not a date-time");
            if (*format == "uri" && !is_uri(s))
                out.push_back(where + ": \"" + s + "\" is not an absolute URI");
        }
    }

    static void check_number(const boost::json::value& v, const boost::json::object& schema, const std::string& where,
                             std::vector<std::string>& out)
    {
        double x = as_number(v);
        if (auto min = schema.if_contains("minimum"); min && x < as_number(*min))
            out.push_back(where + ": below the minimum " + boost::json::serialize(*min));
        if (auto max = schema.if_contains("maximum"); max && x > as_number(*max))
            out.push_back(where + ": above the maximum " + boost::json::serialize(*max));
    }

    const boost::json::object& spec_;
};

} // namespace detail

/// Parses an OpenAPI JSON file. Throws when it cannot be read or parsed.
inline boost::json::value load_openapi(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("openapi_check: cannot read " + file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return boost::json::parse(text);
}

/// What is wrong with `body` as the response of `method` on `path` (the path template as the
/// OpenAPI file writes it, say `/v1/EndUsers/{Sid}`) with status `status`, according to `spec`.
/// Empty when it conforms. A status the file does not document for that operation is a problem;
/// so is a body for a status documented without one (a 204).
inline std::vector<std::string> openapi_problems(const boost::json::value& spec, const boost::json::value& body,
                                                 std::string_view path, std::string_view method, unsigned status)
{
    std::vector<std::string> problems;
    std::string verb(method);
    for (auto& c : verb)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string operation = verb + " " + std::string(path);

    const auto& root = spec.as_object();
    auto paths = root.if_contains("paths");
    auto item = paths ? paths->as_object().if_contains(path) : nullptr;
    if (!item) {
        problems.push_back(operation + ": path not in the OpenAPI file");
        return problems;
    }
    auto op = item->as_object().if_contains(verb);
    if (!op) {
        problems.push_back(operation + ": method not in the OpenAPI file");
        return problems;
    }
    auto response = op->as_object().at("responses").as_object().if_contains(std::to_string(status));
    if (!response) {
        problems.push_back(operation + ": status " + std::to_string(status) + " not documented");
        return problems;
    }
    auto content = response->as_object().if_contains("content");
    const boost::json::value* json = content ? content->as_object().if_contains("application/json") : nullptr;
    if (!json) {
        if (!body.is_null())
            problems.push_back(operation + " " + std::to_string(status) + ": documented without a body, but has one");
        return problems;
    }
    detail::checker check(root);
    check.check(body, json->as_object().at("schema").as_object(), "$", problems);
    return problems;
}

/// The same, against the file named by TRUSTHUB_OPENAPI_FILE, read once.
inline std::vector<std::string> openapi_problems(const boost::json::value& body, std::string_view path,
                                                 std::string_view method, unsigned status)
{
#if defined(TRUSTHUB_OPENAPI_FILE)
    static const boost::json::value spec = load_openapi(TRUSTHUB_OPENAPI_FILE);
    return openapi_problems(spec, body, path, method, status);
#else
    (void)body, (void)path, (void)method, (void)status;
    throw std::logic_error("openapi_check: TRUSTHUB_OPENAPI_FILE is not defined; link trusthub_openapi_check");
#endif
}

} // namespace trusthub::test

#endif
