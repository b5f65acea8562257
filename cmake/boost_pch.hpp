// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The Boost headers that nearly every test file and the compiled library parse, precompiled
// once for them (see CMakeLists.txt, TRUSTHUB_PCH). Only Boost's own headers belong here:
// trusthub's headers are what the tests check, and the header tests must see each of them
// compile alone, without help from a precompiled header.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
