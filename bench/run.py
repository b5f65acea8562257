#!/usr/bin/env python3
# Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
"""The load and scale benchmarks of trusthub, on wrk. Standard library only.

Starts trusthub-bench-server (trusthub's listener, routes, service and in-memory store on one
thread) and trusthub-baseline-server (a bare Beast server answering a fixed body of the same
size as trusthub's reply to the same request) and runs wrk against them alternately
(A B A B A B), so that both see the same disturbances. Prints, per measure, the medians of
requests/s and of p50/p99 latency, and the ratio of the medians.

    bench/run.py [--bin build-rel/bench] [--server build-rel/example/trusthub-server]
                 [--duration 3] [--trials 5] [--connections 16] [--growth-duration 40]
                 [--old-bin DIR] [--old-for create,update]
                 [--only fetch,create,update,list,sdfetch,bundles,delete,scale,memory,p99,shipped,growth]
                 [--json results.json]

`sdfetch` fetches SupportingDocuments (GET /v1/SupportingDocuments/{Sid}) from a store
preloaded with --small end users and --small documents. `bundles` preloads --small end users
and --bundles-per-user x --small CustomerProfiles, and measures a bundle's fetch, the list of a bundle's 50
EntityAssignments, and EntityAssignment creates (each a new pair of bundle and end user). `memory` loads --large end users and
reads the resident memory a record takes (`scale` reads it too, then measures fetch and paging
at that size). `shipped` measures trusthub-server as users run it (one thread, logging to a
file) against the same with --quiet and against bare Beast; `growth` measures creates at 50
connections while an empty store grows (p99 against bare Beast's).

--old-bin names the directory of another build's trusthub-bench-server (the code before a
change, built the same way). The measures of --old-for then run three servers in turn
(old, new, baseline: O A B O A B ...), so that all three see the same disturbances, and print
new/old beside new/baseline; `memory` then reads the old build's bytes a record too.

All load goes to 127.0.0.1; every wrk run is bounded by --duration.
"""

import argparse
import base64
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ACCOUNT = "AC0123456789abcdef0123456789abcdef"
TOKEN = "0123456789abcdef0123456789abcdef"
AUTH = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "wrk")
UPDATE_BODY = ("FriendlyName=Rep%20Updated&Attributes=%7B%22first_name%22%3A%22Grace%22%2C%22last_name%22%3A"
               "%22Hopper%22%2C%22email%22%3A%22grace%40example.com%22%2C%22phone_number%22%3A%22%2B14155550101"
               "%22%2C%22business_title%22%3A%22Director%22%2C%22job_position%22%3A%22CEO%22%7D")
CREATE_BODY = ("FriendlyName=Rep%2042&Type=authorized_representative_1&Attributes=%7B%22first_name%22%3A"
               "%22Ada42%22%2C%22last_name%22%3A%22Lovelace%22%2C%22email%22%3A%22ada42%40example.com%22%2C"
               "%22phone_number%22%3A%22%2B14155550100%22%2C%22business_title%22%3A%22Director%22%2C"
               "%22job_position%22%3A%22CEO%22%7D")


class Server:
    """A server process that prints `key value` lines and then `listening PORT`."""

    def __init__(self, name, argv):
        self.name = name
        self.info = {}
        started = time.monotonic()
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        for line in self.proc.stdout:
            key, _, value = line.strip().partition(" ")
            self.info[key] = value
            if key == "listening":
                break
        if "listening" not in self.info:
            raise RuntimeError(f"{name} did not start: {argv}")
        self.port = int(self.info["listening"])
        self.startup_s = time.monotonic() - started

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1


def trusthub(bin_dir, name, preload=0, sid_file=None, sid_sample=0, token_at=None, documents=0,
             document_sid_file=None, bundles=0, bundle_sid_file=None):
    argv = [os.path.join(bin_dir, "trusthub-bench-server"), "--credential", f"{ACCOUNT}:{TOKEN}",
            "--preload", str(preload)]
    if sid_file:
        argv += ["--sid-file", sid_file, "--sid-sample", str(sid_sample)]
    if token_at is not None:
        argv += ["--token-at", str(token_at)]
    if documents:
        argv += ["--preload-documents", str(documents)]
        if document_sid_file:
            argv += ["--document-sid-file", document_sid_file]
    if bundles:
        argv += ["--preload-bundles", str(bundles)]
        if bundle_sid_file:
            argv += ["--bundle-sid-file", bundle_sid_file]
    return Server(name, argv)


