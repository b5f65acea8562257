// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_ENDPOINTS_IPP
#define TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_ENDPOINTS_IPP

#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/control/test_control_codec.hpp>
#include <trusthub/control/test_control_endpoints.hpp>
#include <trusthub/resources/bundles.hpp>

#include <charconv>
#include <memory>
#include <string>

namespace trusthub {

namespace detail::test_control_handlers {

using codec = test_control_codec;
using response_type = endpoint_table::response_type;
namespace http = boost::beast::http;

// A store's failure: what the EndUser endpoints would answer for it (a store outage is a 503
// the client may retry; anything else is thrown to the exchange's 500).
inline response_type store_failure(boost::system::error_code ec, const endpoint_call& call)
{
    return resource_codec::encode_failure(ec, call.path).to_response(call.request.version());
}

inline boost::asio::awaitable<response_type> reset(test_control& control, const endpoint_call& call)
{
    auto removed = co_await control.reset(call.account_sid);
    if (!removed)
        co_return store_failure(removed.error(), call);
    co_return codec::encode_reset(*removed, call.request.version());
}

inline boost::asio::awaitable<response_type> get_snapshot(test_control& control, const endpoint_call& call)
{
    auto records = co_await control.snapshot(call.account_sid);
    if (!records)
        co_return store_failure(records.error(), call);
    co_return codec::encode_snapshot(*records, call.base_url, call.request.version(), control.options().resources);
}

inline boost::asio::awaitable<response_type> put_snapshot(test_control& control, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto records = codec::decode_snapshot(call.request.body(), call.account_sid, control.now(call.account_sid),
                                          control.options().resources);
    if (!records)
        co_return records.error().to_response(version);
    // The collection a refusal names: the snapshot's first (a SID in use does not say which).
    std::string first_kind = records->empty() ? std::string("records") : records->front().kind;
    auto restored = co_await control.restore(call.account_sid, std::move(*records));
    if (!restored) {
        if (restored.error() == errc::already_exists)
            co_return http_error::invalid_parameter(first_kind, "a SID is in use by another account; nothing changed")
                .to_response(version);
        if (restored.error() == errc::not_found || restored.error() == errc::missing_reference)
            co_return http_error::invalid_parameter(
                first_kind, "a record lives under or refers to one the snapshot does not have; nothing changed")
                .to_response(version);
        co_return store_failure(restored.error(), call);
    }
    co_return co_await get_snapshot(control, call);
}

inline boost::asio::awaitable<response_type> get_requests(test_control& control, const endpoint_call& call)
{
    co_return codec::encode_requests(control.requests(call.account_sid), call.request.version());
}

inline boost::asio::awaitable<response_type> delete_requests(test_control& control, const endpoint_call& call)
{
    control.clear_requests(call.account_sid);
    co_return resource_codec::encode_deleted(call.request.version());
}

inline boost::asio::awaitable<response_type> add_fault(test_control& control, const endpoint_call& call)
{
    auto rule = codec::decode_fault_rule(call.request.body());
    if (!rule)
        co_return rule.error().to_response(call.request.version());
    auto added = control.add_fault(call.account_sid, std::move(*rule));
    co_return codec::encode_fault_rule(added, http::status::created, call.request.version());
}

inline boost::asio::awaitable<response_type> get_faults(test_control& control, const endpoint_call& call)
{
    co_return codec::encode_fault_rules(control.faults(call.account_sid), call.request.version());
}

inline boost::asio::awaitable<response_type> delete_faults(test_control& control, const endpoint_call& call)
{
    control.clear_faults(call.account_sid);
    co_return resource_codec::encode_deleted(call.request.version());
}

inline boost::asio::awaitable<response_type> delete_fault(test_control& control, const endpoint_call& call)
{
    std::string_view text = call.parameters[0];
    std::uint64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || !control.remove_fault(call.account_sid, id))
        co_return http_error::not_found(call.path).to_response(call.request.version());
    co_return resource_codec::encode_deleted(call.request.version());
}

inline boost::asio::awaitable<response_type> get_clock(test_control& control, const endpoint_call& call)
{
    co_return codec::encode_clock(control.clock(call.account_sid), control.now(call.account_sid),
                                  call.request.version());
}

inline boost::asio::awaitable<response_type> put_clock(test_control& control, const endpoint_call& call)
{
    auto setting = codec::decode_clock(call.request.body());
    if (!setting)
        co_return setting.error().to_response(call.request.version());
    control.set_clock(call.account_sid, *setting);
    co_return co_await get_clock(control, call);
}

inline boost::asio::awaitable<response_type> get_parent(test_control& control, const endpoint_call& call)
{
    co_return codec::encode_parent(call.account_sid, control.relations().parent_of(call.account_sid),
                                   call.request.version());
}

inline boost::asio::awaitable<response_type> put_parent(test_control& control, const endpoint_call& call)
{
    auto parent = codec::decode_parent(call.request.body(), call.account_sid);
    if (!parent)
        co_return parent.error().to_response(call.request.version());
    control.relations().set_parent(call.account_sid, std::move(*parent));
    co_return co_await get_parent(control, call);
}

inline boost::asio::awaitable<response_type> get_phone_numbers(test_control& control, const endpoint_call& call)
{
    co_return codec::encode_phone_numbers(control.relations().numbers(call.account_sid), call.request.version());
}

inline boost::asio::awaitable<response_type> add_phone_numbers(test_control& control, const endpoint_call& call)
{
    auto sids = codec::decode_phone_numbers(call.request.body());
    if (!sids)
        co_return sids.error().to_response(call.request.version());
    co_return codec::encode_phone_numbers(control.relations().add_numbers(call.account_sid, *sids),
                                          call.request.version());
}

inline response_type encode_bundle(const resource_descriptor& resource, const record& r, http::status status,
                                   const endpoint_call& call)
{
    detail::record_field_views fields(r);
    return resource_codec::encode(resource, view_of(r, fields), status, call.base_url, call.request.version());
}

inline boost::asio::awaitable<response_type> review_bundle(bundle_control& control, const endpoint_call& call)
{
    auto review = codec::decode_bundle_review(call.request.body());
    if (!review)
        co_return review.error().to_response(call.request.version());
    // Started before the wait: see bundle_control::review.
    auto reviewing = control.review(call.account_sid, std::string(call.parameters[0]), std::move(*review));
    auto reviewed = co_await std::move(reviewing);
    if (!reviewed)
        co_return store_failure(reviewed.error(), call);
    co_return encode_bundle(*reviewed->first, reviewed->second, http::status::ok, call);
}

inline boost::asio::awaitable<response_type> make_primary_profile(bundle_control& control, const endpoint_call& call)
{
    unsigned version = call.request.version();
    auto request = codec::decode_primary_profile(call.request.body());
    if (!request)
        co_return request.error().to_response(version);
    auto creating = control.make_primary_profile(call.account_sid, std::move(*request));
    auto created = co_await std::move(creating);
    if (!created && created.error() == errc::not_found)
        co_return http_error::invalid_parameter("policy", "the server's Policies have no Primary Customer Profile policy")
            .to_response(version);
    if (!created)
        co_return store_failure(created.error(), call);
    co_return encode_bundle(resources::customer_profiles, *created, http::status::created, call);
}

} // namespace detail::test_control_handlers

