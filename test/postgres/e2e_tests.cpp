// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// Two trusthub-server processes sharing one PostgreSQL database, over loopback HTTP; then
// PostgreSQL stopped and started again under load.
#include "support.hpp"

#include <support/http_client.hpp>
#include <support/response_conformance.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

// One suite a file, so that each ctest entry can run its file alone (test/CMakeLists.txt).
BOOST_AUTO_TEST_SUITE(postgres_end_to_end)

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;


namespace {

const std::string account = "AC0123456789abcdef0123456789abcdef";
const std::string token = "e2e-secret-token";

struct reply {
    int status = 0;  // 0: no answer in time
    std::string body;
    std::string retry_after;
    json::value json() const { return json::parse(body); }
};

// Every answer is checked against the wire contract; the load threads cannot call Boost.Test,
// so what is wrong is kept here and asserted at the end of each test case.
std::mutex problems_mutex;
std::vector<std::string> problems;

void check_no_wire_problems()
{
    std::lock_guard lock(problems_mutex);
    for (const auto& p : problems)
        BOOST_ERROR(p);
    problems.clear();
}

/// One HTTP request on a fresh connection, bounded in time.
reply call(unsigned short port, http::verb verb, std::string target, std::string form = {})
{
    trusthub::test::http_client client({asio::ip::make_address("127.0.0.1"), port}, 10s);
    client.authorization = trusthub::test::basic_auth(account, token);
    client.on_response = [](const http::request<http::string_body>& req, const trusthub::test::http_client::response& res) {
        auto found = trusthub::test::response_problems(req.method(), req.target(), res);
        std::lock_guard lock(problems_mutex);
        problems.insert(problems.end(), found.begin(), found.end());
    };
    reply out;
    try {
        auto res = client.request(verb, std::move(target), std::move(form));
        out.status = static_cast<int>(res.result_int());
        out.body = res.body();
        out.retry_after = std::string(res[http::field::retry_after]);
    } catch (const std::exception&) {
        // Refused, reset or no answer in time: status 0.
    }
    return out;
}

std::string form_encode(std::string_view text)
{
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

/// The path and query of an absolute URL: what another instance is asked for.
std::string path_of(std::string_view url)
{
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
    return std::string(url.substr(slash));
}

/// A trusthub-server child process on a free loopback port; stopped with SIGTERM at the end.
class server_process {
public:
    explicit server_process(const std::string& conninfo)
    {
        const char* exe = std::getenv("TRUSTHUB_SERVER");
        if (!exe)
            throw std::runtime_error("TRUSTHUB_SERVER is not set: run through ctest");
        int out[2];
        if (::pipe(out) != 0)
            throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::vector<std::string> args{exe, "--listen", "127.0.0.1:0", "--threads", "2", "--store", "postgres",
                                      "--postgres", conninfo, "--credential", account + ":" + token, "--quiet"};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, exe, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        if (rc != 0)
            throw std::runtime_error("cannot start trusthub-server");
        // The first line names the port it bound: "trusthub-server listening on 127.0.0.1:PORT, ..."
        std::string line;
        char c;
        while (::read(out[0], &c, 1) == 1 && c != '\n')
            line += c;
        output_ = out[0];
        auto at = line.find("127.0.0.1:");
        if (at == std::string::npos)
            throw std::runtime_error("trusthub-server did not start: " + line);
        port_ = static_cast<unsigned short>(std::stoi(line.substr(at + 10)));
    }

    ~server_process()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(output_);
    }

    unsigned short port() const { return port_; }

    bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

    /// SIGTERM, then the exit status within `limit` (-1 if it had to be killed).
    int stop(std::chrono::steady_clock::duration limit = 10s)
    {
        ::kill(pid_, SIGTERM);
        auto until = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (std::chrono::steady_clock::now() < until) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(20ms);
        }
        return -1;
    }

private:
    pid_t pid_ = -1;
    int output_ = -1;
    unsigned short port_ = 0;
};

void harness(const std::string& what)
{
    const char* script = std::getenv("TRUSTHUB_TEST_POSTGRES_HARNESS");
    BOOST_REQUIRE(script);
    std::string command = "sh '" + std::string(script) + "' " + what + " '" + trusthub_test::postgres_state() + "'";
    BOOST_REQUIRE_EQUAL(std::system(command.c_str()), 0);
}

