// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#include <support/check.hpp>
#include <support/server.hpp>

#include <trusthub/clock.hpp>
#include <trusthub/http/credentials.hpp>
#include <trusthub/detail/request_reader.hpp>
#include <trusthub/api.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/policies.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/resources/type_catalogues.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/log.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/sid.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub::fuzz {

namespace http = boost::beast::http;
namespace json = boost::json;

// The listener's defaults (listener_options): the fuzzed reader is configured as the one that
// faces the network.
constexpr std::size_t body_limit = 1024 * 1024;
constexpr std::size_t header_limit = 16 * 1024;

std::string basic_authorization(std::string_view user, std::string_view secret)
{
    std::string plain = std::string(user) + ":" + std::string(secret);
    std::string out(boost::beast::detail::base64::encoded_size(plain.size()), '\0');
    out.resize(boost::beast::detail::base64::encode(out.data(), plain.data(), plain.size()));
    return "Basic " + out;
}

json::value parse_body(std::string_view body)
{
    // Attributes may nest 64 levels; a page adds three around them.
    json::parse_options deep;
    deep.max_depth = 64 + 3;
    boost::system::error_code ec;
    json::value v = json::parse(body, ec, {}, deep);
    FUZZ_CHECK(!ec, "not JSON (" + ec.message() + "): " + std::string(body.substr(0, 2000)));
    return v;
}

struct server::state {
    manual_clock clock;
    memory_store records;
    // Wired as every program wires it: the same table the server serves.
    trusthub::api wired{records, [this] {
                            api_options o;
                            o.service = service_options{clock, sequential_sids(1)};
                            return o;
                        }()};
    std::optional<std::string> last_account;  // what the authenticator answered last
    std::string failure;                      // the log's line on the last 500: its cause
    std::unique_ptr<exchange> api;
    boost::asio::io_context io;

    state()
    {
        credential_table table;
        for (const auto& a : accounts)
            table.add_account(std::string(a.sid), std::string(a.secret));
        exchange_options options;
        options.public_url = std::string(public_url);
        options.request_ids = sequential_sids(2);
        options.authenticate = [this, table](std::string_view user, std::string_view secret) {
            last_account = table(user, secret);
            return last_account;
        };
        options.logger = logger(log_level::error, [this](log_level, std::string_view line) { failure = line; });
        options.log = [](const request_log& e) {
            // Logs carry no query string (it may hold tokens and personal data).
            FUZZ_CHECK(e.path.find('?') == std::string_view::npos, std::string(e.path));
            FUZZ_CHECK(e.status >= 100 && e.status < 600, std::string(e.path));
        };
        api = std::make_unique<exchange>(wired.endpoints(), std::move(options));
    }

