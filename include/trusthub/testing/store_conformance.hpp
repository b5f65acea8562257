// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_TESTING_STORE_CONFORMANCE_HPP
#define TRUSTHUB_TESTING_STORE_CONFORMANCE_HPP

/// The store conformance kit: checks a `trusthub::store` against the contract stated in
/// `trusthub/store/store.hpp` and `trusthub/store/record.hpp`, the one the service relies on. The checks
/// store records of made-up kinds with made-up fields, so they hold for whatever resources the
/// service serves.
///
/// From a plain program:
///
///     auto failures = trusthub::testing::run_store_conformance(
///         [](boost::asio::any_io_executor ex) { return std::make_unique<my_store>(ex); });
///     trusthub::testing::print_failures(std::cerr, failures);
///     return failures.empty() ? 0 : 1;
///
/// From Boost.Test: `TRUSTHUB_STORE_CONFORMANCE_TEST_CASE(my_store_conforms, make_store)`,
/// or one test case per check with `store_conformance_checks()` and
/// `run_store_conformance_check(name, ...)`.
///
/// Every check gets a new io_context run by `options.threads` threads and a new store from
/// `make_store`, which must be EMPTY (for a database: a clean schema or table). A check runs
/// as a coroutine on a strand of that io_context, bounded by `options.timeout`; a check that
/// throws or does not finish in time is reported as a failure of that check. (A store whose
/// destructor blocks forever on a stuck call still hangs the program: the kit cannot abandon
/// a thread.)

#include <trusthub/store/store.hpp>
#include <trusthub/testing/detail/conformance_checks.hpp>
#include <trusthub/testing/detail/conformance_context.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace trusthub::testing {

/// Makes a new, empty store whose completions belong to `executor` (an io_context's).
using store_factory = std::function<std::unique_ptr<store>(boost::asio::any_io_executor executor)>;

/// The names of all checks, in the order `run_store_conformance` runs them.
inline std::vector<std::string> store_conformance_checks()
{
    std::vector<std::string> names;
    for (const auto& c : detail::all_checks())
        names.emplace_back(c.name);
    return names;
}

/// Runs one check against a new store from `make_store`; returns what it found wrong.
inline std::vector<conformance_failure> run_store_conformance_check(std::string_view check,
                                                                    const store_factory& make_store,
                                                                    const conformance_options& options = {})
{
    const auto& checks = detail::all_checks();
    unsigned index = 0;
    while (index < checks.size() && checks[index].name != check)
        ++index;
    if (index == checks.size())
        return {{std::string(check), "no such check"}};
    const auto& entry = checks[index];

    unsigned threads = std::max(1u, options.threads);
    boost::asio::io_context io(static_cast<int>(threads));
    std::unique_ptr<store> records;
    try {
        records = make_store(io.get_executor());
    } catch (const std::exception& e) {
        return {{entry.name, std::string("make_store threw: ") + e.what()}};
    }
    if (!records)
        return {{entry.name, "make_store returned no store"}};

    detail::conformance_context ctx(*records, io.get_executor(), options, entry.name, index + 1);
    std::atomic<bool> finished{false};
    auto on_finish = [&ctx, &finished, &io](std::exception_ptr e) {
        if (e) {
            auto what = detail::what_of(e);
            if (!what.empty())
                ctx.fail("the check " + what);
        }
        finished = true;
        // The store may keep work of its own (connections, timers): the check is over.
        io.stop();
    };
    boost::asio::co_spawn(boost::asio::make_strand(io.get_executor()), entry.run(ctx), on_finish);

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&io, &options] { io.run_for(options.timeout); });
    io.run_for(options.timeout);
    for (auto& t : pool)
        t.join();
    if (!finished)
        ctx.fail("did not finish within " + std::to_string(options.timeout.count()) +
                 " s: a call never completed, or its coroutine was never resumed");
    auto failures = ctx.take_failures();
    // The store goes first, while the io_context its pending work refers to still exists.
    records.reset();
    return failures;
}

/// Runs every check, each against a new store from `make_store`; returns what they found wrong.
inline std::vector<conformance_failure> run_store_conformance(const store_factory& make_store,
                                                              const conformance_options& options = {})
{
    std::vector<conformance_failure> failures;
    for (const auto& name : store_conformance_checks()) {
        auto found = run_store_conformance_check(name, make_store, options);
        failures.insert(failures.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
    return failures;
}

inline std::ostream& operator<<(std::ostream& out, const conformance_failure& f)
{
    return out << f.check << ": " << f.message;
}

/// One line a failure, then a summary line.
inline void print_failures(std::ostream& out, const std::vector<conformance_failure>& failures)
{
    for (const auto& f : failures)
        out << "store conformance: " << f << "\n";
    out << "store conformance: " << failures.size() << " failure(s)\n";
}

/// True when some failure was found by the check named `check`.
inline bool failed_check(const std::vector<conformance_failure>& failures, std::string_view check)
{
    for (const auto& f : failures)
        if (f.check == check)
            return true;
    return false;
}

} // namespace trusthub::testing

/// A Boost.Test case that runs every check on stores from `make_store` (and, optionally, a
/// `conformance_options`), reporting each failure as a test error. Include
/// `<boost/test/unit_test.hpp>` first.
#define TRUSTHUB_STORE_CONFORMANCE_TEST_CASE(test_name, ...)                                        \
    BOOST_AUTO_TEST_CASE(test_name)                                                                 \
    {                                                                                               \
        auto trusthub_failures_ = ::trusthub::testing::run_store_conformance(__VA_ARGS__);        \
        for (const auto& trusthub_failure_ : trusthub_failures_)                                    \
            BOOST_ERROR(trusthub_failure_.check << ": " << trusthub_failure_.message);              \
        BOOST_TEST(trusthub_failures_.empty(), trusthub_failures_.size() << " conformance failure(s)"); \
    }

#endif
