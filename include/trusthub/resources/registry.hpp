// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_REGISTRY_HPP
#define TRUSTHUB_RESOURCES_REGISTRY_HPP

#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/assignments.hpp>
#include <trusthub/resources/bundles.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/supporting_documents.hpp>

#include <span>

namespace trusthub::resources {

/// The collections whose records a store keeps, in the order a restore creates them: a
/// collection comes after those its records live under or refer to.
inline constexpr const resource_descriptor* stored[] = {&end_users,
                                                          &supporting_documents,
                                                          &customer_profiles,
                                                          &trust_products,
                                                          &customer_profile_entity_assignments,
                                                          &trust_product_entity_assignments,
                                                          &customer_profile_channel_endpoint_assignments,
                                                          &trust_product_channel_endpoint_assignments};

/// `stored`, as a span.
constexpr std::span<const resource_descriptor* const> stored_resources() noexcept
{
    return stored;
}

/// The stored collection whose records are kept under `kind`; null if none.
constexpr const resource_descriptor* find_stored(std::string_view kind) noexcept
{
    for (const resource_descriptor* r : stored)
        if (r->kind == kind)
            return r;
    return nullptr;
}

} // namespace trusthub::resources

#endif
