// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_SRC_HPP
#define TRUSTHUB_SRC_HPP

/// The definitions of the library, for a program built with `TRUSTHUB_SEPARATE_COMPILATION`:
/// include this file in exactly one of its translation units (see `trusthub/config.hpp`).
/// The PostgreSQL store stays header-only in both modes.

#if !defined(TRUSTHUB_SEPARATE_COMPILATION)
#error "trusthub/src.hpp is for TRUSTHUB_SEPARATE_COMPILATION builds; header-only builds need nothing more"
#endif

#include <trusthub/impl/api.ipp>
#include <trusthub/resources/impl/assignment_endpoints.ipp>
#include <trusthub/resources/impl/bundle_endpoints.ipp>
#include <trusthub/resources/impl/catalogue.ipp>
#include <trusthub/resources/impl/end_user_endpoints.ipp>
#include <trusthub/resources/impl/end_user_type_endpoints.ipp>
#include <trusthub/resources/impl/end_user_types.ipp>
#include <trusthub/resources/impl/policy_catalogue.ipp>
#include <trusthub/resources/impl/policy_endpoints.ipp>
#include <trusthub/http/impl/endpoint_table.ipp>
#include <trusthub/http/impl/exchange.ipp>
#include <trusthub/http/impl/http_error.ipp>
#include <trusthub/http/impl/http_framing.ipp>
#include <trusthub/http/impl/listener.ipp>
#include <trusthub/store/impl/memory_store.ipp>
#include <trusthub/resources/impl/resource_codec.ipp>
#include <trusthub/resources/impl/resource_endpoints.ipp>
#include <trusthub/resources/impl/service.ipp>
#include <trusthub/store/impl/store.ipp>
#include <trusthub/control/impl/account_clocks.ipp>
#include <trusthub/control/impl/bundle_control.ipp>
#include <trusthub/control/impl/account_fault_rules.ipp>
#include <trusthub/control/impl/record_snapshots.ipp>
#include <trusthub/control/impl/request_journal.ipp>
#include <trusthub/control/impl/test_control.ipp>
#include <trusthub/control/impl/test_control_codec.ipp>
#include <trusthub/control/impl/test_control_endpoints.ipp>

#endif
