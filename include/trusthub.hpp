// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HPP
#define TRUSTHUB_HPP

/// Everything of the core library; the PostgreSQL store has its own header
/// (`trusthub/postgres/store.hpp`) and target. A file that needs only part of it (a host's
/// session loop needs `trusthub/http/exchange.hpp`, say) compiles faster with only that part.

#include <trusthub/api.hpp>
#include <trusthub/resources/catalogue.hpp>
#include <trusthub/clock.hpp>
#include <trusthub/config.hpp>
#include <trusthub/http/credentials.hpp>
#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/end_user_endpoints.hpp>
#include <trusthub/resources/end_user_type_endpoints.hpp>
#include <trusthub/resources/end_user_types.hpp>
#include <trusthub/http/endpoint_table.hpp>
#include <trusthub/error.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/http/http_error.hpp>
#include <trusthub/http/http_framing.hpp>
#include <trusthub/log.hpp>
#include <trusthub/http/listener.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/resources/page.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/http/request_log.hpp>
#include <trusthub/resources/resource.hpp>
#include <trusthub/resources/resource_codec.hpp>
#include <trusthub/resources/resource_endpoints.hpp>
#include <trusthub/resources/end_users.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/resources/supporting_documents.hpp>
#include <trusthub/resources/type_catalogues.hpp>
#include <trusthub/resources/service.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/store/store.hpp>
#include <trusthub/control/test_control.hpp>
#include <trusthub/control/test_control_codec.hpp>
#include <trusthub/control/test_control_endpoints.hpp>
#include <trusthub/timestamp.hpp>

#endif
