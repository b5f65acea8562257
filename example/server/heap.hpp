// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_EXAMPLE_SERVER_HEAP_HPP
#define TRUSTHUB_EXAMPLE_SERVER_HEAP_HPP

// How the server program sets up glibc's allocator. A setting of the whole process, so it
// belongs to the program, never to the library: a host embedding trusthub decides for itself
// (doc/mounting.md says why it may want the same).

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

} // namespace trusthub_server

#endif
