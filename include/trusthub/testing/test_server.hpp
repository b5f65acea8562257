// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_TEST_SERVER_HPP
#define TRUSTHUB_TESTING_TEST_SERVER_HPP

/// A trusthub to test a client against, in the test program itself: every TrustHub endpoint
/// the library serves and the test-control API, on a loopback port the system picks,
/// served by a thread of its own. Works with any test framework:
///
///     trusthub::testing::test_server server;          // listening once constructed
///     my_client client(server.base_url(), server.account_sid(), server.auth_token());
///     ...
///     server.reset();                                  // between test cases
///
/// As a Boost.Test fixture, `BOOST_FIXTURE_TEST_SUITE(s, trusthub::testing::test_server)`
/// gives each test case a new server; a suite-wide one with `reset()` in each case is faster.

#include <trusthub/api.hpp>
#include <trusthub/control/bundle_control.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/http/credentials.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/http/listener.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/sid.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace trusthub::testing {

struct test_server_options {
    /// The account the server's accessors name. Empty: a random Account SID.
    std::string account_sid;
    /// Its Auth Token. Empty: a random one.
    std::string auth_token;
    /// More credentials (`ACSID:TOKEN`, or `SKSID:SECRET:ACSID` for an API key).
    std::vector<std::string> more_credentials;
    /// Where records live; null: a memory store the server owns. Must outlive the server.
    store* records = nullptr;
    /// SIDs and the real time (`sequential_sids()` makes SIDs reproducible).
    service_options service;
    /// Journal size, whether it keeps `Attributes`. Its clock is `service.clock`.
    test_control_options control;
    /// Type checks and the catalogue of the EndUser endpoints.
    end_user_endpoint_options end_users;
    /// Limits and timeouts; the endpoint is always a loopback port the system picks.
    listener_options listener;
    /// A path prefix the endpoints live under (`/trusthub`); empty for the root.
    std::string mount_prefix;
    /// Where the server's failures go (a 500's cause, a connection ended by an exception);
    /// the default: standard error.
    trusthub::logger logger;
    /// How long `run` waits for a coroutine (and `reset`, `snapshot`, `restore`).
    std::chrono::steady_clock::duration timeout = std::chrono::seconds(30);
};

/// See the top of this file. Not copyable or movable: its thread refers to it.
class test_server {
public:
    explicit test_server(test_server_options options = {})
        : options_(std::move(options)),
          account_sid_(options_.account_sid.empty() ? random_sids()("AC") : options_.account_sid),
          auth_token_(options_.auth_token.empty() ? random_sids()("AC").substr(2) : options_.auth_token),
          owned_store_(options_.records ? nullptr : std::make_unique<memory_store>()),
          store_(options_.records ? *options_.records : *owned_store_),
          api_(store_, api_options_for(options_)),
          exchange_(api_.endpoints(), exchange_options_for(options_, account_sid_, auth_token_)),
          listener_(io_.get_executor(), exchange_, listener_options_for(options_.listener, options_.logger)),
          work_(io_.get_executor())
    {
        exchange_.set_public_url("http://127.0.0.1:" + std::to_string(listener_.local_endpoint().port()));
        listener_.start();
        thread_ = std::thread([this] {
            // In slices, so that no single run is unbounded; `stopping_` ends the loop.
            while (!stopping_)
                io_.run_for(std::chrono::milliseconds(200));
        });
    }

    test_server(const test_server&) = delete;
    test_server& operator=(const test_server&) = delete;

    ~test_server()
    {
        listener_.stop();
        work_.reset();
        stopping_ = true;
        io_.stop();
        thread_.join();
    }

    /// `http://127.0.0.1:PORT`, and the mount prefix if there is one: what a client's base URL
    /// is set to.
    std::string base_url() const { return exchange_.options().public_url + exchange_.options().mount_prefix; }
    boost::asio::ip::tcp::endpoint endpoint() const { return listener_.local_endpoint(); }
    const std::string& account_sid() const noexcept { return account_sid_; }
    const std::string& auth_token() const noexcept { return auth_token_; }

    test_control& control() noexcept { return api_.control(); }
    store& records() noexcept { return store_; }
    boost::asio::io_context& context() noexcept { return io_; }

