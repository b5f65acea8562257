// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_EXAMPLE_SERVER_LINE_WRITER_HPP
#define TRUSTHUB_EXAMPLE_SERVER_LINE_WRITER_HPP

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <unistd.h>

namespace trusthub_server {

/// How a `line_writer` batches and when it gives up on its reader.
struct line_writer_options {
    std::size_t max_pending = std::size_t{1} << 20;  ///< bytes waiting before lines are dropped
    std::chrono::milliseconds drain_timeout = std::chrono::seconds(1);  ///< for the reader, at exit
    std::chrono::milliseconds linger = std::chrono::milliseconds(50);   ///< a line's longest wait
    std::size_t batch_bytes = std::size_t{64} << 10;  ///< written at once, without lingering
};

/// Writes lines to a file descriptor from a thread of its own, in batches.
///
/// The request log goes to standard output, often a pipe. Written from the threads that serve
/// requests, a reader that stops reading (a full pipe, a suspended pager) would stop the
/// server with it. Here a request only appends its line to a buffer; when more than
/// `max_pending` bytes are waiting, lines are dropped and counted, and the count is written
/// once the reader catches up. A reader that has gone (EPIPE, with SIGPIPE ignored) ends the
/// writing, not the server.
///
/// The writer is woken only when the buffer goes from empty to not empty and when it passes
/// `batch_bytes`; otherwise it lets lines gather for up to `linger`, then writes them all with
/// one system call. Woken for every line, it would cost the request path a futex call and
/// the machine a context switch a request, and write one line a call.
class line_writer {
public:
    /// `name` says what `fd` is in the message that counts dropped lines ("standard output").
    line_writer(int fd, std::string name, line_writer_options o = {})
        : state_(std::make_shared<state>(fd, std::move(name), o)), drain_timeout_(o.drain_timeout),
          thread_(&line_writer::run, state_)
    {
    }

    line_writer(const line_writer&) = delete;
    line_writer& operator=(const line_writer&) = delete;

    /// Writes what is pending, waiting for the reader at most `drain_timeout`: a program that
    /// was asked to stop does not hang on a reader that never reads again.
    ~line_writer()
    {
        std::unique_lock lock(state_->mutex);
        state_->stopping = true;
        state_->wake.notify_all();
        if (state_->finished.wait_for(lock, drain_timeout_, [this] { return state_->done; })) {
            lock.unlock();
            thread_.join();
        } else {
            // Blocked in write(2). The thread owns its share of the state; the process exits.
            lock.unlock();
            thread_.detach();
        }
    }

    /// Queues `line` (which should end in a newline); never blocks on the reader.
    void write(std::string_view line)
    {
        bool wake;
        {
            std::lock_guard lock(state_->mutex);
            std::size_t before = state_->pending.size();
            if (before + line.size() > state_->max_pending) {
                ++state_->dropped;
                return;
            }
            state_->pending.append(line);
            wake = before == 0 || (before < state_->batch_bytes && state_->pending.size() >= state_->batch_bytes);
        }
        if (wake)
            state_->wake.notify_one();
    }

private:
    struct state {
        state(int f, std::string n, const line_writer_options& o)
            : fd(f), name(std::move(n)), max_pending(o.max_pending), linger(o.linger), batch_bytes(o.batch_bytes)
        {
        }
        const int fd;
        const std::string name;
        const std::size_t max_pending;
        const std::chrono::milliseconds linger;
        const std::size_t batch_bytes;
        std::mutex mutex;
        std::condition_variable wake;
        std::condition_variable finished;
        std::string pending;
        std::uint64_t dropped = 0;
        bool stopping = false;
        bool done = false;
    };

    static void run(std::shared_ptr<state> s)
    {
        std::string batch;
        bool reader_gone = false;
        for (;;) {
            std::uint64_t dropped = 0;
            {
                std::unique_lock lock(s->mutex);
                s->wake.wait(lock, [&] { return !s->pending.empty() || s->dropped != 0 || s->stopping; });
                if (s->pending.empty() && s->dropped == 0)
                    break;  // stopping, and all written
                // Let the lines of the next moments join this batch.
                s->wake.wait_for(lock, s->linger, [&] {
                    return s->pending.size() >= s->batch_bytes || s->dropped != 0 || s->stopping;
                });
                batch.swap(s->pending);
                dropped = std::exchange(s->dropped, 0);
            }
            if (dropped != 0)
                batch += "trusthub-server: " + std::to_string(dropped) +
                         " log line(s) dropped: " + s->name + " was not being read\n";
            if (!reader_gone)
                reader_gone = !write_all(s->fd, batch);
            batch.clear();
        }
        std::lock_guard lock(s->mutex);
        s->done = true;
        s->finished.notify_all();
    }

    // False when the descriptor can take nothing more (the reader has gone).
    static bool write_all(int fd, std::string_view text)
    {
        while (!text.empty()) {
            ssize_t n = ::write(fd, text.data(), text.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            text.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    std::shared_ptr<state> state_;
    std::chrono::milliseconds drain_timeout_;
    std::thread thread_;
};

} // namespace trusthub_server

#endif