reply create(unsigned short port, const std::string& name, const std::string& attributes = R"({"b":2,"a":1.50})")
{
    return call(port, http::verb::post, "/v1/EndUsers",
                "FriendlyName=" + form_encode(name) + "&Type=individual&Attributes=" + form_encode(attributes));
}

} // namespace

BOOST_AUTO_TEST_CASE(two_servers_share_one_database)
{
    const std::string conninfo = trusthub_test::postgres_conninfo();
    server_process a(conninfo), b(conninfo);

    std::vector<std::string> sids;
    for (int i = 0; i < 5; ++i) {
        auto r = create(a.port(), "user " + std::to_string(i));
        BOOST_REQUIRE_EQUAL(r.status, 201);
        sids.push_back(std::string(r.json().at("sid").as_string()));
    }
    // Created on one, fetched on the other, attributes byte for byte.
    for (const auto& sid : sids) {
        auto r = call(b.port(), http::verb::get, "/v1/EndUsers/" + sid);
        BOOST_REQUIRE_EQUAL(r.status, 200);
        BOOST_TEST(r.body.find(R"("attributes":{"b":2,"a":1.50})") != std::string::npos, r.body);
    }

    // A page from one, its next page from the other with the same token.
    auto first = call(a.port(), http::verb::get, "/v1/EndUsers?PageSize=2");
    BOOST_REQUIRE_EQUAL(first.status, 200);
    std::vector<std::string> paged;
    json::value page = first.json();
    for (;;) {
        for (const auto& item : page.at("results").as_array())
            paged.push_back(std::string(item.at("sid").as_string()));
        const auto& next = page.at("meta").at("next_page_url");
        if (next.is_null())
            break;
        // Alternate instances for every page.
        unsigned short port = paged.size() % 4 == 2 ? b.port() : a.port();
        auto r = call(port, http::verb::get, path_of(next.as_string()));
        BOOST_REQUIRE_EQUAL(r.status, 200);
        page = r.json();
    }
    BOOST_TEST(paged == sids);

    // The previous page of the last, asked of the other instance.
    const auto& previous = page.at("meta").at("previous_page_url");
    BOOST_REQUIRE(previous.is_string());
    auto back = call(b.port(), http::verb::get, path_of(previous.as_string()));
    BOOST_REQUIRE_EQUAL(back.status, 200);
    BOOST_TEST(back.json().at("results").as_array().size() == 2u);

    // Updated on one, seen on the other; deleted on one, gone on the other.
    auto updated = call(b.port(), http::verb::post, "/v1/EndUsers/" + sids[0], "FriendlyName=Renamed");
    BOOST_REQUIRE_EQUAL(updated.status, 200);
    auto seen = call(a.port(), http::verb::get, "/v1/EndUsers/" + sids[0]);
    BOOST_REQUIRE_EQUAL(seen.status, 200);
    BOOST_TEST(seen.json().at("friendly_name").as_string() == "Renamed");
    BOOST_TEST(seen.body.find(R"("attributes":{"b":2,"a":1.50})") != std::string::npos);

    BOOST_TEST(call(b.port(), http::verb::delete_, "/v1/EndUsers/" + sids[1]).status == 204);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/EndUsers/" + sids[1]).status == 404);
    BOOST_TEST(call(a.port(), http::verb::delete_, "/v1/EndUsers/" + sids[1]).status == 404);

    BOOST_TEST(a.stop() == 0);
    BOOST_TEST(b.stop() == 0);
    check_no_wire_problems();
}

