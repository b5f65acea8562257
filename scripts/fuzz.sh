#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ (clang, AddressSanitizer, UndefinedBehaviorSanitizer)
# and runs each for about SECONDS of a core on a copy of its committed corpus, all at once,
# after replaying its regression inputs. Exits non-zero if any target finds a crash, a leak, a
# timeout or a broken property, and says where the input that shows it was written.
#
#   scripts/fuzz.sh [SECONDS]   (default 45)
#   scripts/fuzz.sh --build-only   (builds the targets and runs nothing: see scripts/sanitize.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build_only=0
if [ "${1:-}" = --build-only ]; then
    build_only=1
    shift
fi
seconds=${1:-45}
case "$seconds" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] | --build-only" >&2; exit 2 ;; esac
start=$SECONDS

TRUSTHUB_FUZZ_DEPS=1 bash scripts/install-deps.sh

build=build/fuzz
CC=clang CXX=clang++ cmake -S fuzz -B $build -DCMAKE_BUILD_TYPE=Fuzz >/dev/null
cmake --build $build -j"$(nproc)"
echo "== fuzz targets built in $((SECONDS - start)) s"
[ $build_only = 0 ] || exit 0

targets=(fuzz_request fuzz_store_model fuzz_control fuzz_form fuzz_attributes fuzz_page_token fuzz_credentials)
cores=$(nproc)
wall=$(( (seconds * ${#targets[@]} + cores - 1) / cores ))
runs=$build/runs
rm -rf "$runs"
mkdir -p "$runs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Extra libFuzzer options per target. The two targets that serve whole requests touch tens of
# thousands of features a run, and the entropic schedule's bookkeeping of each would cost more
# than the run itself.
options_for() {
    case "$1" in
    fuzz_request) echo "-entropic=0 -dict=$root/fuzz/fuzz_request.dict" ;;
    fuzz_store_model) echo "-entropic=0" ;;
    fuzz_control) echo "-dict=$root/fuzz/fuzz_control.dict" ;;
    *) echo "" ;;
    esac
}

# One target: each of its regressions replayed, then fuzzing from a copy of its corpus (new
# inputs go to the copy, never into the tree). Its log is $runs/<target>/log.
run_target() {
    local t=$1 dir=$runs/$1 f status=0
    mkdir -p "$dir/corpus"
    cp -r fuzz/corpus/"$t"/. "$dir/corpus/"
    {
        for f in fuzz/regressions/"$t"/*; do
            [ -f "$f" ] || continue
            echo "-- regression $f"
            if ! "$build/$t" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$dir/" "$f"; then
                echo "$f" >>"$dir/failed-regressions"
                status=1
            fi
        done
        # Fuzzed even when a regression fails: a new finding should not wait for the old fix.
        echo "-- fuzzing"
        # shellcheck disable=SC2046 # options_for gives words
        "$build/$t" -max_total_time="$wall" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$dir/" $(options_for "$t") "$dir/corpus" || status=$?
    } >"$dir/log" 2>&1
    echo $status >"$dir/status"
}

# All at once, each for SECONDS × targets / cores of wall time: each gets about SECONDS of a
# core, as when they ran a core each, and no core idles while the last of an odd number runs.
for t in "${targets[@]}"; do
    run_target "$t" &
done
wait

failed=0
for t in "${targets[@]}"; do
    dir=$runs/$t
    status=$(cat "$dir/status" 2>/dev/null || echo 1)
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$dir/log" | tail -1 || true)
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
    if [ "$status" = 0 ]; then
        echo "$t: ok, ${executed:-?} runs; ${done_line:-no final stats}"
    else
        failed=1
        echo "$t: FAILED (exit $status); log: $dir/log"
        [ -n "$done_line" ] && echo "    fuzzing: ${executed:-?} runs; $done_line"
        grep -E 'fuzz check failed|ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error|^SUMMARY' "$dir/log" | head -6 | sed 's/^/    /'
        [ -f "$dir/failed-regressions" ] && sed 's/^/    regression fails: /' "$dir/failed-regressions"
        sed -n 's/^.*Test unit written to /    reproducer: /p' "$dir/log"
    fi
done
echo "== fuzzing done in $((SECONDS - start)) s"
if [ $failed != 0 ]; then
    echo "To replay a reproducer: $build/<target> <file>   (TRUSTHUB_FUZZ_TRACE=1 prints each request and answer)"
fi
exit $failed
