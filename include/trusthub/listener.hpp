// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_SERVE_HPP
#define TRUSTHUB_SERVE_HPP

#include <trusthub/routes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>

namespace trusthub {

struct listener_options {
    /// Where to listen; port 0 picks a free port (read it back with `local_endpoint()`).
    boost::asio::ip::tcp::endpoint endpoint{boost::asio::ip::make_address("127.0.0.1"), 8080};
    /// Largest request body accepted; a larger one is answered 413 and the connection closed.
    std::size_t body_limit = 1024 * 1024;
    /// Largest request head (request line and headers); a larger one is answered 431.
    std::size_t header_limit = 16 * 1024;
    /// How long a connection may wait for (the rest of) a request before it is closed.
    std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(60);
    /// How long writing one response may take.
    std::chrono::steady_clock::duration write_timeout = std::chrono::seconds(30);
    /// Set when exactly one thread runs the io_context: connections then run on its executor
    /// directly instead of a strand each, which spares every operation the strand's dispatch
    /// and the type-erased executor copies a strand costs (about a fifth of a fetch's cost).
    bool single_threaded = false;
};

/// The ready-made HTTP/1.1 server, for programs that have none of their own: every request
/// goes to `routes`, and what they do not own is answered with a Twilio-shaped 404.
///
/// Keep-alive and pipelining (answers in request order), `Expect: 100-continue`, size limits,
/// timeouts, and a graceful `stop()`: no new connections, requests in flight are answered,
/// idle connections are closed. Each connection runs on its own strand, so the io_context may
/// run on any number of threads (or, with `listener_options::single_threaded`, straight on the
/// io_context's executor when one thread runs it).
///
/// `routes` must outlive every coroutine the listener starts (until the io_context has run out
/// of work after `stop()`, or is destroyed).
class listener {
public:
    /// Binds at once (so a port-0 endpoint is known before `start()`); throws on failure.
    listener(boost::asio::any_io_executor executor, routes& handler, listener_options options = {})
        : state_(std::make_shared<state>(executor, handler, std::move(options)))
    {
        auto& acceptor = state_->acceptor;
        acceptor.open(state_->options.endpoint.protocol());
        acceptor.set_option(boost::asio::socket_base::reuse_address(true));
        acceptor.bind(state_->options.endpoint);
        acceptor.listen(boost::asio::socket_base::max_listen_connections);
        endpoint_ = acceptor.local_endpoint();
    }

    listener(const listener&) = delete;
    listener& operator=(const listener&) = delete;

    /// The bound address and port.
    boost::asio::ip::tcp::endpoint local_endpoint() const { return endpoint_; }

    /// Starts accepting connections.
    void start()
    {
        auto s = state_;
        boost::asio::co_spawn(s->acceptor.get_executor(), accept_loop(s), boost::asio::detached);
    }

    /// Stops gracefully; safe to call from any thread, more than once.
    void stop() { stop_state(state_); }

    /// Open connections now.
    std::size_t connections() const
    {
        std::lock_guard lock(state_->mutex);
        return state_->sessions.size();
    }

    ~listener() { stop(); }

private:
    struct session {
        explicit session(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}
        boost::beast::tcp_stream stream;
        bool busy = false;     // a request has arrived and is not answered yet (strand only)
        bool closing = false;  // close after the request in flight (strand only)
    };

    struct state {
        state(boost::asio::any_io_executor ex, routes& r, listener_options o)
            : executor(ex), acceptor(connection_executor(ex, o)), handler(r), options(std::move(o))
        {
        }

        // Where a new connection (or the acceptor) runs: a strand of its own, unless one
        // thread runs everything.
        static boost::asio::any_io_executor connection_executor(const boost::asio::any_io_executor& ex,
                                                               const listener_options& o)
        {
            if (o.single_threaded)
                return ex;
            return boost::asio::make_strand(ex);
        }

        boost::asio::any_io_executor executor;  // the io_context's, never a strand
        boost::asio::ip::tcp::acceptor acceptor;
        routes& handler;
        listener_options options;
        std::atomic<bool> stopped{false};
        mutable std::mutex mutex;
        std::set<std::shared_ptr<session>> sessions;
    };

    static void stop_state(const std::shared_ptr<state>& s)
    {
        if (s->stopped.exchange(true))
            return;
        boost::asio::dispatch(s->acceptor.get_executor(), [s] {
            boost::system::error_code ignored;
            s->acceptor.close(ignored);
        });
        std::lock_guard lock(s->mutex);
        for (const auto& conn : s->sessions) {
            boost::asio::dispatch(conn->stream.get_executor(), [conn] {
                conn->closing = true;
                // Idle: nothing to finish. Busy: the loop closes after its answer is written.
                if (!conn->busy)
                    conn->stream.cancel();
            });
        }
    }

