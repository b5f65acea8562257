// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The library compiled once (TRUSTHUB_SEPARATE_COMPILATION), for trusthub's own tests and its
// unoptimized programs. Header-only, every file that includes the endpoints compiles the whole
// library again; here it is compiled in one file, and the files that use it compile as if they
// used Beast alone. Nothing of this is installed: a user chooses the mode for their own program
// (doc/mounting.md).

#include <trusthub/src.hpp>
