#!/bin/sh
# Starts and stops a throw-away PostgreSQL server for the tests.
#
#   pg_harness.sh setup STATE      initdb into a new temporary directory and start the server
#   pg_harness.sh stop STATE       stop the server, keep its data (an outage, for fault tests)
#   pg_harness.sh start STATE      start it again on the same data
#   pg_harness.sh teardown STATE   stop the server and remove everything
#
# STATE is a directory of ours; `STATE/conninfo` receives the libpq connection string. The
# server listens on a Unix socket in its private directory only (no TCP), so several builds
# on one machine never meet. initdb refuses to run as root: as root, the server runs as the
# `postgres` user (override with TRUSTHUB_PG_USER).
set -eu

command=$1
state=$2
bindir=${TRUSTHUB_PG_BINDIR:-}
if [ -z "$bindir" ]; then
    if command -v pg_ctl >/dev/null 2>&1; then
        bindir=$(dirname "$(command -v pg_ctl)")
    else
        bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
fi

if [ "$(id -u)" = 0 ]; then
    user=${TRUSTHUB_PG_USER:-postgres}
    as_server() { runuser -u "$user" -- "$@"; }
else
    user=$(id -un)
    as_server() { "$@"; }
fi

pg_ctl_start() {
    dir=$(cat "$state/dir")
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p 54329 -c fsync=on" start >/dev/null
}

case $command in
setup)
    mkdir -p "$state"
    if [ -f "$state/dir" ]; then
        # A previous run did not clean up: start over.
        "$0" teardown "$state" || true
        mkdir -p "$state"
    fi
    dir=$(mktemp -d /tmp/trusthub-pg.XXXXXX)
    echo "$dir" >"$state/dir"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown "$user" "$dir"
    as_server "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    pg_ctl_start
    echo "host=$dir port=54329 user=$user dbname=postgres connect_timeout=5" >"$state/conninfo"
    ;;
stop)
    dir=$(cat "$state/dir")
    as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
    ;;
start)
    pg_ctl_start
    ;;
teardown)
    [ -f "$state/dir" ] || exit 0
    dir=$(cat "$state/dir")
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null || true
    fi
    case $dir in /tmp/trusthub-pg.*) rm -rf "$dir" ;; esac
    rm -f "$state/dir" "$state/conninfo"
    ;;
*)
    echo "usage: $0 setup|stop|start|teardown STATE" >&2
    exit 2
    ;;
esac
