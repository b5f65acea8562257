// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// A file of trusthub_test_main that is compiled with the precompiled header (main.cpp cannot
// be: see test/CMakeLists.txt), so that CMake makes the header for the test programs to reuse.
