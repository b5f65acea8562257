#!/usr/bin/env bash
# Builds and runs a tiny program outside the tree that uses trusthub as a consumer would:
# once through the installed package (find_package), once through add_subdirectory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S . -B "$work/lib" -DTRUSTHUB_BUILD_TESTS=OFF -DTRUSTHUB_BUILD_EXAMPLES=OFF >/dev/null
cmake --install "$work/lib" --prefix "$work/prefix" >/dev/null
cmake -S test/cmake_consumer/find_package -B "$work/fp" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" -j"$(nproc)"
"$work/fp/consumer"

cmake -S test/cmake_consumer/add_subdirectory -B "$work/sub" -DTRUSTHUB_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/sub" -j"$(nproc)"
"$work/sub/consumer"
echo "consumer checks passed"