    /// Runs `work` on the server's thread and returns what it returns; throws what it throws,
    /// or `std::runtime_error` after `timeout`.
    template <class T>
    T run(boost::asio::awaitable<T> work)
    {
        auto done = boost::asio::co_spawn(io_, std::move(work), boost::asio::use_future);
        if (done.wait_for(options_.timeout) != std::future_status::ready)
            throw std::runtime_error("trusthub::testing::test_server: a call did not finish in time");
        return done.get();
    }

    /// Resets an account (default: `account_sid()`): its records, journal, fault rules and
    /// clock. Throws if the store fails.
    void reset(std::string_view account = {})
    {
        run(control().reset(std::string(account.empty() ? account_sid_ : account))).value();
    }

    /// The account's records, of every collection, in listing order.
    std::vector<record> snapshot(std::string_view account = {})
    {
        return run(control().snapshot(std::string(account.empty() ? account_sid_ : account))).value();
    }

    /// Replaces the account's records (see `test_control::restore`).
    void restore(std::vector<record> records, std::string_view account = {})
    {
        run(control().restore(std::string(account.empty() ? account_sid_ : account), std::move(records))).value();
    }

    /// Moves the account's CustomerProfile or TrustProduct `bundle_sid` to `status` (any of
    /// the five, from any), as Twilio's review would: `twilio-approved` gets a `valid_until` a
    /// year from the account's now. Returns the bundle as stored; throws if there is none.
    record review(std::string_view bundle_sid, std::string_view status, std::string_view account = {})
    {
        bundle_review decision;
        trusthub::detail::append_string(decision.status, status);
        return run(bundles_.review(std::string(account.empty() ? account_sid_ : account), std::string(bundle_sid),
                                   std::move(decision)))
            .value()
            .second;
    }

    /// Makes the account's Primary Customer Profile, `twilio-approved`, which Twilio makes in
    /// its Console and its API refuses to. Returns it as stored.
    record primary_profile(std::string_view friendly_name, std::string_view email, std::string_view account = {})
    {
        primary_profile_request request;
        request.friendly_name = friendly_name;
        request.email = email;
        return run(bundles_.make_primary_profile(std::string(account.empty() ? account_sid_ : account),
                                                 std::move(request)))
            .value();
    }

    /// Declares `subaccount` a subaccount of `parent`: it may then assign `parent`'s
    /// CustomerProfiles (its Primary profile, say) into its own bundles.
    void declare_parent(std::string_view subaccount, std::string_view parent)
    {
        control().relations().set_parent(subaccount, std::string(parent));
    }

    /// Registers phone numbers of the account: from then on, only those may be assigned to its
    /// bundles.
    void register_phone_numbers(const std::vector<std::string>& sids, std::string_view account = {})
    {
        control().relations().add_numbers(account.empty() ? account_sid_ : account, sids);
    }

private:
    static api_options api_options_for(const test_server_options& o)
    {
        api_options a;
        a.service = o.service;
        a.end_users = o.end_users;
        a.serve_control = true;
        a.control = o.control;
        return a;
    }

    static exchange_options exchange_options_for(const test_server_options& o, const std::string& account,
                                                 const std::string& token)
    {
        credential_table credentials;
        credentials.add_account(account, token);
        for (const auto& spec : o.more_credentials)
            credentials.add_spec(spec);
        exchange_options e;
        e.authenticate = std::move(credentials);
        e.mount_prefix = o.mount_prefix;
        e.logger = o.logger;
        e.request_ids = o.service.sids;
        return e;
    }

    static listener_options listener_options_for(listener_options l, const trusthub::logger& log)
    {
        l.logger = log;
        l.endpoint = {boost::asio::ip::make_address("127.0.0.1"), 0};
        l.single_threaded = true;
        return l;
    }

    test_server_options options_;
    std::string account_sid_;
    std::string auth_token_;
    std::unique_ptr<memory_store> owned_store_;
    store& store_;
    api api_;
    bundle_control bundles_{api_.operations(), default_policies()};
    exchange exchange_;
    boost::asio::io_context io_{1};
    listener listener_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace trusthub::testing

#endif