    // Runs the exchange on a bounded clock: an answer that never comes is a finding too.
    response run(request req)
    {
        std::optional<response> out;
        std::exception_ptr thrown;
        boost::asio::co_spawn(io, api->handle(std::move(req)), [&](std::exception_ptr e, response r) {
            thrown = e;
            out = std::move(r);
        });
        io.restart();
        io.run_for(std::chrono::seconds(5));
        FUZZ_CHECK(out.has_value(), "the exchange did not answer");
        if (thrown) {
            std::string what = "unknown exception";
            try {
                std::rethrow_exception(thrown);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            fail(__FILE__, __LINE__, "the exchange threw", what);
        }
        return std::move(*out);
    }
};

namespace {

std::string describe(const answer& a)
{
    std::ostringstream os;
    os << a.head.method_string() << " " << a.head.target() << " HTTP/" << a.head.version() / 10 << "."
       << a.head.version() % 10 << " -> " << a.res.result_int() << (a.refused ? " (refused)" : "") << "\n"
       << a.res.base() << a.res.body().substr(0, 2000);
    return os.str();
}

std::string head_text(const http::request_header<>& req)
{
    std::ostringstream os;
    os << req;
    return os.str();
}

bool is_date(const json::value& v)
{
    // 2021-02-16T20:40:57Z
    if (!v.is_string())
        return false;
    std::string_view s = v.get_string();
    if (s.size() != 20)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool ok = i == 4 || i == 7 ? c == '-' : i == 10 ? c == 'T' : i == 13 || i == 16 ? c == ':' : i == 19 ? c == 'Z'
                                                                                                         : c >= '0' && c <= '9';
        if (!ok)
            return false;
    }
    return true;
}

bool has_keys_in_order(const json::object& o, std::initializer_list<std::string_view> keys)
{
    if (o.size() != keys.size())
        return false;
    auto it = o.begin();
    for (auto k : keys)
        if ((it++)->key() != k)
            return false;
    return true;
}

// The path of a request's target, in origin form (`/v1/EndUsers?…`) or absolute form
// (`http://host/v1/EndUsers?…`), without its query.
std::string_view path_of(const answer& a)
{
    std::string_view target(a.head.target().data(), a.head.target().size());
    if (auto scheme = target.find("://"); scheme != std::string_view::npos && !target.starts_with("/")) {
        auto slash = target.find('/', scheme + 3);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    return target.substr(0, target.find('?'));
}

// The collection a request's path names, itself or one of its records; null for any other
// path. Every collection the API serves, stored or catalogue.
// Which collection a path names, and whether it names the collection or one of its records.
struct collection_match {
    const resource_descriptor* resource = nullptr;
    std::string parent_sid;  // the `{…}` segment of a subcollection's path
    bool item = false;

    // The collection's path, its parent's SID in place.
    std::string path() const
    {
        std::string_view p = resource->path;
        auto open = p.find('{');
        if (open == std::string_view::npos)
            return std::string(p);
        return std::string(p.substr(0, open)) + parent_sid + std::string(p.substr(p.find('}', open) + 1));
    }
};

std::vector<std::string_view> segments_of(std::string_view path)
{
    std::vector<std::string_view> out;
    while (!path.empty()) {
        path.remove_prefix(1);  // the '/'
        auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    }
    return out;
}

collection_match collection_of(const answer& a)
{
    static constexpr const resource_descriptor* catalogues[] = {&resources::end_user_types,
                                                                &resources::supporting_document_types,
                                                                &resources::policies};
    const auto path = segments_of(path_of(a));
    auto match = [&path](const resource_descriptor& d) {
        collection_match m;
        const auto pattern = segments_of(d.path);
        if (path.size() != pattern.size() && path.size() != pattern.size() + 1)
            return m;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern[i].starts_with('{'))
                m.parent_sid = std::string(path[i]);
            else if (pattern[i] != path[i])
                return m;
        }
        if (path.size() > pattern.size() && path.back().empty())
            return m;
        m.resource = &d;
        m.item = path.size() > pattern.size();
        return m;
    };
    for (const resource_descriptor* d : resources::stored_resources())
        if (auto m = match(*d); m.resource)
            return m;
    for (const resource_descriptor* d : catalogues)
        if (auto m = match(*d); m.resource)
            return m;
    return {};
}

