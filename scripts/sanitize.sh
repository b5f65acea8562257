#!/usr/bin/env bash
# The suite under AddressSanitizer + UndefinedBehaviorSanitizer, and the multi-threaded tests
# (label mt) under ThreadSanitizer. Run after scripts/install-deps.sh.
#
#   scripts/sanitize.sh [asan|tsan]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(asan tsan)

for kind in "${kinds[@]}"; do
    case "$kind" in
    asan)
        build=build/asan
        # The header tests only compile; the main suite has run them already.
        # The SDK suite's packages are the main suite's (scripts/test.sh), if it has installed them.
        cmake -S . -B $build -DCMAKE_BUILD_TYPE=Debug -DTRUSTHUB_REQUIRE_ALL_TESTS=ON -DTRUSTHUB_HEADER_TESTS=OFF \
            -DTRUSTHUB_SANITIZE=address,undefined -DTRUSTHUB_SELECTED_TARGETS= \
            -DTRUSTHUB_COMPAT_NODE_DIR="$root/${TRUSTHUB_BUILD_DIR:-build/test}/test/compat/node" >/dev/null
        # Only what the tests run: their executables and trusthub-server, which the scripts and
        # the SDK suite start. The examples that no test runs were compiled by the main suite,
        # and the separate-compilation test is the mount tests again, built another way: under
        # a sanitizer it would run the same code twice.
        known=$(cmake --build $build --target help | sed -n 's/^\.\.\. \([^ ]*\).*/\1/p')
        targets=$(cd $build && ctest -N | sed -n 's/^ *Test *#[0-9]*: //p' | grep -Fxf <(echo "$known") \
            | grep -vx trusthub_separate_compilation_tests || true)
        echo "AddressSanitizer build of:" $targets trusthub-server
        cmake $build -DTRUSTHUB_SELECTED_TARGETS="$(echo $targets trusthub-server | tr ' ' ';')" >/dev/null
        cmake --build $build -j"$jobs" --target trusthub_selected
        (cd $build && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
            ctest --output-on-failure -j"$jobs" -E '^trusthub_separate_compilation_tests$')
        ;;
    tsan)
        build=build/tsan
        cmake -S . -B $build -DCMAKE_BUILD_TYPE=Debug -DTRUSTHUB_REQUIRE_ALL_TESTS=ON -DTRUSTHUB_SANITIZE=thread -DTRUSTHUB_SELECTED_TARGETS= >/dev/null
        # Only what the multi-threaded tests need: their own executables (named as the tests;
        # the fixtures ctest adds to them, such as starting PostgreSQL, are scripts).
        known=$(cmake --build $build --target help | sed -n 's/^\.\.\. \([^ ]*\).*/\1/p')
        targets=$(cd $build && ctest -N -L mt | sed -n 's/^ *Test *#[0-9]*: //p' | grep -Fxf <(echo "$known") || true)
        [ -n "$targets" ] || { echo "no test labelled mt"; exit 1; }
        echo "ThreadSanitizer build of:" $targets
        cmake $build -DTRUSTHUB_SELECTED_TARGETS="$(echo $targets | tr ' ' ';')" >/dev/null
        cmake --build $build -j"$jobs" --target trusthub_selected
        (cd $build && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/test/tsan-suppressions.txt" ctest --output-on-failure -L mt)
        ;;
    *) echo "unknown sanitizer build: $kind" >&2; exit 2 ;;
    esac
done
