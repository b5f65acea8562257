#!/usr/bin/env bash
# --credentials-file: a file only its owner may access is read (comments, blank lines and the
# white space around a credential skipped) and its credentials are the ones that work; a file
# its group or others may access, a missing file and a file with no credential are refused:
# exit status 2 and one line on standard error naming the file. The token is never printed.
set -euo pipefail
source "$(dirname "$0")/stop_server.sh"
server=$1
dir=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill -9 $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

account=AC0123456789abcdef0123456789abcdef
token=a1b2c3d4e5f60718293a4b5c6d7e8f90
key=SK0123456789abcdef0123456789abcdef
secret=fedcba9876543210fedcba9876543210

# The file as an operator writes it.
write_file() {
    printf '# trusthub credentials\n\n  %s:%s  \n\t%s:%s:%s\n' "$account" "$token" "$key" "$secret" "$account" >"$1"
}

# refused FILE WHY [ARGS...]: the server, given FILE, exits with status 2 and one line on
# standard error naming FILE. Under a timeout: a server that accepts the file would listen on.
refused() {
    local file=$1 why=$2 status=0
    shift 2
    timeout 10 "$server" --listen 127.0.0.1:0 --credentials-file "$file" "$@" >"$dir/out" 2>"$dir/err" || status=$?
    [ "$status" = 2 ] || { echo "$why: exit status $status, not 2"; cat "$dir/out" "$dir/err"; exit 1; }
    [ "$(wc -l <"$dir/err")" = 1 ] || { echo "$why: not one line on standard error:"; cat "$dir/err"; exit 1; }
    grep -qF -- "--credentials-file $file: " "$dir/err" || { echo "$why: the message does not name $file:"; cat "$dir/err"; exit 1; }
    echo "$why: refused: $(cat "$dir/err")"
}

write_file "$dir/private"
chmod 600 "$dir/private"
"$server" --listen 127.0.0.1:0 --credentials-file "$dir/private" >"$dir/log" 2>"$dir/err" &
pid=$!
port=$(listening_port "$dir/log" $pid)
[ -n "$port" ] || { echo "a 0600 file: no listening line"; cat "$dir/log" "$dir/err"; exit 1; }
! grep -q 'made up' "$dir/log" || { echo "the file's credentials were not used: one was made up"; exit 1; }
base=http://127.0.0.1:$port

created=$(timeout 10 curl -s -u "$account:$token" -w '\n%{http_code}' "$base/v1/EndUsers" \
    --data-urlencode FriendlyName=auth_rep_1 --data-urlencode Type=authorized_representative_1 \
    --data-urlencode 'Attributes={"first_name":"Ada","last_name":"Lovelace"}')
[ "$(tail -1 <<<"$created")" = 201 ] || { echo "create with the file's credential: not 201:"; echo "$created"; exit 1; }
sid=$(head -1 <<<"$created" | grep -oE '"sid": ?"IT[0-9a-f]{32}"' | grep -oE 'IT[0-9a-f]{32}') ||
    { echo "no sid in the create's answer:"; echo "$created"; exit 1; }
status=$(timeout 10 curl -s -o /dev/null -w '%{http_code}' -u "$account:$token" "$base/v1/EndUsers/$sid")
[ "$status" = 200 ] || { echo "fetch with the file's credential answered $status, not 200"; exit 1; }
status=$(timeout 10 curl -s -o /dev/null -w '%{http_code}' -u "$key:$secret" "$base/v1/EndUsers/$sid")
[ "$status" = 200 ] || { echo "fetch with the file's API key answered $status, not 200"; exit 1; }
status=$(timeout 10 curl -s -o /dev/null -w '%{http_code}' -u "$account:wrong$token" "$base/v1/EndUsers/$sid")
[ "$status" = 401 ] || { echo "fetch with a wrong token answered $status, not 401"; exit 1; }
stop_on_sigterm $pid
pid=
! grep -qF -e "$token" -e "$secret" "$dir/log" "$dir/err" || { echo "a secret was printed"; exit 1; }
echo "a 0600 file: its credentials work (201, 200, 200), a wrong token gets 401"

write_file "$dir/everyone"
chmod 644 "$dir/everyone"
refused "$dir/everyone" "a 0644 file"
write_file "$dir/group"
chmod 640 "$dir/group"
refused "$dir/group" "a 0640 file"
# Also when a --credential would have let the server start.
refused "$dir/group" "a 0640 file beside --credential" --credential "$account:$token"
refused "$dir/missing" "a missing file"
printf '# nothing yet\n\n' >"$dir/empty"
chmod 600 "$dir/empty"
refused "$dir/empty" "a file with no credential"
printf '%s:%s\n' "XX${account#AC}" "$token" >"$dir/malformed"
chmod 600 "$dir/malformed"
refused "$dir/malformed" "a file with a malformed credential"
grep -qF ": line 1: " "$dir/err" || { echo "the message does not name the line"; exit 1; }
! grep -qF -e "$token" -e "$secret" "$dir/out" "$dir/err" || { echo "a secret was printed"; exit 1; }

# The environment's name for the option.
status=0
TRUSTHUB_CREDENTIALS_FILE=$dir/everyone timeout 10 "$server" --listen 127.0.0.1:0 >/dev/null 2>"$dir/err" || status=$?
[ "$status" = 2 ] && grep -qF -- "--credentials-file $dir/everyone: " "$dir/err" ||
    { echo "TRUSTHUB_CREDENTIALS_FILE naming a 0644 file: exit status $status"; cat "$dir/err"; exit 1; }
echo "server credentials file test passed"
