#!/usr/bin/env bash
# Installs what is needed, builds everything and runs every test: unit, service, routes,
# end-to-end over loopback, the store conformance kit, PostgreSQL (a private server is
# started and stopped by the tests) and the official Twilio SDK and CLI (installed from npm).
#
#   scripts/test.sh                 the whole suite, Debug build in build/test
#   scripts/test.sh -L e2e          extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build=${TRUSTHUB_BUILD_DIR:-build/test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug ${TRUSTHUB_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
