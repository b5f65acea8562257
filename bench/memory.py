#!/usr/bin/env python3
# Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
"""What trusthub-server gives back after a mass delete. Standard library only.

Starts trusthub-server (in-memory store, one thread, --quiet), reads its resident memory
(VmRSS), creates --records end users with --attribute-bytes of attributes each, reads it again,
deletes every one of them, and reads it until it settles. Prints the three figures and what the
process kept: resident memory after the delete minus resident memory at start.

    bench/memory.py [--server build-rel/example/trusthub-server] [--records 200000]
                    [--attribute-bytes 1024] [--settle 15] [--cycles 1] [--json out.json]

Requests go over one connection to 127.0.0.1, pipelined in batches, so that the client is not
what bounds the run.
"""

import argparse
import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse

ACCOUNT = "AC0123456789abcdef0123456789abcdef"
TOKEN = "0123456789abcdef0123456789abcdef"
AUTH = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
HERE = os.path.dirname(os.path.abspath(__file__))


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Pipeline:
    """One keep-alive connection; sends a batch of requests, then reads their responses."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def exchange(self, requests):
        self.sock.sendall(b"".join(requests))
        return [self._response() for _ in requests]

    def _response(self):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        m = re.search(rb"\r\ncontent-length: *(\d+)", head, re.I)
        length = int(m.group(1)) if m else 0
        while len(rest) < length:
            self.buffer = head + b"\r\n\r\n" + rest
            self._fill()
            head, _, rest = self.buffer.partition(b"\r\n\r\n")
        self.buffer = rest[length:]
        return status, rest[:length]

    def _fill(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise RuntimeError("connection closed by the server")
        self.buffer += chunk


def request(method, path, body=b""):
    head = (f"{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {AUTH}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def create_body(i, attribute_bytes):
    filler = "x" * max(0, attribute_bytes - 40)
    attributes = json.dumps({"first_name": f"Ada{i}", "notes": filler}, separators=(",", ":"))
    return urllib.parse.urlencode({"FriendlyName": f"Rep {i}", "Type": "authorized_representative_1",
                                   "Attributes": attributes}).encode()


def settle(pid, seconds):
    """Resident memory `seconds` after the last delete was answered."""
    time.sleep(seconds)
    return rss_kb(pid)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", default=os.path.join(HERE, "..", "build-rel", "example", "trusthub-server"))
    p.add_argument("--records", type=int, default=200_000)
    p.add_argument("--attribute-bytes", type=int, default=1024)
    p.add_argument("--batch", type=int, default=200, help="requests a pipelined batch")
    p.add_argument("--settle", type=int, default=15, help="seconds to wait for memory to be given back")
    p.add_argument("--cycles", type=int, default=1, help="create-then-delete cycles")
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args()

    server = subprocess.Popen([args.server, "--listen", "127.0.0.1:0", "--quiet", "--threads", "1",
                               "--credential", f"{ACCOUNT}:{TOKEN}"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if not m:
            raise RuntimeError(f"trusthub-server did not start: {line!r}")
        port = int(m.group(1))
        conn = Pipeline(port)
        conn.exchange([request("GET", "/v1/EndUsers")])  # the first request's allocations
        time.sleep(0.5)
        start_kb = rss_kb(server.pid)
        results = {"records": args.records, "attribute_bytes": args.attribute_bytes, "start_kb": start_kb,
                   "cycles": []}
        print(f"start: VmRSS {start_kb} kB", flush=True)
        for cycle in range(args.cycles):
            sids = []
            began = time.monotonic()
            for first in range(0, args.records, args.batch):
                count = min(args.batch, args.records - first)
                batch = [request("POST", "/v1/EndUsers", create_body(first + i, args.attribute_bytes))
                         for i in range(count)]
                for status, body in conn.exchange(batch):
                    if status != 201:
                        raise RuntimeError(f"create answered {status}: {body[:200]!r}")
                    sids.append(json.loads(body)["sid"])
            created_s = time.monotonic() - began
            peak_kb = rss_kb(server.pid)
            began = time.monotonic()
            for first in range(0, len(sids), args.batch):
                batch = [request("DELETE", f"/v1/EndUsers/{sid}") for sid in sids[first:first + args.batch]]
                for status, body in conn.exchange(batch):
                    if status != 204:
                        raise RuntimeError(f"delete answered {status}: {body[:200]!r}")
            deleted_s = time.monotonic() - began
            after_kb = settle(server.pid, args.settle)
            kept_mib = (after_kb - start_kb) / 1024
            print(f"cycle {cycle + 1}: {args.records} created in {created_s:.1f} s, VmRSS {peak_kb} kB; "
                  f"all deleted in {deleted_s:.1f} s, VmRSS {after_kb} kB: kept {kept_mib:.1f} MiB", flush=True)
            results["cycles"].append({"peak_kb": peak_kb, "after_delete_kb": after_kb, "kept_mib": kept_mib,
                                      "create_s": created_s, "delete_s": deleted_s})
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
