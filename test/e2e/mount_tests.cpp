// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The mount example: a host's own server answering /health, with the EndUser routes beside it,
// on the host's io_context, over real sockets.

#include "host.hpp"

#include <support/http_client.hpp>
#include <support/response_conformance.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>

// One suite a file, so that each ctest entry can run its file alone (test/CMakeLists.txt).
BOOST_AUTO_TEST_SUITE(mount)

using namespace trusthub::test;
namespace json = boost::json;

BOOST_AUTO_TEST_CASE(host_routes_and_end_user_routes_share_one_connection)
{
    const std::string account = "AC" + std::string(32, 'd');
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    auto port = acceptor.local_endpoint().port();
    trusthub::credential_table credentials;
    credentials.add_account(account, "host-token");
    host::end_user_api api(credentials, "http://127.0.0.1:" + std::to_string(port));
    boost::asio::co_spawn(io, host::accept(acceptor, api.api), boost::asio::detached);
    std::thread runner([&io] { io.run_for(std::chrono::seconds(60)); });

    {
        http_client c(acceptor.local_endpoint());
        c.authorization = basic_auth(account, "host-token");
        c.on_response = [](const auto& req, const auto& res) {
            for (const auto& problem : response_problems(req.method(), req.target(), res))
                BOOST_ERROR(problem);
        };
        auto health = c.get("/health");
        BOOST_TEST(health.result_int() == 200u);
        BOOST_TEST(health.body() == "ok\n");

        auto created = c.post("/v1/EndUsers", "FriendlyName=mounted&Type=individual");
        BOOST_TEST(created.result_int() == 201u);
        auto made = json::parse(created.body()).as_object();
        std::string url(made["url"].as_string());
        BOOST_TEST(url.starts_with("http://127.0.0.1:" + std::to_string(port) + "/v1/EndUsers/IT"));

        auto fetched = c.get("/v1/EndUsers/" + std::string(made["sid"].as_string()));
        BOOST_TEST(fetched.result_int() == 200u);
        BOOST_TEST(json::parse(fetched.body()).as_object() == made);

        // The host's own 404 for its own paths; Twilio's for the EndUser routes.
        auto host_missing = c.get("/elsewhere");
        BOOST_TEST(host_missing.result_int() == 404u);
        BOOST_TEST(host_missing.body() == "no such page\n");
        auto ours_missing = c.get("/v1/EndUsers/IT" + std::string(32, '0'));
        BOOST_TEST(ours_missing.result_int() == 404u);
        BOOST_TEST(json::parse(ours_missing.body()).as_object()["code"].as_int64() == 20404);

        c.authorization.reset();
        BOOST_TEST(c.get("/v1/EndUsers").result_int() == 401u);
        BOOST_TEST(c.get("/health").result_int() == 200u);
    }

    boost::asio::post(io, [&] { acceptor.close(); });
    io.stop();
    runner.join();
}

BOOST_AUTO_TEST_SUITE_END()