BOOST_AUTO_TEST_CASE(supporting_documents_are_shared_and_kept_apart_from_end_users)
{
    const std::string conninfo = trusthub_test::postgres_conninfo();
    server_process a(conninfo), b(conninfo);

    auto made = call(a.port(), http::verb::post, "/v1/SupportingDocuments",
                     "FriendlyName=HQ&Type=customer_profile_address&Attributes=" +
                         form_encode(R"({"address_sids":"AD0123456789abcdef0123456789abcdef"})"));
    BOOST_REQUIRE_EQUAL(made.status, 201);
    std::string sid(made.json().at("sid").as_string());
    BOOST_TEST(sid.starts_with("RD"));
    BOOST_TEST(made.json().at("status").as_string() == "DRAFT");
    BOOST_TEST(made.json().at("mime_type").is_null());

    // Created on one instance, fetched and listed on the other, byte for byte.
    auto fetched = call(b.port(), http::verb::get, "/v1/SupportingDocuments/" + sid);
    BOOST_REQUIRE_EQUAL(fetched.status, 200);
    BOOST_TEST(fetched.json().at("attributes") == made.json().at("attributes"));
    auto listed = call(b.port(), http::verb::get, "/v1/SupportingDocuments");
    BOOST_REQUIRE_EQUAL(listed.status, 200);
    bool found = false;
    json::value list_body = listed.json();  // named: the loop runs over a part of it
    for (const auto& item : list_body.at("results").as_array())
        found = found || item.at("sid").as_string() == sid;
    BOOST_TEST(found);

    // Another collection's path does not reach it, and the types catalogue is served.
    BOOST_TEST(call(b.port(), http::verb::get, "/v1/EndUsers/IT" + sid.substr(2)).status == 404);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/SupportingDocumentTypes/customer_profile_address").status == 200);

    auto renamed = call(b.port(), http::verb::post, "/v1/SupportingDocuments/" + sid, "FriendlyName=Head%20office");
    BOOST_REQUIRE_EQUAL(renamed.status, 200);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/SupportingDocuments/" + sid).json().at("friendly_name").as_string() ==
               "Head office");
    BOOST_TEST(call(a.port(), http::verb::delete_, "/v1/SupportingDocuments/" + sid).status == 204);
    BOOST_TEST(call(b.port(), http::verb::get, "/v1/SupportingDocuments/" + sid).status == 404);

    BOOST_TEST(a.stop() == 0);
    BOOST_TEST(b.stop() == 0);
    check_no_wire_problems();
}

BOOST_AUTO_TEST_CASE(bundles_are_shared_filtered_and_guarded_across_servers)
{
    const std::string conninfo = trusthub_test::postgres_conninfo();
    server_process a(conninfo), b(conninfo);
    const std::string secondary = "RNdfbf3fae0e1107f8aded0e7cead80bf5";
    const std::string starter = "RN806dd6cd175f314e1f96a9727ee271f4";

    auto make = [&](std::string_view name, const std::string& policy) {
        auto made = call(a.port(), http::verb::post, "/v1/CustomerProfiles",
                         "FriendlyName=" + std::string(name) + "&Email=ops%40acme.test&PolicySid=" + policy);
        BOOST_REQUIRE_EQUAL(made.status, 201);
        BOOST_TEST(made.json().at("status").as_string() == "draft");
        return std::string(made.json().at("sid").as_string());
    };
    std::string first = make("alpha", secondary), second = make("alpha", starter), third = make("beta", starter);
    auto product = call(b.port(), http::verb::post, "/v1/TrustProducts",
                        "FriendlyName=alpha&Email=e&PolicySid=RN7a97559effdf62d00f4298208492a5ea");
    BOOST_REQUIRE_EQUAL(product.status, 201);
    std::string product_sid(product.json().at("sid").as_string());

    // Submitted on the other server; the filters run in the database, values bound.
    BOOST_TEST(call(b.port(), http::verb::post, "/v1/CustomerProfiles/" + second, "Status=pending-review").status == 200);
    auto sids_of = [&](const std::string& query) {
        auto listed = call(b.port(), http::verb::get, "/v1/CustomerProfiles" + query);
        BOOST_REQUIRE_EQUAL(listed.status, 200);
        std::vector<std::string> out;
        json::value body = listed.json();  // named: the loop runs over a part of it
        for (const auto& item : body.at("results").as_array())
            out.emplace_back(item.at("sid").as_string());
        return out;
    };
    BOOST_TEST((sids_of("") == std::vector<std::string>{first, second, third}));
    BOOST_TEST((sids_of("?FriendlyName=alpha") == std::vector<std::string>{first, second}));
    BOOST_TEST((sids_of("?PolicySid=" + starter) == std::vector<std::string>{second, third}));
    BOOST_TEST((sids_of("?Status=draft&PolicySid=" + starter) == std::vector<std::string>{third}));
    BOOST_TEST((sids_of("?Status=pending-review&FriendlyName=alpha&PolicySid=" + starter) ==
                std::vector<std::string>{second}));
    BOOST_TEST(sids_of("?FriendlyName=gamma").empty());

    // Under review on one server, guarded on the other; the kinds stay apart.
    BOOST_TEST(call(a.port(), http::verb::delete_, "/v1/CustomerProfiles/" + second).status == 409);
    BOOST_TEST(call(a.port(), http::verb::post, "/v1/CustomerProfiles/" + second, "Status=draft").status == 409);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/CustomerProfiles/" + product_sid).status == 404);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/TrustProducts/" + first).status == 404);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/TrustProducts/" + product_sid).json().at("friendly_name").as_string() ==
               "alpha");
    BOOST_TEST(call(b.port(), http::verb::delete_, "/v1/CustomerProfiles/" + first).status == 204);
    BOOST_TEST(call(a.port(), http::verb::get, "/v1/CustomerProfiles/" + first).status == 404);

    BOOST_TEST(a.stop() == 0);
    BOOST_TEST(b.stop() == 0);
    check_no_wire_problems();
}

