// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_CODEC_IPP
#define TRUSTHUB_CONTROL_IMPL_TEST_CONTROL_CODEC_IPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/wire_json.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/control/test_control_codec.hpp>
#include <trusthub/resources/bundles.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <limits>

namespace trusthub {

namespace detail::control_json {

using error = http_error;
template <class T>
using decoded = boost::system::result<T, http_error>;

inline http_error refuse(std::string_view name, std::string_view why)
{
    return http_error::invalid_parameter(name, why);
}

inline decoded<boost::json::object> parse_object(std::string_view body)
{
    boost::system::error_code ec;
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::value v = boost::json::parse(body, ec, {}, options);
    if (ec || !v.is_object())
        return refuse("body", "must be a JSON object");
    return std::move(v.as_object());
}

// The first key of `o` that is not one of `known`, if any.
inline std::optional<std::string> unknown_key(const boost::json::object& o, std::initializer_list<std::string_view> known)
{
    for (const auto& kv : o) {
        std::string_view key(kv.key().data(), kv.key().size());
        if (std::find(known.begin(), known.end(), key) == known.end())
            return std::string(key);
    }
    return std::nullopt;
}

inline std::optional<std::uint64_t> as_count(const boost::json::value& v)
{
    if (v.is_uint64())
        return v.get_uint64();
    if (v.is_int64() && v.get_int64() >= 0)
        return static_cast<std::uint64_t>(v.get_int64());
    return std::nullopt;
}

inline std::optional<std::string_view> as_text(const boost::json::value& v)
{
    if (!v.is_string())
        return std::nullopt;
    return std::string_view(v.get_string().data(), v.get_string().size());
}

// Whether the API writes field `index` of `resource`: a field no member names is the server's
// own, kept in snapshots only.
inline bool served(const resource_descriptor& resource, std::size_t index) noexcept
{
    for (const member_descriptor& m : resource.members)
        if (m.kind == member_kind::field && m.index == index)
            return true;
    return false;
}

// One record of `resource` as the API writes it, back into a record.
inline decoded<record> decode_item(const resource_descriptor& resource, const boost::json::value& v,
                                   const std::string& at, std::string_view account_sid, timestamp now)
{
    if (!v.is_object())
        return refuse(at, "must be an object as the API returns it");
    const auto& o = v.get_object();
    for (const auto& kv : o) {
        std::string_view key(kv.key().data(), kv.key().size());
        bool known = false;
        for (const member_descriptor& m : resource.members)
            known = known || m.name == key;
        for (std::size_t i = 0; i < resource.fields.size(); ++i)
            known = known || (!served(resource, i) && resource.fields[i].wire_name == key);
        if (!known)
            return refuse(at + "." + std::string(key), "unknown key");
    }
    record r;
    r.kind = resource.kind;
    r.account_sid = std::string(account_sid);
    auto sid_of = [&](std::string_view key, std::string_view prefix, std::string& out) -> std::optional<http_error> {
        auto it = o.find(key);
        auto t = it == o.end() ? std::nullopt : as_text(it->value());
        if (!t || !is_sid(*t, prefix))
            return refuse(at + "." + std::string(key), std::string(prefix) + " followed by 32 lowercase hex digits");
        out = std::string(*t);
        return std::nullopt;
    };
    auto date = [&](std::string_view key, timestamp fallback, timestamp& out) -> std::optional<http_error> {
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) {
            out = fallback;
            return std::nullopt;
        }
        auto t = as_text(it->value());
        auto parsed = t ? parse_date(*t) : std::nullopt;
        if (!parsed)
            return refuse(at + "." + std::string(key), "a date as YYYY-MM-DDTHH:MM:SSZ");
        out = *parsed;
        return std::nullopt;
    };
    r.fields.resize(resource.fields.size());
    // A field's value under `key`: as the API writes it, or its initial value when absent.
    auto read_field = [&](std::size_t index, std::string_view key) -> std::optional<http_error> {
        const field_descriptor& f = resource.fields[index];
        std::string name = at + "." + std::string(f.wire_name);
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) {
            if (f.required)
                return refuse(name, "required");
            r.fields[index] = std::string(f.initial);
            return std::nullopt;
        }
        const boost::json::value& value = it->value();
        switch (f.type) {
        case field_type::text:
        case field_type::enumeration:
        case field_type::sid_reference:
        case field_type::url:
        case field_type::date: {
            auto t = as_text(value);
            if (!t || (f.required && t->empty()))
                return refuse(name, f.required ? "must be a non-empty string" : "must be a string");
            if (f.type == field_type::enumeration && std::find(f.values.begin(), f.values.end(), *t) == f.values.end())
                return refuse(name, "not one of its values");
            if (f.holds_reference && !is_sid(*t, t->substr(0, 2)))
                return refuse(name, "must be a SID: two letters and 32 lowercase hex digits");
            append_string(r.fields[index], *t);
            return std::nullopt;
        }
        case field_type::json_object:
            if (!value.is_object())
                return refuse(name, "must be a JSON object");
            r.fields[index] = boost::json::serialize(value);
            return std::nullopt;
        case field_type::text_list:
            if (!value.is_array())
                return refuse(name, "must be an array of strings");
            for (const auto& item : value.get_array())
                if (!item.is_string())
                    return refuse(name, "must be an array of strings");
            r.fields[index] = boost::json::serialize(value);
            return std::nullopt;
        case field_type::boolean:
            if (!value.is_bool())
                return refuse(name, "must be true or false");
            r.fields[index] = value.get_bool() ? "true" : "false";
            return std::nullopt;
        }
        return std::nullopt;
    };
    for (const member_descriptor& m : resource.members) {
        switch (m.kind) {
        case member_kind::sid:
            if (auto e = sid_of(m.name, resource.sid_prefix, r.sid))
                return *e;
            break;
        case member_kind::parent_sid:
            if (auto e = sid_of(m.name, resource.parent_prefix, r.parent_sid))
                return *e;
            break;
        case member_kind::account_sid:
            if (auto it = o.find(m.name); it != o.end()) {
                auto t = as_text(it->value());
                if (!t || *t != account_sid)
                    return refuse(at + "." + std::string(m.name), "not the account this snapshot is for");
            }
            break;
        case member_kind::field:
            if (auto e = read_field(m.index, m.name))
                return *e;
            break;
        case member_kind::date_created:
            if (auto e = date(m.name, now, r.date_created))
                return *e;
            break;
        case member_kind::date_updated:
            break;  // after date_created, whatever the members' order: it defaults to it
        case member_kind::url:
        case member_kind::links: break;
        }
    }
    for (const member_descriptor& m : resource.members)
        if (m.kind == member_kind::date_updated)
            if (auto e = date(m.name, r.date_created, r.date_updated))
                return *e;
    // Fields the API never writes (the server's own) are read under their wire name, which a
    // snapshot writes after the members.
    for (std::size_t i = 0; i < resource.fields.size(); ++i) {
        if (served(resource, i))
            continue;
        if (auto e = read_field(i, resource.fields[i].wire_name))
            return *e;
        // Absent (not null): what the server would have set on create.
        if (auto source = default_source(resource, i); source && !o.contains(resource.fields[i].wire_name))
            r.fields[i] = r.fields[*source];
    }
    r.references = held_references(resource, r.fields);
    return r;
}

