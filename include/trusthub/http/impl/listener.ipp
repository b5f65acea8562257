// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HTTP_IMPL_LISTENER_IPP
#define TRUSTHUB_HTTP_IMPL_LISTENER_IPP

#include <trusthub/detail/request_reader.hpp>
#include <trusthub/http/listener.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <string>

#include <sys/resource.h>

namespace trusthub {

namespace detail {

// Why a request was refused, for whoever debugs a client that is told only `400 Bad Request`.
inline void log_refusal(const logger& to, const exchange::response_type& res, const request_reader::refusal& refused)
{
    std::string line(res["Twilio-Request-Id"]);
    line.append(" refused with ").append(std::to_string(res.result_int())).append(": ");
    line.append(refused.cause ? refused.cause.message() : refused.answer.message);
    to.log(log_level::debug, line);
}

} // namespace detail

listener::listener(boost::asio::any_io_executor executor, exchange& api, listener_options options)
    : state_(std::make_shared<state>(executor, api, std::move(options)))
{
    if (state_->options.max_connections == 0)
        state_->options.max_connections = default_max_connections();
    auto& acceptor = state_->acceptor;
    acceptor.open(state_->options.endpoint.protocol());
    acceptor.set_option(boost::asio::socket_base::reuse_address(true));
    acceptor.bind(state_->options.endpoint);
    acceptor.listen(boost::asio::socket_base::max_listen_connections);
    endpoint_ = acceptor.local_endpoint();
}

std::size_t listener::default_max_connections() noexcept
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 100000;
    // The rest is for the process's other descriptors: the acceptor, a store's connections,
    // files, the log.
    return std::max<std::size_t>(static_cast<std::size_t>(limit.rlim_cur) / 4 * 3, 1);
}

void listener::start()
{
    auto s = state_;
    boost::asio::co_spawn(s->acceptor.get_executor(), accept_loop(s), boost::asio::detached);
}

void listener::stop()
{
    stop_state(state_);
}

std::size_t listener::connections() const
{
    std::lock_guard lock(state_->mutex);
    return state_->sessions.size();
}

listener::state::state(boost::asio::any_io_executor ex, exchange& a, listener_options o)
    : executor(ex), acceptor(connection_executor(ex, o)), stop_timer(connection_executor(ex, o)), api(a),
      options(std::move(o))
{
}

boost::asio::any_io_executor listener::state::connection_executor(const boost::asio::any_io_executor& ex,
                                                                  const listener_options& o)
{
    if (o.single_threaded)
        return ex;
    return boost::asio::make_strand(ex);
}

void listener::stop_state(const std::shared_ptr<state>& s)
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
    if (s->sessions.empty())
        return;
    // Busy connections get until the deadline; the last one to end cancels the timer, so that
    // a stop that drains early does not keep the io_context running.
    boost::asio::dispatch(s->stop_timer.get_executor(), [s] {
        s->stop_timer.expires_after(s->options.stop_deadline);
        s->stop_timer.async_wait([s](const boost::system::error_code& ec) {
            if (ec)
                return;
            std::lock_guard lock(s->mutex);
            for (const auto& conn : s->sessions)
                boost::asio::dispatch(conn->stream.get_executor(), [conn] { conn->stream.close(); });
        });
    });
}

boost::asio::awaitable<void> listener::accept_loop(std::shared_ptr<state> s)
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
            // Out of descriptors or a connection reset before accept: wait, then go on. The
            // operator hears of it: a listener that cannot accept looks like one that is down.
            if (s->options.logger.enabled(log_level::warning))
                s->options.logger.log(log_level::warning, "accepting a connection failed, trying again: " + ec.message());
            boost::asio::steady_timer pause(executor, std::chrono::milliseconds(50));
            co_await pause.async_wait(as_tuple(use_awaitable));
            continue;
        }
        boost::system::error_code ignored;
        socket.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
        bool full;
        {
            std::lock_guard lock(s->mutex);
            if (s->stopped)
                break;
            full = s->sessions.size() >= s->options.max_connections;
        }
        if (full) {
            auto refused_executor = socket.get_executor();
            boost::asio::co_spawn(refused_executor, refuse_connection(s, std::move(socket)), boost::asio::detached);
            continue;
        }
        auto conn = std::make_shared<session>(std::move(socket));
        {
            std::lock_guard lock(s->mutex);
            s->sessions.insert(conn);
        }
        auto conn_executor = conn->stream.get_executor();
        boost::asio::co_spawn(conn_executor, serve_connection(s, conn), boost::asio::detached);
    }
}

