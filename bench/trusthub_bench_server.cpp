// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// trusthub-bench-server: trusthub's listener, exchange, endpoints, service and in-memory store on one
// thread, as trusthub-server runs them with `--threads 1 --quiet`, plus what the load
// benchmarks need: the store preloaded with N end users (and M supporting documents) before
// the first request.
//
//   trusthub-bench-server --credential ACSID:TOKEN [--listen HOST:PORT] [--preload N]
//                         [--sid-file PATH] [--sid-sample K] [--token-at POSITION]
//                         [--preload-documents M] [--document-sid-file PATH]
//                         [--preload-bundles B] [--bundle-sid-file PATH]
//
// --preload N       creates N end users in the credential's account, each with the six-field
//                   attributes object of an authorized representative, before listening.
// --sid-file PATH   writes the SIDs of K preloaded records (evenly spread; all if K is 0 or
//                   at least N), one a line, for the wrk scripts.
// --token-at POS    prints the page token of the page after the POS-th preloaded record.
// --preload-documents M
//                   then creates M supporting documents of type customer_profile_address in
//                   the same account, as a client's create leaves them (DRAFT, no mime type).
// --document-sid-file PATH
//                   writes the SIDs of all preloaded documents, one a line.
// --preload-bundles B
//                   then creates B draft CustomerProfiles under the Secondary profile policy,
//                   as a client's create leaves them.
// --bundle-sid-file PATH
//                   writes the SIDs of all preloaded bundles, one a line.
//
// Prints `rss_before_kb A`, `rss_after_kb B` (around the end users' preload only, so that the
// memory a record takes is the end users' alone), `records N`, with documents
// `rss_documents_kb C` and `documents M`, then `listening PORT` once ready.

#include <trusthub.hpp>
#include <trusthub/detail/page_token.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "heap.hpp"
#include "options.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

struct config {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string credential;
    std::size_t preload = 0;
    std::string sid_file;
    std::size_t sid_sample = 0;
    std::optional<std::size_t> token_at;
    std::size_t documents = 0;
    std::string document_sid_file;
    std::size_t bundles = 0;
    std::string bundle_sid_file;
};

config parse(int argc, char** argv)
{
    config c;
    trusthub_server::arguments args(argc, argv);
    while (args.next()) {
        std::string_view arg = args.option();
        auto value = [&args] { return args.value(); };
        if (arg == "--listen") {
            std::tie(c.host, c.port) = trusthub_server::split_host_port(value());
        } else if (arg == "--credential") {
            c.credential = value();
        } else if (arg == "--preload") {
            c.preload = std::stoull(value());
        } else if (arg == "--sid-file") {
            c.sid_file = value();
        } else if (arg == "--sid-sample") {
            c.sid_sample = std::stoull(value());
        } else if (arg == "--token-at") {
            c.token_at = std::stoull(value());
        } else if (arg == "--preload-documents") {
            c.documents = std::stoull(value());
        } else if (arg == "--preload-bundles") {
            c.bundles = std::stoull(value());
        } else if (arg == "--bundle-sid-file") {
            c.bundle_sid_file = value();
        } else if (arg == "--document-sid-file") {
            c.document_sid_file = value();
        } else {
            throw std::invalid_argument("unknown option " + std::string(arg));
        }
    }
    if (c.credential.empty())
        throw std::invalid_argument("--credential ACSID:TOKEN is required");
    return c;
}

// Resident memory of this process, in kB, from /proc/self/status.
long vm_rss_kb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmRSS:"))
            return std::stol(line.substr(6));
    return -1;
}

// An authorized representative as in the EndUserTypes catalogue: six fields, varied a little
// from record to record.
trusthub::record make_record(const std::string& account, std::size_t i, trusthub::timestamp now)
{
    std::string n = std::to_string(i);
    trusthub::end_user u;
    u.sid = trusthub::random_sids()("IT");
    u.account_sid = account;
    u.friendly_name = "Rep " + n;
    u.type = "authorized_representative_1";
    u.attributes = R"({"first_name":"Ada)" + n + R"(","last_name":"Lovelace","email":"ada)" + n +
                   R"(@example.com","phone_number":"+14155550100","business_title":"Director","job_position":"CEO"})";
    u.date_created = u.date_updated = now;
    return trusthub::to_record(u);
}

// A customer profile address document as a client creates it
// (`FriendlyName`, `Type=customer_profile_address`, `Attributes={"address_sids":"AD…"}`): the
// fields as the service stores them, in the descriptor's order, as JSON texts (empty: null).
trusthub::record make_document(const std::string& account, std::size_t i, trusthub::timestamp now,
                               const trusthub::sid_source& sids)
{
    namespace sd = trusthub::resources;
    trusthub::record r;
    r.kind = sd::supporting_documents.kind;
    r.sid = sids(sd::supporting_documents.sid_prefix);
    r.account_sid = account;
    r.date_created = r.date_updated = now;
    r.fields = {
        "\"Address " + std::to_string(i) + "\"",      // friendly_name
        "",                                           // mime_type: null
        "\"DRAFT\"",                                  // status
        "\"customer_profile_address\"",               // type
        "{\"address_sids\":\"" + sids("AD") + "\"}",  // attributes
    };
    if (r.fields.size() != sd::supporting_documents.fields.size())
        throw std::logic_error("make_document: the descriptor's fields changed");
    return r;
}