inline decoded<std::vector<record>> decode_records(const boost::json::object& o, const std::string& prefix,
                                                   std::string_view account_sid, timestamp now,
                                                   test_control_codec::collections resources)
{
    for (const auto& kv : o) {
        std::string_view key(kv.key().data(), kv.key().size());
        bool known = false;
        for (const resource_descriptor* r : resources)
            known = known || r->kind == key;
        if (!known)
            return refuse(prefix + std::string(key), "unknown key");
    }
    std::vector<record> records;
    for (const resource_descriptor* resource : resources) {
        std::string kind(resource->kind);
        auto it = o.find(kind);
        if (it == o.end())
            continue;
        if (!it->value().is_array())
            return refuse(prefix + kind, "must be an array");
        const auto& items = it->value().get_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto r = decode_item(*resource, items[i], prefix + kind + "[" + std::to_string(i) + "]", account_sid, now);
            if (!r)
                return r.error();
            records.push_back(std::move(*r));
        }
    }
    if (auto problem = test_control::restore_problem(records, resources))
        return refuse(prefix + problem->substr(0, problem->find(':')), problem->substr(problem->find(':') + 2));
    return records;
}

inline void put_date(boost::json::object& o, std::string_view key, timestamp t)
{
    char buf[date_length];
    write_date(buf, t);
    o[key] = std::string_view(buf, date_length);
}

