// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_ROUTES_HPP
#define TRUSTHUB_ROUTES_HPP

#include <trusthub/credentials.hpp>
#include <trusthub/detail/form.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/request_log.hpp>
#include <trusthub/service.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <charconv>
#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace trusthub {

namespace http = boost::beast::http;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

struct route_options {
    /// The absolute URL clients reach this server at, without a trailing slash
    /// (`https://trusthub.example.com`). Every URL in a response is built from it: the SDKs
    /// follow `next_page_url` verbatim.
    std::string public_url = "http://127.0.0.1:8080";
    /// A path prefix the routes live under (`/trusthub` serves `/trusthub/v1/EndUsers`); empty
    /// for the root. No trailing slash.
    std::string mount_prefix;
    /// Who may call: the credential table that ships, or the host's own check.
    authenticator authenticate;
    /// Called once per answered request; nothing if empty.
    request_logger log;
};

/// The EndUser routes: hand them a request, and they answer it or say it is not theirs.
///
/// Everything about the wire lives here: path and method matching (404, 405 with `Allow`),
/// HTTP Basic authentication (401), form and query decoding and parameter validation (400),
/// the JSON bodies and headers of Twilio's responses. Any exception from below is answered
/// with a Twilio-shaped 500 that reveals nothing; the connection goes on serving.
class routes {
public:
    routes(service& operations, route_options options)
        : service_(operations), options_(std::move(options))
    {
        while (!options_.mount_prefix.empty() && options_.mount_prefix.back() == '/')
            options_.mount_prefix.pop_back();
        collection_path_ = options_.mount_prefix + "/v1/EndUsers";
        set_public_url(std::move(options_.public_url));
    }

    /// Changes the public URL (say, once a port-0 listener knows its port). Not synchronised:
    /// call it before the first request.
    void set_public_url(std::string url)
    {
        while (!url.empty() && url.back() == '/')
            url.pop_back();
        options_.public_url = std::move(url);
        collection_url_ = options_.public_url + collection_path_;
    }

    /// True when `target` (path and query) is under the EndUser routes.
    bool owns(std::string_view target) const noexcept
    {
        std::string_view path = target.substr(0, target.find('?'));
        if (!path.starts_with(collection_path_))
            return false;
        return path.size() == collection_path_.size() || path[collection_path_.size()] == '/';
    }

    /// Answers `req`, or nothing when `owns(req.target())` is false, so that the host can route
    /// it elsewhere.
    boost::asio::awaitable<std::optional<response>> handle(request req)
    {
        if (!owns(req.target()))
            co_return std::nullopt;
        auto started = std::chrono::steady_clock::now();
        std::string request_id = service_.options().sids("RQ");
        response res;
        std::string account_sid;
        try {
            res = co_await dispatch(req, account_sid);
        } catch (const std::exception&) {
            // Details stay on this side: the client learns only that it may retry.
            res = error(req, 500, 20500, "Internal Server Error");
        }
        finish(res, req, request_id);
        if (options_.log) {
            request_log entry{req.method_string(), path_of(req.target()), res.result_int(),
                              std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started),
                              request_id, account_sid};
            options_.log(entry);
        }
        co_return res;
    }

    /// A Twilio-shaped error for a request the host or listener rejects before it reaches the
    /// routes (a body over the limit, say), with the headers every response carries.
    response error_response(const request& req, unsigned status, unsigned code, std::string_view message) const
    {
        response res = error(req, status, code, message);
        finish(res, req, service_.options().sids("RQ"));
        return res;
    }

    /// `The requested resource {path} was not found`: the 404 for paths no route serves.
    response not_found(const request& req) const
    {
        return error_response(req, 404, 20404, not_found_message(path_of(req.target())));
    }

    const route_options& options() const noexcept { return options_; }
    const std::string& collection_url() const noexcept { return collection_url_; }

