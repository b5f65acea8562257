#!/usr/bin/env bash
# A reader of the request log that stops reading must not stop the server: with standard
# output a pipe that is full and never read, 3,000 requests are all answered, and SIGTERM still
# ends the server promptly.
set -euo pipefail
source "$(dirname "$0")/stop_server.sh"
server=$1
dir=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill -9 $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

account=AC0123456789abcdef0123456789abcdef
token=0123456789abcdef0123456789abcdef
mkfifo "$dir/log"
exec 3<>"$dir/log"  # held open, read once below and then never again: the pipe fills up
"$server" --listen 127.0.0.1:0 --credential "$account:$token" >"$dir/log" 2>"$dir/err" &
pid=$!
IFS= read -r -t 10 first <&3 || { echo "no listening line"; cat "$dir/err"; exit 1; }
port=$(sed -n 's/^trusthub-server listening on 127\.0\.0\.1:\([0-9]*\),.*/\1/p' <<<"$first")
[ -n "$port" ] || { echo "unexpected first line: $first"; exit 1; }

# One keep-alive connection, 3,000 list requests: about 400 KB of log lines against a pipe
# buffer of 64 KB.
for _ in $(seq 3000); do
    printf 'url = "http://127.0.0.1:%s/v1/EndUsers?PageSize=1"\noutput = "/dev/null"\n' "$port"
done >"$dir/requests"
timeout 30 curl -s -u "$account:$token" -w '%{http_code}\n' -K "$dir/requests" >"$dir/codes" ||
    { echo "curl did not finish (exit $?): the server stalled on its log"; exit 1; }
answered=$(grep -c '^200$' "$dir/codes" || true)
[ "$answered" = 3000 ] || { echo "answered $answered of 3000"; sort "$dir/codes" | uniq -c; exit 1; }

stop_on_sigterm $pid
pid=
# What the pipe holds: request lines, in order, as many as it had room for.
timeout 2 cat <&3 >"$dir/got" || true
grep -qE ' GET /v1/EndUsers 200 [0-9]+us RQ[0-9a-f]{32} AC[0-9a-f]{32}$' "$dir/got" ||
    { echo "no request log line in the pipe"; head -5 "$dir/got"; exit 1; }
echo "log stall test passed: 3000 of 3000 answered; $(wc -l <"$dir/got") log lines fitted in the pipe"