inline boost::json::object rule_object(const fault_rule_state& s)
{
    const fault_rule& r = s.rule;
    boost::json::object o;
    o["id"] = s.id;
    if (r.method.empty())
        o["method"] = nullptr;
    else
        o["method"] = r.method;
    o["path"] = r.path;
    o["after"] = r.after;
    o["every"] = r.every;
    if (r.times)
        o["times"] = *r.times;
    else
        o["times"] = nullptr;
    // 0 and 1 written as integers, the way a client most likely sent them.
    if (r.probability == 0.0 || r.probability == 1.0)
        o["probability"] = static_cast<std::int64_t>(r.probability);
    else
        o["probability"] = r.probability;
    o["seed"] = r.seed;
    if (r.answer) {
        o["status"] = r.answer->status;
        o["code"] = r.answer->code;
        o["message"] = r.answer->message;
        o["retry_after"] = r.answer->retry_after;
    } else {
        o["status"] = nullptr;
        o["code"] = nullptr;
        o["message"] = nullptr;
        o["retry_after"] = nullptr;
    }
    o["delay_ms"] = r.delay.count();
    o["drop"] = r.drop;
    o["commit"] = r.commit;
    o["matched"] = s.matched;
    o["hit"] = s.hit;
    return o;
}

inline test_control_codec::response_type json_ok(boost::beast::http::status status, unsigned version,
                                                 const boost::json::value& v)
{
    return resource_codec::json_response(status, version, boost::json::serialize(v));
}

} // namespace detail::control_json

auto test_control_codec::decode_snapshot(std::string_view body, std::string_view account_sid, timestamp now,
                                         collections resources) -> decoded<std::vector<record>>
{
    auto o = detail::control_json::parse_object(body);
    if (!o)
        return o.error();
    return detail::control_json::decode_records(*o, "", account_sid, now, resources);
}

auto test_control_codec::decode_seed(std::string_view body, timestamp now, collections resources)
    -> decoded<std::map<std::string, std::vector<record>>>
{
    using namespace detail::control_json;
    auto o = parse_object(body);
    if (!o)
        return o.error();
    if (auto key = unknown_key(*o, {"accounts"}))
        return refuse(*key, "unknown key");
    auto it = o->find("accounts");
    if (it == o->end() || !it->value().is_object())
        return refuse("accounts", "must be an object of Account SIDs");
    std::map<std::string, std::vector<record>> out;
    std::set<std::string_view> sids;  // unique across accounts too: the store's SIDs are
    for (const auto& kv : it->value().get_object()) {
        std::string account(kv.key().data(), kv.key().size());
        std::string at = "accounts." + account;
        if (!is_sid(account, "AC"))
            return refuse(at, "an Account SID is AC followed by 32 lowercase hex digits");
        if (!kv.value().is_object())
            return refuse(at, "must be an object of collections");
        auto records = decode_records(kv.value().get_object(), at + ".", account, now, resources);
        if (!records)
            return records.error();
        out[account] = std::move(*records);
    }
    for (const auto& [account, records] : out)
        for (const auto& r : records)
            if (!sids.insert(r.sid).second)
                return refuse("accounts." + account, r.sid + " is given to another account too");
    return out;
}

