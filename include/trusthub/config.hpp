// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONFIG_HPP
#define TRUSTHUB_CONFIG_HPP

/// How the library is compiled, the Boost way.
///
/// Header-only is the default: every function is defined in the headers, and each translation
/// unit that uses one compiles it. A program that defines `TRUSTHUB_SEPARATE_COMPILATION` (for
/// every translation unit, as a compile definition) gets declarations only from the headers,
/// and includes `<trusthub/src.hpp>` in exactly one of its translation units, which compiles
/// the definitions once: the coroutines, the codec and the stores are then compiled once for
/// the program instead of once for each file that mounts the routes.
#if defined(TRUSTHUB_SEPARATE_COMPILATION)
#define TRUSTHUB_DECL
#else
#define TRUSTHUB_HEADER_ONLY 1
#define TRUSTHUB_DECL inline
#endif

#endif
