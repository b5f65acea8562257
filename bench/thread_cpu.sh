#!/usr/bin/env bash
# Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#
# CPU time and context switches a request, thread by thread, of trusthub-server as shipped
# (one thread, its request log to a file): what the request log's writer thread costs beside the
# thread that serves. Starts the server, creates one record, fetches it with wrk for SECONDS at
# 50 connections, and reads each thread's counters from /proc before and after.
#
#   bench/thread_cpu.sh [SERVER] [SECONDS]     (default build-rel/example/trusthub-server, 5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server=${1:-$here/../build-rel/example/trusthub-server}
seconds=${2:-5}
account=AC0123456789abcdef0123456789abcdef
token=0123456789abcdef0123456789abcdef
dir=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

"$server" --listen 127.0.0.1:0 --threads 1 --credential $account:$token >"$dir/log" 2>/dev/null &
pid=$!
for _ in $(seq 50); do grep -q ' listening on ' "$dir/log" && break; sleep 0.1; done
port=$(sed -n 's/.* listening on 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$dir/log" | head -1)
curl -s -u $account:$token "http://127.0.0.1:$port/v1/EndUsers" -d FriendlyName=Rep -d Type=authorized_representative_1 |
    sed -n 's/.*"sid": *"\(IT[0-9a-f]*\)".*/\1/p' >"$dir/sids"

# thread id, user+system ticks, context switches (voluntary and not)
counters() {
    for t in /proc/$pid/task/*; do
        echo "$(basename "$t") $(awk '{print $14 + $15}' "$t/stat") \
$(awk '/^(voluntary|nonvoluntary)_ctxt_switches/ {s += $2} END {print s}' "$t/status") $(cat "$t/comm")"
    done | sort
}
counters >"$dir/before"
TRUSTHUB_AUTH="Basic $(printf '%s:%s' $account $token | base64 -w0)" TRUSTHUB_SIDS="$dir/sids" \
    wrk -t1 -c50 -d"${seconds}s" -s "$here/wrk/fetch.lua" "http://127.0.0.1:$port" | tail -1 >"$dir/wrk"
counters >"$dir/after"
requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' "$dir/wrk")
ticks=$(getconf CLK_TCK)
echo "$requests fetches in ${seconds} s ($((requests / seconds))/s)"
join "$dir/before" "$dir/after" | awk -v r="$requests" -v hz="$ticks" \
    '{printf "thread %s: %.2f us of CPU and %.3f context switches a request\n", $1, ($5 - $2) * 1e6 / hz / r, ($6 - $3) / r}'
