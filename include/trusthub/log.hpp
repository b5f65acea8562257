// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_LOG_HPP
#define TRUSTHUB_LOG_HPP

/// Where the library's own diagnostics go: one `logger`, a threshold and a function, as
/// Boost.Redis has. The request log (`exchange_options::log`) is another thing: one structured
/// record a request, for an access log.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace trusthub {

/// How much a line matters. A logger writes the lines at or above its threshold.
enum class log_level { debug, info, warning, error };

/// The level's name, in lower case ("warning").
constexpr std::string_view log_level_name(log_level level) noexcept
{
    switch (level) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warning: return "warning";
    case log_level::error: return "error";
    }
    return "unknown";
}

namespace detail {

/// Writes lines to a file descriptor from a thread of its own, so that whoever logs never
/// waits for the reader: a full pipe or a stopped terminal must not stop the threads that
/// serve requests. A line only joins a queue. When more than `max_pending` bytes wait, lines
/// are dropped and counted, and the count is written once the queue has drained: nothing is
/// lost without a trace.
class background_line_writer {
public:
    background_line_writer(int fd, std::size_t max_pending) : state_(std::make_shared<state>(fd, max_pending))
    {
        try {
            thread_ = std::thread(&background_line_writer::run, state_);
        } catch (const std::exception&) {
            // No thread to be had: a line is then written by whoever logs it, since a line
            // written late is better than a failure never seen.
            state_->current_mode = mode::direct;
        }
    }

    background_line_writer(const background_line_writer&) = delete;
    background_line_writer& operator=(const background_line_writer&) = delete;

    ~background_line_writer() { close(std::chrono::seconds(1)); }

    /// Queues `line` (which ends in a newline); never waits for the descriptor.
    void write(std::string_view line) noexcept
    {
        // A forked child has the queue but not the thread (nor, perhaps, a usable mutex).
        if (::getpid() != state_->owner) {
            write_all(state_->fd, line);
            return;
        }
        std::unique_lock lock(state_->mutex);
        if (state_->current_mode == mode::direct) {
            lock.unlock();
            write_all(state_->fd, line);
            return;
        }
        // The thread sleeps only when it has nothing to write: only then is it woken.
        const bool asleep = state_->pending.empty() && state_->dropped == 0;
        if (state_->current_mode == mode::closed || state_->pending.size() + line.size() > state_->max_pending) {
            ++state_->dropped;
        } else {
            try {
                state_->pending.append(line);
            } catch (const std::bad_alloc&) {
                ++state_->dropped;
            }
        }
        lock.unlock();
        if (asleep)
            state_->wake.notify_one();
    }

    /// Writes what is pending and ends the thread, waiting for the descriptor at most
    /// `drain_timeout`: a program that exits must not hang on a reader that never reads.
    /// Afterwards a line is written at once if the queue drained in time, and dropped if not.
    /// True when everything was written.
    bool close(std::chrono::steady_clock::duration drain_timeout) noexcept
    {
        if (::getpid() != state_->owner)
            return false;  // a forked child's: the thread is the parent's
        std::unique_lock lock(state_->mutex);
        if (state_->current_mode != mode::queued || state_->closing)
            return state_->current_mode == mode::direct;
        state_->closing = true;
        state_->wake.notify_one();
        const bool drained = state_->finished.wait_for(lock, drain_timeout, [this] { return state_->done; });
        state_->current_mode = drained ? mode::direct : mode::closed;
        lock.unlock();
        // A thread stuck in write(2) owns its share of the state; the process is exiting.
        if (drained)
            thread_.join();
        else
            thread_.detach();
        return drained;
    }

private:
    enum class mode { queued, direct, closed };

    struct state {
        state(int f, std::size_t m) : fd(f), max_pending(m), owner(::getpid()) {}
        const int fd;
        const std::size_t max_pending;
        const pid_t owner;  // the process the thread runs in
        std::mutex mutex;
        std::condition_variable wake;      // a line to write, or the close
        std::condition_variable finished;  // the thread has written everything and ended
        std::string pending;
        std::uint64_t dropped = 0;
        mode current_mode = mode::queued;
        bool closing = false;
        bool done = false;
    };

