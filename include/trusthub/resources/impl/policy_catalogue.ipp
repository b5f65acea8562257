// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_POLICY_CATALOGUE_IPP
#define TRUSTHUB_RESOURCES_IMPL_POLICY_CATALOGUE_IPP

#include <trusthub/detail/catalogue_json.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/policies_json.hpp>
#include <trusthub/resources/policies.hpp>
#include <trusthub/resources/policy_catalogue.hpp>
#include <trusthub/sid.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <set>

namespace trusthub {

catalogue parse_policies(std::string_view json)
{
    constexpr detail::catalogue_json d{"policy catalogue"};
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
    if (ec)
        d.refuse("not JSON", ec.message());
    if (!doc.is_array())
        d.refuse("top level", "must be an array of policies");
    std::vector<record> entries;
    std::set<std::string, std::less<>> sids;
    std::size_t index = 0;
    for (const auto& entry : doc.get_array()) {
        std::string where = d.entry_name(index++);
        if (!entry.is_object())
            d.refuse(where, "not an object");
        const auto& o = entry.get_object();
        record r;
        r.sid = d.string_member(o, "sid", where);
        where = d.entry_name(index - 1, r.sid);
        d.only_keys(o, {"sid", "friendly_name", "bundle", "bundle_type", "requirements"}, where);
        if (!is_sid(r.sid, "RN"))
            d.refuse(where, "\"sid\" must be RN followed by 32 lowercase hex digits");
        if (!sids.insert(r.sid).second)
            d.refuse(where, "duplicate sid");
        const boost::json::value* requirements = o.if_contains("requirements");
        if (!requirements || !requirements->is_object())
            d.refuse(where, "\"requirements\" must be an object");
        r.fields.resize(resources::policies.fields.size());
        detail::append_string(r.fields[0], d.string_member(o, "friendly_name", where));
        std::string bundle = d.string_member(o, "bundle", where);
        if (bundle != "customer_profiles" && bundle != "trust_products")
            d.refuse(where, "\"bundle\" must be \"customer_profiles\" or \"trust_products\"");
        detail::append_string(r.fields[resources::policy_bundle_field], bundle);
        if (o.contains("bundle_type"))
            detail::append_string(r.fields[resources::policy_bundle_type_field],
                                  d.string_member(o, "bundle_type", where));
        // boost::json keeps an object's keys in the order they were read, so the
        // requirements go out as the data wrote them.
        r.fields[resources::policy_requirements_field] = boost::json::serialize(*requirements);
        entries.push_back(std::move(r));
    }
    return catalogue(resources::policies, std::move(entries));
}

const catalogue& default_policies()
{
    // Parsed on first use, as the type catalogues are: a program that never serves Policies
    // pays nothing. A static of an inline function is one object in the whole program.
    static const catalogue shipped = parse_policies(detail::policies_json);
    return shipped;
}

} // namespace trusthub

#endif
