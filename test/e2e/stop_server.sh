# Sourced by the server tests.

# stop_on_sigterm PID: sends SIGTERM to the server started by this shell and fails the test
# unless it exits within 5 s, with status 0.
stop_on_sigterm() {
    local pid=$1
    kill -TERM "$pid"
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then echo "did not stop within 5 s of SIGTERM"; exit 1; fi
    wait "$pid" || { echo "exit status $? after SIGTERM"; exit 1; }
}

# listening_port LOG PID: waits (5 s at most) for the first line of the server started by this
# shell, which writes its output to LOG, and prints the port it listens on; prints nothing if
# the server exits or says nothing in time.
listening_port() {
    local log=$1 pid=$2
    for _ in $(seq 50); do
        grep -q '^trusthub-server listening on' "$log" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    sed -n 's/^trusthub-server listening on 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$log"
}
