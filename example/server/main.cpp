// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// trusthub-server: the TrustHub EndUser API as a standalone program.

#include "heap.hpp"
#include "line_writer.hpp"
#include "options.hpp"

#include <trusthub.hpp>
#if defined(TRUSTHUB_WITH_POSTGRES)
#include <trusthub/postgres/store.hpp>
#endif

#include <boost/asio/io_context.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_future.hpp>

#include <charconv>
#include <cerrno>
#include <cstdint>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ctime>
#include <fstream>
#include <future>
#include <iterator>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace {

std::string url_host(const boost::asio::ip::tcp::endpoint& ep)
{
    auto address = ep.address().to_string();
    if (ep.address().is_v6())
        address = "[" + address + "]";
    return address + ":" + std::to_string(ep.port());
}

// The time as Twilio writes dates, `2021-02-16T20:40:57Z`, appended to `line`. Formatted once a
// second on each thread: the calendar arithmetic would otherwise be done for every request.
void append_utc_now(std::string& line)
{
    thread_local std::time_t formatted_second = -1;
    thread_local char text[32];
    thread_local std::size_t length = 0;
    std::time_t now = std::time(nullptr);
    if (now != formatted_second) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
        formatted_second = now;
    }
    line.append(text, length);
}

void append_number(std::string& line, std::uint64_t n)
{
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    line.append(digits, end);
}

// One line a request: never a body, attributes or credentials. Handed to `out`, so a reader of
// standard output that stops reading never stops the requests. The line is built in a buffer
// each thread keeps, so that logging allocates nothing.
trusthub::request_logger make_logger(std::shared_ptr<trusthub_server::line_writer> out)
{
    return [out = std::move(out)](const trusthub::request_log& e) {
        thread_local std::string line;
        line.clear();
        append_utc_now(line);
        line.append(" ").append(e.method).append(" ").append(e.path).append(" ");
        append_number(line, e.status);
        line.push_back(' ');
        append_number(line, static_cast<std::uint64_t>(e.duration.count()));
        line.append("us ").append(e.request_id);
        if (!e.account_sid.empty())
            line.append(" ").append(e.account_sid);
        line.push_back('\n');
        out->write(line);
    };
}

// The server's own diagnostics (a request answered with a 500 with its id and cause, a
// connection ended by an exception, a type check's warning), for the operator: dated lines on
// standard error. Through a writer of their own, so that a stalled standard error never stalls
// a request either.
trusthub::logger make_diagnostics(std::shared_ptr<trusthub_server::line_writer> err)
{
    return trusthub::logger(trusthub::log_level::info, [err = std::move(err)](trusthub::log_level level,
                                                                              std::string_view message) {
        std::string line = "trusthub-server: ";
        append_utc_now(line);
        line.append(" ").append(trusthub::log_level_name(level)).append(": ");
        // One line a message whatever it holds (an exception's text may carry anything): control
        // characters are written as \xNN, so that nothing can forge a line or reach a terminal.
        for (char c : message) {
            auto byte = static_cast<unsigned char>(c);
            if (byte < 0x20 || byte == 0x7f) {
                static constexpr char hex[] = "0123456789abcdef";
                line.append("\\x").push_back(hex[byte >> 4]);
                line.push_back(hex[byte & 0xf]);
            } else {
                line.push_back(c);
            }
        }
        line.push_back('\n');
        err->write(line);
    });
}

std::unique_ptr<trusthub::store> make_store(const trusthub_server::options& o, boost::asio::io_context& io,
                                           const trusthub::logger& diagnostics)
{
    if (o.store == "postgres") {
#if defined(TRUSTHUB_WITH_POSTGRES)
        if (o.postgres.empty())
            throw std::invalid_argument("--store postgres needs --postgres CONNINFO (or TRUSTHUB_POSTGRES)");
        trusthub::postgres::store_options po;
        po.conninfo = o.postgres;
        // Why the database is unavailable, for the operator: libpq's messages, never data.
        po.log = diagnostics;
        return std::make_unique<trusthub::postgres::store>(io.get_executor(), po);
#else
        (void)io;
        (void)diagnostics;
        throw std::invalid_argument("this trusthub-server was built without PostgreSQL support");
#endif
    }
    (void)io;
    (void)diagnostics;
    return std::make_unique<trusthub::memory_store>();
}

