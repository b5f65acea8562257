// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_EXAMPLE_SERVER_HEAP_HPP
#define TRUSTHUB_EXAMPLE_SERVER_HEAP_HPP

// How the server program sets up glibc's allocator. A setting of the whole process, so it
// belongs to the program, never to the library: a host embedding trusthub decides for itself
// (doc/mounting.md says why it may want the same).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <fstream>
#include <mutex>
#include <thread>

#include <unistd.h>

// After a C library header: that is what defines __GLIBC__.
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace trusthub_server {

/// Keeps freed memory at the top of the heap for reuse instead of handing it back at once.
///
/// With glibc's defaults, once the top of the heap is free (as it is after a burst of updates
/// has moved records around) every response larger than a few pages is carved from the top,
/// freed, trimmed off with the top (more than 128 KiB free) and faulted back in by the next
/// one: about four page faults a list of 50, which halved its rate (bench/run.py; see
/// doc/performance.md). Keeping up to 64 MiB free at the top and serving blocks up to 4 MiB
/// from the heap (not mmap) removes that churn; the process still returns memory beyond that.
inline void keep_freed_heap() noexcept
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

/// Gives memory back to the system once the process holds far more than it uses.
///
/// glibc returns freed memory only from the top of the heap. After a mass delete the records'
/// memory is free, but anything still in use above it (an index's table, allocated last, as
/// it grew) pins the top, and the process keeps its peak for good. `malloc_trim` also returns
/// the whole free pages inside the heap. It walks every free chunk, so it runs only when the
/// resident memory exceeds what is in use by more than `keep`, and from a thread of its own:
/// the io_context's threads never wait for it, and the check every `period` is a few reads.
class heap_trimmer {
public:
    explicit heap_trimmer(std::size_t keep = std::size_t{64} << 20,
                          std::chrono::milliseconds period = std::chrono::seconds(5))
        : keep_(keep), period_(period), thread_([this] { run(); })
    {
    }

    heap_trimmer(const heap_trimmer&) = delete;
    heap_trimmer& operator=(const heap_trimmer&) = delete;

    ~heap_trimmer()
    {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

    /// Trims if the process holds more than `keep` beyond what it uses. True if it trimmed.
    bool trim_if_worth_it() const noexcept
    {
#if defined(__GLIBC__)
        std::size_t resident = resident_bytes();
        struct mallinfo2 heap = mallinfo2();
        std::size_t in_use = heap.uordblks + heap.hblkhd;
        if (resident <= in_use + keep_)
            return false;
        malloc_trim(0);
        return true;
#else
        return false;
#endif
    }

private:
    void run()
    {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, period_, [this] { return stopping_; }))
            trim_if_worth_it();
    }

    static std::size_t resident_bytes() noexcept
    {
        std::ifstream statm("/proc/self/statm");
        std::size_t pages = 0, resident = 0;
        if (!(statm >> pages >> resident))
            return 0;
        return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    }

    const std::size_t keep_;
    const std::chrono::milliseconds period_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace trusthub_server

#endif
