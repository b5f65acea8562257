// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The ready-made listener over real loopback sockets.

#include "server_fixture.hpp"

#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace trusthub;
using namespace trusthub::test;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

json::object body_of(const http_client::response& res)
{
    return json::parse(res.body()).as_object();
}

void check_twilio_error(const http_client::response& res, unsigned status, int code)
{
    BOOST_TEST(res.result_int() == status);
    BOOST_TEST(res[http::field::content_type] == "application/json; charset=utf-8");
    auto b = body_of(res);
    BOOST_TEST(b.size() == 4u);
    BOOST_TEST(b["code"].as_int64() == code);
    BOOST_TEST(b["status"].as_int64() == status);
    BOOST_TEST(!res["Twilio-Request-Id"].empty());
}

// Wraps the in-memory store and holds every create for a while: a request in flight.
struct slow_store final : store {
    memory_store inner;
    std::atomic<int> started{0};
    boost::asio::awaitable<result<record>> create(record r) override
    {
        ++started;
        boost::asio::steady_timer wait(co_await boost::asio::this_coro::executor, 400ms);
        co_await wait.async_wait(boost::asio::use_awaitable);
        co_return co_await inner.create(std::move(r));
    }
    boost::asio::awaitable<result<record>> fetch(record_key k) override
    {
        co_return co_await inner.fetch(std::move(k));
    }
    boost::asio::awaitable<result<record>> update(record_key k, record_patch p) override
    {
        co_return co_await inner.update(std::move(k), std::move(p));
    }
    boost::asio::awaitable<result<void>> remove(record_key k) override
    {
        co_return co_await inner.remove(std::move(k));
    }
    boost::asio::awaitable<result<page_slice>> list(list_scope s, page_query q) override
    {
        co_return co_await inner.list(std::move(s), q);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(listener_end_to_end)

BOOST_AUTO_TEST_CASE(port_zero_binds_a_free_port)
{
    listener_fixture f;
    BOOST_TEST(f.server.local_endpoint().port() != 0);
    BOOST_TEST(f.server.local_endpoint().address().to_string() == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(every_operation_on_one_keep_alive_connection)
{
    listener_fixture f;
    auto c = f.client();
    auto created = c.post("/v1/EndUsers", "FriendlyName=Ada&Type=individual&Attributes=%7B%22a%22%3A%5B1%2Cnull%5D%7D");
    BOOST_TEST(created.result_int() == 201u);
    BOOST_TEST(created.keep_alive());
    auto made = body_of(created);
    std::string sid(made["sid"].as_string());
    std::string path = "/v1/EndUsers/" + sid;
    BOOST_TEST(made["url"].as_string() ==
               "http://127.0.0.1:" + std::to_string(f.server.local_endpoint().port()) + path);

    auto fetched = c.get(path);
    BOOST_TEST(fetched.result_int() == 200u);
    BOOST_TEST(body_of(fetched) == made);

    auto updated = c.post(path, "FriendlyName=Ada%20L.");
    BOOST_TEST(updated.result_int() == 200u);
    BOOST_TEST(body_of(updated)["friendly_name"].as_string() == "Ada L.");

    auto listed = c.get("/v1/EndUsers?PageSize=10");
    BOOST_TEST(listed.result_int() == 200u);
    BOOST_TEST(body_of(listed)["results"].as_array().size() == 1u);

    auto removed = c.del(path);
    BOOST_TEST(removed.result_int() == 204u);
    BOOST_TEST(removed.body().empty());
    check_twilio_error(c.get(path), 404, 20404);
    BOOST_TEST(f.server.connections() == 1u);
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order)
{
    listener_fixture f;
    auto c = f.client();
    std::string auth = basic_auth(account_a, "token-a");
    std::string batch;
    for (int i = 0; i < 3; ++i) {
        std::string body = "FriendlyName=p" + std::to_string(i) + "&Type=t";
        batch += "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                 "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body;
    }
    batch += "GET /v1/EndUsers?PageSize=3 HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n";
    c.write_raw(batch);
    for (int i = 0; i < 3; ++i) {
        auto res = c.read();
        BOOST_TEST(res.result_int() == 201u);
        BOOST_TEST(body_of(res)["friendly_name"].as_string() == "p" + std::to_string(i));
    }
    auto page = c.read();
    BOOST_TEST(body_of(page)["results"].as_array().size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_413_and_closes)
{
    listener_options lo;
    lo.body_limit = 1024;
    listener_fixture f(lo);
    auto c = f.client();
    auto res = c.post("/v1/EndUsers", "FriendlyName=a&Type=b&Attributes=" + std::string(2000, 'x'));
    check_twilio_error(res, 413, 20413);
    BOOST_TEST(!res.keep_alive());
    BOOST_TEST(f.records.size() == 0u);
    // A body at the limit is served.
    auto c2 = f.client();
    BOOST_TEST(c2.post("/v1/EndUsers", "FriendlyName=a&Type=b&Pad=" + std::string(900, 'x')).result_int() == 201u);
}

BOOST_AUTO_TEST_CASE(a_head_over_the_limit_is_431)
{
    listener_options lo;
    lo.header_limit = 2048;
    listener_fixture f(lo);
    auto c = f.client();
    http::request<http::string_body> req{http::verb::get, "/v1/EndUsers", 11};
    req.set("X-Padding", std::string(4000, 'p'));
    check_twilio_error(c.send(req), 431, 20431);
}

BOOST_AUTO_TEST_CASE(garbage_is_400_and_closes)
{
    listener_fixture f;
    auto c = f.client();
    c.write_raw("THIS IS NOT HTTP\r\n\r\n");
    auto res = c.read();
    check_twilio_error(res, 400, 20001);
    BOOST_TEST(!res.keep_alive());
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_honoured)
{
    listener_fixture f;
    auto c = f.client();
    std::string body = "FriendlyName=a&Type=b";
    c.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic_auth(account_a, "token-a") +
                "\r\nExpect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    auto interim = c.read();
    BOOST_TEST(interim.result_int() == 100u);
    c.write_raw(body);
    BOOST_TEST(c.read().result_int() == 201u);
}

BOOST_AUTO_TEST_CASE(paths_nobody_serves_are_twilio_404s)
{
    listener_fixture f;
    auto c = f.client();
    auto res = c.get("/v2/Nothing");
    check_twilio_error(res, 404, 20404);
    BOOST_TEST(body_of(res)["message"].as_string() == "The requested resource /v2/Nothing was not found");
    BOOST_TEST(res.keep_alive());
    BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(an_idle_connection_is_closed_after_the_timeout)
{
    listener_options lo;
    lo.idle_timeout = 300ms;
    listener_fixture f(lo);
    auto c = f.client();
    BOOST_TEST(c.get("/v1/EndUsers").result_int() == 200u);
    BOOST_TEST(c.closed_by_server(5s));
}

BOOST_AUTO_TEST_CASE(a_connection_that_stops_mid_request_is_closed_after_the_timeout)
{
    listener_options lo;
    lo.idle_timeout = 300ms;
    listener_fixture f(lo);
    auto c = f.client();
    c.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nFriendly");
    BOOST_TEST(c.closed_by_server(5s));
    BOOST_TEST(f.records.size() == 0u);
}

BOOST_AUTO_TEST_CASE(graceful_stop_finishes_in_flight_requests_and_closes_idle_ones)
{
    slow_store slow;
    listener_fixture f({}, 1, &slow);
    auto idle = f.client();
    BOOST_TEST(idle.get("/v1/EndUsers").result_int() == 200u);  // now waiting for its next request
    auto busy = f.client();

    // Send a create that the store holds for 400 ms, and stop while it is held.
    busy.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic_auth(account_a, "token-a") +
                   "\r\nContent-Length: 21\r\n\r\nFriendlyName=a&Type=b");
    for (int i = 0; i < 200 && slow.started == 0; ++i)
        std::this_thread::sleep_for(5ms);
    BOOST_REQUIRE(slow.started == 1);
    f.server.stop();

    auto res = busy.read();
    BOOST_TEST(res.result_int() == 201u);  // answered, and told that the connection ends
    BOOST_TEST(!res.keep_alive());
    BOOST_TEST(slow.inner.size() == 1u);
    BOOST_TEST(idle.closed_by_server(5s));

    // No new connections, and the io_context runs out of work by itself.
    http_client late(f.server.local_endpoint(), 2s);
    BOOST_CHECK_THROW(late.get("/v1/EndUsers"), std::exception);
    for (int i = 0; i < 500 && f.finished == 0; ++i)
        std::this_thread::sleep_for(10ms);
    BOOST_TEST(f.finished == 1u);
}

BOOST_AUTO_TEST_CASE(a_stop_during_a_write_still_answers_the_pipelined_request_already_read)
{
    listener_fixture f;
    // An answer larger than both sockets' buffers: while the client does not read, its write
    // cannot finish, and the stop comes in the middle of it.
    std::atomic<bool> asked{false};
    f.wired.endpoints().add("/v1/Large", http::verb::get, [&](const endpoint_call&) -> boost::asio::awaitable<exchange::response_type> {
        asked = true;
        exchange::response_type res{http::status::ok, 11};
        res.body().assign(std::size_t{48} << 20, 'x');
        res.prepare_payload();
        co_return res;
    });
    auto c = f.client();
    std::string auth = basic_auth(account_a, "token-a");
    std::string body = "FriendlyName=after&Type=t";
    // Both requests in one write: the server reads the second with the first.
    c.write_raw("GET /v1/Large HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n" +
                "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth +
                "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body);
    for (int i = 0; i < 400 && !asked; ++i)
        std::this_thread::sleep_for(5ms);
    BOOST_REQUIRE(asked);
    std::this_thread::sleep_for(200ms);  // the write has filled the buffers and waits
    f.server.stop();

    auto large = c.read();
    BOOST_TEST(large.result_int() == 200u);
    BOOST_TEST(large.body().size() == std::size_t{48} << 20);
    // The request read with it is answered, and the answer says that the connection ends.
    auto created = c.read();
    BOOST_TEST(created.result_int() == 201u);
    BOOST_TEST(!created.keep_alive());
    BOOST_TEST(body_of(created)["friendly_name"].as_string() == "after");
    BOOST_TEST(f.records.size() == 1u);
    for (int i = 0; i < 500 && f.finished == 0; ++i)
        std::this_thread::sleep_for(10ms);
    BOOST_TEST(f.finished == 1u);
}

BOOST_AUTO_TEST_CASE(a_connection_that_ends_by_an_exception_is_reported)
{
    // A request id source that fails: the exchange calls it before it can answer anything, so
    // the failure ends the connection, and the listener must say why.
    boost::asio::io_context io;
    memory_store records;
    trusthub::api wired(records);
    exchange_options eo;
    eo.request_ids = [](std::string_view) -> std::string { throw std::runtime_error("no more request ids"); };
    exchange api(wired.endpoints(), eo);
    listener_options lo = listener_fixture::adapted({}, 1);
    std::vector<std::string> reported;
    std::mutex reported_mutex;
    lo.logger = logger(log_level::error, [&](log_level, std::string_view why) {
        std::lock_guard lock(reported_mutex);
        reported.emplace_back(why);
    });
    listener server(io.get_executor(), api, lo);
    server.start();
    std::thread runner([&] { io.run_for(std::chrono::seconds(30)); });

    http_client c(server.local_endpoint());
    c.write_raw("GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(c.closed_by_server(5s));
    server.stop();
    io.stop();
    runner.join();
    BOOST_REQUIRE(reported.size() == 1u);
    BOOST_TEST(reported[0] == "a connection ended by an exception: no more request ids");
}

BOOST_AUTO_TEST_CASE(a_stop_closes_what_is_left_at_its_deadline)
{
    listener_options lo;
    lo.stop_deadline = 300ms;  // the idle timeout stays at its 60 s
    listener_fixture f(lo);
    auto trickling = f.client();
    // A head, then a body that never comes: the connection is busy, so a stop waits for it.
    trickling.write_raw("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " +
                        basic_auth(account_a, "token-a") + "\r\nContent-Length: 100\r\n\r\nFriendly");
    for (int i = 0; i < 200 && f.server.connections() == 0; ++i)
        std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(50ms);  // the head is read
    f.server.stop();
    BOOST_TEST(trickling.closed_by_server(5s));
    BOOST_TEST(f.records.size() == 0u);
    for (int i = 0; i < 500 && f.finished == 0; ++i)
        std::this_thread::sleep_for(10ms);
    BOOST_TEST(f.finished == 1u);  // and the io_context ran out of work
}

BOOST_AUTO_TEST_CASE(a_new_connection_has_a_shorter_deadline_for_its_first_head)
{
    listener_options lo;
    lo.head_timeout = 300ms;  // the idle timeout stays at its 60 s
    listener_fixture f(lo);
    auto silent = f.client();
    silent.write_raw("");  // connected, says nothing
    auto trickling = f.client();
    trickling.write_raw("GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\n");  // a head never finished
    BOOST_TEST(silent.closed_by_server(5s));
    BOOST_TEST(trickling.closed_by_server(5s));
    // A connection that has sent a request waits for its next one as long as the idle timeout.
    auto kept = f.client();
    BOOST_TEST(kept.get("/v1/EndUsers").result_int() == 200u);
    std::this_thread::sleep_for(600ms);
    BOOST_TEST(kept.get("/v1/EndUsers").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(a_connection_over_the_cap_is_503_and_closed)
{
    listener_options lo;
    lo.max_connections = 2;
    listener_fixture f(lo);
    auto one = f.client();
    auto two = f.client();
    BOOST_TEST(one.get("/v1/EndUsers").result_int() == 200u);
    BOOST_TEST(two.get("/v1/EndUsers").result_int() == 200u);
    auto three = f.client();
    three.write_raw("GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic_auth(account_a, "token-a") +
                    "\r\n\r\n");
    auto refused = three.read();
    check_twilio_error(refused, 503, 20503);
    BOOST_TEST(refused[http::field::retry_after] == "1");
    BOOST_TEST(!refused.keep_alive());
    BOOST_TEST(f.server.connections() == 2u);
    // A place frees up: the next connection is served.
    one.close();
    for (int i = 0; i < 200 && f.server.connections() > 1; ++i)
        std::this_thread::sleep_for(5ms);
    BOOST_TEST(f.client().get("/v1/EndUsers").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(http_1_0_without_keep_alive_is_answered_then_closed)
{
    listener_fixture f;
    auto c = f.client();
    c.write_raw("GET /v1/EndUsers HTTP/1.0\r\nAuthorization: " + basic_auth(account_a, "token-a") + "\r\n\r\n");
    auto res = c.read();
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(res.version() == 10u);
    BOOST_TEST(c.closed_by_server(5s));
}

BOOST_AUTO_TEST_SUITE_END()