// Loads `path` (`{"accounts": {"AC…": {"end_users": […]}}}`) into the store, before anything
// listens. A file that will not do stops the server with the problem named.
void load_seed(boost::asio::io_context& io, trusthub::test_control& control, const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("--seed: cannot read " + path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto accounts = trusthub::test_control_codec::decode_seed(text, control.options().clock());
    if (!accounts)
        throw std::runtime_error("--seed " + path + ": " + accounts.error().message);
    for (auto& [account, records] : *accounts) {
        auto done = boost::asio::co_spawn(io, control.restore(account, std::move(records)), boost::asio::use_future);
        // The io_context runs nothing else yet: turn it until the restore is done.
        while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            io.run_one_for(std::chrono::milliseconds(100));
        io.restart();
        auto restored = done.get();
        if (!restored)
            throw std::runtime_error("--seed " + path + ": account " + account + ": " + restored.error().message() +
                                     (restored.error() == trusthub::errc::already_exists
                                          ? " (a SID given to another account too)"
                                          : ""));
    }
}

// `text` without the white space around it.
std::string_view trimmed(std::string_view text)
{
    constexpr std::string_view blanks = " \t\r\v\f";
    auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

// Adds the credentials in `path`, one a line as --credential takes them. The file holds
// secrets, so it is refused, as ssh refuses a private key, when its group or others have any
// access to it; and one with no credential in it is refused too, as a mistake rather than a
// server no one may call. Errors name the file and the line, never the line's text: it may
// hold a token.
void add_credentials_file(trusthub::credential_table& credentials, const std::string& path)
{
    auto refused = [&path](const std::string& why) {
        return std::runtime_error("--credentials-file " + path + ": " + why);
    };
    // Checked through the descriptor that is read, so that the file checked is the file read.
    // Non-blocking, so that a FIFO named by mistake is refused below instead of waiting for a
    // writer.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw refused(std::string("cannot open it: ") + std::strerror(errno));
    struct closer {
        int fd;
        ~closer() { ::close(fd); }
    } close_at_exit{fd};
    struct stat status {};
    if (::fstat(fd, &status) != 0)
        throw refused(std::string("cannot read it: ") + std::strerror(errno));
    if (!S_ISREG(status.st_mode))
        throw refused("not a regular file");
    if ((status.st_mode & 077) != 0) {
        char mode[8];
        auto [end, ec] = std::to_chars(mode, mode + sizeof mode, status.st_mode & 0777, 8);
        throw refused("its group or others have access (mode 0" + std::string(mode, end) +
                      "); it must be private to its owner (chmod 600)");
    }
    std::string text;
    char buffer[4096];
    for (;;) {
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw refused(std::string("cannot read it: ") + std::strerror(errno));
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }

    std::string_view rest = text;
    std::size_t number = 0, added = 0;
    while (!rest.empty()) {
        auto newline = rest.find('\n');
        auto line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        ++number;
        line = trimmed(line);
        if (line.empty() || line.front() == '#')
            continue;
        try {
            credentials.add_spec(line);
        } catch (const std::invalid_argument& e) {
            throw refused("line " + std::to_string(number) + ": " + e.what());
        }
        ++added;
    }
    if (added == 0)
        throw refused("it holds no credential");
}

// Every connection is a descriptor, and the common soft limit (1,024) is what an idle crowd
// exhausts first: take the hard limit, which the system allows without privileges.
void raise_descriptor_limit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            std::cerr << "trusthub-server: could not raise the descriptor limit: " << std::strerror(errno) << "\n";
    }
}

} // namespace

