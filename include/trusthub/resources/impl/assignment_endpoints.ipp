// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_ASSIGNMENT_ENDPOINTS_IPP
#define TRUSTHUB_RESOURCES_IMPL_ASSIGNMENT_ENDPOINTS_IPP

#include <trusthub/detail/ready.hpp>
#include <trusthub/detail/stored_fields.hpp>
#include <trusthub/resources/assignment_endpoints.hpp>
#include <trusthub/resources/assignments.hpp>
#include <trusthub/resources/bundles.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/resource_endpoints.hpp>
#include <trusthub/resources/supporting_documents.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace trusthub {

namespace detail::assignment_handlers {

using verdict = std::optional<http_error>;

inline http_error invalid_object()
{
    return {400, 22205, "Attempting to assign invalid object_sid to Bundle"};
}

inline http_error invalid_channel_endpoint()
{
    return http_error::invalid_parameter("ChannelEndpointSid",
                                         "must be a number already assigned to a CustomerProfile of this TrustProduct");
}

// Whether what a bundle holds may change: while its owner still edits it.
inline bool open_status(std::string_view status) noexcept
{
    return status == "draft" || status == "twilio-rejected";
}

// The collection an object assigned into a bundle must belong to, by its SID's prefix; null
// for what no bundle holds (phone numbers go through ChannelEndpointAssignments). A
// TrustProduct is never held: no policy asks for one.
inline const resource_descriptor* object_collection(std::string_view sid) noexcept
{
    if (is_sid(sid, "IT"))
        return &resources::end_users;
    if (is_sid(sid, "RD"))
        return &resources::supporting_documents;
    if (is_sid(sid, "BU"))
        return &resources::customer_profiles;
    return nullptr;
}

// Copies one field of the record it is handed.
struct field_reader {
    std::size_t index;
    std::string* out;
    void operator()(const record_view& r) const { out->assign(r.field(index)); }
};

// A page of one record: whether any passes.
inline page_query first_only() noexcept
{
    page_query query;
    query.limit = 1;
    return query;
}

// The rules of one subcollection under one kind of bundle.
struct assignment_rules {
    service& operations;
    const resource_descriptor& bundle;       // the parent's collection
    const resource_descriptor& assignments;  // this subcollection
    // Under a TrustProduct: its EntityAssignments, and the CustomerProfiles' assignments of
    // numbers, where its numbers must already sit. Null under a CustomerProfile.
    const resource_descriptor* held_profiles = nullptr;
    const resource_descriptor* profile_numbers = nullptr;
    assignment_endpoint_options accounts;

    // The error a failed store call answers, but for the not-found the caller judges itself.
    static http_error failure(boost::system::error_code ec, const endpoint_call& call)
    {
        return resource_codec::encode_failure(ec, call.path);
    }

    // The status of the bundle of the path, into `out`; `errc::not_found` for none.
    boost::asio::awaitable<result<void>> bundle_status(const endpoint_call& call, std::string& out) const
    {
        return read_field(operations.records(), bundle, call.account_sid, std::string(call.parameters[0]),
                          resources::bundle_status_field, out);
    }

    // Field `index` of the top-level record `sid` of `collection` in `account`, into `out`
    // (empty for null, or past the record's fields), read in place rather than copied out.
    // `out` must outlive the wait.
    static boost::asio::awaitable<result<void>> read_field(store& records, const resource_descriptor& collection,
                                                           std::string account, std::string sid, std::size_t index,
                                                           std::string& out)
    {
        if (!is_sid(sid, collection.sid_prefix))
            return detail::ready(result<void>(errc::not_found));
        return records.visit_record(record_key{std::string(collection.kind), std::move(account), {}, std::move(sid)},
                                    field_reader{index, &out});
    }

