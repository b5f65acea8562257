// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_END_USER_TYPE_ENDPOINTS_IPP
#define TRUSTHUB_RESOURCES_IMPL_END_USER_TYPE_ENDPOINTS_IPP

#include <trusthub/resources/catalogue.hpp>
#include <trusthub/resources/end_user_type_endpoints.hpp>
#include <trusthub/resources/resource_endpoints.hpp>
#include <trusthub/resources/type_catalogues.hpp>

#include <memory>

namespace trusthub {

void add_end_user_type_endpoints(endpoint_table& table, const type_catalogue& types)
{
    add_catalogue_endpoints(table, std::make_shared<const catalogue>(resources::end_user_types, types.to_records(),
                                                                     resources::type_machine_name_field));
}

void add_supporting_document_type_endpoints(endpoint_table& table, const type_catalogue& types)
{
    add_catalogue_endpoints(table,
                            std::make_shared<const catalogue>(resources::supporting_document_types, types.to_records(),
                                                              resources::type_machine_name_field));
}

} // namespace trusthub

#endif