int main(int argc, char** argv)
{
    trusthub_server::keep_freed_heap();
    raise_descriptor_limit();
    // A log reader that has gone must not end the server: writes then fail with EPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        auto o = trusthub_server::parse(argc, argv);
        if (o.help) {
            std::cout << trusthub_server::usage;
            return 0;
        }
        auto [host, port] = trusthub_server::split_host_port(o.listen);

        trusthub::credential_table credentials;
        for (const auto& spec : o.credentials)
            credentials.add_spec(spec);
        if (!o.credentials_file.empty())
            add_credentials_file(credentials, o.credentials_file);
        std::string made_up_account, made_up_token;
        if (credentials.empty()) {
            auto random = trusthub::random_sids();
            made_up_account = random("AC");
            // 128 random bits in hex, as an Auth Token is: a SID's digits without its prefix.
            made_up_token = random("AC").substr(2);
            credentials.add_account(made_up_account, made_up_token);
        }

        auto out = std::make_shared<trusthub_server::line_writer>(STDOUT_FILENO, "standard output");
        auto err = std::make_shared<trusthub_server::line_writer>(STDERR_FILENO, "standard error");
        trusthub_server::heap_trimmer trimmer;
        boost::asio::io_context io(static_cast<int>(o.threads));
        trusthub::logger diagnostics = make_diagnostics(err);
        auto records = make_store(o, io, diagnostics);

        trusthub::api_options ao;
        ao.control.keep_attributes_in_journal = o.keep_attributes_in_journal;
        ao.serve_control = o.control;
        ao.bundles.allow_api_primary_profiles = o.allow_api_primary_profiles;
        if (o.seed)
            ao.service.sids = trusthub::sequential_sids(*o.seed);
        if (o.check_types == "warn")
            ao.end_users.check_types = trusthub::type_checking::warn;
        else if (o.check_types == "strict")
            ao.end_users.check_types = trusthub::type_checking::strict;
        ao.end_users.log = diagnostics;
        trusthub::api wired(*records, ao);
        if (!o.seed_file.empty())
            load_seed(io, wired.control(), o.seed_file);

        trusthub::exchange_options eo;
        eo.authenticate = credentials;
        if (!o.quiet)
            eo.log = make_logger(out);
        eo.logger = diagnostics;
        if (o.seed)
            eo.request_ids = trusthub::sequential_sids(*o.seed);
        trusthub::exchange api(wired.endpoints(), eo);

        trusthub::listener_options lo;
        lo.endpoint = {boost::asio::ip::make_address(host), port};
        lo.single_threaded = o.threads == 1;
        lo.logger = diagnostics;
        trusthub::listener server(io.get_executor(), api, lo);
        // The listener has bound, so a port-0 address is known now.
        std::string base = o.public_url.empty() ? "http://" + url_host(server.local_endpoint()) : o.public_url;
        api.set_public_url(base);
        server.start();

        boost::asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code& ec, int) {
            if (!ec)
                server.stop();
        });

        std::cout << "trusthub-server listening on " << url_host(server.local_endpoint()) << ", public URL " << base
                  << ", " << o.store << " store, " << o.threads << " thread(s), type checks " << o.check_types << "\n";
        if (!made_up_account.empty()) {
            std::cout << "No credentials given; made up this one (pass --credential ACSID:TOKEN to choose):\n"
                      << "  account " << made_up_account << "\n  token   " << made_up_token << "\n"
                      << "Try:\n  curl -u " << made_up_account << ":" << made_up_token << " " << base
                      << "/v1/EndUsers --data-urlencode FriendlyName=Ada --data-urlencode Type=individual"
                      << " --data-urlencode 'Attributes={\"first_name\":\"Ada\"}'\n";
        }
        std::cout << std::flush;

        std::vector<std::thread> pool;
        for (unsigned i = 1; i < o.threads; ++i)
            pool.emplace_back([&io] { io.run(); });
        io.run();
        for (auto& t : pool)
            t.join();
        out->write("trusthub-server stopped\n");
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "trusthub-server: " << e.what() << "\n";
        return 2;
    }
}
