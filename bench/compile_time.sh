#!/usr/bin/env bash
# What mounting the EndUser endpoints costs a host's translation unit to compile, next to the
# same host without them (bench/compile/bare_host.cpp: example/mount with its trusthub parts
# taken out). Both at -O2 with the flags CMake gives a Release build, compiled alternately
# (bare, header-only, separate, bare, ...) because this machine's speed drifts from minute to
# minute; wall time and peak memory from /usr/bin/time -v.
#
#   bench/compile_time.sh [ROUNDS]      (default 3)
#
# Prints each compile, then the median of each and the ratios of the medians. In the
# separate-compilation mode the host TU is compiled with TRUSTHUB_SEPARATE_COMPILATION and
# the library's definitions (trusthub/src.hpp) are not counted: they are compiled once for a
# program, in a TU of their own, like Boost.JSON's src.hpp.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-std=gnu++20 -O2 -DNDEBUG -Iinclude -Iexample/mount)

compile() {  # name, extra flags..., source
    local name=$1 src=${*: -1}
    local extra=("${@:2:$#-2}")
    /usr/bin/time -v g++ "${flags[@]}" "${extra[@]}" -c "$src" -o "$out/$name.o" 2> "$out/$name.time"
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$name.time" | awk -F: '{ print ($1 * 60) + $2 }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time")
    echo "$name $wall $rss" | tee -a "$out/results"
}

for ((i = 1; i <= rounds; i++)); do
    compile bare bench/compile/bare_host.cpp
    compile header_only example/mount/main.cpp
    compile separate -DTRUSTHUB_SEPARATE_COMPILATION example/mount/main.cpp
done

python3 - "$out/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, rss = line.split()
    runs.setdefault(name, []).append((float(wall), int(rss)))
med = {n: (statistics.median(w for w, _ in r), statistics.median(m for _, m in r)) for n, r in runs.items()}
print("\nmedian of %d rounds: wall s, peak MiB" % len(runs["bare"]))
for n, (w, m) in med.items():
    print("  %-12s %6.2f s  %5.0f MiB" % (n, w, m / 1024))
b = med["bare"]
for n in ("header_only", "separate"):
    print("  %-12s %.2fx time, %.2fx memory (of bare)" % (n, med[n][0] / b[0], med[n][1] / b[1]))
PY
