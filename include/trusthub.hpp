// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HPP
#define TRUSTHUB_HPP

/// Everything of the core library; the PostgreSQL store has its own header
/// (`trusthub/postgres/store.hpp`) and target. A file that needs only part of it (a host's
/// session loop needs `trusthub/exchange.hpp`, say) compiles faster with only that part.

#include <trusthub/api.hpp>
#include <trusthub/catalogue.hpp>
#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/credentials.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/end_user_endpoints.hpp>
#include <trusthub/end_user_type_endpoints.hpp>
#include <trusthub/end_user_types.hpp>
#include <trusthub/endpoint_table.hpp>
#include <trusthub/error.hpp>
#include <trusthub/exchange.hpp>
#include <trusthub/http_error.hpp>
#include <trusthub/http_framing.hpp>
#include <trusthub/log.hpp>
#include <trusthub/listener.hpp>
#include <trusthub/memory_store.hpp>
#include <trusthub/page.hpp>
#include <trusthub/record.hpp>
#include <trusthub/request_log.hpp>
#include <trusthub/resource.hpp>
#include <trusthub/resource_codec.hpp>
#include <trusthub/resource_endpoints.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/resources/supporting_documents.hpp>
#include <trusthub/resources/type_catalogues.hpp>
#include <trusthub/service.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/store.hpp>
#include <trusthub/test_control.hpp>
#include <trusthub/test_control_codec.hpp>
#include <trusthub/test_control_endpoints.hpp>
#include <trusthub/timestamp.hpp>

#endif
