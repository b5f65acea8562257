// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// Many clients at once against a listener whose io_context runs on several threads: nothing
// lost, nothing duplicated, paging stable under concurrent creates and deletes. Run under
// ThreadSanitizer in CI.

#include "server_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <mutex>
#include <set>

// One suite a file, so that each ctest entry can run its file alone (test/CMakeLists.txt).
BOOST_AUTO_TEST_SUITE(concurrency)

using namespace trusthub;
using namespace trusthub::test;
namespace json = boost::json;

namespace {

std::string sid_of(const http_client::response& res)
{
    return std::string(json::parse(res.body()).as_object()["sid"].as_string());
}

// Boost.Test's assertions are for the main thread only: worker threads collect what went
// wrong here, and the test asserts on it once they have joined.
struct problem_log {
    std::mutex mutex;
    std::vector<std::string> problems;

    void add(std::string what)
    {
        std::lock_guard lock(mutex);
        problems.push_back(std::move(what));
    }

    // Checks every response against the wire contract, from any thread.
    void watch(http_client& c)
    {
        c.on_response = [this](const http::request<http::string_body>& req, const http_client::response& res) {
            for (auto& p : response_problems(req.method(), req.target(), res))
                add(std::move(p));
        };
    }
};

// Every record of the account, following next_page_url verbatim. Throws on a repeated record
// or a failed page, so that it can run on any thread.
std::vector<json::object> walk_all(http_client& c, std::size_t page_size, std::string_view base_url)
{
    std::vector<json::object> out;
    std::set<std::string> seen;
    std::string target = "/v1/EndUsers?PageSize=" + std::to_string(page_size);
    for (int pages = 0; pages < 100000; ++pages) {
        auto res = c.get(target);
        if (res.result_int() != 200)
            throw std::runtime_error("page answered " + std::to_string(res.result_int()));
        auto b = json::parse(res.body()).as_object();
        for (auto& r : b["results"].as_array()) {
            std::string sid(r.as_object().at("sid").as_string());
            if (!seen.insert(sid).second)
                throw std::runtime_error("repeated " + sid);
            out.push_back(r.as_object());
        }
        auto next = b["meta"].as_object()["next_page_url"];
        if (next.is_null())
            return out;
        std::string url(next.as_string());
        if (!url.starts_with(base_url))
            throw std::runtime_error("next_page_url elsewhere: " + url);
        target = url.substr(base_url.size());
    }
    throw std::runtime_error("paging did not end");
}

} // namespace

BOOST_AUTO_TEST_CASE(concurrent_creates_updates_deletes_and_pages_lose_and_repeat_nothing)
{
    listener_fixture f({}, 4);
    const std::string base = "http://127.0.0.1:" + std::to_string(f.server.local_endpoint().port());

    // Survivors: created first, never touched; every concurrent page walk must see each once.
    std::set<std::string> survivors;
    {
        auto c = f.client();
        for (int i = 0; i < 60; ++i)
            survivors.insert(sid_of(c.post("/v1/EndUsers", "FriendlyName=keep" + std::to_string(i) + "&Type=t")));
    }

    constexpr int writers = 6, per_writer = 40;
    std::mutex mutex;
    std::map<std::string, std::string> expected_names;  // created and not deleted: sid → name
    problem_log log;
    std::atomic<bool> writing{true};

    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            auto c = f.client();
            log.watch(c);
            for (int i = 0; i < per_writer; ++i) {
                auto created = c.post("/v1/EndUsers", "FriendlyName=w" + std::to_string(w) + "-" + std::to_string(i) + "&Type=t");
                if (created.result_int() != 201) {
                    log.add("create answered " + std::to_string(created.result_int()));
                    continue;
                }
                std::string sid = sid_of(created);
                std::string name = "w" + std::to_string(w) + "-" + std::to_string(i);
                if (i % 3 == 0) {
                    name += "-renamed";
                    if (c.post("/v1/EndUsers/" + sid, "FriendlyName=" + name).result_int() != 200)
                        log.add("update failed: " + sid);
                }
                if (i % 4 == 1) {
                    if (c.del("/v1/EndUsers/" + sid).result_int() != 204)
                        log.add("delete failed: " + sid);
                    continue;
                }
                std::lock_guard lock(mutex);
                expected_names[sid] = name;
            }
        });
    }
    std::atomic<int> walks{0};
    for (int r = 0; r < 2; ++r) {
        threads.emplace_back([&] {
            auto c = f.client();
            log.watch(c);
            try {
                while (writing) {
                    auto all = walk_all(c, 7, base);
                    std::set<std::string> sids;
                    for (auto& o : all)
                        sids.emplace(o.at("sid").as_string());
                    for (auto& s : survivors)
                        if (!sids.contains(s))
                            log.add("a page walk skipped survivor " + s);
                    ++walks;
                }
            } catch (const std::exception& e) {
                log.add(std::string("page walk: ") + e.what());
            }
        });
    }
    for (int w = 0; w < writers; ++w)
        threads[static_cast<std::size_t>(w)].join();
    writing = false;
    for (std::size_t t = writers; t < threads.size(); ++t)
        threads[t].join();

    for (auto& p : log.problems)
        BOOST_ERROR(p);
    BOOST_TEST(log.problems.empty());
    BOOST_TEST(walks > 0);

    auto c = f.client();
    auto all = walk_all(c, 50, base);
    BOOST_TEST(all.size() == survivors.size() + expected_names.size());
    for (auto& o : all) {
        std::string sid(o.at("sid").as_string());
        if (survivors.contains(sid))
            continue;
        auto it = expected_names.find(sid);
        BOOST_TEST_REQUIRE((it != expected_names.end()), "unexpected " << sid);
        BOOST_TEST(o.at("friendly_name").as_string() == it->second);
    }
    BOOST_TEST(f.records.size() == all.size());

    // Another account saw none of it.
    auto other = f.client(account_b);
    BOOST_TEST(walk_all(other, 50, base).empty());
}

BOOST_AUTO_TEST_CASE(concurrent_updates_of_one_record_never_lose_a_field)
{
    listener_fixture f({}, 4);
    auto c = f.client();
    std::string sid = sid_of(c.post("/v1/EndUsers", "FriendlyName=start&Type=t"));
    problem_log log;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            auto mine = f.client();
            log.watch(mine);
            for (int i = 0; i < 50; ++i) {
                // Half the threads change the name, half the attributes: neither may undo the other.
                std::string body = t % 2 ? "FriendlyName=n" + std::to_string(t) + "-" + std::to_string(i)
                                         : "Attributes=%7B%22v%22%3A" + std::to_string(t * 100 + i) + "%7D";
                if (mine.post("/v1/EndUsers/" + sid, body).result_int() != 200)
                    log.add("update failed: " + body);
            }
        });
    for (auto& t : threads)
        t.join();
    for (auto& p : log.problems)
        BOOST_ERROR(p);
    auto last = json::parse(c.get("/v1/EndUsers/" + sid).body()).as_object();
    std::string name(last["friendly_name"].as_string());
    BOOST_TEST((name == "n1-49" || name == "n3-49"));
    auto v = last["attributes"].as_object()["v"].as_int64();
    BOOST_TEST((v == 49 || v == 249));
}

BOOST_AUTO_TEST_SUITE_END()