    // Whether the bundle already holds an assignment whose `field` is `text` (a JSON string).
    boost::asio::awaitable<result<page_slice>> assigned(const endpoint_call& call, std::size_t field,
                                                        std::string text) const
    {
        list_scope scope{std::string(assignments.kind), call.account_sid, std::string(call.parameters[0]),
                         {record_filter{field, {std::move(text)}}}};
        return operations.records().list(std::move(scope), first_only());
    }
};

// Whether the bundle of the path exists and is open for changes: the error to answer if not.
// (Each check below is a coroutine of its own, so that the records it reads live in a small
// frame for its duration only: a create's frame stays small enough for Asio to recycle.)
inline boost::asio::awaitable<verdict> check_bundle_open(const assignment_rules& rules, const endpoint_call& call)
{
    std::string status;
    auto read_call = rules.bundle_status(call, status);
    if (auto read = co_await std::move(read_call); !read)
        co_return rules.failure(read.error(), call);
    if (!open_status(unquoted(status)))
        co_return http_error::conflict();
    co_return std::nullopt;
}

// What an EntityAssignment notes of its object.
struct object_found {
    std::string type;  // its `type` field's JSON text; empty for a CustomerProfile
    bool own = true;   // false: the parent account's CustomerProfile
};

// The object `object` of `collection`, in the account or, for a CustomerProfile, in its parent
// account; `errc::not_found` if neither has it.
inline boost::asio::awaitable<result<object_found>> find_object(const assignment_rules& rules,
                                                               const endpoint_call& call,
                                                               const resource_descriptor& collection, std::string object)
{
    // The type, where the collection has one; none (past every field) for a CustomerProfile.
    const std::size_t type = collection.field_index("type").value_or(collection.fields.size());
    object_found out;
    auto read_call =
        assignment_rules::read_field(rules.operations.records(), collection, call.account_sid, object, type, out.type);
    auto read = co_await std::move(read_call);
    // Not the account's own: perhaps its parent account's CustomerProfile, which it may
    // assign but not hold (the store keeps references within an account).
    if (!read && read.error() == errc::not_found && &collection == &resources::customer_profiles &&
        rules.accounts.parent_account) {
        if (auto parent_account = rules.accounts.parent_account(call.account_sid)) {
            auto parents_call = assignment_rules::read_field(rules.operations.records(), collection,
                                                             std::move(*parent_account), std::move(object), type,
                                                             out.type);
            read = co_await std::move(parents_call);
            out.own = false;
        }
    }
    if (!read)
        co_return read.error();
    co_return out;
}

// Whether the bundle already holds an assignment whose `field` is `text`.
inline boost::asio::awaitable<result<bool>> already_assigned(const assignment_rules& rules, const endpoint_call& call,
                                                            std::size_t field, std::string text)
{
    auto listed_call = rules.assigned(call, field, std::move(text));
    auto listed = co_await std::move(listed_call);
    // (In place: a result<bool> is not made from an error code implicitly.)
    if (!listed)
        co_return result<bool>(boost::system::in_place_error, listed.error());
    co_return result<bool>(boost::system::in_place_value, !listed->items.empty());
}

// `POST …/EntityAssignments`: the bundle is open; the object is of a kind a bundle holds, not
// the bundle, and exists in the account (or is its parent account's CustomerProfile); the
// bundle does not hold it yet. Notes the object's type for the `ObjectType` filter.
inline boost::asio::awaitable<verdict> verify_entity(const assignment_rules& rules, const endpoint_call& call,
                                                     create_fields& params)
{
    auto open_call = check_bundle_open(rules, call);
    if (auto refused = co_await std::move(open_call))
        co_return refused;
    const std::string& object_text = params.fields[resources::entity_object_field];
    const resource_descriptor* collection = object_collection(unquoted(object_text));
    if (!collection || unquoted(object_text) == call.parameters[0])
        co_return invalid_object();
    auto find_call = find_object(rules, call, *collection, std::string(unquoted(object_text)));
    auto found = co_await std::move(find_call);
    if (!found)
        co_return found.error() == errc::not_found ? invalid_object() : rules.failure(found.error(), call);
    auto twice_call = already_assigned(rules, call, resources::entity_object_field, object_text);
    auto twice = co_await std::move(twice_call);
    if (!twice)
        co_return rules.failure(twice.error(), call);
    if (*twice)
        co_return http_error::conflict();
    params.fields[resources::entity_object_type_field] = std::move(found->type);
    if (!found->own)
        params.fields[resources::entity_held_object_field].clear();
    co_return std::nullopt;
}

// `DELETE …/EntityAssignments/{Sid}`: only while the bundle is open; an assignment that does
// not exist is a 404 all the same.
inline boost::asio::awaitable<verdict> verify_entity_removal(const assignment_rules& rules, const endpoint_call& call)
{
    std::string status;
    auto read_call = rules.bundle_status(call, status);
    if (auto read = co_await std::move(read_call); !read)
        co_return rules.failure(read.error(), call);
    if (open_status(unquoted(status)))
        co_return std::nullopt;
    auto current_call = rules.operations.fetch(rules.assignments, {call.account_sid, std::string(call.parameters[0])},
                                               std::string(call.parameters[1]));
    auto current = co_await std::move(current_call);
    if (!current)
        co_return rules.failure(current.error(), call);
    co_return http_error::conflict();
}

// The assignment of `number` to one of the CustomerProfiles the TrustProduct holds, if any.
inline boost::asio::awaitable<result<std::optional<std::string>>> supporting_assignment(
    const assignment_rules& rules, const endpoint_call& call, std::string number)
{
    store& records = rules.operations.records();
    page_query query;
    query.limit = list_request::max_page_size;
    for (;;) {
        list_scope held{std::string(rules.held_profiles->kind), call.account_sid, std::string(call.parameters[0]), {}};
        auto page_call = records.list(std::move(held), query);
        auto page = co_await std::move(page_call);
        if (!page)
            co_return page.error();
        for (const record& held_object : page->items) {
            std::string profile(unquoted(field_of(held_object, resources::entity_object_field)));
            if (!is_sid(profile, "BU"))
                continue;
            list_scope numbers{std::string(rules.profile_numbers->kind), call.account_sid, std::move(profile),
                               {record_filter{resources::channel_endpoint_sid_field, {number}}}};
            auto on_profile_call = records.list(std::move(numbers), first_only());
            auto on_profile = co_await std::move(on_profile_call);
            if (!on_profile)
                co_return on_profile.error();
            if (!on_profile->items.empty())
                co_return std::optional<std::string>(on_profile->items.front().sid);
        }
        if (!page->more_after || page->items.empty())
            co_return std::optional<std::string>();
        query.after = page->items.back().sequence;
    }
}

// `POST …/ChannelEndpointAssignments`: the bundle exists and does not hold the number yet; a
// TrustProduct's number sits on one of its CustomerProfiles, whose assignment it then holds.
inline boost::asio::awaitable<verdict> verify_channel(const assignment_rules& rules, const endpoint_call& call,
                                                      create_fields& params)
{
    std::string status;
    auto read_call = rules.bundle_status(call, status);
    if (auto read = co_await std::move(read_call); !read)
        co_return rules.failure(read.error(), call);
    const std::string& number = params.fields[resources::channel_endpoint_sid_field];
    if (rules.accounts.number_allowed && !rules.accounts.number_allowed(call.account_sid, unquoted(number)))
        co_return http_error::invalid_parameter("ChannelEndpointSid", "is not a phone number of this account");
    auto twice_call = already_assigned(rules, call, resources::channel_endpoint_sid_field, number);
    auto twice = co_await std::move(twice_call);
    if (!twice)
        co_return rules.failure(twice.error(), call);
    if (*twice)
        co_return http_error::conflict();
    if (!rules.held_profiles)
        co_return std::nullopt;
    auto supporting_call = supporting_assignment(rules, call, number);
    auto supporting = co_await std::move(supporting_call);
    if (!supporting)
        co_return rules.failure(supporting.error(), call);
    if (!*supporting)
        co_return invalid_channel_endpoint();
    params.fields[resources::channel_supporting_assignment_field] = "\"" + **supporting + "\"";
    co_return std::nullopt;
}

inline void add_entity_assignments(endpoint_table& table, service& operations, const resource_descriptor& bundle,
                                   const resource_descriptor& assignments, const assignment_endpoint_options& accounts)
{
    auto rules = std::make_shared<const assignment_rules>(
        assignment_rules{operations, bundle, assignments, nullptr, nullptr, accounts});
    resource_hooks hooks;
    hooks.verify_create = [rules](const endpoint_call& call, create_fields& params) {
        return verify_entity(*rules, call, params);
    };
    hooks.verify_remove = [rules](const endpoint_call& call) { return verify_entity_removal(*rules, call); };
    // The object was removed between the check and the store's create.
    hooks.when_reference_missing = invalid_object();
    add_resource_endpoints(table, operations, assignments, std::move(hooks));
}

inline void add_channel_assignments(endpoint_table& table, service& operations, const resource_descriptor& bundle,
                                    const resource_descriptor& assignments, const resource_descriptor* held_profiles,
                                    const resource_descriptor* profile_numbers,
                                    const assignment_endpoint_options& accounts)
{
    auto rules = std::make_shared<const assignment_rules>(
        assignment_rules{operations, bundle, assignments, held_profiles, profile_numbers, accounts});
    resource_hooks hooks;
    hooks.verify_create = [rules](const endpoint_call& call, create_fields& params) {
        return verify_channel(*rules, call, params);
    };
    // The profile's assignment of the number was removed between the check and the create.
    hooks.when_reference_missing = invalid_channel_endpoint();
    add_resource_endpoints(table, operations, assignments, std::move(hooks));
}

} // namespace detail::assignment_handlers

void add_assignment_endpoints(endpoint_table& table, service& operations, assignment_endpoint_options options)
{
    namespace handlers = detail::assignment_handlers;
    using namespace resources;
    handlers::add_entity_assignments(table, operations, customer_profiles, customer_profile_entity_assignments, options);
    handlers::add_entity_assignments(table, operations, trust_products, trust_product_entity_assignments, options);
    handlers::add_channel_assignments(table, operations, customer_profiles,
                                      customer_profile_channel_endpoint_assignments, nullptr, nullptr, options);
    handlers::add_channel_assignments(table, operations, trust_products, trust_product_channel_endpoint_assignments,
                                      &trust_product_entity_assignments,
                                      &customer_profile_channel_endpoint_assignments, options);
}

} // namespace trusthub

#endif