// One record as the API writes it: the collection's members in its order, its SID, the
// caller's account (tenancy: a record is only ever shown to the account that authenticated),
// the parent the path names, what a create requires present, dates, and its own URL.
void check_resource(const answer& a, const collection_match& c, const json::value& v)
{
    const resource_descriptor& d = *c.resource;
    auto what = [&] { return describe(a); };
    FUZZ_CHECK(v.is_object(), what());
    const auto& o = v.get_object();
    FUZZ_CHECK(o.size() == d.members.size(), what());
    auto it = o.begin();
    for (const member_descriptor& m : d.members) {
        FUZZ_CHECK(it->key() == m.name, what());
        const json::value& value = (it++)->value();
        switch (m.kind) {
        case member_kind::sid: FUZZ_CHECK(value.is_string() && is_sid(value.get_string(), d.sid_prefix), what()); break;
        case member_kind::account_sid:
            FUZZ_CHECK(a.account && value.is_string() && value.get_string() == *a.account, what());
            break;
        case member_kind::parent_sid:
            FUZZ_CHECK(value.is_string() && value.get_string() == c.parent_sid, what());
            break;
        case member_kind::field: {
            const field_descriptor& f = d.fields[m.index];
            if (f.required && f.type == field_type::json_object)
                FUZZ_CHECK(value.is_object(), what());
            else if (f.required)
                FUZZ_CHECK(value.is_string() && !value.get_string().empty(), what());
            break;
        }
        case member_kind::date_created:
        case member_kind::date_updated: FUZZ_CHECK(is_date(value), what()); break;
        case member_kind::url: {
            std::string url = std::string(public_url) + c.path() + "/" +
                              std::string(o.at("sid").is_string() ? std::string_view(o.at("sid").get_string()) : "");
            FUZZ_CHECK(value.is_string() && value.get_string() == url, what());
            break;
        }
        case member_kind::links: FUZZ_CHECK(value.is_object(), what()); break;
        }
    }
}

void check_page_url(const answer& a, const collection_match& c, const json::value& v, bool nullable)
{
    if (nullable && v.is_null())
        return;
    std::string prefix = std::string(public_url) + c.path() + "?";
    FUZZ_CHECK(v.is_string() && std::string_view(v.get_string()).starts_with(prefix), describe(a));
}

void check_list(const answer& a, const collection_match& c, const json::value& v)
{
    const resource_descriptor& d = *c.resource;
    auto what = [&] { return describe(a); };
    FUZZ_CHECK(v.is_object(), what());
    const auto& o = v.get_object();
    FUZZ_CHECK(has_keys_in_order(o, {d.list_key, "meta"}) && o.at(d.list_key).is_array() && o.at("meta").is_object(),
               what());
    const auto& meta = o.at("meta").get_object();
    FUZZ_CHECK(has_keys_in_order(meta, {"page", "page_size", "first_page_url", "previous_page_url", "url",
                                        "next_page_url", "key"}),
               what());
    FUZZ_CHECK(meta.at("key").is_string() && meta.at("key").get_string() == d.list_key, what());
    FUZZ_CHECK(meta.at("page").is_int64() || meta.at("page").is_uint64(), what());
    FUZZ_CHECK(meta.at("page_size").is_int64(), what());
    std::int64_t size = meta.at("page_size").get_int64();
    FUZZ_CHECK(size >= 1 && size <= 1000, what());
    FUZZ_CHECK(o.at(d.list_key).get_array().size() <= static_cast<std::size_t>(size), what());
    for (const auto& r : o.at(d.list_key).get_array())
        check_resource(a, c, r);
    check_page_url(a, c, meta.at("first_page_url"), false);
    check_page_url(a, c, meta.at("previous_page_url"), true);
    check_page_url(a, c, meta.at("url"), false);
    check_page_url(a, c, meta.at("next_page_url"), true);
}

void check_error(const answer& a, const json::value& v)
{
    auto what = [&] { return describe(a); };
    FUZZ_CHECK(v.is_object(), what());
    const auto& o = v.get_object();
    // Twilio's error shape, exactly: the SDKs pick their exception class by it.
    FUZZ_CHECK(has_keys_in_order(o, {"code", "message", "more_info", "status"}), what());
    FUZZ_CHECK(o.at("code").is_int64() && o.at("status").is_int64() && o.at("message").is_string(), what());
    FUZZ_CHECK(o.at("status").get_int64() == a.res.result_int(), what());
    std::string more = "https://www.twilio.com/docs/errors/" + std::to_string(o.at("code").get_int64());
    FUZZ_CHECK(o.at("more_info").is_string() && o.at("more_info").get_string() == more, what());
}