// A draft Secondary CustomerProfile as a client creates it (`FriendlyName`, `Email`,
// `PolicySid`): the fields in the descriptor's order, as JSON texts (empty: null).
trusthub::record make_bundle(const std::string& account, std::size_t i, trusthub::timestamp now,
                             const trusthub::sid_source& sids)
{
    namespace rs = trusthub::resources;
    trusthub::record r;
    r.kind = rs::customer_profiles.kind;
    r.sid = sids(rs::customer_profiles.sid_prefix);
    r.account_sid = account;
    r.date_created = r.date_updated = now;
    r.fields = {
        "\"draft\"",                                 // status
        "\"Acme " + std::to_string(i) + "\"",        // friendly_name
        "\"RNdfbf3fae0e1107f8aded0e7cead80bf5\"",    // policy_sid
        "\"ops@acme.test\"",                         // email
        "", "", "",                                 // status_callback, valid_until, errors: null
    };
    if (r.fields.size() != rs::customer_profiles.fields.size())
        throw std::logic_error("make_bundle: the descriptor's fields changed");
    return r;
}

// Creates `count` records made by `make` and writes their SIDs to `sid_file` (if named).
template <class Make>
void preload(trusthub::memory_store& records, std::size_t count, const std::string& sid_file, Make make)
{
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto sids = trusthub::random_sids();
    std::vector<std::string> all;
    all.reserve(sid_file.empty() ? 0 : count);
    for (std::size_t i = 0; i < count; ++i) {
        auto created = records.create_now(make(i, now, sids));
        if (!created)
            throw std::runtime_error("preload failed: " + created.error().message());
        if (!sid_file.empty())
            all.push_back(created->sid);
    }
    if (!sid_file.empty()) {
        std::ofstream out(sid_file, std::ios::trunc);
        for (const auto& sid : all)
            out << sid << '\n';
        if (!out)
            throw std::runtime_error("cannot write " + sid_file);
    }
}

} // namespace

int main(int argc, char** argv)
{
    trusthub_server::keep_freed_heap();
    try {
        config c = parse(argc, argv);
        trusthub::credential_table credentials;
        credentials.add_spec(c.credential);
        std::string account = c.credential.substr(0, c.credential.find(':'));

        trusthub::memory_store records;
        long before = vm_rss_kb();
        {
            auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
            std::size_t every = c.sid_sample == 0 || c.sid_sample >= c.preload ? 1 : c.preload / c.sid_sample;
            std::vector<std::string> sample;
            for (std::size_t i = 0; i < c.preload; ++i) {
                auto created = records.create_now(make_record(account, i, now));
                if (!created)
                    throw std::runtime_error("preload failed: " + created.error().message());
                if (!c.sid_file.empty() && i % every == 0)
                    sample.push_back(created->sid);
                if (c.token_at && i + 1 == *c.token_at) {
                    using trusthub::detail::page_token;
                    std::cout << "token " << page_token{page_token::direction::after, created->sequence}.encode(
                                     page_token::binding_for(account, trusthub::resources::end_users.kind, {}))
                              << "\n";
                }
            }
            if (!c.sid_file.empty()) {
                std::ofstream out(c.sid_file, std::ios::trunc);
                for (const auto& sid : sample)
                    out << sid << '\n';
                if (!out)
                    throw std::runtime_error("cannot write " + c.sid_file);
            }
        }
        long after = vm_rss_kb();
        std::cout << "rss_before_kb " << before << "\nrss_after_kb " << after << "\nrecords " << records.size() << "\n";
        if (c.documents != 0) {
            preload(records, c.documents, c.document_sid_file,
                    [&](std::size_t i, trusthub::timestamp now, const trusthub::sid_source& sids) {
                        return make_document(account, i, now, sids);
                    });
            std::cout << "rss_documents_kb " << vm_rss_kb() << "\ndocuments " << c.documents << "\n";
        }
        if (c.bundles != 0) {
            preload(records, c.bundles, c.bundle_sid_file,
                    [&](std::size_t i, trusthub::timestamp now, const trusthub::sid_source& sids) {
                        return make_bundle(account, i, now, sids);
                    });
            std::cout << "bundles " << c.bundles << "\n";
        }

        boost::asio::io_context io(1);
        trusthub::api wired(records);
        trusthub::exchange_options eo;
        eo.authenticate = credentials;
        trusthub::exchange api(wired.endpoints(), eo);
        trusthub::listener_options lo;
        lo.endpoint = {boost::asio::ip::make_address(c.host), c.port};
        lo.single_threaded = true;  // as trusthub-server --threads 1
        trusthub::listener server(io.get_executor(), api, lo);
        api.set_public_url("http://" + c.host + ":" + std::to_string(server.local_endpoint().port()));
        server.start();

        boost::asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code& ec, int) {
            if (!ec)
                server.stop();
        });
        std::cout << "listening " << server.local_endpoint().port() << std::endl;
        io.run();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "trusthub-bench-server: " << e.what() << "\n";
        return 2;
    }
}