    static void run(std::shared_ptr<state> s)
    {
        std::string batch;
        for (;;) {
            std::uint64_t dropped = 0;
            {
                std::unique_lock lock(s->mutex);
                s->wake.wait(lock, [&] { return !s->pending.empty() || s->dropped != 0 || s->closing; });
                if (s->pending.empty() && s->dropped == 0)
                    break;  // closing, and everything written
                batch.swap(s->pending);
                dropped = std::exchange(s->dropped, 0);
            }
            if (dropped != 0) {
                try {
                    batch.append("trusthub: ").append(std::to_string(dropped));
                    batch.append(" log line(s) dropped: the log was not being read fast enough\n");
                } catch (const std::bad_alloc&) {
                }
            }
            write_all(s->fd, batch);
            batch.clear();
        }
        std::lock_guard lock(s->mutex);
        s->done = true;
        s->finished.notify_all();
    }

    // Gives up on a descriptor that takes nothing more (closed, or its reader gone).
    static void write_all(int fd, std::string_view text) noexcept
    {
        while (!text.empty()) {
            ssize_t n = ::write(fd, text.data(), text.size());
            if (n > 0) {
                text.remove_prefix(static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            // A descriptor the program made non-blocking: wait until it takes more.
            pollfd writable{fd, POLLOUT, 0};
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && ::poll(&writable, 1, -1) > 0)
                continue;
            return;
        }
    }

    std::shared_ptr<state> state_;
    std::thread thread_;
};

/// The writer behind the default logger: one a process, for standard error, started by the
/// first line and flushed when the process exits (`exit`, or a return from `main`). Never
/// destroyed, so that a static object's destructor may still log: a line logged after the
/// flush is written at once.
inline background_line_writer& standard_error_writer() noexcept
{
    // Room for a burst of failures; a reader that falls further behind loses lines, counted,
    // rather than holding up the requests.
    constexpr std::size_t max_pending = std::size_t{1} << 20;
    static background_line_writer* const writer = [] {
        auto* w = new background_line_writer(STDERR_FILENO, max_pending);
        std::atexit([] { standard_error_writer().close(std::chrono::seconds(1)); });
        return w;
    }();
    return *writer;
}

/// `message` as one line: control characters (a newline in an exception's message, a
/// terminal's escape sequence in something a client sent) are written as `\xNN`, so that a
/// line cannot forge another or reach the terminal.
inline std::string log_line(log_level level, std::string_view message)
{
    constexpr char hex[] = "0123456789abcdef";
    std::string line = "trusthub: ";
    line.append(log_level_name(level)).append(": ");
    line.reserve(line.size() + message.size() + 1);
    for (char c : message) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            line.append("\\x").append(1, hex[byte >> 4]).append(1, hex[byte & 0xf]);
        else
            line.push_back(c);
    }
    line.push_back('\n');
    return line;
}

/// The default logger's sink: `trusthub: LEVEL: MESSAGE` on standard error, through
/// `standard_error_writer()`.
inline void log_to_standard_error(log_level level, std::string_view message) noexcept
{
    try {
        standard_error_writer().write(log_line(level, message));
    } catch (const std::bad_alloc&) {
        // The line could not even be made: there is nothing left to write it with.
    }
}

} // namespace detail

/// The library's diagnostics: failures that the client is not shown (a request answered 500,
/// with its request id and cause; a connection ended by an exception) and warnings. Each
/// component's options hold a copy.
///
/// The sink is called on the thread that logs, often one that serves requests: it must not
/// block, and must be safe to call from several threads at once. A sink that throws loses
/// nothing: the line goes to the default writer instead.
class logger {
public:
    using sink_type = std::function<void(log_level, std::string_view)>;

    /// The library's default: `info` and above to standard error, one line each
    /// (`trusthub: error: …`), by a process-wide thread that the first line starts, so that
    /// no request waits for standard error. A line that finds the bounded queue full is
    /// dropped, and the number dropped is written once the backlog is. What is waiting when
    /// the process exits is written then, unless standard error stays blocked.
    logger() : threshold_(log_level::info), sink_(&detail::log_to_standard_error) {}

    /// Lines at or above `threshold` go to `sink`; an empty sink writes nothing at all.
    logger(log_level threshold, sink_type sink) : threshold_(threshold), sink_(std::move(sink)) {}

    /// Whether a line at `level` would be written: test it before building an expensive line.
    bool enabled(log_level level) const noexcept { return sink_ && level >= threshold_; }

    /// Writes `message` (one line, without a newline) if `level` is enabled.
    void log(log_level level, std::string_view message) const
    {
        if (!enabled(level))
            return;
        try {
            sink_(level, message);
        } catch (...) {
            detail::log_to_standard_error(level, message);
        }
    }

    log_level threshold() const noexcept { return threshold_; }

private:
    log_level threshold_;
    sink_type sink_;
};

} // namespace trusthub

#endif