boost::asio::awaitable<void> listener::serve_connection(std::shared_ptr<state> s, std::shared_ptr<session> conn)
{
    try {
        co_await session_loop(*s, *conn);
    } catch (const connection_dropped&) {
        // Asked for (a fault rule), and logged by the exchange: not a failure.
    } catch (const std::exception& e) {
        // A connection's failure ends that connection only; the exchange has already answered
        // and reported every failure of a request. This one is reported here.
        if (s->options.logger.enabled(log_level::error))
            s->options.logger.log(log_level::error, std::string("a connection ended by an exception: ") + e.what());
    }
    boost::system::error_code ignored;
    conn->stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    conn->stream.socket().close(ignored);
    std::lock_guard lock(s->mutex);
    s->sessions.erase(conn);
    if (s->stopped && s->sessions.empty())
        boost::asio::dispatch(s->stop_timer.get_executor(), [s] { s->stop_timer.cancel(); });
}

boost::asio::awaitable<void> listener::refuse_connection(std::shared_ptr<state> s, boost::asio::ip::tcp::socket socket)
{
    // Answered without reading the request: what it says does not change the answer.
    boost::beast::tcp_stream stream(std::move(socket));
    exchange::request_type head;
    head.keep_alive(false);
    exchange::response_type res = s->api.reject(head, http_error{503, 20503, "Service Unavailable", 1});
    stream.expires_after(std::chrono::seconds(1));
    co_await boost::beast::http::async_write(stream, res, boost::asio::as_tuple(boost::asio::use_awaitable));
    boost::system::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
}

boost::asio::awaitable<void> listener::session_loop(state& s, session& conn)
{
    namespace beast = boost::beast;
    namespace http = beast::http;
    using boost::asio::as_tuple;
    using boost::asio::use_awaitable;
    using step = detail::request_reader::step;
    detail::request_reader reader(s.options.body_limit, s.options.header_limit);
    bool first = true;
    for (;;) {
        // After a stop, only what was already read is served: a pipelined request that arrived
        // with the one before it is answered (with `Connection: close`), nothing more is read.
        const bool draining = conn.closing;
        conn.busy = false;
        // The first head has its own, shorter deadline; a keep-alive connection waits for its
        // next request as long as the idle timeout.
        conn.stream.expires_after(first ? s.options.head_timeout : s.options.idle_timeout);
        step next = reader.next();
        for (; next == step::need_more || next == step::head; next = reader.next()) {
            if (next == step::head) {
                conn.busy = true;
                if (first) {
                    first = false;
                    conn.stream.expires_after(s.options.idle_timeout);  // for the body
                }
                // A client that asked to be told to go on waits for this before sending its body.
                if (!draining && reader.expects_continue()) {
                    http::response<http::empty_body> go_on{http::status::continue_, 11};
                    auto [wec, wn] = co_await http::async_write(conn.stream, go_on, as_tuple(use_awaitable));
                    if (wec)
                        co_return;
                }
                continue;
            }
            // The rest of this request was never read: there is nothing to answer.
            if (draining)
                co_return;
            auto room = reader.prepare();
            auto [ec, n] = co_await conn.stream.async_read_some(room, as_tuple(use_awaitable));
            reader.commit(n);
            if (ec == boost::asio::error::eof)
                reader.end_of_input();
            // Timed out or cancelled by stop(): nothing to answer.
            else if (ec == beast::error::timeout || ec == boost::asio::error::operation_aborted ||
                     !conn.stream.socket().is_open())
                co_return;
            else if (ec)
                reader.input_failed(ec);
        }
        if (next == step::end)
            co_return;  // closed between two requests
        conn.busy = true;
        if (next == step::refuse) {
            // A request we will not read or serve: answer, then close, since the stream's
            // framing can no longer be trusted.
            const auto& refused = reader.refused();
            if (refused.cause && !conn.stream.socket().is_open())
                co_return;
            exchange::response_type res = s.api.reject(refused.head, refused.answer);
            if (s.options.logger.enabled(log_level::debug))
                detail::log_refusal(s.options.logger, res, refused);
            conn.stream.expires_after(s.options.write_timeout);
            co_await http::async_write(conn.stream, res, as_tuple(use_awaitable));
            co_return;
        }
        exchange::request_type req = reader.take_request();
        exchange::response_type res = co_await s.api.handle(std::move(req));
        if (conn.closing)
            res.keep_alive(false);
        conn.stream.expires_after(s.options.write_timeout);
        auto [wec, wn] = co_await http::async_write(conn.stream, res, as_tuple(use_awaitable));
        if (wec || !res.keep_alive())
            co_return;
    }
}

} // namespace trusthub

#endif
