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
