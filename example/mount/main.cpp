// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// trusthub-mount-example: a host server with its own `/health` route and the EndUser routes
// mounted beside it, on the host's io_context.
//
//   trusthub-mount-example [PORT] [ACSID:TOKEN]

#include "host.hpp"

#include <boost/asio/signal_set.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    namespace asio = boost::asio;
    unsigned short port = argc > 1 ? static_cast<unsigned short>(std::stoi(argv[1])) : 8081;
    trusthub::credential_table credentials;
    credentials.add_spec(argc > 2 ? argv[2] : "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:example-token");

    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
    auto bound = acceptor.local_endpoint();
    host::end_user_api api(credentials, "http://127.0.0.1:" + std::to_string(bound.port()));

    // (3) Nothing else: the host's own accept loop passes the exchange to its sessions.
    asio::co_spawn(io, host::accept(acceptor, api.api), asio::detached);

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](auto, int) {
        acceptor.close();
        io.stop();
    });
    std::cout << "host listening on 127.0.0.1:" << bound.port() << " (/health and /v1/EndUsers)" << std::endl;
    io.run();
}
