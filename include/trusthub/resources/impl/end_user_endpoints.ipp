// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_END_USER_ENDPOINTS_IPP
#define TRUSTHUB_RESOURCES_IMPL_END_USER_ENDPOINTS_IPP

#include <trusthub/detail/json_text.hpp>
#include <trusthub/resources/end_user_endpoints.hpp>
#include <trusthub/resources/resource_endpoints.hpp>
#include <trusthub/resources/end_users.hpp>

#include <memory>
#include <string>

namespace trusthub {

namespace detail::end_user_handlers {

// The checks of `end_user_endpoint_options`, shared by the create and update hooks. Made
// once when the endpoints are added; read-only afterwards.
struct type_checker {
    const end_user_type_catalogue* catalogue;
    bool strict;
    logger log;

    // What a mismatch becomes: the 400 to answer (strict), or nothing after a report (warn).
    std::optional<http_error> judge(const endpoint_call& call, const end_user_type_mismatch& m) const
    {
        if (strict)
            return http_error::invalid_parameter(m.parameter, m.why);
        if (log.enabled(log_level::warning)) {
            std::string line = "end user type check (warn): ";
            line.append(call.request.method_string()).append(" ").append(call.path);
            line.append(" by ").append(call.account_sid).append(" (").append(call.request_id).append("): ");
            line.append(m.parameter).append(" ").append(m.why);
            log.log(log_level::warning, line);
        }
        return std::nullopt;
    }

    std::optional<http_error> on_create(const endpoint_call& call, const create_fields& params) const
    {
        using namespace resources;
        auto type = read_string(params.fields[end_user_field::type]);
        if (!type)
            return std::nullopt;
        if (auto mismatch = catalogue->check(*type, params.fields[end_user_field::attributes]))
            return judge(call, *mismatch);
        return std::nullopt;
    }

    // The type is the record's, which no update changes.
    std::optional<http_error> on_update(const endpoint_call& call, const record& current,
                                        const update_fields& params) const
    {
        using namespace resources;
        for (const auto& [index, text] : params.fields) {
            if (index != end_user_field::attributes)
                continue;
            auto type = read_string(current.fields.size() > end_user_field::type ? current.fields[end_user_field::type]
                                                                                 : std::string());
            if (!type)
                return std::nullopt;
            if (const end_user_type* known = catalogue->find_by_machine_name(*type))
                if (auto mismatch = end_user_type_catalogue::check_keys(*known, text))
                    return judge(call, *mismatch);
        }
        return std::nullopt;
    }
};

} // namespace detail::end_user_handlers

void add_end_user_endpoints(endpoint_table& table, service& operations)
{
    add_end_user_endpoints(table, operations, end_user_endpoint_options{});
}

void add_end_user_endpoints(endpoint_table& table, service& operations, end_user_endpoint_options options)
{
    using detail::end_user_handlers::type_checker;
    resource_hooks hooks;
    if (options.check_types != type_checking::off) {
        // Owned by the hooks, and so by the table.
        auto checker = std::make_shared<const type_checker>(
            type_checker{options.catalogue ? options.catalogue : &default_catalogue(),
                         options.check_types == type_checking::strict, std::move(options.log)});
        hooks.check_create = [checker](const endpoint_call& call, create_fields& params) {
            return checker->on_create(call, params);
        };
        hooks.check_update = [checker](const endpoint_call& call, const record& current, update_fields& params) {
            return checker->on_update(call, current, params);
        };
    }
    // An EndUser a bundle holds: the code Twilio's regulatory bundles give for it.
    hooks.when_referenced = http_error{400, 21644, "End-User cannot be deleted due to an active assignment to a Bundle"};
    add_resource_endpoints(table, operations, resources::end_users, std::move(hooks));
}

} // namespace trusthub

#endif