    static boost::asio::awaitable<void> accept_loop(std::shared_ptr<state> s)
    {
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        auto executor = co_await boost::asio::this_coro::executor;
        while (!s->stopped) {
            // A connection's strand wraps the io_context's executor, not the acceptor's strand:
            // connections must not be serialised through the acceptor.
            auto [ec, socket] = co_await s->acceptor.async_accept(state::connection_executor(s->executor, s->options),
                                                                   as_tuple(use_awaitable));
            if (ec == boost::asio::error::operation_aborted || !s->acceptor.is_open())
                break;
            if (ec) {
                // Out of descriptors or a connection reset before accept: wait, then go on.
                boost::asio::steady_timer pause(executor, std::chrono::milliseconds(50));
                co_await pause.async_wait(as_tuple(use_awaitable));
                continue;
            }
            boost::system::error_code ignored;
            socket.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
            auto conn = std::make_shared<session>(std::move(socket));
            {
                std::lock_guard lock(s->mutex);
                if (s->stopped)
                    break;
                s->sessions.insert(conn);
            }
            auto conn_executor = conn->stream.get_executor();
            boost::asio::co_spawn(conn_executor, serve_connection(s, conn), boost::asio::detached);
        }
    }

    static boost::asio::awaitable<void> serve_connection(std::shared_ptr<state> s, std::shared_ptr<session> conn)
    {
        try {
            co_await session_loop(*s, *conn);
        } catch (const std::exception&) {
            // A connection's failure ends that connection only.
        }
        boost::system::error_code ignored;
        conn->stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        conn->stream.socket().close(ignored);
        std::lock_guard lock(s->mutex);
        s->sessions.erase(conn);
    }

    static boost::asio::awaitable<void> session_loop(state& s, session& conn)
    {
        namespace beast = boost::beast;
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        beast::flat_buffer buffer;
        while (!conn.closing) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(s.options.body_limit);
            parser.header_limit(static_cast<std::uint32_t>(s.options.header_limit));
            // Head and body in one parse when they arrived together, as they nearly always do:
            // one read operation a request.
            parser.eager(true);
            conn.busy = false;
            conn.stream.expires_after(s.options.idle_timeout);
            boost::system::error_code ec;
            bool continued = false;
            while (!ec && !parser.is_done()) {
                std::size_t n;
                std::tie(ec, n) = co_await http::async_read_some(conn.stream, buffer, parser, as_tuple(use_awaitable));
                if (ec || !parser.is_header_done())
                    continue;
                conn.busy = true;
                // A client that asked to be told to go on waits for this before sending its body.
                if (!continued && !parser.is_done() &&
                    beast::iequals(parser.get()[http::field::expect], "100-continue")) {
                    continued = true;
                    http::response<http::empty_body> go_on{http::status::continue_, 11};
                    auto [wec, wn] = co_await http::async_write(conn.stream, go_on, as_tuple(use_awaitable));
                    if (wec)
                        co_return;
                }
            }
            if (ec) {
                // Closed, timed out or cancelled by stop(): nothing to answer.
                if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
                    ec == boost::asio::error::operation_aborted || !conn.stream.socket().is_open())
                    co_return;
                // A request we will not read: answer, then close, since the stream's framing
                // can no longer be trusted.
                conn.busy = true;
                request head;
                if (parser.is_header_done())
                    head = parser.get();
                head.keep_alive(false);
                response res = ec == http::error::body_limit
                                   ? s.handler.error_response(head, 413, 20413, "Request Entity Too Large")
                               : ec == http::error::header_limit
                                   ? s.handler.error_response(head, 431, 20431, "Request Header Fields Too Large")
                                   : s.handler.error_response(head, 400, 20001, "Bad Request");
                log_rejected(s, head, res);
                conn.stream.expires_after(s.options.write_timeout);
                co_await http::async_write(conn.stream, res, as_tuple(use_awaitable));
                co_return;
            }
            conn.busy = true;
            request req = parser.release();
            response res;
            if (s.handler.owns(req.target())) {
                auto answered = co_await s.handler.handle(std::move(req));
                res = std::move(*answered);
            } else {
                res = s.handler.not_found(req);
                log_rejected(s, req, res);
            }
            if (conn.closing)
                res.keep_alive(false);
            conn.stream.expires_after(s.options.write_timeout);
            auto [wec, wn] = co_await http::async_write(conn.stream, res, as_tuple(use_awaitable));
            if (wec || !res.keep_alive())
                co_return;
        }
    }

    // The routes log what they answer; this logs what the listener answers on their behalf.
    static void log_rejected(state& s, const request& req, const response& res)
    {
        const auto& log = s.handler.options().log;
        if (!log)
            return;
        std::string_view target = req.target();
        request_log entry{req.method_string(), target.substr(0, target.find('?')), res.result_int(),
                          std::chrono::microseconds(0), res["Twilio-Request-Id"], {}};
        log(entry);
    }

    std::shared_ptr<state> state_;
    boost::asio::ip::tcp::endpoint endpoint_;
};

} // namespace trusthub

#endif
