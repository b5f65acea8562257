#!/usr/bin/env bash
# The request log is complete while its reader keeps up: lines are written in batches, and a
# batch must lose nothing. 4,000 requests over four connections at once, then a stop: the log
# holds exactly one line for each, the last ones included (written on the way out), and no
# line counting drops.
set -euo pipefail
source "$(dirname "$0")/stop_server.sh"
server=$1
dir=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill -9 $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

account=AC0123456789abcdef0123456789abcdef
token=0123456789abcdef0123456789abcdef
"$server" --listen 127.0.0.1:0 --credential "$account:$token" >"$dir/log" 2>"$dir/err" &
pid=$!
port=$(listening_port "$dir/log" $pid)
[ -n "$port" ] || { echo "no listening line"; cat "$dir/log" "$dir/err"; exit 1; }

for _ in $(seq 1000); do
    printf 'url = "http://127.0.0.1:%s/v1/EndUsers?PageSize=1"\noutput = "/dev/null"\n' "$port"
done >"$dir/requests"
clients=()
for i in 1 2 3 4; do
    timeout 60 curl -s -u "$account:$token" -w '%{http_code}\n' -K "$dir/requests" >"$dir/codes.$i" &
    clients+=($!)
done
for c in "${clients[@]}"; do wait "$c" || true; done
answered=$(cat "$dir"/codes.* | grep -c '^200$' || true)
[ "$answered" = 4000 ] || { echo "answered $answered of 4000"; exit 1; }

stop_on_sigterm $pid
pid=
logged=$(grep -cE '^[0-9T:Z-]+ GET /v1/EndUsers 200 [0-9]+us RQ[0-9a-f]{32} AC[0-9a-f]{32}$' "$dir/log" || true)
[ "$logged" = 4000 ] || { echo "logged $logged of 4000 requests"; tail -3 "$dir/log"; exit 1; }
! grep -q 'dropped' "$dir/log" || { echo "lines were dropped"; grep dropped "$dir/log"; exit 1; }
tail -1 "$dir/log" | grep -q '^trusthub-server stopped$' || { echo "the last line is not the stop"; tail -1 "$dir/log"; exit 1; }
echo "log completeness test passed: 4000 requests, 4000 lines"
