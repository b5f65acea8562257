// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The logger: its threshold and sink, and the default writer, which must never hold up the
// thread that logs and must lose nothing without saying so.

#include <trusthub/log.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

using namespace trusthub;
using namespace std::chrono_literals;

namespace {

struct pipe_pair {
    int read_end = -1, write_end = -1;
    pipe_pair()
    {
        int fds[2];
        BOOST_REQUIRE(::pipe(fds) == 0);
        read_end = fds[0];
        write_end = fds[1];
    }
    ~pipe_pair()
    {
        ::close(read_end);
        ::close(write_end);
    }
    // What arrives until `until` is in it or `timeout` passes.
    std::string read_until(std::string_view until, std::chrono::milliseconds timeout = 5000ms)
    {
        std::string got;
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (got.find(until) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{read_end, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            char buffer[65536];
            ssize_t n = ::read(read_end, buffer, sizeof buffer);
            if (n > 0)
                got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }
};

std::size_t count(std::string_view text, std::string_view what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(logging)

BOOST_AUTO_TEST_CASE(lines_below_the_threshold_are_not_written)
{
    std::vector<std::string> lines;
    logger l(log_level::warning, [&](log_level level, std::string_view line) {
        lines.push_back(std::string(log_level_name(level)) + " " + std::string(line));
    });
    BOOST_TEST(!l.enabled(log_level::debug));
    BOOST_TEST(!l.enabled(log_level::info));
    BOOST_TEST(l.enabled(log_level::warning));
    BOOST_TEST(l.enabled(log_level::error));
    BOOST_TEST((l.threshold() == log_level::warning));
    l.log(log_level::info, "no");
    l.log(log_level::warning, "careful");
    l.log(log_level::error, "broken");
    BOOST_TEST(lines == (std::vector<std::string>{"warning careful", "error broken"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_sink_writes_nothing)
{
    logger l(log_level::debug, nullptr);
    BOOST_TEST(!l.enabled(log_level::error));
    l.log(log_level::error, "nowhere");
}

BOOST_AUTO_TEST_CASE(the_default_is_info_and_above)
{
    logger l;
    BOOST_TEST((l.threshold() == log_level::info));
    BOOST_TEST(!l.enabled(log_level::debug));
    BOOST_TEST(l.enabled(log_level::info));
}

BOOST_AUTO_TEST_CASE(a_sink_that_throws_loses_nothing_and_throws_nothing)
{
    logger l(log_level::debug, [](log_level, std::string_view) { throw std::runtime_error("sink broken"); });
    BOOST_CHECK_NO_THROW(l.log(log_level::error, "trusthub log test: a line whose sink threw"));
}

BOOST_AUTO_TEST_CASE(a_line_is_one_line_whatever_it_holds)
{
    BOOST_TEST(detail::log_line(log_level::error, "a\nb\r\x1b[31mc\x7f") ==
               "trusthub: error: a\\x0ab\\x0d\\x1b[31mc\\x7f\n");
}

BOOST_AUTO_TEST_CASE(the_writer_writes_every_line_in_order)
{
    pipe_pair p;
    detail::background_line_writer w(p.write_end, 1 << 20);
    for (int i = 0; i < 100; ++i)
        w.write("line " + std::to_string(i) + "\n");
    BOOST_TEST(w.close(5s));
    std::string got = p.read_until("line 99\n");
    std::string expected;
    for (int i = 0; i < 100; ++i)
        expected += "line " + std::to_string(i) + "\n";
    BOOST_TEST(got == expected);
}

BOOST_AUTO_TEST_CASE(a_reader_that_does_not_read_holds_up_no_one_and_drops_are_counted)
{
    pipe_pair p;
    {
        detail::background_line_writer w(p.write_end, 4096);
        std::string line(100, 'x');
        line += "\n";
        // Far more than the pipe and the queue hold together: with a blocking write this
        // would never return.
        auto started = std::chrono::steady_clock::now();
        for (int i = 0; i < 20000; ++i)
            w.write(line);
        bool quick = std::chrono::steady_clock::now() - started < 2s;
        BOOST_TEST(quick);
        std::string got = p.read_until("dropped");
        got += p.read_until("\n", 200ms);
        BOOST_TEST(count(got, "log line(s) dropped") >= 1u);
        BOOST_TEST(w.close(5s));
    }
}

BOOST_AUTO_TEST_CASE(many_threads_may_log_at_once)
{
    pipe_pair p;
    detail::background_line_writer w(p.write_end, 64 << 20);
    std::atomic<bool> reading{true};
    std::string got;
    std::thread reader([&] {
        while (reading || count(got, "\n") < 4000) {
            pollfd pf{p.read_end, POLLIN, 0};
            if (::poll(&pf, 1, 50) <= 0) {
                if (!reading)
                    break;
                continue;
            }
            char buffer[65536];
            ssize_t n = ::read(p.read_end, buffer, sizeof buffer);
            if (n > 0)
                got.append(buffer, static_cast<std::size_t>(n));
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
        writers.emplace_back([&, t] {
            for (int i = 0; i < 1000; ++i)
                w.write("thread " + std::to_string(t) + " line " + std::to_string(i) + "\n");
        });
    for (auto& t : writers)
        t.join();
    BOOST_TEST(w.close(5s));
    reading = false;
    reader.join();
    BOOST_TEST(count(got, "\n") == 4000u);
    BOOST_TEST(count(got, "dropped") == 0u);
}

BOOST_AUTO_TEST_CASE(the_default_logger_reaches_standard_error_without_the_caller_writing)
{
    pipe_pair p;
    int saved = ::dup(STDERR_FILENO);
    BOOST_REQUIRE(saved >= 0);
    ::dup2(p.write_end, STDERR_FILENO);
    logger().log(log_level::error, "RQ123 GET /v1/EndUsers answered 500: the cause");
    std::string got = p.read_until("the cause\n");
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    BOOST_TEST(got.find("trusthub: error: RQ123 GET /v1/EndUsers answered 500: the cause\n") != std::string::npos, got);
}

BOOST_AUTO_TEST_SUITE_END()
