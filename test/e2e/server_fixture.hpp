// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TEST_E2E_SERVER_FIXTURE_HPP
#define TRUSTHUB_TEST_E2E_SERVER_FIXTURE_HPP

#include <support/http_client.hpp>
#include <support/response_conformance.hpp>

#include <trusthub.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

namespace trusthub::test {

inline const std::string account_a = "AC" + std::string(32, 'a');
inline const std::string account_b = "AC" + std::string(32, 'b');

/// trusthub's own listener on a loopback port picked by the system, served by `threads`
/// threads, each bounded by `run_for`.
struct listener_fixture {
    explicit listener_fixture(listener_options lo = {}, unsigned threads = 1, store* custom = nullptr)
        : wired(custom ? *custom : records),
          api(wired.endpoints(), [] {
              exchange_options o;
              o.authenticate = credential_table().add_account(account_a, "token-a").add_account(account_b, "token-b");
              return o;
          }()),
          server(io.get_executor(), api, adapted(std::move(lo), threads))
    {
        api.set_public_url("http://127.0.0.1:" + std::to_string(server.local_endpoint().port()));
        server.start();
        for (unsigned i = 0; i < threads; ++i)
            runners.emplace_back([this] {
                io.run_for(std::chrono::seconds(120));
                ++finished;
            });
    }

    ~listener_fixture()
    {
        io.stop();
        for (auto& t : runners)
            t.join();
    }

    http_client client(const std::string& account = account_a)
    {
        http_client c(server.local_endpoint());
        c.authorization = basic_auth(account, account == account_a ? "token-a" : "token-b");
        c.on_response = check_conformance;
        return c;
    }

    /// Every response a test sees conforms to the wire contract and Twilio's OpenAPI schema.
    static void check_conformance(const boost::beast::http::request<boost::beast::http::string_body>& req, const http_client::response& res)
    {
        for (const auto& problem : response_problems(req.method(), req.target(), res))
            BOOST_ERROR(problem);
    }

    // A free port; no strands when one thread serves, as trusthub-server does.
    static listener_options adapted(listener_options lo, unsigned threads)
    {
        lo.endpoint = {boost::asio::ip::make_address("127.0.0.1"), 0};
        lo.single_threaded = threads == 1;
        return lo;
    }

    boost::asio::io_context io;
    memory_store records;
    // Every collection, as trusthub-server serves them (without the control API).
    trusthub::api wired;
    exchange api;
    listener server;
    std::vector<std::thread> runners;
    std::atomic<unsigned> finished{0};
};

} // namespace trusthub::test

#endif
