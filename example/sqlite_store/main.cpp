// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The TrustHub API on the SQLite store: the API wired over it and the ready-made listener.
//   trusthub-sqlite-server DATABASE PORT ACCOUNT_SID:AUTH_TOKEN

#include "sqlite_store.hpp"

#include <trusthub.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::cerr << "usage: " << argv[0] << " DATABASE PORT ACCOUNT_SID:AUTH_TOKEN\n";
        return 2;
    }
    try {
        boost::asio::io_context io;
        sqlite_example::sqlite_store records({argv[1]});
        trusthub::api wired(records);
        trusthub::exchange_options eo;
        eo.authenticate = trusthub::credential_table().add_spec(argv[3]);
        trusthub::exchange api(wired.endpoints(), eo);

        trusthub::listener_options lo;
        lo.endpoint = {boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(argv[2]))};
        trusthub::listener server(io.get_executor(), api, lo);
        api.set_public_url("http://127.0.0.1:" + std::to_string(server.local_endpoint().port()));
        server.start();

        boost::asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&server](const boost::system::error_code&, int) { server.stop(); });
        std::cout << "listening on 127.0.0.1:" << server.local_endpoint().port() << ", records in " << argv[1]
                  << std::endl;
        io.run();
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
}
