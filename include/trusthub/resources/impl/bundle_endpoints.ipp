// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_BUNDLE_ENDPOINTS_IPP
#define TRUSTHUB_RESOURCES_IMPL_BUNDLE_ENDPOINTS_IPP

#include <trusthub/detail/stored_fields.hpp>
#include <trusthub/resources/bundle_endpoints.hpp>
#include <trusthub/resources/bundles.hpp>
#include <trusthub/resources/policies.hpp>
#include <trusthub/resources/resource_endpoints.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace trusthub {

namespace detail::bundle_handlers {

// Whether a client may move a bundle from `from` to `to` (the table in doc/compatibility.md):
// it submits a draft, and reopens or resubmits a rejected bundle. Every later move is the
// review's.
inline bool client_may_move(std::string_view from, std::string_view to) noexcept
{
    return (from == "draft" || from == "twilio-rejected") && (to == "draft" || to == "pending-review");
}

inline std::string_view status_of(const record& bundle) noexcept
{
    return unquoted(field_of(bundle, resources::bundle_status_field));
}

inline bool under_review(std::string_view status) noexcept
{
    return status == "pending-review" || status == "in-review";
}

struct bundle_rules {
    const resource_descriptor& resource;
    const catalogue& policies;
    bool allow_primary;

    std::optional<http_error> on_create(create_fields& params) const
    {
        std::string_view policy_sid = unquoted(params.fields[resources::bundle_policy_field]);
        const record* policy = policies.find(policy_sid);
        if (!policy)
            return http_error::invalid_parameter("PolicySid", "is not a policy");
        if (unquoted(field_of(*policy, resources::policy_bundle_field)) != resource.kind)
            return http_error::invalid_parameter("PolicySid", resource.kind == resources::customer_profiles.kind
                                                                  ? "is not a policy for CustomerProfiles"
                                                                  : "is not a policy for TrustProducts");
        if (!allow_primary &&
            unquoted(field_of(*policy, resources::policy_bundle_type_field)) == "primary_customer_profile_type_business")
            return http_error::invalid_parameter("PolicySid",
                                                 "Primary Customer Profiles are made in the Console, not through the API");
        // Status is not a create parameter: a new bundle is a draft.
        params.fields[resources::bundle_status_field] = resource.fields[resources::bundle_status_field].initial;
        return std::nullopt;
    }

    static std::optional<http_error> on_update(const record& current, const update_fields& params)
    {
        for (const auto& [index, text] : params.fields)
            if (index == resources::bundle_status_field &&
                !client_may_move(status_of(current), unquoted(text)))
                return http_error::conflict();
        return std::nullopt;
    }

    static std::optional<http_error> on_remove(const record& current)
    {
        if (under_review(status_of(current)))
            return http_error::conflict();
        return std::nullopt;
    }
};

inline resource_hooks hooks_for(std::shared_ptr<const bundle_rules> rules)
{
    resource_hooks hooks;
    hooks.check_create = [rules](const endpoint_call&, create_fields& params) { return rules->on_create(params); };
    hooks.check_update = [](const endpoint_call&, const record& current, update_fields& params) {
        return bundle_rules::on_update(current, params);
    };
    hooks.check_remove = [](const endpoint_call&, const record& current) { return bundle_rules::on_remove(current); };
    return hooks;
}

} // namespace detail::bundle_handlers

void add_bundle_endpoints(endpoint_table& table, service& operations, const bundle_endpoint_options& options)
{
    namespace handlers = detail::bundle_handlers;
    const catalogue& policies = options.policies ? *options.policies : default_policies();
    for (const resource_descriptor* kind : {&resources::customer_profiles, &resources::trust_products}) {
        auto rules = std::make_shared<const handlers::bundle_rules>(
            handlers::bundle_rules{*kind, policies, options.allow_api_primary_profiles});
        add_resource_endpoints(table, operations, *kind, handlers::hooks_for(std::move(rules)));
    }
}

} // namespace trusthub

#endif
