// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_BUNDLE_CONTROL_HPP
#define TRUSTHUB_CONTROL_BUNDLE_CONTROL_HPP

#include <trusthub/config.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/catalogue.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/service.hpp>
#include <trusthub/store/record.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace trusthub {

/// A review's outcome, as a test decides it: the bundle's new status and, if given, its
/// `errors` and `valid_until`, each as the JSON text the bundle stores.
struct bundle_review {
    std::string status;                      ///< a JSON string: `"twilio-approved"`
    std::optional<std::string> errors;       ///< a JSON array, or empty for null
    std::optional<std::string> valid_until;  ///< a JSON string, or empty for null
};

/// The Primary Customer Profile a test asks for: plain text, not JSON.
struct primary_profile_request {
    std::string friendly_name;
    std::string email;
    std::string status = "twilio-approved";  ///< any of a bundle's five
    std::string status_callback;             ///< an absolute URL, or empty for none
};

/// What only Twilio does to bundles, done for tests: review a bundle (any status to any
/// status), and make the Primary Customer Profile that Twilio's Console makes and its API
/// refuses. Through a `service`, so the records are dated by the account's clock, on any
/// store. The C++ side of `add_bundle_control_endpoints`.
class bundle_control {
public:
    /// `policies`: where the Primary profile's policy is found (the one whose bundle type is
    /// `primary_customer_profile_type_business`). Both must outlive this object.
    TRUSTHUB_DECL bundle_control(service& operations, const catalogue& policies);

    /// The CustomerProfile or TrustProduct `bundle_sid` of the account, moved as `decision`
    /// says, and its kind. A move to `twilio-approved` that names no `valid_until` sets it a
    /// year from the account's now; any other status that names none clears it. `errors` is
    /// kept only as given (null when left out). `errc::not_found` if the account has no such
    /// bundle.
    TRUSTHUB_DECL boost::asio::awaitable<result<std::pair<const resource_descriptor*, record>>> review(
        std::string account_sid, std::string bundle_sid, bundle_review decision);

    /// A Primary Customer Profile as `request` describes it, under the Primary policy, with a
    /// `valid_until` a year from the account's now when it is `twilio-approved`.
    /// `errc::not_found` when the policies have no Primary profile policy.
    TRUSTHUB_DECL boost::asio::awaitable<result<record>> make_primary_profile(std::string account_sid,
                                                                              primary_profile_request request);

private:
    service& operations_;
    std::string primary_policy_;  // a JSON string; empty if the catalogue has none
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/bundle_control.ipp>
#endif

#endif
