// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_LISTENER_HPP
#define TRUSTHUB_HTTP_LISTENER_HPP

#include <trusthub/config.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/http/http_framing.hpp>
#include <trusthub/log.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
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
    /// How long a new connection may take to send its first complete request head: a client
    /// that connects and says nothing, or trickles a head, holds a descriptor no longer.
    std::chrono::steady_clock::duration head_timeout = std::chrono::seconds(10);
    /// The most connections open at once; one more is answered 503 (`Retry-After: 1`) and
    /// closed, so that connections can never take the process's last descriptors. 0: three
    /// quarters of the process's soft limit on descriptors when the listener is made.
    std::size_t max_connections = 0;
    /// How long writing one response may take.
    std::chrono::steady_clock::duration write_timeout = std::chrono::seconds(30);
    /// How long `stop()` waits for requests in flight before it closes every connection left
    /// (a client trickling a body or not reading its answer holds a stop no longer than this).
    /// Orchestrators send SIGKILL about 30 s after SIGTERM.
    std::chrono::steady_clock::duration stop_deadline = std::chrono::seconds(10);
    /// Set when exactly one thread runs the io_context: connections then run on its executor
    /// directly instead of a strand each, which spares every operation the strand's dispatch
    /// and the type-erased executor copies a strand costs.
    bool single_threaded = false;
    /// Where the listener's own diagnostics go: at `error`, a connection that ended by an
    /// exception (something other than a request's failure, which the exchange answers and
    /// logs itself: say, memory exhausted while reading; that connection is closed, the others
    /// go on); at `warning`, a failed accept; at `debug`, why a request was refused. The
    /// default: standard error, without holding up a connection (see `logger`).
    trusthub::logger logger;
};

/// The ready-made HTTP/1.1 server, for programs that have none of their own: every request
/// goes to the exchange, which answers what its endpoints do not own with a Twilio-shaped 404.
///
/// Keep-alive and pipelining (answers in request order), `Expect: 100-continue`, size limits,
/// timeouts, and a graceful `stop()`: no new connections, requests in flight are answered,
/// idle connections are closed, and whatever is left at `listener_options::stop_deadline` is
/// closed too. Each connection runs on its own strand, so the io_context may
/// run on any number of threads (or, with `listener_options::single_threaded`, straight on the
/// io_context's executor when one thread runs it).
///
/// `api` must outlive every coroutine the listener starts (until the io_context has run out
/// of work after `stop()`, or is destroyed).
class listener {
public:
    /// Binds at once (so a port-0 endpoint is known before `start()`); throws on failure.
    TRUSTHUB_DECL listener(boost::asio::any_io_executor executor, exchange& api, listener_options options = {});

    listener(const listener&) = delete;
    listener& operator=(const listener&) = delete;

    /// The bound address and port.
    boost::asio::ip::tcp::endpoint local_endpoint() const { return endpoint_; }

    /// Starts accepting connections.
    TRUSTHUB_DECL void start();

    /// Stops gracefully; safe to call from any thread, more than once.
    TRUSTHUB_DECL void stop();

    /// Open connections now.
    TRUSTHUB_DECL std::size_t connections() const;

    ~listener() { stop(); }

private:
    struct session {
        explicit session(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}
        boost::beast::tcp_stream stream;
        bool busy = false;     // a request has arrived and is not answered yet (strand only)
        bool closing = false;  // close after the request in flight (strand only)
    };

    struct state {
        TRUSTHUB_DECL state(boost::asio::any_io_executor ex, exchange& api, listener_options o);

        // Where a new connection (or the acceptor) runs: a strand of its own, unless one
        // thread runs everything.
        TRUSTHUB_DECL static boost::asio::any_io_executor connection_executor(const boost::asio::any_io_executor& ex,
                                                                              const listener_options& o);

        boost::asio::any_io_executor executor;  // the io_context's, never a strand
        boost::asio::ip::tcp::acceptor acceptor;
        // Closes what is left at the stop deadline; on a strand of its own (or the io_context's
        // executor when one thread runs it), since a session ending on any thread cancels it.
        boost::asio::steady_timer stop_timer;
        exchange& api;
        listener_options options;
        std::atomic<bool> stopped{false};
        mutable std::mutex mutex;
        std::set<std::shared_ptr<session>> sessions;
    };

    TRUSTHUB_DECL static void stop_state(const std::shared_ptr<state>& s);
    TRUSTHUB_DECL static boost::asio::awaitable<void> accept_loop(std::shared_ptr<state> s);
    TRUSTHUB_DECL static boost::asio::awaitable<void> serve_connection(std::shared_ptr<state> s,
                                                                       std::shared_ptr<session> conn);
    TRUSTHUB_DECL static boost::asio::awaitable<void> refuse_connection(std::shared_ptr<state> s,
                                                                        boost::asio::ip::tcp::socket socket);
    TRUSTHUB_DECL static std::size_t default_max_connections() noexcept;
    TRUSTHUB_DECL static boost::asio::awaitable<void> session_loop(state& s, session& conn);

    std::shared_ptr<state> state_;
    boost::asio::ip::tcp::endpoint endpoint_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/http/impl/listener.ipp>
#endif

#endif
