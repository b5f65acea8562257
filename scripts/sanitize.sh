#!/usr/bin/env bash
# The suite under AddressSanitizer + UndefinedBehaviorSanitizer, and the multi-threaded tests
# (label mt) under ThreadSanitizer. Run after scripts/install-deps.sh.
#
#   scripts/sanitize.sh [--build-only] [asan|tsan]...   (default: both)
#
# --build-only builds and runs nothing: .ci/run builds ahead this way while another stage
# holds the cores, then runs this script again (its build has then nothing left to do).
#
# Each build compiles what its tests run and nothing else: the targets trusthub_test_programs
# and trusthub_mt_programs (test/CMakeLists.txt) name those programs. One build goal that
# depends on them all keeps both cores busy, where several goals given at once would be built
# one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)
build_only=0
if [ "${1:-}" = --build-only ]; then
    build_only=1
    shift
fi
kinds=("$@")
# Line tables are what a sanitizer's report needs to name files and lines; full debug
# information would cost compile and link time for nothing it prints.
debug_flags=-DCMAKE_CXX_FLAGS_DEBUG=-g1
[ ${#kinds[@]} -gt 0 ] || kinds=(asan tsan)

for kind in "${kinds[@]}"; do
    start=$SECONDS
    case "$kind" in
    asan)
        build=build/asan
        # The header tests only compile; the main suite has run them already. The SDK suite's
        # packages are the main suite's (scripts/test.sh), if it has installed them.
        cmake -S . -B $build -DCMAKE_BUILD_TYPE=Debug "$debug_flags" -DTRUSTHUB_REQUIRE_ALL_TESTS=ON -DTRUSTHUB_HEADER_TESTS=OFF \
            -DTRUSTHUB_SANITIZE=address,undefined \
            -DTRUSTHUB_COMPAT_NODE_DIR="$root/${TRUSTHUB_BUILD_DIR:-build/test}/test/compat/node" >/dev/null
        cmake --build $build -j"$jobs" --target trusthub_test_programs
        [ $build_only = 0 ] || continue
        # Without the header-only build of the mount tests: the same code as trusthub_tests'.
        (cd $build && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
            ctest --output-on-failure -j"$jobs" -LE header_only)
        ;;
    tsan)
        build=build/tsan
        cmake -S . -B $build -DCMAKE_BUILD_TYPE=Debug "$debug_flags" -DTRUSTHUB_REQUIRE_ALL_TESTS=ON -DTRUSTHUB_HEADER_TESTS=OFF \
            -DTRUSTHUB_SANITIZE=thread >/dev/null
        cmake --build $build -j"$jobs" --target trusthub_mt_programs
        [ $build_only = 0 ] || continue
        (cd $build && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/test/tsan-suppressions.txt" \
            ctest --output-on-failure -L mt)
        ;;
    *) echo "unknown sanitizer build: $kind" >&2; exit 2 ;;
    esac
    echo "== $kind: built and run in $((SECONDS - start)) s"
done
