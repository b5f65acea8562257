#!/usr/bin/env bash
# Installs what building, running and testing trusthub needs on Debian bookworm (as root, or
# through sudo). Safe to run again: installed packages are left as they are.
#
# Boost comes as its headers and the three compiled parts the project links, not as
# libboost1.81-all-dev, which pulls in MPI, Boost.Python, ICU and more that nothing here uses.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
    g++ cmake make git curl ca-certificates
    libboost1.81-dev libboost-json1.81-dev                             # Boost 1.81: headers, and JSON (the library)
    libboost-test1.81-dev libboost-url1.81-dev                         # the tests: Boost.Test, and Boost.URL as a reference
    libpq-dev postgresql                                               # the PostgreSQL store and its tests
    libsqlite3-dev                                                     # the user-written store example
)
# The SDK compatibility tests need Node.js 20 or later with npm; keep one already installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi
# Benchmarks only.
if [ "${TRUSTHUB_BENCH_DEPS:-0}" = 1 ]; then
    packages+=(wrk libbenchmark-dev valgrind)
fi
# The Debian package's check only (scripts/package-check.sh): lintian, and dpkg-shlibdeps (in
# dpkg-dev, which needs file) for the package's dependencies.
if [ "${TRUSTHUB_PACKAGE_DEPS:-0}" = 1 ]; then
    packages+=(lintian dpkg-dev file)
fi
# Fuzzing only (scripts/fuzz.sh): clang and its libFuzzer and sanitizer runtimes.
if [ "${TRUSTHUB_FUZZ_DEPS:-0}" = 1 ]; then
    packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
