// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_TEST_CONTROL_CODEC_HPP
#define TRUSTHUB_CONTROL_TEST_CONTROL_CODEC_HPP

#include <trusthub/config.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/http/http_error.hpp>
#include <trusthub/control/bundle_control.hpp>
#include <trusthub/control/test_control.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/result.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trusthub {

/// The test-control API's JSON, both ways, pure and synchronous (`doc/testing-with-trusthub.md`
/// describes every body). A body that will not do is a 400 (code 20001) naming the key at
/// fault: `Invalid parameter end_users[2].sid: …`.
class test_control_codec {
public:
    using response_type = boost::beast::http::response<boost::beast::http::string_body>;
    template <class T>
    using decoded = boost::system::result<T, http_error>;

    /// The collections this codec reads and writes, in the order a restore creates them.
    using collections = std::span<const resource_descriptor* const>;

    /// `{"end_users": [ … ], "supporting_documents": [ … ]}`: each collection's records by its
    /// kind (any of them may be left out), each item a record as the API returns it: `sid`
    /// and the parent's SID required, the fields required on create required (strings not
    /// empty), the others as the API writes them (default: their initial value), dates
    /// `YYYY-MM-DDTHH:MM:SSZ` (default `now`; `date_updated` defaults to `date_created`), `url`
    /// and `links` ignored, `account_sid` ignored if it is `account_sid`'s and refused if it is
    /// another's. Records come out collection by collection, in `resources`' order.
    TRUSTHUB_DECL static decoded<std::vector<record>> decode_snapshot(
        std::string_view body, std::string_view account_sid, timestamp now,
        collections resources = resources::stored_resources());

    /// `{"accounts": {"AC…": {"end_users": [ … ]}}}`: what `trusthub-server --seed` loads.
    TRUSTHUB_DECL static decoded<std::map<std::string, std::vector<record>>> decode_seed(
        std::string_view body, timestamp now, collections resources = resources::stored_resources());

    /// A fault rule: `method`, `path`, `after`, `every`, `times`, `probability`, `seed`,
    /// `status`, `code`, `message`, `retry_after`, `delay_ms`, `drop`, `commit`; nothing else.
    TRUSTHUB_DECL static decoded<fault_rule> decode_fault_rule(std::string_view body);

    /// `{"mode": "real"}`, `{"mode": "frozen", "now": "…"}` or `{"mode": "offset", "seconds": n}`.
    TRUSTHUB_DECL static decoded<clock_setting> decode_clock(std::string_view body);

    /// What `POST /_trusthub/bundles/{Sid}/review` sets: `{"status": "…", "errors": [{"code":
    /// n}, …], "valid_until": "…"}`. `status` (required) is any of a bundle's five; `errors`
    /// an array of objects each with an integer `code`, or null; `valid_until` a date, or null.
    TRUSTHUB_DECL static decoded<bundle_review> decode_bundle_review(std::string_view body);
    /// What `POST /_trusthub/primary-profile` makes: `{"friendly_name": "…", "email": "…",
    /// "status": "…", "status_callback": "…"}`, the first two required (not empty), `status`
    /// any of a bundle's five (default `twilio-approved`), `status_callback` an absolute URL.
    TRUSTHUB_DECL static decoded<primary_profile_request> decode_primary_profile(std::string_view body);
    /// What `PUT /_trusthub/parent` declares: `{"parent_account_sid": "AC…"}`, or `null` for
    /// no parent. `account_sid` is the caller's, which cannot be its own parent.
    TRUSTHUB_DECL static decoded<std::optional<std::string>> decode_parent(std::string_view body,
                                                                          std::string_view account_sid);
    /// What `POST /_trusthub/phone-numbers` registers: `{"sids": ["PN…", …]}`, at least one,
    /// each a `PN` SID.
    TRUSTHUB_DECL static decoded<std::vector<std::string>> decode_phone_numbers(std::string_view body);
    /// `{"account_sid": "AC…", "parent_account_sid": "AC…" or null}`.
    TRUSTHUB_DECL static response_type encode_parent(std::string_view account_sid,
                                                     const std::optional<std::string>& parent, unsigned version);
    /// `{"sids": [ … ]}`: every number the account registered, sorted.
    TRUSTHUB_DECL static response_type encode_phone_numbers(const std::vector<std::string>& sids, unsigned version);
    /// Every collection of `resources` by its kind, its records in listing order.
    TRUSTHUB_DECL static response_type encode_snapshot(const std::vector<record>& records, std::string_view base_url,
                                                       unsigned version,
                                                       collections resources = resources::stored_resources());
    TRUSTHUB_DECL static response_type encode_requests(const std::vector<journal_entry>& entries, unsigned version);
    TRUSTHUB_DECL static response_type encode_fault_rule(const fault_rule_state& rule,
                                                         boost::beast::http::status status, unsigned version);
    TRUSTHUB_DECL static response_type encode_fault_rules(const std::vector<fault_rule_state>& rules, unsigned version);
    TRUSTHUB_DECL static response_type encode_clock(const clock_setting& setting, timestamp now, unsigned version);
    /// `{"end_users_removed": n, …}`: a `{kind}_removed` count for each collection `removed`
    /// names (see `test_control::reset`).
    TRUSTHUB_DECL static response_type encode_reset(const std::vector<std::pair<std::string, std::size_t>>& removed,
                                                    unsigned version);
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/control/impl/test_control_codec.ipp>
#endif

#endif
