// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_IMPL_ENDPOINT_TABLE_IPP
#define TRUSTHUB_HTTP_IMPL_ENDPOINT_TABLE_IPP

#include <trusthub/detail/basic_credentials.hpp>
#include <trusthub/detail/ready.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/http/http_error.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace trusthub {

namespace detail {

inline std::optional<std::string> authenticate(const endpoint_table::request_type& req, const authenticator& who)
{
    if (!who)
        return std::nullopt;
    // Two Authorization headers are ambiguous credentials: neither is taken. (One walk over
    // the fields by their codes, rather than a lookup by name and a count.)
    const boost::beast::http::fields::value_type* header = nullptr;
    for (const auto& f : req) {
        if (f.name() != boost::beast::http::field::authorization)
            continue;
        if (header)
            return std::nullopt;
        header = &f;
    }
    if (!header)
        return std::nullopt;
    auto credentials = basic_credentials::parse(header->value());
    if (!credentials)
        return std::nullopt;
    return who(credentials->username(), credentials->secret());
}

} // namespace detail

endpoint_table& endpoint_table::add(std::string_view pattern, boost::beast::http::verb method, handler handle)
{
    if (!pattern.starts_with('/') || pattern.size() < 2)
        throw std::invalid_argument("endpoint_table: a pattern is a path that starts with '/'");
    std::vector<std::string> segments;
    std::size_t parameters = 0;
    std::string head;
    for (std::string_view rest = pattern.substr(1);;) {
        auto slash = rest.find('/');
        std::string_view segment = rest.substr(0, slash);
        bool parameter = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
        if (segment.empty() || (!parameter && segment.find_first_of("{}") != std::string_view::npos))
            throw std::invalid_argument("endpoint_table: malformed pattern " + std::string(pattern));
        if (parameter && ++parameters > endpoint_call::max_parameters)
            throw std::invalid_argument("endpoint_table: too many parameters in " + std::string(pattern));
        if (parameters == 0)
            head.append("/").append(segment);
        segments.emplace_back(segment);
        if (slash == std::string_view::npos)
            break;
        rest.remove_prefix(slash + 1);
    }
    auto same = [&](const route& r) { return r.segments == segments; };
    auto it = std::find_if(routes_.begin(), routes_.end(), same);
    if (it == routes_.end()) {
        routes_.push_back(route{std::move(segments), {}, {}});
        it = routes_.end() - 1;
    }
    for (const auto& m : it->methods)
        if (m.first == method)
            throw std::invalid_argument("endpoint_table: a method added twice to " + std::string(pattern));
    it->methods.emplace_back(method, std::move(handle));
    it->allow = allow_of(*it);
    if (!head.empty() && std::find(heads_.begin(), heads_.end(), head) == heads_.end())
        heads_.push_back(std::move(head));
    return *this;
}

endpoint_table& endpoint_table::intercept(interceptor wrap)
{
    if (interceptor_)
        throw std::logic_error("endpoint_table: an interceptor is set already");
    interceptor_ = std::move(wrap);
    return *this;
}

bool endpoint_table::owns(std::string_view path) const noexcept
{
    for (const auto& head : heads_)
        if (path.starts_with(head) && (path.size() == head.size() || path[head.size()] == '/'))
            return true;
    return false;
}

auto endpoint_table::dispatch(endpoint_call& call, std::string_view path, const authenticator& who) const
    -> boost::asio::awaitable<response_type>
{
    namespace http = boost::beast::http;
    const request_type& req = call.request;
    const route* found = nullptr;
    for (const auto& r : routes_) {
        if (match(r, path, call)) {
            found = &r;
            break;
        }
    }
    if (!found)
        return detail::ready(http_error::not_found(call.path).to_response(req.version()));

    // A CORS preflight carries no credentials: answer it before authentication.
    if (req.method() == http::verb::options) {
        response_type res{http::status::ok, req.version()};
        res.set(http::field::allow, found->allow);
        res.set(http::field::access_control_allow_methods, found->allow);
        return detail::ready(std::move(res));
    }

    auto account = detail::authenticate(req, who);
    if (!account) {
        response_type res = http_error{401, 20003, "Authenticate"}.to_response(req.version());
        res.set(http::field::www_authenticate, R"(Basic realm="Twilio API")");
        return detail::ready(std::move(res));
    }
    call.account_sid = std::move(*account);

    // HEAD is served by the GET handler; the exchange leaves the body out.
    auto method = req.method() == http::verb::head ? http::verb::get : req.method();
    call.local_path = path;
    for (const auto& m : found->methods)
        if (m.first == method)
            return interceptor_ ? interceptor_(call, m.second) : m.second(call);
    response_type res = http_error::method_not_allowed(call.path, req.method_string()).to_response(req.version());
    res.set(http::field::allow, found->allow);
    return detail::ready(std::move(res));
}

bool endpoint_table::match(const route& r, std::string_view path, endpoint_call& call) noexcept
{
    std::size_t parameter = 0;
    for (const auto& segment : r.segments) {
        if (!path.starts_with('/'))
            return false;
        path.remove_prefix(1);
        auto slash = path.find('/');
        std::string_view part = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
        if (segment.front() == '{') {
            if (part.empty())
                return false;
            call.parameters[parameter++] = part;
        } else if (part != segment) {
            return false;
        }
    }
    return path.empty();
}

std::string endpoint_table::allow_of(const route& r)
{
    namespace http = boost::beast::http;
    // Always in this order, whatever the order the methods were added in.
    static constexpr http::verb order[] = {http::verb::get, http::verb::post, http::verb::put, http::verb::patch,
                                           http::verb::delete_};
    std::string allow;
    for (auto verb : order) {
        for (const auto& m : r.methods) {
            if (m.first == verb) {
                allow.append(http::to_string(verb)).append(", ");
                break;
            }
        }
    }
    for (const auto& m : r.methods)  // any other method, as added
        if (std::find(std::begin(order), std::end(order), m.first) == std::end(order))
            allow.append(http::to_string(m.first)).append(", ");
    return allow.append("OPTIONS");
}

} // namespace trusthub

#endif
