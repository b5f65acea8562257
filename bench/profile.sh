#!/bin/sh
# Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#
# Instructions a request, from callgrind: runs a server under valgrind, zeroes the counters once
# it listens, sends wrk load on one connection for a few seconds, dumps, and divides.
#
#   bench/profile.sh OPERATION SERVER [BIN_DIR] [SECONDS]
#
# OPERATION is fetch, update, list or create (the wrk script of that name); SERVER is trusthub
# (trusthub-bench-server, 1,000 records preloaded), baseline (trusthub-baseline-server
# answering BODY_SIZE bytes, from the environment; default 474), server (trusthub-server as
# shipped, one thread, its request log to a file: the writer thread's instructions count too)
# or server-quiet (the same with --quiet). Leaves the profile in
# $OUT (default /tmp/trusthub-profile) for callgrind_annotate.
set -eu
op=$1
server=$2
here=$(cd "$(dirname "$0")" && pwd)
bin=${3:-$here/../build-rel/bench}
seconds=${4:-4}
out=${OUT:-/tmp/trusthub-profile}
mkdir -p "$out"
account=AC0123456789abcdef0123456789abcdef
token=0123456789abcdef0123456789abcdef
TRUSTHUB_AUTH="Basic $(printf '%s:%s' $account $token | base64 -w0)"
TRUSTHUB_SIDS=$out/sids.txt
export TRUSTHUB_AUTH TRUSTHUB_SIDS
case $server in
trusthub) set -- "$bin/trusthub-bench-server" --credential $account:$token --preload 1000 --sid-file "$TRUSTHUB_SIDS" ;;
baseline) set -- "$bin/trusthub-baseline-server" --body-size "${BODY_SIZE:-474}" ;;
server) set -- "$bin/../example/trusthub-server" --listen 127.0.0.1:0 --threads 1 --credential $account:$token ;;
server-quiet) set -- "$bin/../example/trusthub-server" --listen 127.0.0.1:0 --threads 1 --credential $account:$token --quiet ;;
*) echo "SERVER is trusthub, baseline, server or server-quiet" >&2; exit 2 ;;
esac
rm -f "$TRUSTHUB_SIDS"
name=$server-$op
rm -f "$out/$name".cg.* "$out/$name.out"
valgrind --tool=callgrind --callgrind-out-file="$out/$name.cg.%p" "$@" >"$out/$name.out" 2>"$out/$name.err" &
pid=$!
i=0
until grep -q listening "$out/$name.out" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 240 ] || { kill $pid; echo "server did not start" >&2; exit 1; }
    sleep 0.5
done
port=$(sed -n 's/^listening \([0-9]*\)$/\1/p; s/.* listening on 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$out/$name.out" | head -1)
# trusthub-server starts empty: one record for fetch and update to find.
case $server in server*)
    curl -s -u $account:$token "http://127.0.0.1:$port/v1/EndUsers" -d FriendlyName=Rep -d Type=authorized_representative_1 |
        sed -n 's/.*"sid": *"\(IT[0-9a-f]*\)".*/\1/p' >"$TRUSTHUB_SIDS" ;;
esac
[ -s "$TRUSTHUB_SIDS" ] || echo IT00000000000000000000000000000001 >"$TRUSTHUB_SIDS"
callgrind_control -z $pid >/dev/null 2>&1
wrk -t1 -c1 -d"${seconds}s" -s "$here/wrk/$op.lua" "http://127.0.0.1:$port" | tail -1 >"$out/$name.wrk"
callgrind_control -d $pid >/dev/null 2>&1
kill $pid
wait $pid 2>/dev/null || true
requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' "$out/$name.wrk")
total=$(callgrind_annotate "$out/$name".cg.*.1 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1}')
echo "$name: $requests requests, $total instructions, $((total / requests)) a request ($(ls "$out/$name".cg.*.1))"
