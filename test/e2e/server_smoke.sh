#!/usr/bin/env bash
# The standalone server as a newcomer meets it: no options but a free port, the printed curl
# line run as printed, and a graceful stop on SIGTERM.
set -euo pipefail
source "$(dirname "$0")/stop_server.sh"
server=$1
out=$(mktemp)
trap 'kill -9 $pid 2>/dev/null || true; rm -f "$out"' EXIT

# Started with a soft descriptor limit of 1,024 (or the hard one, if lower), as is common.
hard=$(ulimit -Hn)
start_soft=1024
if [ "$hard" != unlimited ] && [ "$hard" -lt 1024 ]; then start_soft=$hard; fi
(ulimit -Sn $start_soft; exec "$server" --listen 127.0.0.1:0 >"$out" 2>&1) &
pid=$!
for _ in $(seq 50); do
    grep -q '^  curl ' "$out" && break
    sleep 0.1
done
curl_line=$(grep '^  curl ' "$out") || { echo "no curl line printed:"; cat "$out"; exit 1; }
status=$(eval "${curl_line# } -s -o /dev/null -w '%{http_code}'")
[ "$status" = 201 ] || { echo "the printed curl line answered $status, not 201"; cat "$out"; exit 1; }
# Log lines are written in batches, at most 50 ms after their request is answered.
for _ in $(seq 20); do
    grep -qE ' POST /v1/EndUsers 201 [0-9]+us RQ[0-9a-f]{32} AC[0-9a-f]{32}$' "$out" && break
    sleep 0.1
done
grep -qE ' POST /v1/EndUsers 201 [0-9]+us RQ[0-9a-f]{32} AC[0-9a-f]{32}$' "$out" ||
    { echo "no request log line"; cat "$out"; exit 1; }
! grep -q 'first_name' <(grep ' POST ' "$out") || { echo "attributes leaked into the log"; exit 1; }

# The server raised its descriptor limit to the hard one.
soft=$(awk '/Max open files/ {print $4}' /proc/$pid/limits)
hard=$(awk '/Max open files/ {print $5}' /proc/$pid/limits)
[ "$soft" = "$hard" ] || { echo "descriptor limit left at $soft (hard $hard)"; exit 1; }

stop_on_sigterm $pid
grep -q 'trusthub-server stopped' "$out"
echo "server smoke test passed"