// The bytes the connection would write must read back as exactly this one response.
void check_wire(const answer& a)
{
    std::ostringstream os;
    os << a.res;
    std::string wire = os.str();
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.skip(a.head.method() == http::verb::head);
    boost::system::error_code ec;
    std::size_t used = parser.put(boost::asio::buffer(wire), ec);
    FUZZ_CHECK(!ec && parser.is_done() && used == wire.size(), describe(a) + "\nwire: " + ec.message());
    FUZZ_CHECK(parser.get().result() == a.res.result() && parser.get().body() == a.res.body(), describe(a));
}

} // namespace

// Every answer, whatever was asked: a status the contract has, the headers every response
// carries, and a body of the right shape.
static void check_answer(const answer& a, std::string_view failure)
{
    auto what = [&] { return describe(a); };
    const unsigned status = a.res.result_int();
    const auto method = a.head.method();
    FUZZ_CHECK(status < 500, what() + "\ncause: " + std::string(failure));
    switch (status) {
    case 200: FUZZ_CHECK(!a.refused, what()); break;
    case 201: FUZZ_CHECK(!a.refused && method == http::verb::post, what()); break;
    case 204: FUZZ_CHECK(!a.refused && method == http::verb::delete_, what()); break;
    case 400: break;
    case 401: FUZZ_CHECK(!a.refused && !a.account, what()); break;
    case 404: case 405: FUZZ_CHECK(!a.refused, what()); break;
    // A change the record's state does not allow (a bundle under review): only ever for a
    // caller that authenticated.
    case 409: FUZZ_CHECK(!a.refused && a.account.has_value(), what()); break;
    case 413: case 431: FUZZ_CHECK(a.refused, what()); break;
    default: fail(__FILE__, __LINE__, "a status outside the contract", what());
    }
    // Only an authenticated request is served (OPTIONS, the CORS preflight, needs no credentials).
    if (status == 200 || status == 201 || status == 204) {
        FUZZ_CHECK(a.account.has_value() || method == http::verb::options, what());
    }
    FUZZ_CHECK(a.res.count("Twilio-Request-Id") == 1, what());
    std::string_view id = a.res["Twilio-Request-Id"];
    FUZZ_CHECK(is_sid(id, "RQ"), what());
    FUZZ_CHECK(a.res[http::field::access_control_allow_origin] == "*", what());
    FUZZ_CHECK(a.res.keep_alive() == a.head.keep_alive(), what());
    if (status == 401)
        FUZZ_CHECK(a.res[http::field::www_authenticate] == R"(Basic realm="Twilio API")", what());
    if (status == 405)
        FUZZ_CHECK(a.res.count(http::field::allow) == 1, what());
    check_wire(a);

    const bool preflight = method == http::verb::options && status == 200;
    if (method == http::verb::head || status == 204 || preflight) {
        FUZZ_CHECK(a.res.body().empty(), what());
        if (preflight)
            FUZZ_CHECK(a.res[http::field::allow] == a.res[http::field::access_control_allow_methods], what());
        return;
    }
    FUZZ_CHECK(a.res[http::field::content_type] == "application/json; charset=utf-8", what());
    FUZZ_CHECK(a.res[http::field::content_length] == std::to_string(a.res.body().size()), what());
    json::value body = parse_body(a.res.body());
    if (status >= 400) {
        check_error(a, body);
        return;
    }
    // A success answers one of the collections' paths, and no other.
    const collection_match collection = collection_of(a);
    FUZZ_CHECK(collection.resource != nullptr, what());
    // A GET of the collection's own path is a page; a create there, or any call on a record's
    // path, answers a record.
    if (method == http::verb::get && !collection.item)
        check_list(a, collection, body);
    else
        check_resource(a, collection, body);
}

// TRUSTHUB_FUZZ_TRACE=1 prints each answer's request line and status: what a reproducer did.
static void trace(const answer& a)
{
    static const bool on = std::getenv("TRUSTHUB_FUZZ_TRACE") != nullptr;
    if (on)
        std::fprintf(stderr, "%s\n", describe(a).substr(0, describe(a).find('\n')).c_str());
}

server::server() : s_(std::make_unique<state>()) {}
server::~server() = default;

