// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_IMPL_API_IPP
#define TRUSTHUB_IMPL_API_IPP

#include <trusthub/api.hpp>
#include <trusthub/resources/assignment_endpoints.hpp>
#include <trusthub/resources/end_user_type_endpoints.hpp>
#include <trusthub/resources/policy_endpoints.hpp>
#include <trusthub/resources/resource_endpoints.hpp>
#include <trusthub/resources/supporting_documents.hpp>
#include <trusthub/control/test_control_endpoints.hpp>

namespace trusthub {

namespace detail {

inline test_control_options control_options_of(const api_options& o)
{
    test_control_options c = o.control;
    c.clock = o.service.clock;
    return c;
}

// The service's options: the control object's clocks when its API is served.
// What the assignments learn of accounts: the control API's declarations where the host set
// nothing of its own.
inline void use_declared_relations(api_options& o, test_control& control)
{
    if (!o.serve_control)
        return;
    account_relations* relations = &control.relations();
    if (!o.assignments.parent_account)
        o.assignments.parent_account = [relations](std::string_view account) { return relations->parent_of(account); };
    if (!o.assignments.number_allowed)
        o.assignments.number_allowed = [relations](std::string_view account, std::string_view number) {
            return relations->number_allowed(account, number);
        };
}

inline service_options service_options_of(const api_options& o, test_control& control)
{
    service_options s = o.service;
    if (o.serve_control)
        s.account_clock = control.account_clock();
    return s;
}

} // namespace detail

void add_trusthub_endpoints(endpoint_table& table, service& operations, const api_options& options)
{
    add_end_user_endpoints(table, operations, options.end_users);
    add_end_user_type_endpoints(table, options.end_users.catalogue ? *options.end_users.catalogue
                                                                   : default_catalogue());
    add_resource_endpoints(table, operations, resources::supporting_documents);
    add_supporting_document_type_endpoints(table, options.supporting_document_types
                                                      ? *options.supporting_document_types
                                                      : default_supporting_document_types());
    const catalogue& policies = options.policies ? *options.policies : default_policies();
    add_policy_endpoints(table, policies);
    bundle_endpoint_options bundles = options.bundles;
    if (!bundles.policies)
        bundles.policies = &policies;
    add_bundle_endpoints(table, operations, bundles);
    add_assignment_endpoints(table, operations, options.assignments);
}

api::api(store& records, api_options options)
        : options_(std::move(options)), store_(records), control_(store_, detail::control_options_of(options_)),
          service_(store_, detail::service_options_of(options_, control_))
{
    detail::use_declared_relations(options_, control_);
    add_trusthub_endpoints(endpoints_, service_, options_);
    if (options_.serve_control) {
        add_test_control_endpoints(endpoints_, control_);
        add_bundle_control_endpoints(endpoints_, service_,
                                     options_.policies ? *options_.policies : default_policies());
    }
}

} // namespace trusthub

#endif
