// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_BUNDLE_CONTROL_IPP
#define TRUSTHUB_CONTROL_IMPL_BUNDLE_CONTROL_IPP

#include <trusthub/control/bundle_control.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/resources/bundles.hpp>
#include <trusthub/resources/policies.hpp>

#include <chrono>
#include <utility>

namespace trusthub {

namespace detail::bundle_moves {

// One year, as a review's approval lasts when the test names no end.
inline constexpr std::chrono::seconds approval_lasts{365LL * 86'400};

inline std::string quoted_date(timestamp t)
{
    std::string out = "\"";
    append_date(out, t);
    out.push_back('"');
    return out;
}

// The fields of a Primary profile, in the descriptor's order. A plain function, not part of
// the coroutine: what it builds with lives on its stack, not in a frame.
inline std::vector<std::string> primary_fields(const primary_profile_request& request, const std::string& policy,
                                               std::string valid_until)
{
    const resource_descriptor& bundle = resources::customer_profiles;
    std::vector<std::string> fields;
    for (const field_descriptor& f : bundle.fields)
        fields.emplace_back(f.initial);
    auto set = [&](std::string_view wire_name, std::string_view text) {
        std::string& field = fields[*bundle.field_index(wire_name)];
        field.clear();
        if (!text.empty())
            append_string(field, text);
    };
    set("status", request.status);
    set("friendly_name", request.friendly_name);
    set("email", request.email);
    set("status_callback", request.status_callback);
    fields[resources::bundle_policy_field] = policy;
    fields[resources::bundle_valid_until_field] = std::move(valid_until);
    return fields;
}

} // namespace detail::bundle_moves

bundle_control::bundle_control(service& operations, const catalogue& policies) : operations_(operations)
{
    for (const record& p : policies.entries())
        if (p.fields.size() > resources::policy_bundle_type_field &&
            p.fields[resources::policy_bundle_type_field] == R"("primary_customer_profile_type_business")") {
            detail::append_string(primary_policy_, p.sid);
            break;
        }
}

boost::asio::awaitable<result<std::pair<const resource_descriptor*, record>>> bundle_control::review(
    std::string account_sid, std::string bundle_sid, bundle_review decision)
{
    // Each call of the service is made before its wait, not inside the co_await: g++ 12
    // destroys temporaries of a co_await expression wrongly (GCC bug 107288).
    // The SID says a bundle, not which kind: it is one or the other, or neither.
    const resource_descriptor* kind = &resources::customer_profiles;
    auto fetching = operations_.fetch(*kind, record_scope{account_sid, {}}, bundle_sid);
    auto found = co_await std::move(fetching);
    if (!found && found.error() == errc::not_found) {
        kind = &resources::trust_products;
        auto fetching_product = operations_.fetch(*kind, record_scope{account_sid, {}}, bundle_sid);
        found = co_await std::move(fetching_product);
    }
    if (!found)
        co_return found.error();
    std::string valid_until;
    if (decision.valid_until)
        valid_until = std::move(*decision.valid_until);
    else if (decision.status == R"("twilio-approved")")
        valid_until = detail::bundle_moves::quoted_date(operations_.now(account_sid) +
                                                          detail::bundle_moves::approval_lasts);
    std::vector<std::pair<std::size_t, std::string>> changes;
    changes.emplace_back(resources::bundle_status_field, std::move(decision.status));
    changes.emplace_back(resources::bundle_valid_until_field, std::move(valid_until));
    changes.emplace_back(resources::bundle_errors_field, decision.errors ? std::move(*decision.errors) : std::string());
    auto updating = operations_.update(*kind, record_scope{account_sid, {}}, std::move(bundle_sid), std::move(changes));
    auto updated = co_await std::move(updating);
    if (!updated)
        co_return updated.error();
    co_return std::pair<const resource_descriptor*, record>(kind, std::move(*updated));
}

boost::asio::awaitable<result<record>> bundle_control::make_primary_profile(std::string account_sid,
                                                                           primary_profile_request request)
{
    if (primary_policy_.empty())
        co_return errc::not_found;
    std::string valid_until;
    if (request.status == "twilio-approved")
        valid_until =
            detail::bundle_moves::quoted_date(operations_.now(account_sid) + detail::bundle_moves::approval_lasts);
    auto fields = detail::bundle_moves::primary_fields(request, primary_policy_, std::move(valid_until));
    auto creating = operations_.create(resources::customer_profiles, record_scope{std::move(account_sid), {}}, std::move(fields));
    co_return co_await std::move(creating);
}

} // namespace trusthub

#endif
