#!/usr/bin/env bash
# Makes the Debian package from a Release build (configured with the examples on; the tests may
# be off) and checks it as a user would meet it: lintian finds no error in it, a program
# outside the tree builds against its CMake package, and its trusthub-server, run with a
# credentials file, creates an EndUser and fetches it back, then stops cleanly on SIGTERM.
# Prints the package's size and its Depends line. The package is left in BUILD_DIR.
#
#   scripts/package-check.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/../test/e2e/stop_server.sh"   # listening_port
fail() { echo "package-check: $*" >&2; exit 1; }
[ $# = 1 ] && [ -d "$1" ] || { echo "usage: scripts/package-check.sh BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."

TRUSTHUB_PACKAGE_DEPS=1 bash scripts/install-deps.sh
for tool in cpack dpkg-deb dpkg-shlibdeps file lintian curl; do
    command -v $tool >/dev/null || fail "$tool is missing (Debian: lintian, dpkg-dev, file, curl)"
done

type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
[ "$type" = Release ] || fail "$build is not a Release build (CMAKE_BUILD_TYPE '$type')"
[ -f "$build/CPackConfig.cmake" ] || fail "$build has no CPack configuration: configure it with TRUSTHUB_BUILD_EXAMPLES=ON"

work=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT

# The package: cpack names the file it wrote.
(cd "$build" && cpack -G DEB) >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$work/cpack.log")
[ -n "$deb" ] && [ -f "$deb" ] || { cat "$work/cpack.log"; fail "cpack named no .deb"; }
echo "== $deb"

# Warnings are shown, errors fail.
lintian --tag-display-limit 0 --fail-on error "$deb" || fail "lintian reports errors in $deb"
echo "== lintian: no error"

root=$work/root
dpkg-deb -x "$deb" "$root"

# A consumer of the extracted package, and of nothing else.
cmake -S test/cmake_consumer/find_package -B "$work/consumer" \
    -DCMAKE_PREFIX_PATH="$root/usr" >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "the consumer did not configure"; }
found=$(sed -n 's/^trusthub_DIR:PATH=//p' "$work/consumer/CMakeCache.txt")
[ "$found" = "$root/usr/lib/cmake/trusthub" ] || fail "the consumer found trusthub in '$found', not in the package"
cmake --build "$work/consumer" -j"$(nproc)" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "the consumer did not build"; }
timeout 60 "$work/consumer/consumer" || fail "the consumer failed (exit $?)"
echo "== find_package(trusthub) from the package: built and ran a consumer"

# The packaged server, with a credentials file as the service gives it one.
account=AC0123456789abcdef0123456789abcdef
token=a1b2c3d4e5f60718293a4b5c6d7e8f90
(umask 077 && printf '# test\n%s:%s\n' "$account" "$token" >"$work/credentials")
"$root/usr/bin/trusthub-server" --listen 127.0.0.1:0 --credentials-file "$work/credentials" >"$work/log" 2>&1 &
pid=$!
port=$(listening_port "$work/log" $pid)
[ -n "$port" ] || { cat "$work/log"; fail "the packaged server did not start listening"; }
base=http://127.0.0.1:$port

created=$(curl -s --max-time 10 -u "$account:$token" -w '\n%{http_code}' "$base/v1/EndUsers" \
    --data-urlencode FriendlyName=auth_rep_1 --data-urlencode Type=authorized_representative_1 \
    --data-urlencode 'Attributes={"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com"}') || true
[ "$(tail -1 <<<"$created")" = 201 ] || fail "create: expected 201, got: $created"
sid=$(head -1 <<<"$created" | grep -oE '"sid": ?"IT[0-9a-f]{32}"' | grep -oE 'IT[0-9a-f]{32}') || fail "no sid in: $created"
fetched=$(curl -s --max-time 10 -u "$account:$token" -w '\n%{http_code}' "$base/v1/EndUsers/$sid") || true
[ "$(tail -1 <<<"$fetched")" = 200 ] || fail "fetch of $sid: expected 200, got: $fetched"
head -1 <<<"$fetched" | grep -qE "\"sid\": ?\"$sid\"" || fail "fetch of $sid answered another record: $fetched"
echo "== the packaged server: created $sid (201), fetched it (200)"

# The stop: the server answers nothing any more, so it exits at once; 15 s leaves room for a
# loaded machine, and is still bounded.
kill -TERM $pid
for _ in $(seq 150); do
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
kill -0 $pid 2>/dev/null && fail "the packaged server did not stop within 15 s of SIGTERM"
status=0
wait $pid || status=$?
pid=
[ $status = 0 ] || { cat "$work/log"; fail "the packaged server exited with status $status after SIGTERM"; }
echo "== the packaged server stopped on SIGTERM, status 0"

bytes=$(stat -c %s "$deb")
echo "package: $(basename "$deb"), $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }') MiB), installed size $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
echo "package check passed"