auto test_control_codec::decode_fault_rule(std::string_view body) -> decoded<fault_rule>
{
    using namespace detail::control_json;
    auto parsed = parse_object(body);
    if (!parsed)
        return parsed.error();
    const auto& o = *parsed;
    if (auto key = unknown_key(o, {"method", "path", "after", "every", "times", "probability", "seed", "status", "code",
                                   "message", "retry_after", "delay_ms", "drop", "commit"}))
        return refuse(*key, "unknown key");
    fault_rule rule;
    auto present = [&](std::string_view key) -> const boost::json::value* {
        auto it = o.find(key);
        return it == o.end() || it->value().is_null() ? nullptr : &it->value();
    };
    auto count = [&](std::string_view key, std::uint64_t& out) -> std::optional<http_error> {
        if (const auto* v = present(key)) {
            auto n = as_count(*v);
            if (!n)
                return refuse(key, "must be a whole number, 0 or more");
            out = *n;
        }
        return std::nullopt;
    };
    auto flag = [&](std::string_view key, bool& out) -> std::optional<http_error> {
        if (const auto* v = present(key)) {
            if (!v->is_bool())
                return refuse(key, "must be true or false");
            out = v->get_bool();
        }
        return std::nullopt;
    };
    if (const auto* v = present("method")) {
        auto t = as_text(*v);
        if (!t || t->empty() || t->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
                                    std::string_view::npos)
            return refuse("method", "must be an HTTP method such as GET or POST");
        for (char c : *t)
            rule.method.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
    }
    if (const auto* v = present("path")) {
        auto t = as_text(*v);
        if (!t)
            return refuse("path", "must be a string");
        rule.path = std::string(*t);
    }
    std::uint64_t times = 0, delay = 0, status = 0, code = 0, retry_after = 0;
    if (auto e = count("after", rule.after))
        return *e;
    if (auto e = count("every", rule.every))
        return *e;
    if (auto e = count("times", times))
        return *e;
    if (present("times"))
        rule.times = times;
    if (const auto* v = present("probability")) {
        if (!v->is_number())
            return refuse("probability", "must be a number from 0 to 1");
        rule.probability = v->to_number<double>();
    }
    if (auto e = count("seed", rule.seed))
        return *e;
    if (auto e = count("delay_ms", delay))
        return *e;
    if (delay > 60'000)
        return refuse("delay_ms", "must be from 0 to 60000");
    rule.delay = std::chrono::milliseconds(delay);
    if (auto e = flag("drop", rule.drop))
        return *e;
    if (auto e = flag("commit", rule.commit))
        return *e;
    if (auto e = count("status", status))
        return *e;
    if (present("status")) {
        if (status < 400 || status > 599)
            return refuse("status", "must be from 400 to 599");
        rule.answer = fault_rule::error_for(static_cast<unsigned>(status));
    }
    for (std::string_view key : {"code", "message", "retry_after"})
        if (present(key) && !rule.answer)
            return refuse(key, "needs a status");
    if (auto e = count("code", code))
        return *e;
    if (present("code")) {
        if (code > std::numeric_limits<unsigned>::max())
            return refuse("code", "too large");
        rule.answer->code = static_cast<unsigned>(code);
    }
    if (const auto* v = present("message")) {
        auto t = as_text(*v);
        if (!t)
            return refuse("message", "must be a string");
        rule.answer->message = std::string(*t);
    }
    if (auto e = count("retry_after", retry_after))
        return *e;
    if (present("retry_after")) {
        if (retry_after > 86'400)
            return refuse("retry_after", "must be from 0 to 86400");
        rule.answer->retry_after = static_cast<unsigned>(retry_after);
    }
    if (auto problem = rule.problem())
        return refuse(problem->substr(0, problem->find(':')), problem->substr(problem->find(':') + 2));
    return rule;
}

auto test_control_codec::decode_clock(std::string_view body) -> decoded<clock_setting>
{
    using namespace detail::control_json;
    auto parsed = parse_object(body);
    if (!parsed)
        return parsed.error();
    const auto& o = *parsed;
    if (auto key = unknown_key(o, {"mode", "now", "seconds"}))
        return refuse(*key, "unknown key");
    auto mode_it = o.find("mode");
    auto mode = mode_it == o.end() ? std::nullopt : as_text(mode_it->value());
    clock_setting setting;
    if (!mode || (*mode != "real" && *mode != "frozen" && *mode != "offset"))
        return refuse("mode", "must be real, frozen or offset");
    auto now_it = o.find("now");
    auto seconds_it = o.find("seconds");
    if (*mode != "frozen" && now_it != o.end())
        return refuse("now", "only with mode frozen");
    if (*mode != "offset" && seconds_it != o.end())
        return refuse("seconds", "only with mode offset");
    if (*mode == "frozen") {
        auto t = now_it == o.end() ? std::nullopt : as_text(now_it->value());
        auto when = t ? detail::parse_date(*t) : std::nullopt;
        if (!when)
            return refuse("now", "a date as YYYY-MM-DDTHH:MM:SSZ");
        setting.mode = clock_setting::mode_type::frozen;
        setting.frozen_at = *when;
    } else if (*mode == "offset") {
        // A century either way: enough for any test, and far from overflowing a date.
        constexpr std::int64_t limit = 100LL * 366 * 86'400;
        if (seconds_it == o.end() || !seconds_it->value().is_int64() ||
            seconds_it->value().get_int64() < -limit || seconds_it->value().get_int64() > limit)
            return refuse("seconds", "a whole number of seconds, at most a century either way");
        setting.mode = clock_setting::mode_type::offset;
        setting.offset = std::chrono::seconds(seconds_it->value().get_int64());
    }
    return setting;
}

namespace detail::control_json {

inline bool bundle_status(std::string_view text) noexcept
{
    for (std::string_view s : resources::bundles_detail::statuses)
        if (s == text)
            return true;
    return false;
}

inline std::string quoted(std::string_view text)
{
    std::string out;
    detail::append_string(out, text);
    return out;
}

} // namespace detail::control_json

auto test_control_codec::decode_bundle_review(std::string_view body) -> decoded<bundle_review>
{
    using namespace detail::control_json;
    auto parsed = parse_object(body);
    if (!parsed)
        return parsed.error();
    const auto& o = *parsed;
    if (auto key = unknown_key(o, {"status", "errors", "valid_until"}))
        return refuse(*key, "unknown key");
    bundle_review out;
    auto status = o.if_contains("status") ? as_text(o.at("status")) : std::nullopt;
    if (!status || !bundle_status(*status))
        return refuse("status", "must be draft, pending-review, in-review, twilio-rejected or twilio-approved");
    out.status = quoted(*status);
    if (const auto* errors = o.if_contains("errors")) {
        if (errors->is_null()) {
            out.errors.emplace();
        } else {
            if (!errors->is_array())
                return refuse("errors", "must be an array of {\"code\": n}, or null");
            for (const auto& e : errors->get_array())
                if (!e.is_object() || e.get_object().size() != 1 || !e.get_object().if_contains("code") ||
                    !as_count(e.get_object().at("code")))
                    return refuse("errors", "must be an array of {\"code\": n}, or null");
            out.errors = boost::json::serialize(*errors);
        }
    }
    if (const auto* until = o.if_contains("valid_until")) {
        if (until->is_null()) {
            out.valid_until.emplace();
        } else {
            auto text = as_text(*until);
            if (!text || !detail::parse_date(*text))
                return refuse("valid_until", "a date as YYYY-MM-DDTHH:MM:SSZ, or null");
            out.valid_until = quoted(*text);
        }
    }
    return out;
}

auto test_control_codec::decode_primary_profile(std::string_view body) -> decoded<primary_profile_request>
{
    using namespace detail::control_json;
    auto parsed = parse_object(body);
    if (!parsed)
        return parsed.error();
    const auto& o = *parsed;
    if (auto key = unknown_key(o, {"friendly_name", "email", "status", "status_callback"}))
        return refuse(*key, "unknown key");
    primary_profile_request out;
    for (auto [key, target] : {std::pair{"friendly_name", &out.friendly_name}, std::pair{"email", &out.email},
                               std::pair{"status", &out.status}, std::pair{"status_callback", &out.status_callback}}) {
        const auto* v = o.if_contains(key);
        if (!v)
            continue;
        auto text = as_text(*v);
        if (!text || text->empty())
            return refuse(key, "must be a string, not empty");
        *target = *text;
    }
    for (std::string_view key : {"friendly_name", "email"})
        if (!o.if_contains(key))
            return refuse(key, "is required");
    if (!bundle_status(out.status))
        return refuse("status", "must be draft, pending-review, in-review, twilio-rejected or twilio-approved");
    if (!out.status_callback.empty() && !out.status_callback.starts_with("http://") &&
        !out.status_callback.starts_with("https://"))
        return refuse("status_callback", "must be an absolute http or https URL");
    return out;
}

auto test_control_codec::decode_parent(std::string_view body, std::string_view account_sid)
    -> decoded<std::optional<std::string>>
{
    using namespace detail::control_json;
    auto parsed = parse_object(body);
    if (!parsed)
        return parsed.error();
    const auto& o = *parsed;
    if (auto key = unknown_key(o, {"parent_account_sid"}))
        return refuse(*key, "unknown key");
    const auto* v = o.if_contains("parent_account_sid");
    if (!v)
        return refuse("parent_account_sid", "is required (null for none)");
    if (v->is_null())
        return std::optional<std::string>();
    auto text = as_text(*v);
    if (!text || !is_sid(*text, "AC"))
        return refuse("parent_account_sid", "AC followed by 32 lowercase hex digits");
    if (*text == account_sid)
        return refuse("parent_account_sid", "an account cannot be its own parent");
    return std::optional<std::string>(std::string(*text));
}

auto test_control_codec::decode_phone_numbers(std::string_view body) -> decoded<std::vector<std::string>>
{
    using namespace detail::control_json;
    auto parsed = parse_object(body);
    if (!parsed)
        return parsed.error();
    const auto& o = *parsed;
    if (auto key = unknown_key(o, {"sids"}))
        return refuse(*key, "unknown key");
    const auto* v = o.if_contains("sids");
    if (!v || !v->is_array() || v->get_array().empty())
        return refuse("sids", "an array of one or more PN SIDs");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v->get_array().size(); ++i) {
        auto text = as_text(v->get_array()[i]);
        if (!text || !is_sid(*text, "PN"))
            return refuse("sids[" + std::to_string(i) + "]", "PN followed by 32 lowercase hex digits");
        out.emplace_back(*text);
    }
    return out;
}

auto test_control_codec::encode_parent(std::string_view account_sid, const std::optional<std::string>& parent,
                                       unsigned version) -> response_type
{
    boost::json::object o;
    o["account_sid"] = account_sid;
    if (parent)
        o["parent_account_sid"] = *parent;
    else
        o["parent_account_sid"] = nullptr;
    return detail::control_json::json_ok(boost::beast::http::status::ok, version, o);
}

auto test_control_codec::encode_phone_numbers(const std::vector<std::string>& sids, unsigned version) -> response_type
{
    boost::json::object o;
    boost::json::array items;
    for (const auto& sid : sids)
        items.emplace_back(sid);
    o["sids"] = std::move(items);
    return detail::control_json::json_ok(boost::beast::http::status::ok, version, o);
}

auto test_control_codec::encode_snapshot(const std::vector<record>& records, std::string_view base_url,
                                         unsigned version, collections resources) -> response_type
{
    // Every collection that has records, and the first always, so that a client that knows
    // only EndUsers finds its key in an empty snapshot.
    std::string body = "{";
    bool first_key = true;
    for (const resource_descriptor* resource : resources) {
        bool any = false;
        for (const record& r : records)
            any = any || r.kind == resource->kind;
        if (!any && resource != resources.front())
            continue;
        if (!first_key)
            body.push_back(',');
        first_key = false;
        detail::append_string(body, resource->kind);
        body.append(":[");
        char separator = '\0';
        for (const record& r : records) {
            if (r.kind != resource->kind)
                continue;
            detail::record_field_views fields(r);
            detail::append_record(body, *resource, view_of(r, fields),
                                  resource_codec::collection_url(*resource, base_url, r.parent_sid), separator);
            separator = ',';
            // The fields the API never writes go in too, after the members: a restore puts the
            // record back whole.
            body.pop_back();
            for (std::size_t i = 0; i < resource->fields.size(); ++i) {
                if (detail::control_json::served(*resource, i))
                    continue;
                body.push_back(',');
                detail::append_string(body, resource->fields[i].wire_name);
                body.push_back(':');
                body.append(i < r.fields.size() && !r.fields[i].empty() ? std::string_view(r.fields[i]) : "null");
            }
            body.push_back('}');
        }
        body.push_back(']');
    }
    body.push_back('}');
    return resource_codec::json_response(boost::beast::http::status::ok, version, std::move(body));
}

auto test_control_codec::encode_requests(const std::vector<journal_entry>& entries, unsigned version) -> response_type
{
    using namespace detail::control_json;
    boost::json::array items;
    items.reserve(entries.size());
    for (const auto& e : entries) {
        boost::json::object o;
        o["method"] = e.method;
        o["path"] = e.path;
        o["query"] = e.query;
        boost::json::object params;
        for (const auto& [name, value] : e.params) {
            auto it = params.find(name);
            if (it == params.end())
                params[name] = value;
            else if (it->value().is_array())
                it->value().get_array().emplace_back(value);
            else
                it->value() = boost::json::array{it->value(), boost::json::value(value)};
        }
        o["params"] = std::move(params);
        if (e.status)
            o["status"] = *e.status;
        else
            o["status"] = nullptr;
        o["request_id"] = e.request_id;
        put_date(o, "date", e.date);
        if (e.fault)
            o["fault"] = *e.fault;
        else
            o["fault"] = nullptr;
        items.emplace_back(std::move(o));
    }
    boost::json::object body;
    body["requests"] = std::move(items);
    return json_ok(boost::beast::http::status::ok, version, body);
}

auto test_control_codec::encode_fault_rule(const fault_rule_state& rule, boost::beast::http::status status,
                                           unsigned version) -> response_type
{
    return detail::control_json::json_ok(status, version, detail::control_json::rule_object(rule));
}

auto test_control_codec::encode_fault_rules(const std::vector<fault_rule_state>& rules, unsigned version)
    -> response_type
{
    boost::json::array items;
    for (const auto& r : rules)
        items.emplace_back(detail::control_json::rule_object(r));
    boost::json::object body;
    body["faults"] = std::move(items);
    return detail::control_json::json_ok(boost::beast::http::status::ok, version, body);
}

auto test_control_codec::encode_clock(const clock_setting& setting, timestamp now, unsigned version) -> response_type
{
    boost::json::object o;
    switch (setting.mode) {
    case clock_setting::mode_type::real: o["mode"] = "real"; break;
    case clock_setting::mode_type::frozen: o["mode"] = "frozen"; break;
    case clock_setting::mode_type::offset: o["mode"] = "offset"; break;
    }
    detail::control_json::put_date(o, "now", now);
    if (setting.mode == clock_setting::mode_type::offset)
        o["seconds"] = setting.offset.count();
    return detail::control_json::json_ok(boost::beast::http::status::ok, version, o);
}

auto test_control_codec::encode_reset(const std::vector<std::pair<std::string, std::size_t>>& removed,
                                      unsigned version) -> response_type
{
    boost::json::object o;
    for (const auto& [kind, count] : removed)
        o[kind + "_removed"] = count;
    return detail::control_json::json_ok(boost::beast::http::status::ok, version, o);
}

} // namespace trusthub

#endif
