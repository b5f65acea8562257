// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_POLICY_CATALOGUE_HPP
#define TRUSTHUB_RESOURCES_POLICY_CATALOGUE_HPP

#include <trusthub/config.hpp>
#include <trusthub/resources/catalogue.hpp>

#include <string_view>

namespace trusthub {

/// Policies (`resources::policies`) made from JSON text: an array of
/// `{"sid", "friendly_name", "bundle", "bundle_type", "requirements"}` objects in the order
/// they are listed. `requirements` is an object, served as written (its keys in their order,
/// white space dropped). `bundle` says which bundles may be made under the policy
/// (`"customer_profiles"` or `"trust_products"`); `bundle_type`, optional, what such a bundle
/// counts as where a requirement names one. Neither is served.
///
/// Throws `std::invalid_argument`, with a message that names the entry and what is wrong,
/// when the text is not JSON, not an array of such objects (an unknown key included), when a
/// SID is not `RN` + 32 lowercase hex digits or is listed twice, when `bundle` is neither
/// value, or when `requirements` is not an object.
TRUSTHUB_DECL catalogue parse_policies(std::string_view json);

/// The Policies shipped with the library (`include/trusthub/data/policies.json`, compiled
/// in), parsed once on first use: the SIDs Twilio's clients use, with the requirements
/// Twilio's documentation shows (`doc/compatibility.md` says which are confirmed). Lives until
/// the program ends.
TRUSTHUB_DECL const catalogue& default_policies();

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/policy_catalogue.ipp>
#endif

#endif