BOOST_AUTO_TEST_CASE(assignments_and_deletes_race_across_servers_and_the_graph_stays_whole)
{
    const std::string conninfo = trusthub_test::postgres_conninfo();
    server_process a(conninfo), b(conninfo);
    auto sid_from = [](const reply& r) { return std::string(r.json().at("sid").as_string()); };
    auto profile = call(a.port(), http::verb::post, "/v1/CustomerProfiles",
                        "FriendlyName=race&Email=e&PolicySid=RNdfbf3fae0e1107f8aded0e7cead80bf5");
    BOOST_REQUIRE_EQUAL(profile.status, 201);
    const std::string cp = sid_from(profile);
    const std::string assignments = "/v1/CustomerProfiles/" + cp + "/EntityAssignments";
    constexpr int rounds = 30;
    std::vector<std::string> users, documents;
    for (int i = 0; i < rounds; ++i) {
        auto user = call(b.port(), http::verb::post, "/v1/EndUsers", "FriendlyName=u&Type=individual");
        auto doc = call(b.port(), http::verb::post, "/v1/SupportingDocuments", "FriendlyName=d&Type=customer_profile_address");
        BOOST_REQUIRE_EQUAL(user.status, 201);
        BOOST_REQUIRE_EQUAL(doc.status, 201);
        users.push_back(sid_from(user));
        documents.push_back(sid_from(doc));
    }

    // Each server assigns one kind of object while the other deletes it: one wins each race,
    // and the other is told so with the collection's own answer.
    std::atomic<int> unexpected{0};
    auto assign_all = [&](unsigned short port, const std::vector<std::string>& objects) {
        for (const auto& object : objects) {
            int status = call(port, http::verb::post, assignments, "ObjectSid=" + object).status;
            if (status != 201 && status != 400)
                ++unexpected;
        }
    };
    auto delete_all = [&](unsigned short port, const std::string& collection, const std::vector<std::string>& objects,
                          int refused) {
        for (const auto& object : objects) {
            int status = call(port, http::verb::delete_, collection + object).status;
            if (status != 204 && status != refused)
                ++unexpected;
        }
    };
    std::vector<std::thread> racers;
    racers.emplace_back([&] { assign_all(a.port(), users); });
    racers.emplace_back([&] { delete_all(b.port(), "/v1/EndUsers/", users, 400); });
    racers.emplace_back([&] { assign_all(b.port(), documents); });
    racers.emplace_back([&] { delete_all(a.port(), "/v1/SupportingDocuments/", documents, 409); });
    for (auto& t : racers)
        t.join();
    BOOST_TEST(unexpected == 0);

    // Every assignment names a record that exists, and every record left is held.
    auto listed = call(b.port(), http::verb::get, assignments + "?PageSize=1000");
    BOOST_REQUIRE_EQUAL(listed.status, 200);
    json::value page = listed.json();
    std::size_t held = 0;
    for (const auto& item : page.at("results").as_array()) {
        std::string object(item.at("object_sid").as_string());
        std::string path = (object.starts_with("IT") ? "/v1/EndUsers/" : "/v1/SupportingDocuments/") + object;
        BOOST_TEST(call(a.port(), http::verb::get, path).status == 200, object);
        ++held;
    }
    std::size_t left = 0;
    for (int i = 0; i < rounds; ++i) {
        left += call(a.port(), http::verb::get, "/v1/EndUsers/" + users[i]).status == 200;
        left += call(a.port(), http::verb::get, "/v1/SupportingDocuments/" + documents[i]).status == 200;
    }
    BOOST_TEST(held == left);

    // Deleting the bundle on one server takes its assignments; the other then frees the objects.
    BOOST_TEST(call(a.port(), http::verb::delete_, "/v1/CustomerProfiles/" + cp).status == 204);
    BOOST_TEST(call(b.port(), http::verb::get, assignments).status == 404);
    for (int i = 0; i < rounds; ++i) {
        int user = call(b.port(), http::verb::delete_, "/v1/EndUsers/" + users[i]).status;
        BOOST_TEST((user == 204 || user == 404));
    }

    BOOST_TEST(a.stop() == 0);
    BOOST_TEST(b.stop() == 0);
    check_no_wire_problems();
}