void add_test_control_endpoints(endpoint_table& table, test_control& control)
{
    namespace h = detail::test_control_handlers;
    using boost::beast::http::verb;
    // Plain lambdas that hand back the handler's coroutine: no frame of their own.
    auto bind = [&control](boost::asio::awaitable<endpoint_table::response_type> (*f)(test_control&,
                                                                                       const endpoint_call&)) {
        return [&control, f](const endpoint_call& c) { return f(control, c); };
    };
    table.add("/_trusthub/reset", verb::post, bind(h::reset));
    table.add("/_trusthub/snapshot", verb::get, bind(h::get_snapshot));
    table.add("/_trusthub/snapshot", verb::put, bind(h::put_snapshot));
    table.add("/_trusthub/requests", verb::get, bind(h::get_requests));
    table.add("/_trusthub/requests", verb::delete_, bind(h::delete_requests));
    table.add("/_trusthub/faults", verb::get, bind(h::get_faults));
    table.add("/_trusthub/faults", verb::post, bind(h::add_fault));
    table.add("/_trusthub/faults", verb::delete_, bind(h::delete_faults));
    table.add("/_trusthub/faults/{Id}", verb::delete_, bind(h::delete_fault));
    table.add("/_trusthub/clock", verb::get, bind(h::get_clock));
    table.add("/_trusthub/clock", verb::put, bind(h::put_clock));
    table.add("/_trusthub/parent", verb::get, bind(h::get_parent));
    table.add("/_trusthub/parent", verb::put, bind(h::put_parent));
    table.add("/_trusthub/phone-numbers", verb::get, bind(h::get_phone_numbers));
    table.add("/_trusthub/phone-numbers", verb::post, bind(h::add_phone_numbers));
    table.intercept([&control](const endpoint_call& c, const endpoint_table::handler& next) {
        return control.intercept(c, next);
    });
}

void add_bundle_control_endpoints(endpoint_table& table, service& operations, const catalogue& policies)
{
    namespace h = detail::test_control_handlers;
    using boost::beast::http::verb;
    // Owned by the handlers, and so by the table.
    auto control = std::make_shared<bundle_control>(operations, policies);
    table.add("/_trusthub/bundles/{Sid}/review", verb::post,
              [control](const endpoint_call& c) { return h::review_bundle(*control, c); });
    table.add("/_trusthub/primary-profile", verb::post,
              [control](const endpoint_call& c) { return h::make_primary_profile(*control, c); });
}

} // namespace trusthub

#endif
