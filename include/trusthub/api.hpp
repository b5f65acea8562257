// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_API_HPP
#define TRUSTHUB_API_HPP

#include <trusthub/config.hpp>
#include <trusthub/resources/assignment_endpoints.hpp>
#include <trusthub/resources/bundle_endpoints.hpp>
#include <trusthub/resources/end_user_endpoints.hpp>
#include <trusthub/resources/end_user_types.hpp>
#include <trusthub/resources/policy_catalogue.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/resources/service.hpp>
#include <trusthub/store/store.hpp>
#include <trusthub/control/test_control.hpp>

namespace trusthub {

/// What the TrustHub endpoints are served with, beyond the store.
struct api_options {
    /// SIDs and the real time. `account_clock` is set by `api` when the control API is served.
    service_options service;
    /// Type checks of the EndUsers, and the EndUserTypes catalogue they and
    /// `/v1/EndUserTypes` use (null: `default_catalogue()`).
    end_user_endpoint_options end_users;
    /// The SupportingDocumentTypes catalogue; null: `default_supporting_document_types()`.
    const type_catalogue* supporting_document_types = nullptr;
    /// The Policies served at `/v1/Policies` (made by `parse_policies`); null:
    /// `default_policies()`.
    const catalogue* policies = nullptr;
    /// How the CustomerProfiles and TrustProducts are served; their policies, when not named,
    /// are `policies`.
    bundle_endpoint_options bundles;
    /// What the assignments learn of accounts: their parents and numbers. With the control API
    /// served, what is left empty is what its `parent` and `phone-numbers` calls declared.
    assignment_endpoint_options assignments;
    /// Serve the test-control API (`/_trusthub/…`, see `add_test_control_endpoints`): its
    /// clocks then date the records, and its journal and fault rules see every call.
    bool serve_control = false;
    /// The test-control object's options; its clock is `service.clock`.
    test_control_options control;
};

/// Adds every TrustHub collection this library serves to `table`: EndUsers, EndUserTypes,
/// SupportingDocuments, SupportingDocumentTypes, Policies, CustomerProfiles, TrustProducts.
/// `operations` and the catalogues named in
/// `options` must outlive the table.
TRUSTHUB_DECL void add_trusthub_endpoints(endpoint_table& table, service& operations, const api_options& options = {});

/// The TrustHub API wired once, as every program serving it needs it: the service over a
/// store, every collection's endpoints, and the test-control object (its API served when
/// `api_options::serve_control` is set). Hand `endpoints()` to an `exchange`.
///
/// Not copyable or movable: the endpoints refer to its members. `records` must outlive it.
class api {
public:
    TRUSTHUB_DECL explicit api(store& records, api_options options = {});
    api(const api&) = delete;
    api& operator=(const api&) = delete;

    endpoint_table& endpoints() noexcept { return endpoints_; }
    service& operations() noexcept { return service_; }
    test_control& control() noexcept { return control_; }
    store& records() noexcept { return store_; }
    const api_options& options() const noexcept { return options_; }

private:
    api_options options_;
    store& store_;
    test_control control_;
    service service_;
    endpoint_table endpoints_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/impl/api.ipp>
#endif

#endif