answer server::handle(request req)
{
    answer a;
    a.head = req;
    s_->last_account.reset();
    s_->failure.clear();
    a.res = s_->run(std::move(req));
    a.account = s_->last_account;
    trace(a);
    check_answer(a, s_->failure);
    // A HEAD is the GET without its body: same status, same length (RFC 9110 section 9.3.2).
    if (a.head.method() == http::verb::head) {
        request get = a.head;
        get.method(http::verb::get);
        response full = s_->run(std::move(get));
        FUZZ_CHECK(full.result() == a.res.result(), describe(a));
        FUZZ_CHECK(a.res[http::field::content_length] == std::to_string(full.body().size()),
                   describe(a) + "\nGET body size " + std::to_string(full.body().size()));
    }
    return a;
}

std::vector<answer> server::serve(std::string_view bytes, std::size_t max_requests)
{
    using step = detail::request_reader::step;
    std::vector<answer> answers;
    detail::request_reader reader(body_limit, header_limit);
    reader.feed(bytes);
    while (answers.size() < max_requests) {
        switch (reader.next()) {
        case step::need_more:
            // All there is has been sent: the client closes its side, as a connection ends.
            reader.end_of_input();
            break;
        case step::head: {
            // A head the framing check lets through is framed by the parser as the check read
            // it: a body with a Transfer-Encoding is chunked. Were it not, the parser would
            // take the chunks for the next request (request smuggling).
            bool te = reader.head().count(http::field::transfer_encoding) != 0;
            FUZZ_CHECK(reader.chunked() == te, "framing_error and the parser disagree on:\n" + head_text(reader.head()));
            break;
        }
        case step::request:
            answers.push_back(handle(reader.take_request()));
            if (!answers.back().res.keep_alive())
                return answers;
            break;
        case step::refuse: {
            answer a;
            a.refused = true;
            a.head = reader.refused().head;
            a.res = s_->api->reject(a.head, reader.refused().answer);
            trace(a);
            check_answer(a, {});
            answers.push_back(std::move(a));
            return answers;
        }
        case step::end:
            return answers;
        }
    }
    return answers;
}

void server::advance_clock(std::chrono::seconds by)
{
    s_->clock.advance(by);
}

timestamp server::now() const
{
    return s_->clock();
}

std::size_t server::stored_count() const
{
    return s_->records.size();
}

std::vector<end_user> server::stored(std::string_view account_sid) const
{
    // Read in small pages so that the store's own cursor walk is exercised too.
    std::vector<end_user> out;
    page_query query;
    query.limit = 7;
    list_scope scope{std::string(resources::end_users.kind), std::string(account_sid), std::string(), {}};
    for (;;) {
        auto slice = s_->records.list_now(scope, query);
        FUZZ_CHECK(slice.has_value(), "memory_store::list_now failed");
        for (auto& r : slice->items)
            out.push_back(to_end_user(r));
        if (!slice->more_after)
            return out;
        FUZZ_CHECK(!out.empty(), "memory_store::list_now: more after an empty page");
        query.after = out.back().sequence;
    }
}

std::optional<record> server::stored(std::string_view account_sid, std::string_view sid) const
{
    for (const resource_descriptor* d : resources::stored_resources()) {
        if (!d->nested()) {
            auto found = s_->records.fetch_now(
                record_key{std::string(d->kind), std::string(account_sid), std::string(), std::string(sid)});
            if (found)
                return std::move(*found);
            continue;
        }
        // Under any parent: the few records an input makes.
        page_query everything;
        everything.limit = s_->records.size() + 1;
        auto all = s_->records.list_now(list_scope{std::string(d->kind), std::string(account_sid), std::nullopt, {}},
                                        everything);
        FUZZ_CHECK(all.has_value(), "memory_store::list_now failed");
        for (auto& r : all->items)
            if (r.sid == sid)
                return std::move(r);
    }
    return std::nullopt;
}

} // namespace trusthub::fuzz
