// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// Micro-benchmarks of the hot paths, one layer at a time (Google Benchmark):
//   trusthub-micro [--benchmark_filter=REGEX] [--benchmark_repetitions=N]

#include <trusthub.hpp>
#include <trusthub/detail/basic_credentials.hpp>
#include <trusthub/detail/form.hpp>
#include <trusthub/detail/json_object_text.hpp>
#include <trusthub/detail/wire_json.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace http = boost::beast::http;

namespace {

const std::string account = "AC0123456789abcdef0123456789abcdef";
const std::string token = "0123456789abcdef0123456789abcdef";
const std::string collection_url = "http://127.0.0.1:8080/v1/EndUsers";

std::string attributes_of(std::size_t i)
{
    std::string n = std::to_string(i);
    return R"({"first_name":"Ada)" + n + R"(","last_name":"Lovelace","email":"ada)" + n +
           R"(@example.com","phone_number":"+14155550100","business_title":"Director","job_position":"CEO"})";
}

trusthub::record make_record(std::size_t i)
{
    trusthub::end_user u;
    u.sid = trusthub::random_sids()("IT");
    u.account_sid = account;
    u.friendly_name = "Rep " + std::to_string(i);
    u.type = "authorized_representative_1";
    u.attributes = attributes_of(i);
    u.date_created = u.date_updated = trusthub::timestamp(std::chrono::seconds(1613508057));
    return trusthub::to_record(u);
}

std::string basic_header()
{
    std::string plain = account + ":" + token;
    std::string out(boost::beast::detail::base64::encoded_size(plain.size()), '\0');
    out.resize(boost::beast::detail::base64::encode(out.data(), plain.data(), plain.size()));
    return "Basic " + out;
}

// A store of `n` records, built once per size and kept for the whole run.
struct filled_store {
    trusthub::memory_store records;
    std::vector<std::string> sids;
    std::vector<std::uint64_t> sequences;

    explicit filled_store(std::size_t n)
    {
        sids.reserve(n);
        sequences.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            auto created = records.create_now(make_record(i));
            sids.push_back(created->sid);
            sequences.push_back(created->sequence);
        }
    }

    static filled_store& of_size(std::size_t n)
    {
        static std::map<std::size_t, std::unique_ptr<filled_store>> cache;
        auto& slot = cache[n];
        if (!slot)
            slot = std::make_unique<filled_store>(n);
        return *slot;
    }
};

// --- wire decoding -------------------------------------------------------------------------

