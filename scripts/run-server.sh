#!/usr/bin/env bash
# Installs what is needed, builds trusthub-server and runs it on the in-memory store.
# Arguments go to trusthub-server (try --help); with none it listens on 127.0.0.1:8080 and
# prints a credential and a curl line to try.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DTRUSTHUB_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target trusthub-server -j"$(nproc)"
exec build/release/example/trusthub-server "$@"