class Shipped(Server):
    """trusthub-server as users run it: one thread, the in-memory store, the request log on
    standard output redirected to a file (or --quiet)."""

    def __init__(self, server_path, name, log_path=None, extra_args=()):
        self.name = name
        self.info = {}
        self.log_path = log_path
        argv = [server_path, "--listen", "127.0.0.1:0", "--threads", "1", "--credential", f"{ACCOUNT}:{TOKEN}",
                *extra_args]
        if log_path is None:
            argv.append("--quiet")
        out = tempfile.NamedTemporaryFile("w+", prefix="trusthub-server-", suffix=".log", delete=False)
        self.out_path = out.name
        started = time.monotonic()
        self.proc = subprocess.Popen(argv, stdout=out if log_path is None else open(log_path, "w"), text=True)
        out.close()
        watched = log_path or self.out_path
        while time.monotonic() - started < 10:
            with open(watched) as f:
                first = f.readline()
            if " listening on 127.0.0.1:" in first:
                self.port = int(first.split(" listening on 127.0.0.1:")[1].split(",")[0])
                break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"{name} did not start: {argv}")
        self.startup_s = time.monotonic() - started

    def log_lines(self):
        with open(self.log_path) as f:
            return sum(1 for _ in f)


def preload_over_http(server, count, sid_file):
    """Creates `count` end users through the API and writes their SIDs to `sid_file`."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    sids = []
    for _ in range(count):
        conn.request("POST", "/v1/EndUsers", body=CREATE_BODY,
                     headers={"Authorization": AUTH, "Content-Type": "application/x-www-form-urlencoded"})
        res = conn.getresponse()
        sids.append(json.loads(res.read())["sid"])
    conn.close()
    with open(sid_file, "w") as f:
        f.write("\n".join(sids) + "\n")


def baseline(bin_dir, name, body_size, status=200):
    return Server(name, [os.path.join(bin_dir, "trusthub-baseline-server"), "--body-size", str(body_size),
                         "--status", str(status)])


def reply(port, method, path, body=None):
    """One request; the status and the size of the reply's body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": AUTH}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, data


def wrk(port, script, duration, connections, env):
    e = dict(os.environ, TRUSTHUB_AUTH=AUTH, TRUSTHUB_WRK_THREADS="1", **env)
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
            "-s", os.path.join(SCRIPTS, script), f"http://127.0.0.1:{port}"]
    out = subprocess.run(argv, env=e, capture_output=True, text=True, timeout=duration + 60)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    r = json.loads(lines[-1])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    return r


