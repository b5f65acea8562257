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
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DTRUSTHUB_REQUIRE_ALL_TESTS=ON ${TRUSTHUB_CMAKE_ARGS:-} >/dev/null

# The SDK suite's packages come from the npm registry while the compiler has the cores: the
# suite's own first step (compat_npm_ci) then finds them installed. If this fails, that step
# fails again, and says why, in the test run.
node_dir=$(sed -n 's/^TRUSTHUB_COMPAT_NODE_DIR:PATH=//p' "$build/CMakeCache.txt")
npm_pid=
if [ -n "$node_dir" ] && command -v node >/dev/null && command -v npm >/dev/null; then
    node test/compat/install.js test/compat "$node_dir" npm >"$build/npm-ci.log" 2>&1 &
    npm_pid=$!
fi
cmake --build "$build" -j"$(nproc)"
if [ -n "$npm_pid" ]; then
    wait "$npm_pid" || echo "(npm ci did not complete: $build/npm-ci.log; the compat suite will try again)"
fi

cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