private:
    static std::string_view path_of(std::string_view target) noexcept { return target.substr(0, target.find('?')); }

    static std::string not_found_message(std::string_view path)
    {
        return "The requested resource " + printable(path) + " was not found";
    }

    // A path goes into an error message; bytes that are not valid UTF-8 are shown escaped.
    static std::string printable(std::string_view path)
    {
        if (detail::is_valid_utf8(path))
            return std::string(path);
        std::string out;
        static constexpr char hex[] = "0123456789ABCDEF";
        for (unsigned char c : path) {
            if (c < 0x80) {
                out.push_back(static_cast<char>(c));
            } else {
                out.push_back('%');
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xf]);
            }
        }
        return out;
    }

    // Not a coroutine: the checks are synchronous, and the operation's own coroutine is handed
    // back as it is, one frame and one response move fewer on every request.
    boost::asio::awaitable<response> dispatch(const request& req, std::string& account_sid)
    {
        std::string_view target = req.target();
        std::string_view path = path_of(target);
        std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view{};
        std::string_view rest = path.substr(collection_path_.size());
        bool collection = rest.empty();
        std::string_view sid;
        if (!collection) {
            sid = rest.substr(1);  // after the '/'
            if (sid.empty() || sid.find('/') != std::string_view::npos)
                return ready(error(req, 404, 20404, not_found_message(path)));
        }
        std::string_view allowed = collection ? "GET, POST, OPTIONS" : "GET, POST, DELETE, OPTIONS";

        // A CORS preflight carries no credentials: answer it before authentication.
        if (req.method() == http::verb::options) {
            response res{http::status::ok, req.version()};
            res.set(http::field::allow, allowed);
            res.set(http::field::access_control_allow_methods, allowed);
            return ready(std::move(res));
        }

        auto account = authenticate(req);
        if (!account) {
            response res = error(req, 401, 20003, "Authenticate");
            res.set(http::field::www_authenticate, R"(Basic realm="Twilio API")");
            return ready(std::move(res));
        }
        account_sid = *account;

        switch (req.method()) {
        case http::verb::get:
            if (collection)
                return list(req, std::move(*account), query);
            return fetch(req, std::move(*account), std::string(sid));
        case http::verb::post:
            if (collection)
                return create(req, std::move(*account));
            return update(req, std::move(*account), std::string(sid));
        case http::verb::delete_:
            if (!collection)
                return remove(req, std::move(*account), std::string(sid));
            break;
        default:
            break;
        }
        response res = error(req, 405, 20004,
                             "The requested resource " + printable(path) +
                                 " does not support the attempted HTTP method " + std::string(req.method_string()));
        res.set(http::field::allow, allowed);
        return ready(std::move(res));
    }

    static boost::asio::awaitable<response> ready(response res) { co_return res; }

    std::optional<std::string> authenticate(const request& req) const
    {
        if (!options_.authenticate)
            return std::nullopt;
        auto header = req.find(http::field::authorization);
        if (header == req.end())
            return std::nullopt;
        auto credentials = detail::basic_credentials::parse(header->value());
        if (!credentials)
            return std::nullopt;
        return options_.authenticate(credentials->username(), credentials->secret());
    }

    // Parameter checks are plain functions: they fill `params` or return the 400 to send.

    std::optional<response> read_create(const request& req, create_request& params) const
    {
        auto form = detail::form::parse(req.body());
        if (!form)
            return malformed_body(req);
        if (auto bad = read_required(req, *form, "FriendlyName", params.friendly_name))
            return bad;
        if (auto bad = read_required(req, *form, "Type", params.type))
            return bad;
        return read_attributes(req, *form, params.attributes);
    }

    std::optional<response> read_update(const request& req, update_request& params) const
    {
        auto form = detail::form::parse(req.body());
        if (!form)
            return malformed_body(req);
        if (const std::string* name = form->find("FriendlyName")) {
            if (name->empty())
                return invalid_parameter(req, "FriendlyName", "must not be empty");
            if (auto bad = check_text(req, "FriendlyName", *name))
                return bad;
            params.friendly_name = *name;
        }
        if (form->find("Attributes")) {
            params.attributes.emplace();
            return read_attributes(req, *form, *params.attributes);
        }
        return std::nullopt;
    }

    std::optional<response> read_list(const request& req, std::string_view query, list_request& params) const
    {
        auto form = detail::form::parse(query);
        if (!form)
            return error(req, 400, 20001, "Malformed query string: invalid percent-encoding");
        if (const std::string* size = form->find("PageSize")) {
            auto n = parse_count(*size);
            if (!n || *n < 1 || *n > list_request::max_page_size)
                return invalid_parameter(req, "PageSize", "must be a whole number from 1 to 1000");
            params.page_size = static_cast<std::size_t>(*n);
        }
        if (const std::string* page = form->find("Page")) {
            auto n = parse_count(*page);
            if (!n)
                return invalid_parameter(req, "Page", "must be a whole number from 0");
            params.page = *n;
        }
        if (const std::string* token = form->find("PageToken"))
            params.page_token = *token;
        return std::nullopt;
    }

    std::optional<response> read_required(const request& req, const detail::form& form, std::string_view name,
                                          std::string& out) const
    {
        const std::string* value = form.find(name);
        // Twilio treats an empty required parameter as a missing one.
        if (!value || value->empty())
            return error(req, 400, 20001, "Missing required parameter " + std::string(name) + " in the post body");
        if (auto bad = check_text(req, name, *value))
            return bad;
        out = *value;
        return std::nullopt;
    }

    // Text parameters must be valid UTF-8 without NUL characters: what every store can keep
    // (PostgreSQL's text type refuses both) and every JSON client can read.
    std::optional<response> check_text(const request& req, std::string_view name, std::string_view value) const
    {
        if (!detail::is_valid_utf8(value))
            return invalid_parameter(req, name, "is not valid UTF-8");
        if (value.find('\0') != std::string_view::npos)
            return invalid_parameter(req, name, "must not contain NUL characters");
        return std::nullopt;
    }

    std::optional<response> read_attributes(const request& req, const detail::form& form, std::string& out) const
    {
        const std::string* attributes = form.find("Attributes");
        if (!attributes)
            return std::nullopt;
        auto compact = detail::compact_json_object(*attributes);
        if (!compact)
            return invalid_parameter(req, "Attributes", "must be a JSON object");
        out = std::move(*compact);
        return std::nullopt;
    }

    boost::asio::awaitable<response> create(const request& req, std::string account)
    {
        create_request params;
        if (auto bad = read_create(req, params))
            co_return std::move(*bad);
        auto created = co_await service_.create(std::move(account), std::move(params));
        if (!created)
            co_return failure(req, created.error());
        co_return json(req, http::status::created, detail::end_user_json(*created, collection_url_));
    }

    boost::asio::awaitable<response> fetch(const request& req, std::string account, std::string sid)
    {
        auto found = co_await service_.fetch(std::move(account), std::move(sid));
        if (!found)
            co_return failure(req, found.error());
        co_return json(req, http::status::ok, detail::end_user_json(*found, collection_url_));
    }

    boost::asio::awaitable<response> update(const request& req, std::string account, std::string sid)
    {
        // An unknown SID is a 404 before any parameter is judged, as for every other method.
        if (!is_sid(sid, "IT"))
            co_return failure(req, errc::not_found);
        update_request params;
        if (auto bad = read_update(req, params))
            co_return std::move(*bad);
        auto updated = co_await service_.update(std::move(account), std::move(sid), std::move(params));
        if (!updated)
            co_return failure(req, updated.error());
        co_return json(req, http::status::ok, detail::end_user_json(*updated, collection_url_));
    }

    boost::asio::awaitable<response> remove(const request& req, std::string account, std::string sid)
    {
        auto removed = co_await service_.remove(std::move(account), std::move(sid));
        if (!removed)
            co_return failure(req, removed.error());
        co_return response{http::status::no_content, req.version()};
    }

    boost::asio::awaitable<response> list(const request& req, std::string account, std::string_view query)
    {
        list_request params;
        if (auto bad = read_list(req, query, params))
            co_return std::move(*bad);
        // Each record is written as the store reads it, never copied into an end_user.
        detail::page_writer body(collection_url_, params.page_size);
        auto listed = co_await service_.list(std::move(account), std::move(params),
                                             [&body](const end_user_view& u) { body.add(u); });
        if (!listed)
            co_return failure(req, listed.error());
        co_return json(req, http::status::ok, std::move(body).finish(*listed));
    }

    static std::optional<std::uint64_t> parse_count(std::string_view text) noexcept
    {
        std::uint64_t n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
            return std::nullopt;
        return n;
    }

    response failure(const request& req, boost::system::error_code ec) const
    {
        if (ec == errc::not_found)
            return error(req, 404, 20404, not_found_message(path_of(req.target())));
        if (ec == errc::invalid_page_token)
            return error(req, 400, 21481, "Invalid PageToken");
        if (ec == errc::unavailable) {
            response res = error(req, 503, 20503, "Service Unavailable");
            res.set(http::field::retry_after, "1");
            return res;
        }
        return error(req, 500, 20500, "Internal Server Error");
    }

    response malformed_body(const request& req) const
    {
        return error(req, 400, 20001, "Malformed form body: invalid percent-encoding");
    }

    response invalid_parameter(const request& req, std::string_view name, std::string_view why) const
    {
        return error(req, 400, 20001, "Invalid parameter " + std::string(name) + ": " + std::string(why));
    }

    static response error(const request& req, unsigned status, unsigned code, std::string_view message)
    {
        return json(req, static_cast<http::status>(status), detail::error_json(code, message, status));
    }

    static response json(const request& req, http::status status, std::string body)
    {
        response res{status, req.version()};
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.body() = std::move(body);
        return res;
    }

    // Headers every response carries, and the framing.
    // (`insert`, not `set`: none of these is there yet, and `set` would look for it first.)
    static void finish(response& res, const request& req, std::string_view request_id)
    {
        res.insert("Twilio-Request-Id", request_id);
        res.insert(http::field::access_control_allow_origin, "*");
        if (res.find(http::field::access_control_allow_methods) == res.end())
            res.insert(http::field::access_control_allow_methods, "GET, POST, DELETE, OPTIONS");
        res.insert(http::field::access_control_allow_headers, "Content-Type, Authorization");
        res.insert(http::field::access_control_expose_headers, "ETag, Twilio-Request-Id");
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
    }

    service& service_;
    route_options options_;
    std::string collection_path_;
    std::string collection_url_;
};

} // namespace trusthub

#endif
