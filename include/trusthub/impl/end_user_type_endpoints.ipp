// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_END_USER_TYPE_ENDPOINTS_IPP
#define TRUSTHUB_IMPL_END_USER_TYPE_ENDPOINTS_IPP

#include <trusthub/end_user_type_codec.hpp>
#include <trusthub/end_user_type_endpoints.hpp>
#include <trusthub/error.hpp>

#include <string>

namespace trusthub {

namespace detail::end_user_type_handlers {

using codec = end_user_type_codec;
using response_type = endpoint_table::response_type;

// Coroutines although nothing here waits: the table's handlers all return one.
inline boost::asio::awaitable<response_type> list(const end_user_type_catalogue& catalogue, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto params = codec::decode_list(call.query);
    if (!params)
        co_return params.error().to_response(version);
    auto listed = catalogue.list(call.account_sid, *params);
    if (!listed)
        co_return codec::encode_failure(listed.error(), call.path).to_response(version);
    co_return codec::encode(*listed, call.base_url, version);
}

inline boost::asio::awaitable<response_type> fetch(const end_user_type_catalogue& catalogue, const endpoint_call& call)
{
    unsigned version = call.request.version();
    const end_user_type* found = catalogue.find(call.parameters[0]);
    if (!found)
        co_return codec::encode_failure(errc::not_found, call.path).to_response(version);
    co_return codec::encode(*found, call.base_url, version);
}

} // namespace detail::end_user_type_handlers

void add_end_user_type_endpoints(endpoint_table& table, const end_user_type_catalogue& catalogue)
{
    namespace handlers = detail::end_user_type_handlers;
    using boost::beast::http::verb;
    const std::string collection(end_user_type_codec::collection_path);
    const std::string item = collection + "/{Sid}";
    // Plain lambdas that hand back the handler's coroutine: no frame of their own.
    table.add(collection, verb::get, [&catalogue](const endpoint_call& c) { return handlers::list(catalogue, c); });
    table.add(item, verb::get, [&catalogue](const endpoint_call& c) { return handlers::fetch(catalogue, c); });
}

} // namespace trusthub

#endif
