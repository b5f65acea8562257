#!/usr/bin/env python3
# Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
"""What the test-control API costs a request when it is on. Standard library only.

Starts trusthub-server --quiet twice, without and with --control, and runs wrk against them
alternately (A B A B ...), so that both see the same disturbances:

    fetch, create          --control (journal on, no rules)   against  no --control
    fetch, create, rules   --control with 10 rules that match no call, against the same without

Every call of a --control server is journaled (the journal is full, so each also evicts one),
and every rule's method and path are compared with every call.

    bench/control.py [--server build-rel/example/trusthub-server] [--duration 3] [--trials 5]
                     [--connections 50] [--records 2000]

All load goes to 127.0.0.1; every wrk run is bounded by --duration.
"""

import argparse
import json
import os
import sys
import tempfile
import urllib.request

from run import AUTH, CREATE_BODY, Shipped, compare, preload_over_http, reply  # noqa: E402


def add_rule(port, rule):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/_trusthub/faults", data=json.dumps(rule).encode(),
                                 headers={"Authorization": AUTH, "Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as res:
        assert res.status == 201


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", default="build-rel/example/trusthub-server")
    p.add_argument("--duration", type=int, default=3)
    p.add_argument("--trials", type=int, default=5)
    p.add_argument("--connections", type=int, default=50)
    p.add_argument("--records", type=int, default=2000)
    args = p.parse_args()

    server_path = os.path.abspath(args.server)
    servers = []
    with tempfile.TemporaryDirectory(prefix="trusthub-control-bench-") as tmp:
        try:
            plain = Shipped(server_path, "server --quiet")
            servers.append(plain)
            control = Shipped(server_path, "--control", extra_args=["--control"])
            servers.append(control)
            plain_sids, control_sids = os.path.join(tmp, "plain.sids"), os.path.join(tmp, "control.sids")
            preload_over_http(plain, args.records, plain_sids)
            preload_over_http(control, args.records, control_sids)
            code, _ = reply(control.port, "POST", "/v1/EndUsers", CREATE_BODY)
            assert code == 201, code
            env_plain, env_control = {"TRUSTHUB_SIDS": plain_sids}, {"TRUSTHUB_SIDS": control_sids}
            print(f"{'measure':<28} {'A':>14} {'':>24} | {'B':>14}", flush=True)
            compare("fetch: control / plain", (control, "fetch.lua"), (plain, "fetch.lua"), args,
                    env_control, env_plain)
            compare("create: control / plain", (control, "create.lua"), (plain, "create.lua"), args,
                    env_control, env_plain)
            for i in range(10):
                add_rule(control.port, {"method": "DELETE", "path": f"/v1/Nothing{i}/**", "status": 500})
            compare("fetch: 10 rules / plain", (control, "fetch.lua"), (plain, "fetch.lua"), args,
                    env_control, env_plain)
            compare("create: 10 rules / plain", (control, "create.lua"), (plain, "create.lua"), args,
                    env_control, env_plain)
        finally:
            for s in servers:
                s.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
