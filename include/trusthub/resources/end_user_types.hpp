// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_END_USER_TYPES_HPP
#define TRUSTHUB_RESOURCES_END_USER_TYPES_HPP

#include <trusthub/config.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/page.hpp>
#include <trusthub/store/record.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub {

/// One attribute an EndUser of a type carries: `{machine_name, friendly_name, constraint}` on
/// the wire. `machine_name` is the key in the EndUser's `Attributes`.
struct end_user_type_field {
    std::string machine_name;
    std::string friendly_name;
    std::string constraint;

    friend bool operator==(const end_user_type_field&, const end_user_type_field&) = default;
};

/// One EndUserType: what an EndUser's `type` names and which attribute keys it has.
struct end_user_type {
    std::string sid;  ///< `OY` + 32 lowercase hex digits, fixed for the type
    std::string friendly_name;
    std::string machine_name;  ///< what EndUsers put in `Type`, e.g. `authorized_representative_1`
    std::vector<end_user_type_field> fields;

    /// True when `key` is one of `fields`' machine names.
    bool has_field(std::string_view key) const noexcept
    {
        for (const auto& f : fields)
            if (f.machine_name == key)
                return true;
        return false;
    }

    friend bool operator==(const end_user_type&, const end_user_type&) = default;
};

/// Why an EndUser does not fit the catalogue: the request parameter at fault (`Type` or
/// `Attributes`) and what is wrong with it, for a 400 or a log line. Names types and keys,
/// never attribute values (they are personal data).
struct end_user_type_mismatch {
    std::string parameter;
    std::string why;
};

/// The EndUserTypes a server serves (`GET /v1/EndUserTypes`) and may check EndUsers against.
///
/// Data, not code: made from JSON text, an array of
/// `{"sid", "friendly_name", "machine_name", "fields": [{"machine_name", "friendly_name", "constraint"}]}`
/// objects in the order they are listed. `default_catalogue()` is the one shipped in
/// `include/trusthub/data/end_user_types.json`; a host may parse its own.
///
/// Immutable once made, so one catalogue may serve every thread.
class end_user_type_catalogue {
public:
    /// An empty catalogue.
    end_user_type_catalogue() = default;

    /// Parses and checks `json`. Throws `std::invalid_argument`, with a message that names the
    /// entry and what is wrong, when the text is not JSON, not an array of such objects (an
    /// unknown key included: it is more likely a typo than a wish), when a SID is not `OY` +
    /// 32 lowercase hex digits, when a machine name is empty, is an `OY` SID itself, or has a
    /// character other than ASCII letters, digits, `_`, `-` and `.` (it is a path segment of
    /// `/v1/EndUserTypes/{machine_name}`), when two types share a SID or a machine name, or
    /// when one type lists a field twice.
    TRUSTHUB_DECL static end_user_type_catalogue parse(std::string_view json);

    /// Every type, in catalogue order.
    const std::vector<end_user_type>& types() const noexcept { return types_; }

    std::size_t size() const noexcept { return types_.size(); }

    /// The type with this SID or, failing that, this machine name (Twilio's Policies link to
    /// `/EndUserTypes/customer_profile_business_information`); null if none.
    TRUSTHUB_DECL const end_user_type* find(std::string_view sid_or_machine_name) const noexcept;

    /// The type an EndUser's `Type` names; null if none.
    TRUSTHUB_DECL const end_user_type* find_by_machine_name(std::string_view machine_name) const noexcept;

    /// The types as records of a catalogue collection (`trusthub::catalogue`): the fields
    /// `friendly_name`, `machine_name` and `fields`, as `resources::end_user_types` and
    /// `resources::supporting_document_types` describe them.
    TRUSTHUB_DECL std::vector<record> to_records() const;

    /// What is wrong with an EndUser of type `type` whose attributes are `attributes` (a JSON
    /// object text, as the codec validated it), or nothing: an unknown type, or attribute keys
    /// the type does not list (all of them named, up to ten).
    TRUSTHUB_DECL std::optional<end_user_type_mismatch> check(std::string_view type,
                                                              std::string_view attributes) const;

    /// The keys of `attributes` (a JSON object text) that `type` does not list, or nothing.
    TRUSTHUB_DECL static std::optional<end_user_type_mismatch> check_keys(const end_user_type& type,
                                                                          std::string_view attributes);

private:
    std::vector<end_user_type> types_;
};

/// SupportingDocumentTypes have the same shape as EndUserTypes: one class describes both.
using type_catalogue = end_user_type_catalogue;

/// The catalogue shipped with the library (`include/trusthub/data/end_user_types.json`,
/// compiled in), parsed once on first use. Lives until the program ends.
TRUSTHUB_DECL const end_user_type_catalogue& default_catalogue();

/// The SupportingDocumentTypes shipped with the library
/// (`include/trusthub/data/supporting_document_types.json`), parsed once on first use.
TRUSTHUB_DECL const type_catalogue& default_supporting_document_types();

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/end_user_types.ipp>
#endif

#endif
