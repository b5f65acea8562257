// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// A consumer's program: uses the library through its CMake package and answers one request.

#include <trusthub.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

int main()
{
    trusthub::memory_store records;
    trusthub::service operations(records);
    trusthub::endpoint_table endpoints;
    trusthub::add_end_user_endpoints(endpoints, operations);
    trusthub::exchange_options options;
    options.authenticate = [](std::string_view, std::string_view) -> std::optional<std::string> { return std::nullopt; };
    trusthub::exchange api(endpoints, options);

    boost::asio::io_context io;
    unsigned status = 0;
    trusthub::exchange::request_type req{boost::beast::http::verb::get, "/v1/EndUsers", 11};
    auto done = [&status](std::exception_ptr e, trusthub::exchange::response_type res) {
        status = e ? 0 : res.result_int();
    };
    boost::asio::co_spawn(io, api.handle(std::move(req)), done);
    io.run_for(std::chrono::seconds(10));
    std::cout << "status " << status << "\n";
    return status == 401 ? 0 : 1;
}