def compare(label, a, b, args, env_a=None, env_b=None, connections=None, env_per_trial=None, old=None,
            env_old=None):
    """Runs (server, script) pairs a and b alternately; returns and prints the medians. With
    `old` (another build's server, same script), runs old, a, b in turn and adds new/old."""
    connections = connections or args.connections
    runs = {"old": [], "a": [], "b": []}
    sides = ((("old", old, env_old),) if old else ()) + (("a", a, env_a), ("b", b, env_b))
    for trial in range(args.trials):
        for side, (server, script), env in sides:
            e = dict(env or {})
            if env_per_trial:
                e.update(env_per_trial(side, trial))
            r = wrk(server.port, script, args.duration, connections, e)
            runs[side].append(r)
            if r["non2xx"] or r["socket_errors"]:
                print(f"  warning: {label} {server.name}: {r['non2xx']} non-2xx, {r['socket_errors']} socket errors",
                      file=sys.stderr)

    def med(side, key):
        return statistics.median(r[key] for r in runs[side])

    result = {
        "label": label, "a": a[0].name, "b": b[0].name, "connections": connections,
        "a_rps": med("a", "rps"), "b_rps": med("b", "rps"),
        "a_p50_us": med("a", "p50_us"), "b_p50_us": med("b", "p50_us"),
        "a_p99_us": med("a", "p99_us"), "b_p99_us": med("b", "p99_us"),
        "a_runs": [round(r["rps"]) for r in runs["a"]], "b_runs": [round(r["rps"]) for r in runs["b"]],
        "a_requests": [r["requests"] for r in runs["a"]],
    }
    result["ratio"] = result["a_rps"] / result["b_rps"]
    # Each A run next to the B run made right after it: steadier when the machine is shared.
    result["pair_ratio"] = statistics.median(a["rps"] / b["rps"] for a, b in zip(runs["a"], runs["b"]))
    result["p99_ratio"] = result["a_p99_us"] / result["b_p99_us"]
    print(f"{label:<28} {result['a']:>14} {result['a_rps']:>9.0f}/s p50 {result['a_p50_us']/1000:5.2f} ms"
          f" p99 {result['a_p99_us']/1000:5.2f} ms | {result['b']:>14} {result['b_rps']:>9.0f}/s"
          f" p50 {result['b_p50_us']/1000:5.2f} ms p99 {result['b_p99_us']/1000:5.2f} ms"
          f" | ratio {result['ratio']:.3f} (pairs {result['pair_ratio']:.3f})  p99 ratio {result['p99_ratio']:.2f}"
          f"  runs {result['a_runs']} vs {result['b_runs']}", flush=True)
    if old:
        result.update({
            "old": old[0].name, "old_rps": med("old", "rps"), "old_p50_us": med("old", "p50_us"),
            "old_p99_us": med("old", "p99_us"), "old_runs": [round(r["rps"]) for r in runs["old"]],
        })
        result["new_over_old"] = result["a_rps"] / result["old_rps"]
        # The old run and the new run made right after it, in each round.
        result["new_over_old_pairs"] = statistics.median(a["rps"] / o["rps"] for a, o in zip(runs["a"], runs["old"]))
        result["old_ratio"] = result["old_rps"] / result["b_rps"]
        result["old_pair_ratio"] = statistics.median(o["rps"] / b["rps"] for o, b in zip(runs["old"], runs["b"]))
        print(f"{'':<28} {result['old']:>14} {result['old_rps']:>9.0f}/s p50 {result['old_p50_us']/1000:5.2f} ms"
              f" p99 {result['old_p99_us']/1000:5.2f} ms | old/baseline {result['old_ratio']:.3f}"
              f" (pairs {result['old_pair_ratio']:.3f}) | new/old {result['new_over_old']:.3f}"
              f" (pairs {result['new_over_old_pairs']:.3f})  old runs {result['old_runs']}", flush=True)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default=os.path.join(HERE, "..", "build-rel", "bench"))
    p.add_argument("--duration", type=int, default=3, help="seconds a wrk run")
    p.add_argument("--trials", type=int, default=5, help="A B pairs a measure")
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--large", type=int, default=1_000_000, help="records of the large store")
    p.add_argument("--small", type=int, default=1_000, help="records of the small store")
    p.add_argument("--large-sample", type=int, default=100_000,
                   help="SIDs of the large store that fetch cycles through")
    p.add_argument("--deep", type=int, default=900_000, help="position of the deep page")
    p.add_argument("--delete-records", type=int, default=1_500_000, help="records preloaded for delete")
    p.add_argument("--server", default=os.path.join(HERE, "..", "build-rel", "example", "trusthub-server"),
                   help="the trusthub-server program, for the shipped measures")
    p.add_argument("--growth-duration", type=int, default=40,
                   help="seconds of creates on a growing store (about 25,000/s: 1,000,000 records)")
    p.add_argument("--bundles-per-user", type=int, default=100,
                   help="CustomerProfiles preloaded for `bundles`, per end user of the small store")
    p.add_argument("--only", default="fetch,create,update,list,sdfetch,bundles,delete,scale,p99,shipped,growth")
    p.add_argument("--old-bin", help="directory of another build's trusthub-bench-server, measured beside this one")
    p.add_argument("--old-for", default="create,update",
                   help="measures run against --old-bin too (of fetch, create, update, list)")
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args()
    only = set(args.only.split(","))
    bin_dir = os.path.abspath(args.bin)
    old_bin = os.path.abspath(args.old_bin) if args.old_bin else None
    old_for = set(args.old_for.split(",")) if old_bin else set()
    tmp = tempfile.mkdtemp(prefix="trusthub-bench-")
    servers = []
    results = {"machine": {"nproc": os.cpu_count()}, "settings": vars(args), "measures": []}
    began = time.monotonic()

    def start(server):
        servers.append(server)
        return server

    try:
        small_sids = os.path.join(tmp, "small.sids")
        small = start(trusthub(bin_dir, f"trusthub@{args.small // 1000}k", args.small, small_sids))
        sids = {"TRUSTHUB_SIDS": small_sids}
        first_sid = open(small_sids).readline().strip()
        # The old build's store holds the same number of records as the new one's, with SIDs of
        # its own.
        old_small = old_sids = None
        if old_for & {"fetch", "update", "list"}:
            old_sids_path = os.path.join(tmp, "old-small.sids")
            old_small = start(trusthub(old_bin, f"old@{args.small // 1000}k", args.small, old_sids_path))
            old_sids = {"TRUSTHUB_SIDS": old_sids_path}
            old_first_sid = open(old_sids_path).readline().strip()
        print(f"wrk -t1 -c{args.connections} -d{args.duration}s, {args.trials} trials, servers on one thread; "
              f"A = trusthub, B = baseline" + (f", O = the build in {old_bin}" if old_bin else ""), flush=True)

        def against_baseline(op, method, path, body, script, status=200):
            code, data = reply(small.port, method, path, body)
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data), status))
            return code, len(data), base

        def old_side(op, server, method, path, body, new_size, script):
            """The old build's server for `op`, if asked for, after checking that it answers."""
            if op not in old_for:
                return None
            code, data = reply(server.port, method, path, body)
            assert code in (200, 201), (op, code, data[:200])
            if len(data) != new_size:
                # Not an error: the figures then compare replies of different sizes, which a
                # reader of new/old must know.
                print(f"  note: {op}: the old build answers {len(data)} B, the new one {new_size} B", flush=True)
            return (server, script)

        if "fetch" in only:
            code, size, base = against_baseline("fetch", "GET", f"/v1/EndUsers/{first_sid}", None, "fetch.lua")
            old = old_side("fetch", old_small, "GET", f"/v1/EndUsers/{old_first_sid}", None, size, "fetch.lua") \
                if old_small else None
            r = compare(f"fetch ({size} B)", (small, "fetch.lua"), (base, "fetch.lua"), args, sids, sids,
                        old=old, env_old=old_sids)
            results["measures"].append(dict(r, measure="fetch", body_bytes=size))
        if "create" in only:
            empty = start(trusthub(bin_dir, "trusthub@empty"))
            code, data = reply(empty.port, "POST", "/v1/EndUsers", CREATE_BODY)
            assert code == 201, code
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data), 201))
            old = None
            if "create" in old_for:
                old = old_side("create", start(trusthub(old_bin, "old@empty")), "POST", "/v1/EndUsers",
                               CREATE_BODY, len(data), "create.lua")
            r = compare(f"create ({len(data)} B)", (empty, "create.lua"), (base, "create.lua"), args, old=old)
            results["measures"].append(dict(r, measure="create", body_bytes=len(data),
                                            records_after=None))
        if "update" in only:
            code, size, base = against_baseline("update", "POST", f"/v1/EndUsers/{first_sid}", UPDATE_BODY,
                                                "update.lua")
            assert code == 200, code
            old = old_side("update", old_small, "POST", f"/v1/EndUsers/{old_first_sid}", UPDATE_BODY, size,
                           "update.lua") if old_small else None
            r = compare(f"update ({size} B)", (small, "update.lua"), (base, "update.lua"), args, sids, sids,
                        old=old, env_old=old_sids)
            results["measures"].append(dict(r, measure="update", body_bytes=size))
        if "list" in only:
            code, size, base = against_baseline("list", "GET", "/v1/EndUsers?PageSize=50", None, "list.lua")
            old = old_side("list", old_small, "GET", "/v1/EndUsers?PageSize=50", None, size, "list.lua") \
                if old_small else None
            r = compare(f"list of 50 ({size} B)", (small, "list.lua"), (base, "list.lua"), args, old=old)
            results["measures"].append(dict(r, measure="list", body_bytes=size))
        if "sdfetch" in only:
            # A store holding both collections, as a server that serves bundles does; the end
            # users' store above stays as it was, so that its figures compare with earlier runs.
            doc_sids_path = os.path.join(tmp, "documents.sids")
            docs = start(trusthub(bin_dir, f"trusthub@{args.small // 1000}k+docs", args.small,
                                  documents=args.small, document_sid_file=doc_sids_path))
            doc_env = {"TRUSTHUB_SIDS": doc_sids_path, "TRUSTHUB_COLLECTION": "/v1/SupportingDocuments"}
            first_doc = open(doc_sids_path).readline().strip()
            code, data = reply(docs.port, "GET", f"/v1/SupportingDocuments/{first_doc}")
            assert code == 200, (code, data[:200])
            assert json.loads(data)["sid"] == first_doc, data[:200]
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data)))
            r = compare(f"sdfetch ({len(data)} B)", (docs, "fetch.lua"), (base, "fetch.lua"), args, doc_env, doc_env)
            results["measures"].append(dict(r, measure="sdfetch", body_bytes=len(data)))
        if "bundles" in only:
            # A bundle's fetch, from a store of --small end users and as many bundles (as the
            # EndUser fetch reads a store of --small end users).
            fetch_sids = os.path.join(tmp, "fetch-bundles.sids")
            small_graph = start(trusthub(bin_dir, f"trusthub@{args.small // 1000}k+{args.small // 1000}k bundles",
                                         args.small, bundles=args.small, bundle_sid_file=fetch_sids))
            first_bundle = open(fetch_sids).readline().strip()
            fetch_env = {"TRUSTHUB_SIDS": fetch_sids, "TRUSTHUB_COLLECTION": "/v1/CustomerProfiles"}
            code, data = reply(small_graph.port, "GET", f"/v1/CustomerProfiles/{first_bundle}")
            assert code == 200, (code, data[:200])
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data)))
            r = compare(f"bundle fetch ({len(data)} B)", (small_graph, "fetch.lua"), (base, "fetch.lua"), args,
                        fetch_env, fetch_env)
            results["measures"].append(dict(r, measure="bundle_fetch", body_bytes=len(data)))
            small_graph.stop()

            # The assignments: --small end users and --bundles-per-user times as many bundles.
            # A hundred a user by default, so that the creates below spread over them and a
            # bundle holds a handful of assignments by the end (the ISV flow's hold four to
            # six). A create's duplicate check reads the bundle's assignments, so it costs more
            # in a fuller bundle: doc/performance.md gives the figure at twenty.
            user_sids = os.path.join(tmp, "bundle-users.sids")
            bundle_sids = os.path.join(tmp, "bundles.sids")
            graph = start(trusthub(bin_dir, f"trusthub@{args.small // 1000}k+bundles", args.small, user_sids,
                                   bundles=args.bundles_per_user * args.small, bundle_sid_file=bundle_sids))
            bundle_list = [line.strip() for line in open(bundle_sids)]
            user_list = [line.strip() for line in open(user_sids)]

            # The list first, from the last bundle, which the creates below reach only after
            # bundles x 49 requests: it holds exactly its 50.
            full = bundle_list[-1]
            for user in user_list[-50:]:
                code, data = reply(graph.port, "POST", f"/v1/CustomerProfiles/{full}/EntityAssignments",
                                   f"ObjectSid={user}")
                assert code == 201, (code, data[:200])
            path = f"/v1/CustomerProfiles/{full}/EntityAssignments"
            code, data = reply(graph.port, "GET", path + "?PageSize=50")
            assert code == 200 and len(json.loads(data)["results"]) == 50, (code, data[:200])
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data)))
            list_env = {"TRUSTHUB_COLLECTION": path}
            r = compare(f"assignments list of 50 ({len(data)} B)", (graph, "list.lua"), (base, "list.lua"), args,
                        list_env, list_env)
            results["measures"].append(dict(r, measure="assignment_list", body_bytes=len(data)))

            # Creates over the other bundles, which never hold the same end user twice.
            creates_env = {"TRUSTHUB_SIDS": user_sids, "TRUSTHUB_BUNDLES": bundle_sids}
            # Each trial's script starts from the first pair again: give each trial its own
            # slice of the end users, so that no pair repeats.
            per_trial = max(1, (len(user_list) - 51) // args.trials)
            code, data = reply(graph.port, "POST", f"/v1/CustomerProfiles/{bundle_list[0]}/EntityAssignments",
                               f"ObjectSid={user_list[-51]}")
            assert code == 201, (code, data[:200])
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data), 201))
            r = compare(f"EntityAssignment create ({len(data)} B)", (graph, "assign.lua"), (base, "assign.lua"), args,
                        creates_env, creates_env,
                        env_per_trial=lambda side, trial: {"TRUSTHUB_SID_FROM": str(trial * per_trial),
                                                           "TRUSTHUB_SID_COUNT": str(per_trial)})
            results["measures"].append(dict(r, measure="assignment_create", body_bytes=len(data)))
        if "delete" in only:
            del_sids = os.path.join(tmp, "delete.sids")
            doomed = start(trusthub(bin_dir, "trusthub@del", args.delete_records, del_sids))
            base = start(baseline(bin_dir, "baseline/204", 0, 204))
            share = args.delete_records // args.trials

            def slice_of(side, trial):
                return {"TRUSTHUB_SIDS": del_sids, "TRUSTHUB_SID_FROM": str(trial * share),
                        "TRUSTHUB_SID_COUNT": str(share)}

            r = compare("delete (204)", (doomed, "delete.lua"), (base, "delete.lua"), args,
                        env_per_trial=slice_of)
            results["measures"].append(dict(r, measure="delete", body_bytes=0))
            doomed.stop()
        if "p99" in only:
            code, data = reply(small.port, "GET", f"/v1/EndUsers/{first_sid}")
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data)))
            r = compare("fetch, 50 connections", (small, "fetch.lua"), (base, "fetch.lua"), args, sids, sids,
                        connections=50)
            results["measures"].append(dict(r, measure="p99_fetch_50", body_bytes=len(data)))
        if "shipped" in only:
            # What users run, logging to a file as by default, beside the same with --quiet and
            # beside bare Beast.
            server_path = os.path.abspath(args.server)
            logged = start(Shipped(server_path, "server+log", os.path.join(tmp, "requests.log")))
            quiet = start(Shipped(server_path, "server --quiet"))
            shipped_sids = os.path.join(tmp, "shipped.sids")
            preload_over_http(logged, args.small, shipped_sids)
            preload_over_http(quiet, args.small, shipped_sids + ".q")
            code, data = reply(logged.port, "GET", "/v1/EndUsers/" + open(shipped_sids).readline().strip())
            base = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data)))
            logged_sids, quiet_sids = {"TRUSTHUB_SIDS": shipped_sids}, {"TRUSTHUB_SIDS": shipped_sids + ".q"}
            lines_before = logged.log_lines()
            measures = [
                ("fetch: log / --quiet", "shipped_fetch_log_vs_quiet", (logged, "fetch.lua"), (quiet, "fetch.lua"),
                 logged_sids, quiet_sids),
                ("fetch: log / bare Beast", "shipped_fetch_log_vs_bare", (logged, "fetch.lua"), (base, "fetch.lua"),
                 logged_sids, logged_sids),
                ("fetch: --quiet / bare Beast", "shipped_fetch_quiet_vs_bare", (quiet, "fetch.lua"),
                 (base, "fetch.lua"), quiet_sids, quiet_sids),
            ]
            # 50 connections, as the server is usually measured by its users' load tools.
            for label, measure, a, b, env_a, env_b in measures:
                r = compare(label, a, b, args, env_a, env_b, connections=50)
                results["measures"].append(dict(r, measure=measure, body_bytes=len(data)))
            code, data = reply(quiet.port, "POST", "/v1/EndUsers", CREATE_BODY)
            base201 = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data), 201))
            for label, measure, a in (("create: log / bare Beast", "shipped_create_log_vs_bare", logged),
                                      ("create: --quiet / bare Beast", "shipped_create_quiet_vs_bare", quiet)):
                r = compare(label, (a, "create.lua"), (base201, "create.lua"), args, connections=50)
                results["measures"].append(dict(r, measure=measure, body_bytes=len(data)))
            code, data = reply(quiet.port, "POST", "/v1/EndUsers/" + open(shipped_sids + ".q").readline().strip(),
                               UPDATE_BODY)
            base_update = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data)))
            r = compare("update: --quiet / bare Beast", (quiet, "update.lua"), (base_update, "update.lua"), args,
                        quiet_sids, quiet_sids, connections=50)
            results["measures"].append(dict(r, measure="shipped_update_quiet_vs_bare", body_bytes=len(data)))
            # The log is complete: one line for every request answered (wrk counts only the
            # requests it saw answered within a run; the log may hold a few more).
            answered = sum(sum(m.get("a_requests", [])) for m in results["measures"]
                           if m["measure"].startswith("shipped_") and m["a"] == logged.name)
            logged_lines = logged.log_lines() - lines_before
            print(f"request log: {logged_lines} lines for {answered} requests wrk saw answered", flush=True)
            results["shipped_log"] = {"lines": logged_lines, "answered": answered}
        if "growth" in only:
            # Creates at 50 connections on an empty store, long enough for it to grow to about
            # --growth-records; each trial starts empty.
            empty = start(trusthub(bin_dir, "trusthub@0..."))
            code, data = reply(empty.port, "POST", "/v1/EndUsers", CREATE_BODY)
            empty.stop()
            base201 = start(baseline(bin_dir, f"baseline/{len(data)}B", len(data), 201))
            growing = []

            def fresh(side, trial):
                if side == "a":
                    if growing:
                        growing[-1].stop()
                    growing.append(start(trusthub(bin_dir, "trusthub@0...")))
                return {}

            class Current:
                name = "trusthub@0..."

                @property
                def port(self):
                    return growing[-1].port

            saved = args.duration
            args.duration = args.growth_duration
            r = compare("create while growing, 50 conn", (Current(), "create.lua"), (base201, "create.lua"), args,
                        connections=50, env_per_trial=fresh)
            args.duration = saved
            results["measures"].append(dict(r, measure="create_p99_growing", body_bytes=len(data)))
        if "scale" in only or "memory" in only:
            # The resident memory a record takes: the bench server reads its own VmRSS before
            # and after loading the end users through the store, before it serves anything.
            def loaded(server, label):
                before, after = int(server.info["rss_before_kb"]), int(server.info["rss_after_kb"])
                per_record = (after - before) * 1024 / args.large
                print(f"{label}: {args.large} records loaded in {server.startup_s:.1f} s; VmRSS {before} kB before, "
                      f"{after} kB after: {per_record:.0f} bytes a record", flush=True)
                return {"records": args.large, "rss_before_kb": before, "rss_after_kb": after,
                        "bytes_per_record": per_record, "load_s": server.startup_s}

            if old_bin and "memory" in only:
                # One at a time, so that neither store's pages are taken from the other.
                old_large = start(trusthub(old_bin, f"old@{args.large // 1000}k", args.large))
                results["memory_old"] = loaded(old_large, "large store, old build")
                old_large.stop()
            large_sids = os.path.join(tmp, "large.sids")
            large = start(trusthub(bin_dir, f"trusthub@{args.large // 1000}k", args.large, large_sids,
                                   sid_sample=args.large_sample, token_at=args.deep))
            results["memory"] = loaded(large, "large store")
        if "scale" in only:
            r = compare("fetch at large / small", (large, "fetch.lua"), (small, "fetch.lua"), args,
                        {"TRUSTHUB_SIDS": large_sids}, sids)
            results["measures"].append(dict(r, measure="fetch_large_vs_small"))
            token = large.info["token"]
            code, data = reply(large.port, "GET", f"/v1/EndUsers?PageSize=50&Page=1&PageToken={token}")
            assert code == 200 and json.loads(data)["results"], code
            r = compare("page at deep / first page", (large, "list.lua"), (large, "list.lua"), args,
                        {"TRUSTHUB_PAGE_TOKEN": token}, {"TRUSTHUB_PAGE_TOKEN": ""})
            results["measures"].append(dict(r, measure="page_deep_vs_first", body_bytes=len(data)))
    finally:
        for s in servers:
            s.stop()
    results["elapsed_s"] = time.monotonic() - began
    print(f"done in {results['elapsed_s']:.0f} s", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
