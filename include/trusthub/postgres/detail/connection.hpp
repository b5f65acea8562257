// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_DETAIL_CONNECTION_HPP
#define TRUSTHUB_POSTGRES_DETAIL_CONNECTION_HPP

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace trusthub::postgres::detail {

struct result_deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
/// An owned libpq result.
using pg_result = std::unique_ptr<PGresult, result_deleter>;

/// What one round trip came to.
struct outcome {
    enum class kind {
        ok,          ///< the statement succeeded; `result` holds its rows
        lost,        ///< the connection broke, timed out or could not be had: try again later
        rejected,    ///< the server answered with an error; `result` holds it
    };
    kind what = kind::lost;
    pg_result result;
    std::string message;  ///< why, for the log (never shown to clients)

    bool ok() const noexcept { return what == kind::ok; }

    /// The five-character SQLSTATE of a rejected statement, or empty.
    std::string sqlstate() const
    {
        const char* s = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
        return s ? s : "";
    }
};

/// One statement to run: a prepared statement's name, or SQL text with `$n` parameters (an
/// unnamed statement, parsed and planned for this call). `nullopt` is SQL NULL.
struct query {
    std::string text;
    bool prepared = true;
    std::vector<std::optional<std::string>> params;
};

/// One libpq connection driven by Asio: every wait is an `async_wait` on the connection's
/// socket, so no call ever blocks the thread that runs it.
///
/// Not thread-safe: the pool hands a connection to one coroutine at a time, and every
/// coroutine of the store runs on the store's strand, the executor given here.
class connection : public std::enable_shared_from_this<connection> {
public:
    using clock = std::chrono::steady_clock;

    connection(boost::asio::any_io_executor ex, PGconn* conn) : conn_(conn), socket_(ex), deadline_(ex) {}
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    ~connection()
    {
        // The descriptor belongs to libpq, which closes it in PQfinish.
        if (socket_.is_open())
            socket_.release();
        if (conn_)
            PQfinish(conn_);
    }

    /// Opens a connection with `PQconnectStartParams`/`PQconnectPoll`. Never null; check
    /// `usable()`, and `error()` for why not.
    ///
    /// libpq resolves host names synchronously; give `hostaddr` or a socket directory to keep
    /// even that off the thread.
    static boost::asio::awaitable<std::shared_ptr<connection>> connect(boost::asio::any_io_executor ex,
                                                                       std::string conninfo, clock::duration timeout)
    {
        // The text is the client's bytes: no conversion on the way in or out.
        const char* keys[] = {"dbname", "client_encoding", nullptr};
        const char* values[] = {conninfo.c_str(), "UTF8", nullptr};
        PGconn* raw = PQconnectStartParams(keys, values, 1);
        if (!raw)
            throw std::bad_alloc();
        auto c = std::make_shared<connection>(ex, raw);
        // libpq prints the server's notices ("relation already exists, skipping") to stderr,
        // which is the host's. They never say anything a caller acts on: drop them.
        PQsetNoticeProcessor(raw, [](void*, const char*) {}, nullptr);
        if (PQstatus(raw) == CONNECTION_BAD) {
            c->fail();
            co_return c;
        }
        c->arm(timeout);
        // libpq asks to be polled as if it had just asked to write.
        PostgresPollingStatusType state = PGRES_POLLING_WRITING;
        for (;;) {
            // libpq may open a new socket for each address it tries: follow it.
            if (!c->track_socket()) {
                c->fail();
                break;
            }
            const auto direction = state == PGRES_POLLING_READING ? wait_type::wait_read : wait_type::wait_write;
            const bool ready = co_await c->wait(direction);
            if (!ready) {
                c->fail("connection timed out");
                break;
            }
            state = PQconnectPoll(raw);
            if (state == PGRES_POLLING_OK) {
                if (PQsetnonblocking(raw, 1) != 0 || !c->track_socket())
                    c->fail();
                break;
            }
            if (state == PGRES_POLLING_FAILED) {
                c->fail();
                break;
            }
        }
        c->disarm();
        co_return c;
    }

    /// Whether the connection can take a statement.
    bool usable() const noexcept { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

    const std::string& error() const noexcept { return error_; }

    /// For an idle connection: whether it still looks alive, without waiting. A server that
    /// shut down or restarted has sent a last message and closed the socket, which shows here.
    bool still_alive()
    {
        if (!usable())
            return false;
        pollfd p{PQsocket(conn_), POLLIN, 0};
        int n = ::poll(&p, 1, 0);
        if (n == 0)
            return true;
        if (n < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL)) || !PQconsumeInput(conn_))
            return false;
        // Anything a server says to an idle session is a notice or its last words.
        return PQstatus(conn_) == CONNECTION_OK && !PQisBusy(conn_);
    }

    /// Runs one statement, its parameters in text form and its results in binary.
    boost::asio::awaitable<outcome> execute(query q, clock::duration timeout)
    {
        std::vector<const char*> values;
        values.reserve(q.params.size());
        for (const auto& p : q.params)
            values.push_back(p ? p->c_str() : nullptr);
        const int count = static_cast<int>(values.size());
        // Binary results: a record's arrays come back as lengths and bytes, read in place,
        // where their text form would need unquoting.
        constexpr int binary = 1;
        const int sent = !usable() ? 0
                         : q.prepared
                             ? PQsendQueryPrepared(conn_, q.text.c_str(), count, values.data(), nullptr, nullptr, binary)
                             : PQsendQueryParams(conn_, q.text.c_str(), count, nullptr, values.data(), nullptr, nullptr,
                                                 binary);
        if (!sent) {
            fail();
            co_return lost();
        }
        co_return co_await finish(timeout);
    }

    /// Runs a script of one or more statements with no parameters.
    boost::asio::awaitable<outcome> execute_script(std::string sql, clock::duration timeout)
    {
        if (!usable() || !PQsendQuery(conn_, sql.c_str())) {
            fail();
            co_return lost();
        }
        co_return co_await finish(timeout);
    }

private:
    using wait_type = boost::asio::posix::stream_descriptor::wait_type;

    // Sends what libpq has buffered, then collects every result of the statement(s) sent.
    boost::asio::awaitable<outcome> finish(clock::duration timeout)
    {
        arm(timeout);
        outcome out = co_await collect();
        disarm();
        if (out.what != outcome::kind::lost && !usable())
            out = lost();
        co_return out;
    }

    boost::asio::awaitable<outcome> collect()
    {
        for (;;) {
            int flushed = PQflush(conn_);
            if (flushed == 0)
                break;
            bool ready = false;
            if (flushed > 0)
                ready = co_await wait(wait_type::wait_write);
            if (!ready) {
                fail(timed_out_ ? "statement timed out" : nullptr);
                co_return lost();
            }
        }
        outcome out;
        out.what = outcome::kind::ok;
        for (;;) {
            while (PQisBusy(conn_)) {
                const bool ready = co_await wait(wait_type::wait_read);
                if (!ready || !PQconsumeInput(conn_)) {
                    fail(timed_out_ ? "statement timed out" : nullptr);
                    co_return lost();
                }
            }
            pg_result r(PQgetResult(conn_));
            if (!r)
                break;
            auto status = PQresultStatus(r.get());
            // Keep the first error, or else the last result: that of the last statement.
            if (out.what == outcome::kind::rejected)
                continue;
            if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR) {
                out.what = outcome::kind::rejected;
                out.message = PQresultErrorMessage(r.get());
            }
            out.result = std::move(r);
        }
        co_return out;
    }

    // Waits until the socket is ready; false on the deadline or an error.
    boost::asio::awaitable<bool> wait(wait_type what)
    {
        if (timed_out_)
            co_return false;
        auto [ec] = co_await socket_.async_wait(what, boost::asio::as_tuple(boost::asio::use_awaitable));
        co_return !ec && !timed_out_;
    }

    // Starts the deadline of one connect or one statement. When it passes, the pending wait
    // is cancelled; the connection is then dropped, since a half-read reply cannot be resumed.
    void arm(clock::duration timeout)
    {
        timed_out_ = false;
        std::uint64_t generation = ++generation_;
        deadline_.expires_after(timeout);
        std::weak_ptr<connection> weak = weak_from_this();
        deadline_.async_wait([weak, generation](const boost::system::error_code& ec) {
            auto self = weak.lock();
            if (ec || !self || self->generation_ != generation)
                return;
            self->timed_out_ = true;
            boost::system::error_code ignored;
            self->socket_.cancel(ignored);
        });
    }

    void disarm()
    {
        ++generation_;
        deadline_.cancel();
    }

    bool track_socket()
    {
        boost::system::error_code ec;
        if (socket_.is_open())
            socket_.release();
        int fd = PQsocket(conn_);
        if (fd < 0)
            return false;
        socket_.assign(fd, ec);
        return !ec;
    }

    void fail(const char* why = nullptr)
    {
        broken_ = true;
        if (error_.empty())
            error_ = why ? why : PQerrorMessage(conn_);
    }

    outcome lost() const
    {
        outcome out;
        out.what = outcome::kind::lost;
        out.message = error_.empty() ? "connection lost" : error_;
        return out;
    }

    PGconn* conn_;
    boost::asio::posix::stream_descriptor socket_;
    boost::asio::steady_timer deadline_;
    std::uint64_t generation_ = 0;
    bool timed_out_ = false;
    bool broken_ = false;
    std::string error_;
};

} // namespace trusthub::postgres::detail

#endif