void form_decode_create(benchmark::State& state)
{
    // As the Node SDK sends a create: RFC 3986 escapes, the attributes JSON.stringify'd.
    std::string body = "FriendlyName=Rep%2042&Type=authorized_representative_1&Attributes=" +
                       std::string(boost::urls::encode(attributes_of(42), boost::urls::unreserved_chars));
    for (auto _ : state) {
        auto form = trusthub::detail::form::parse(body);
        benchmark::DoNotOptimize(form);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(form_decode_create);

void form_decode_list_query(benchmark::State& state)
{
    std::string query = "PageSize=50&Page=3&PageToken=PA00000000000dbba0a1b2c3d4";
    for (auto _ : state) {
        auto form = trusthub::detail::form::parse(query);
        benchmark::DoNotOptimize(form);
    }
}
BENCHMARK(form_decode_list_query);

void attributes_validate(benchmark::State& state)
{
    std::string text = attributes_of(42);
    for (auto _ : state) {
        auto compact = trusthub::detail::compact_json_object(text);
        benchmark::DoNotOptimize(compact);
    }
}
BENCHMARK(attributes_validate);

// --- authentication ------------------------------------------------------------------------

void basic_auth_parse_and_check(benchmark::State& state)
{
    trusthub::credential_table table;
    table.add_account(account, token);
    std::string header = basic_header();
    for (auto _ : state) {
        auto credentials = trusthub::detail::basic_credentials::parse(header);
        auto who = table(credentials->username(), credentials->secret());
        benchmark::DoNotOptimize(who);
    }
}
BENCHMARK(basic_auth_parse_and_check);

// --- the exchange -------------------------------------------------------------------------------

struct routed {
    trusthub::memory_store& records;
    trusthub::service operations;
    trusthub::endpoint_table endpoints;
    trusthub::exchange handler;
    boost::asio::io_context io{1};

    explicit routed(trusthub::memory_store& r)
        : records(r), operations(r), endpoints(end_user_table(operations)), handler(endpoints, options())
    {
    }

    static trusthub::endpoint_table end_user_table(trusthub::service& s)
    {
        trusthub::endpoint_table t;
        trusthub::add_end_user_endpoints(t, s);
        return t;
    }

    static trusthub::exchange_options options()
    {
        trusthub::credential_table table;
        table.add_account(account, token);
        trusthub::exchange_options o;
        o.public_url = "http://127.0.0.1:8080";
        o.authenticate = table;
        return o;
    }

    // Runs one request through the routes to its response, on this thread.
    trusthub::exchange::response_type run(trusthub::exchange::request_type req)
    {
        std::optional<trusthub::exchange::response_type> out;
        std::exception_ptr failure;
        auto done = [&](std::exception_ptr e, trusthub::exchange::response_type r) {
            failure = e;
            out = std::move(r);
        };
        auto op = handler.handle(std::move(req));
        boost::asio::co_spawn(io, std::move(op), done);
        io.restart();
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        return std::move(*out);
    }
};

trusthub::exchange::request_type make_request(http::verb verb, std::string target, std::string body = {})
{
    trusthub::exchange::request_type req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1:8080");
    req.set(http::field::authorization, basic_header());
    if (!body.empty()) {
        req.set(http::field::content_type, "application/x-www-form-urlencoded");
        req.body() = std::move(body);
        req.prepare_payload();
    }
    return req;
}

void exchange_owns(benchmark::State& state)
{
    auto& filled = filled_store::of_size(1000);
    routed r(filled.records);
    std::string target = "/v1/EndUsers/" + filled.sids[500];
    for (auto _ : state)
        benchmark::DoNotOptimize(r.handler.owns(target));
}
BENCHMARK(exchange_owns);

void exchange_fetch(benchmark::State& state)
{
    auto& filled = filled_store::of_size(1000);
    routed r(filled.records);
    auto req = make_request(http::verb::get, "/v1/EndUsers/" + filled.sids[500]);
    for (auto _ : state) {
        auto res = r.run(req);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(exchange_fetch);

void exchange_create(benchmark::State& state)
{
    trusthub::memory_store records;
    routed r(records);
    std::string body = "FriendlyName=Rep%2042&Type=authorized_representative_1&Attributes=" +
                       std::string(boost::urls::encode(attributes_of(42), boost::urls::unreserved_chars));
    auto req = make_request(http::verb::post, "/v1/EndUsers", body);
    for (auto _ : state) {
        auto res = r.run(req);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(exchange_create);

void exchange_update(benchmark::State& state)
{
    // A store of its own: the update changes its record, which the shared stores' readers
    // must not see.
    trusthub::memory_store records;
    std::string sid;
    for (std::size_t i = 0; i < 1000; ++i) {
        auto created = records.create_now(make_record(i));
        if (i == 500)
            sid = created->sid;
    }
    routed r(records);
    std::string body = "FriendlyName=Rep%20Updated&Attributes=" +
                       std::string(boost::urls::encode(attributes_of(7), boost::urls::unreserved_chars));
    auto req = make_request(http::verb::post, "/v1/EndUsers/" + sid, body);
    for (auto _ : state) {
        auto res = r.run(req);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(exchange_update);

void exchange_list_50(benchmark::State& state)
{
    auto& filled = filled_store::of_size(1000);
    routed r(filled.records);
    auto req = make_request(http::verb::get, "/v1/EndUsers?PageSize=50");
    for (auto _ : state) {
        auto res = r.run(req);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(exchange_list_50);

void exchange_not_found(benchmark::State& state)
{
    trusthub::memory_store records;
    routed r(records);
    auto req = make_request(http::verb::get, "/v1/EndUsers/IT00000000000000000000000000000000");
    for (auto _ : state) {
        auto res = r.run(req);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(exchange_not_found);

// --- JSON writing --------------------------------------------------------------------------

void json_end_user(benchmark::State& state)
{
    auto u = make_record(42);
    trusthub::detail::record_field_views fields(u);
    auto view = trusthub::view_of(u, fields);
    for (auto _ : state) {
        std::string text;
        trusthub::detail::append_record(text, trusthub::resources::end_users, view, collection_url);
        benchmark::DoNotOptimize(text);
    }
}
BENCHMARK(json_end_user);

void json_page_of_50(benchmark::State& state)
{
    trusthub::page p;
    for (std::size_t i = 0; i < 50; ++i)
        p.items.push_back(make_record(i));
    p.next_token = "PA0000000000000032a1b2c3d4";
    // Views made once, as a store hands them out: what is measured is the writing.
    std::vector<trusthub::detail::record_field_views> fields(p.items.begin(), p.items.end());
    std::vector<trusthub::record_view> views;
    for (std::size_t i = 0; i < p.items.size(); ++i)
        views.push_back(trusthub::view_of(p.items[i], fields[i]));
    std::size_t bytes = 0;
    for (auto _ : state) {
        trusthub::detail::page_writer writer(trusthub::resources::end_users, collection_url, views.size());
        for (const auto& v : views)
            writer.add(v);
        auto text = std::move(writer).finish(p);
        bytes += text.size();
        benchmark::DoNotOptimize(text);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(json_page_of_50);

// --- the in-memory store -------------------------------------------------------------------

void store_create(benchmark::State& state)
{
    trusthub::memory_store records;
    std::vector<trusthub::record> batch;
    for (std::size_t i = 0; i < 1024; ++i)
        batch.push_back(make_record(i));
    std::size_t i = 0;
    for (auto _ : state) {
        auto u = batch[i++ % batch.size()];
        u.sid = trusthub::random_sids()("IT");
        auto created = records.create_now(std::move(u));
        benchmark::DoNotOptimize(created);
    }
}
BENCHMARK(store_create);

void store_fetch(benchmark::State& state)
{
    auto& filled = filled_store::of_size(static_cast<std::size_t>(state.range(0)));
    // One key, its SID overwritten in place: the loop measures the store, not the key's making.
    trusthub::record_key key{std::string(trusthub::resources::end_users.kind), account, {}, filled.sids.front()};
    std::size_t i = 0;
    for (auto _ : state) {
        // A stride through all the records, so the large store is not read from cache.
        key.sid = filled.sids[(i += 7919) % filled.sids.size()];
        auto found = filled.records.fetch_now(key);
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(store_fetch)->Arg(1000)->Arg(1000000);

void store_page_at_depth(benchmark::State& state)
{
    auto& filled = filled_store::of_size(1000000);
    trusthub::list_scope scope;
    scope.kind = trusthub::resources::end_users.kind;
    scope.account_sid = account;
    trusthub::page_query q;
    q.limit = 50;
    if (state.range(0) > 0)
        q.after = filled.sequences[static_cast<std::size_t>(state.range(0)) - 1];
    for (auto _ : state) {
        auto slice = filled.records.list_now(scope, q);
        benchmark::DoNotOptimize(slice);
    }
}
BENCHMARK(store_page_at_depth)->Arg(0)->Arg(900000);

} // namespace

BENCHMARK_MAIN();
