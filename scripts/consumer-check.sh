#!/usr/bin/env bash
# Builds and runs a tiny program outside the tree that uses trusthub as a consumer would:
# once through the installed package (find_package), once through add_subdirectory. Each is a
# single file, so the two are built side by side, one a core.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find_package_consumer() {
    cmake -S . -B "$work/lib" -DTRUSTHUB_BUILD_TESTS=OFF -DTRUSTHUB_BUILD_EXAMPLES=OFF >/dev/null
    cmake --install "$work/lib" --prefix "$work/prefix" >/dev/null
    cmake -S test/cmake_consumer/find_package -B "$work/fp" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
    cmake --build "$work/fp"
    "$work/fp/consumer"
}
add_subdirectory_consumer() {
    cmake -S test/cmake_consumer/add_subdirectory -B "$work/sub" -DTRUSTHUB_SOURCE_DIR="$root" >/dev/null
    cmake --build "$work/sub"
    "$work/sub/consumer"
}
find_package_consumer >"$work/fp.log" 2>&1 &
fp=$!
add_subdirectory_consumer >"$work/sub.log" 2>&1 &
sub=$!
status=0
wait $fp || { status=1; echo "find_package consumer failed:"; cat "$work/fp.log"; }
wait $sub || { status=1; echo "add_subdirectory consumer failed:"; cat "$work/sub.log"; }
[ $status = 0 ] && echo "consumer checks passed"
exit $status
