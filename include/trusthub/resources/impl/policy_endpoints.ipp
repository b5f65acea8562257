// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_POLICY_ENDPOINTS_IPP
#define TRUSTHUB_RESOURCES_IMPL_POLICY_ENDPOINTS_IPP

#include <trusthub/resources/policy_endpoints.hpp>
#include <trusthub/resources/resource_endpoints.hpp>

#include <memory>

namespace trusthub {

void add_policy_endpoints(endpoint_table& table, const catalogue& policies)
{
    add_catalogue_endpoints(table, std::make_shared<const catalogue>(policies));
}

} // namespace trusthub

#endif