BOOST_AUTO_TEST_CASE(a_database_restart_under_load)
{
    const std::string conninfo = trusthub_test::postgres_conninfo();
    server_process a(conninfo), b(conninfo);

    // Two clients create records on both instances without pause while the database stops
    // for a while and comes back.
    std::mutex mutex;
    std::vector<std::string> answered;  // SIDs answered 201
    std::map<int, int> statuses;
    std::vector<std::string> unavailable_bodies;
    std::chrono::steady_clock::duration slowest{};
    std::atomic<bool> stop{false};
    auto load = [&](unsigned short port, int who) {
        for (int n = 0; !stop; ++n) {
            auto start = std::chrono::steady_clock::now();
            auto r = create(port, "load " + std::to_string(who) + " " + std::to_string(n));
            auto took = std::chrono::steady_clock::now() - start;
            std::lock_guard lock(mutex);
            slowest = std::max(slowest, took);
            ++statuses[r.status];
            if (r.status == 201)
                answered.push_back(std::string(r.json().at("sid").as_string()));
            else if (r.status == 503 && unavailable_bodies.size() < 3)
                unavailable_bodies.push_back(r.body + " Retry-After: " + r.retry_after);
            if (r.status != 201)
                std::this_thread::sleep_for(20ms);
        }
    };
    std::thread one(load, a.port(), 1), two(load, b.port(), 2);
    std::this_thread::sleep_for(1s);
    std::size_t before_stop;
    {
        std::lock_guard lock(mutex);
        before_stop = answered.size();
    }
    harness("stop");
    std::this_thread::sleep_for(2s);
    harness("start");
    std::this_thread::sleep_for(2s);
    stop = true;
    one.join();
    two.join();

    BOOST_TEST_MESSAGE("statuses: 201 x " << statuses[201] << ", 503 x " << statuses[503] << "; slowest "
                                          << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count()
                                          << " ms");
    BOOST_TEST(before_stop > 0u);
    BOOST_TEST(statuses[503] > 0);
    for (const auto& [status, count] : statuses)
        BOOST_TEST((status == 201 || status == 503), "status " << status << " x " << count);
    // While the database was down, answers came within the timeouts: no request hung.
    BOOST_TEST((slowest < 4s));
    for (const auto& body : unavailable_bodies) {
        BOOST_TEST(body.find(R"("code":20503)") != std::string::npos, body);
        BOOST_TEST(body.find(R"("status":503)") != std::string::npos, body);
        BOOST_TEST(body.find("Retry-After: 1") != std::string::npos, body);
    }
    // Service resumed by itself after the restart: the last requests succeeded.
    auto after = create(a.port(), "after the restart");
    BOOST_TEST(after.status == 201);
    auto after_b = create(b.port(), "after the restart");
    BOOST_TEST(after_b.status == 201);
    BOOST_TEST(answered.size() > before_stop);

    // Everything answered 201 is there, whichever instance is asked.
    int missing = 0;
    for (std::size_t i = 0; i < answered.size(); ++i) {
        auto r = call(i % 2 ? a.port() : b.port(), http::verb::get, "/v1/EndUsers/" + answered[i]);
        if (r.status != 200)
            ++missing;
    }
    BOOST_TEST(missing == 0);
    BOOST_TEST(a.running());
    BOOST_TEST(b.running());
    BOOST_TEST(a.stop() == 0);
    BOOST_TEST(b.stop() == 0);
    check_no_wire_problems();
}

BOOST_AUTO_TEST_SUITE_END()
