// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_HPP
#define TRUSTHUB_HPP

/// Everything of the core library; the PostgreSQL store has its own header
/// (`trusthub/postgres/store.hpp`) and target.

#include <trusthub/clock.hpp>
#include <trusthub/credentials.hpp>
#include <trusthub/end_user.hpp>
#include <trusthub/error.hpp>
#include <trusthub/memory_store.hpp>
#include <trusthub/request_log.hpp>
#include <trusthub/routes.hpp>
#include <trusthub/serve.hpp>
#include <trusthub/service.hpp>
#include <trusthub/sid.hpp>
#include <trusthub/store.hpp>

#endif
