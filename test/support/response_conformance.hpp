// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_SUPPORT_RESPONSE_CONFORMANCE_HPP
#define TRUSTHUB_TEST_SUPPORT_RESPONSE_CONFORMANCE_HPP

// What every TrustHub response must look like on the wire, whatever the test was about:
// successful bodies against Twilio's OpenAPI description, error bodies in Twilio's four-key
// shape, and the headers the real service sends.

#include <support/openapi_check.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/parse.hpp>

#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub::test {

/// The OpenAPI path template `path` falls under: a collection trusthub serves (`/v1/EndUsers`,
/// `/v1/SupportingDocuments`…) or one of its items (`…/{Sid}`). Empty for any other path.
inline std::string openapi_template_of(std::string_view path)
{
    // A bundle's subcollections: `/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments`.
    for (auto [collection, parameter] : {std::pair<std::string_view, std::string_view>("/v1/CustomerProfiles/",
                                                                                      "{CustomerProfileSid}"),
                                         std::pair<std::string_view, std::string_view>("/v1/TrustProducts/",
                                                                                      "{TrustProductSid}")}) {
        if (!path.starts_with(collection))
            continue;
        std::string_view rest = path.substr(collection.size());
        auto slash = rest.find('/');
        if (slash == std::string_view::npos || slash == 0)
            break;
        rest = rest.substr(slash);
        for (std::string_view sub : {std::string_view("/EntityAssignments"),
                                     std::string_view("/ChannelEndpointAssignments"),
                                     std::string_view("/Evaluations")}) {
            std::string prefix = std::string(collection) + std::string(parameter) + std::string(sub);
            if (rest == sub)
                return prefix;
            if (rest.starts_with(sub) && rest.size() > sub.size() + 1 && rest[sub.size()] == '/' &&
                rest.find('/', sub.size() + 1) == std::string_view::npos)
                return prefix + "/{Sid}";
        }
        return {};
    }
    for (std::string_view collection : {std::string_view("/v1/EndUsers"), std::string_view("/v1/EndUserTypes"),
                                        std::string_view("/v1/SupportingDocuments"),
                                        std::string_view("/v1/SupportingDocumentTypes"),
                                        std::string_view("/v1/Policies"), std::string_view("/v1/CustomerProfiles"),
                                        std::string_view("/v1/TrustProducts")}) {
        if (path == collection)
            return std::string(collection);
        if (path.starts_with(collection) && path.size() > collection.size() + 1 && path[collection.size()] == '/' &&
            path.find('/', collection.size() + 1) == std::string_view::npos)
            return std::string(collection) + "/{Sid}";
    }
    return {};
}

/// Problems of `res`, the answer to `method` on `target`; empty when it conforms. Targets
/// outside the collections trusthub serves (a host's own routes) are not judged.
inline std::vector<std::string> response_problems(boost::beast::http::verb method, std::string_view target,
                                                  const boost::beast::http::response<boost::beast::http::string_body>& res)
{
    namespace http = boost::beast::http;
    std::vector<std::string> problems;
    std::string_view path = target.substr(0, target.find('?'));
    std::string template_path = openapi_template_of(path);
    if (template_path.empty())
        return problems;
    std::string what = std::string(http::to_string(method)) + " " + std::string(target) + " " +
                       std::to_string(res.result_int()) + ": ";

    static const std::regex request_id("RQ[0-9a-f]{32}");
    if (!std::regex_match(std::string(res["Twilio-Request-Id"]), request_id))
        problems.push_back(what + "no Twilio-Request-Id");
    if (res[http::field::access_control_allow_origin] != "*")
        problems.push_back(what + "no Access-Control-Allow-Origin");
    if (method == http::verb::options)
        return problems;
    if (method == http::verb::head) {
        // The GET's answer without its body (RFC 9110 section 9.3.2): nothing to parse.
        if (!res.body().empty())
            problems.push_back(what + "a HEAD answered with a body");
        return problems;
    }

    unsigned status = res.result_int();
    if (status == 204) {
        if (!res.body().empty())
            problems.push_back(what + "a 204 with a body");
        return problems;
    }
    if (res[http::field::content_type] != "application/json; charset=utf-8")
        problems.push_back(what + "Content-Type is " + std::string(res[http::field::content_type]));
    boost::system::error_code ec;
    auto body = boost::json::parse(res.body(), ec);
    if (ec) {
        problems.push_back(what + "body is not JSON");
        return problems;
    }
    if (status < 300) {
        for (auto& p : openapi_problems(body, template_path, http::to_string(method), status))
            problems.push_back(what + p);
        return problems;
    }
    // Twilio's error body: these four keys in this order, nothing else (with `type` or
    // `title` the Node SDK raises a different exception class).
    static const std::regex shape(R"re(\{"code":(\d+),"message":"([^"\\]|\\.)*","more_info":"https://www\.twilio\.com/docs/errors/(\d+)","status":(\d+)\})re");
    std::smatch m;
    std::string text = res.body();
    if (!std::regex_match(text, m, shape))
        problems.push_back(what + "not Twilio's error shape: " + text);
    else if (m[1] != m[3] || m[4] != std::to_string(status))
        problems.push_back(what + "code, more_info and status disagree: " + text);
    return problems;
}

} // namespace trusthub::test

#endif
