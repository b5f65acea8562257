#!/usr/bin/env python3
# Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
"""trusthub's PostgreSQL store against pgbench on the same database server. Standard library only.

Starts a private PostgreSQL server in a temporary directory (Unix socket only), then
`trusthub-server --store postgres --threads 1` against it, and measures alternately, in the
same run (A B [C] A B [C] ...), so that every side sees the same disturbances:

    fetch    wrk GET /v1/EndUsers/{Sid}      against  pgbench -S (the builtin select-only)
    list     wrk GET /v1/EndUsers?PageSize=50 against  pgbench running the store's first-page SELECT
    update   wrk POST /v1/EndUsers/{Sid}     against  pgbench: a plain UPDATE of the same row shape
    create   wrk POST /v1/EndUsers           against  pgbench: a plain INSERT of the same row shape
    create_accounts   the same creates spread over --accounts accounts, against the same INSERT
    fetch_under_pages a client timing single fetches (GET /v1/EndUsers/{Sid}) alone, then while
                      --page-clients clients each loop GET /v1/EndUsers?PageSize=--page-size
                      (not in the default --only: it answers a latency target, not a ratio)

and, as a third side C where it says something, pgbench running the store's own statement
(prepared, same parameters), which separates what the SQL costs from what HTTP, the store and
libpq add. pgbench runs with -M prepared (the store prepares every statement once a
connection), one thread (as wrk), and as many clients as wrk has connections.

For each run it also reads the CPU time the database processes, trusthub-server and the load
generator used, and the machine's busy share, and prints them a request: on a machine with
few cores everything shares the same CPUs, and that is usually what bounds the figures.

    bench/postgres.py [--server build-rel/example/trusthub-server] [--duration 5] [--trials 3]
                      [--connections 16] [--records 100000] [--scale 1]
                      [--accounts 16] [--only fetch,list,update,create,create_accounts] [--statements]
                      [--threads 1] [--page-clients 300] [--page-size 1000] [--probe-interval-ms 20]
                      [--json out.json]

--statements loads pg_stat_statements on the private server (for both sides alike) and prints,
for each trusthub run, the statements the store ran a request. Every load run is bounded by
--duration; all load goes to 127.0.0.1 and to the private server's socket.
"""

import argparse
import base64
import http.client
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

# The credential, the one-request client and the wrk runner are bench/run.py's.
from run import ACCOUNT, AUTH, TOKEN, reply, wrk  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PG_PORT = 54331
# The JSON the wrk scripts send (create.lua, update.lua), byte for byte as the store keeps it.
CREATE_ATTRIBUTES = ('{"first_name":"Ada42","last_name":"Lovelace","email":"ada42@example.com",'
                     '"phone_number":"+14155550100","business_title":"Director","job_position":"CEO"}')
UPDATE_ATTRIBUTES = ('{"first_name":"Grace","last_name":"Hopper","email":"grace@example.com",'
                     '"phone_number":"+14155550101","business_title":"Director","job_position":"CEO"}')
# The store's record columns and statements (include/trusthub/postgres/detail/schema.hpp), for
# pgbench to run the same SQL without HTTP in front of it. Every kind lives in one table,
# `records`, its fields an array of JSON texts in the descriptor's order (for an end user:
# friendly_name, type, attributes).
COLUMNS = ("sequence, kind, sid, account_sid, parent_sid, "
           "extract(epoch FROM date_created)::bigint AS date_created_s, "
           "extract(epoch FROM date_updated)::bigint AS date_updated_s, "
           "fields, \"references\"")
KIND = "end_users"
# A record is found through the primary key, then checked as the store checks it.
KEY = f"(kind, account_sid, parent_sid) IS NOT DISTINCT FROM ('{KIND}', {{account}}, '')"
EPOCH = 1764230400
CLK_TCK = os.sysconf("SC_CLK_TCK")


def account_of(k):
    """The k-th of the extra accounts that create for several accounts at once."""
    return "AC" + format(0xacc0000 + k, "032x")


def basic(account):
    return "Basic " + base64.b64encode(f"{account}:{TOKEN}".encode()).decode()


def sid_of(i):
    """The SID of preloaded record i: the same formula in Python and in SQL."""
    return "IT" + format(i, "032x")


SQL_SID = "'IT' || lpad(to_hex(:i::bigint), 32, '0')"


def quote(text):
    return "'" + text.replace("'", "''") + "'"


def json_string(text):
    return json.dumps(text, ensure_ascii=False)


def end_user_fields(friendly_name, attributes):
    """An end user's fields as the store keeps them: a text[] of JSON texts."""
    return (f"ARRAY[{quote(json_string(friendly_name))}, {quote(json_string('authorized_representative_1'))},"
            f" {quote(attributes)}]::text[]")


def pgbench_scripts(records):
    """The custom pgbench scripts, by name. Random SIDs for inserts come from two 62-bit draws."""
    new_sid = "'IT' || lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0')"
    draw_new = "\\set a random(1, 4611686018427387903)\n\\set b random(1, 4611686018427387903)\n"
    draw_old = f"\\set i random(1, {records})\n"
    acct = quote(ACCOUNT)
    key = KEY.format(account=acct)
    per_client = "'AC' || lpad(to_hex(:client_id::bigint + 1), 32, '0')"
    created = end_user_fields("Rep 42", CREATE_ATTRIBUTES)
    # The update's patch: friendly_name and attributes, by position from 1.
    positions = "'{1,3}'::integer[]"
    texts = f"ARRAY[{quote(json_string('Rep Updated'))}, {quote(UPDATE_ATTRIBUTES)}]::text[]"

    def store_create(account):
        return (f"SELECT bench.records_create({new_sid}, '{KIND}', {account}, '', {EPOCH}, {EPOCH}, {created},"
                " '{}'::text[]);\n")

    return {
        # The store's fetch, on the table the server reads.
        "fetch_stmt": draw_old + f"SELECT {COLUMNS} FROM trusthub.records WHERE sid = {SQL_SID} AND {key};\n",
        # The store's first page of 50 (one more row, to learn whether there is a next page).
        "list50": f"SELECT false, r.* FROM (SELECT {COLUMNS} FROM trusthub.records WHERE kind = '{KIND}'"
                  f" AND account_sid = {acct} AND parent_sid = '' ORDER BY sequence LIMIT 51) r ORDER BY r.sequence;\n",
        # A row as the store inserts it, into a table of the same shape and indexes; nothing else.
        "insert": draw_new + "INSERT INTO bench.records (sid, kind, account_sid, parent_sid, date_created,"
                  f" date_updated, fields) VALUES ({new_sid}, '{KIND}', {acct}, '', to_timestamp({EPOCH}),"
                  f" to_timestamp({EPOCH}), {created}) ON CONFLICT (sid) DO NOTHING;\n",
        # The store's create: its function (the account's advisory lock, the checks, the insert).
        "insert_stmt": draw_new + store_create(acct),
        # The store's create with each client creating for an account of its own.
        "insert_stmt_accounts": draw_new + store_create(per_client),
        # The same rows' fields changed as update.lua changes them; nothing returned.
        "update": draw_old + f"UPDATE bench.records SET fields[1] = {quote(json_string('Rep Updated'))},"
                  f" fields[3] = {quote(UPDATE_ATTRIBUTES)}, date_updated = to_timestamp({EPOCH + 60})"
                  f" WHERE sid = {SQL_SID} AND {key};\n",
        # The store's update statement.
        "update_stmt": draw_old + "UPDATE bench.records SET fields = ARRAY(SELECT CASE WHEN p.i IS NULL THEN"
                       " fields[g.i] ELSE p.v END FROM generate_series(1, GREATEST(cardinality(fields),"
                       f" (SELECT COALESCE(max(x.i), 0) FROM unnest({positions}) x(i)))) g(i)"
                       f" LEFT JOIN unnest({positions}, {texts}) p(i, v) ON p.i = g.i ORDER BY g.i),"
                       f" date_updated = to_timestamp({EPOCH + 60}) WHERE sid = {SQL_SID} AND {key}"
                       f" RETURNING {COLUMNS};\n",
    }


class Postgres:
    """A private PostgreSQL server: initdb into a temporary directory, Unix socket only."""

    def __init__(self, tmp, settings, bindir=None):
        self.bindir = bindir or self.find_bindir()
        self.dir = tmp
        self.data = os.path.join(tmp, "data")
        self.root = os.getuid() == 0
        # initdb refuses to run as root: the server then runs as the postgres user.
        self.user = os.environ.get("TRUSTHUB_PG_USER", "postgres") if self.root else None
        os.chmod(tmp, 0o755)
        if self.root:
            shutil.chown(tmp, self.user)
        self.db_user = self.user or os.environ.get("USER") or "postgres"
        self.as_server(["initdb", "-D", self.data, "-U", self.db_user, "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8"])
        opts = f"-c listen_addresses='' -c unix_socket_directories='{tmp}' -p {PG_PORT} " + \
            " ".join(f"-c {k}={v}" for k, v in settings.items())
        self.as_server(["pg_ctl", "-D", self.data, "-l", os.path.join(tmp, "server.log"), "-w", "-t", "60",
                        "-o", opts, "start"])
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            self.pid = int(f.readline())
        self.conninfo = f"host={tmp} port={PG_PORT} user={self.db_user} dbname=postgres"

    @staticmethod
    def find_bindir():
        # pg_ctl on the PATH may be a lone link to the real directory (which has pgbench and psql).
        found = shutil.which("pg_ctl")
        if found:
            return os.path.dirname(os.path.realpath(found))
        dirs = sorted((d for d in os.listdir("/usr/lib/postgresql") if d.isdigit()), key=int)
        return f"/usr/lib/postgresql/{dirs[-1]}/bin"

    def as_server(self, argv):
        argv = [os.path.join(self.bindir, argv[0])] + argv[1:]
        if self.root:
            argv = ["runuser", "-u", self.user, "--"] + argv
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, timeout=120)

    def psql(self, sql):
        out = subprocess.run([os.path.join(self.bindir, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                              "-d", self.conninfo, "-c", sql], check=True, capture_output=True, text=True,
                             timeout=600)
        return out.stdout.strip()

    def cpu_ticks(self):
        """CPU ticks of the postmaster, its exited children (reaped into cutime/cstime) and its live
        children (the backends and helpers)."""
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            fields = read_stat(int(entry))
            if not fields:
                continue
            if int(entry) == self.pid:
                total += sum(fields[11:15])
            elif fields[1] == self.pid:
                total += fields[11] + fields[12]
        return total

    def stop(self):
        try:
            self.as_server(["pg_ctl", "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop"])
        except subprocess.CalledProcessError:
            pass


def read_stat(pid):
    """/proc/PID/stat from field 3 (state) on, as numbers where they are; [0] state, [1] ppid,
    [11] utime, [12] stime, [13] cutime, [14] cstime."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    rest = text[text.rindex(")") + 2:].split()
    return [rest[0]] + [int(x) for x in rest[1:]]


def machine_ticks():
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]
    return sum(cpu) - idle, sum(cpu)


class Trusthub:
    def __init__(self, path, conninfo, accounts, threads=1):
        argv = [path, "--listen", "127.0.0.1:0", "--store", "postgres", "--postgres", conninfo, "--quiet",
                "--threads", str(threads), "--credential", f"{ACCOUNT}:{TOKEN}"]
        for account in accounts:
            argv += ["--credential", f"{account}:{TOKEN}"]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on [^ ]*:(\d+),", line)
        if not m:
            raise RuntimeError(f"trusthub-server did not start: {line!r}")
        self.port = int(m.group(1))

    def cpu_ticks(self):
        fields = read_stat(self.proc.pid)
        return fields[11] + fields[12]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def children_cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_wrk(port, script, duration, connections, env):
    r = wrk(port, script, duration, connections, env)
    r["errors"] = r["non2xx"] + r["socket_errors"]
    return r


def run_pgbench(pg, args, tmp, builtin=None, script=None, clients=None):
    """One pgbench run; p50/p99 from its per-transaction log."""
    logdir = tempfile.mkdtemp(prefix="log.", dir=tmp)
    prefix = os.path.join(logdir, "tx")
    argv = [os.path.join(pg.bindir, "pgbench"), "-n", "-M", "prepared", "-j1", f"-c{clients or args.connections}",
            f"-T{args.duration}", "-l", f"--log-prefix={prefix}", "-d", pg.conninfo]
    argv += ["-b", builtin] if builtin else ["-f", script]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=args.duration + 60, cwd=logdir)
    m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
    if out.returncode != 0 or not m:
        raise RuntimeError(f"pgbench failed: {out.stdout}\n{out.stderr}")
    latencies = []
    for name in os.listdir(logdir):
        with open(os.path.join(logdir, name)) as f:
            for line in f:
                latencies.append(int(line.split()[2]))
    shutil.rmtree(logdir)
    latencies.sort()
    pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    return {"rps": float(m.group(1)), "requests": len(latencies), "p50_us": pct(0.50), "p99_us": pct(0.99),
            "errors": int(failed.group(1)) if failed else 0}


class Measure:
    """Runs sides alternately (A B C A B C ...) and keeps each run's rate, latency and CPU."""

    def __init__(self, pg, server, args):
        self.pg, self.server, self.args = pg, server, args

    def one(self, side):
        kind, what = side["run"]
        if self.args.statements and kind == "wrk":
            self.pg.psql("SELECT pg_stat_statements_reset()")
        pg0, sv0, cl0, (busy0, all0) = self.pg.cpu_ticks(), self.server.cpu_ticks(), children_cpu_s(), machine_ticks()
        if kind == "wrk":
            r = run_wrk(self.server.port, what, self.args.duration, self.args.connections, side.get("env", {}))
        else:
            r = run_pgbench(self.pg, self.args, self.args.tmp, **what)
        time.sleep(0.3)  # let the backends of a finished pgbench exit and be reaped into cutime
        pg1, sv1, cl1, (busy1, all1) = self.pg.cpu_ticks(), self.server.cpu_ticks(), children_cpu_s(), machine_ticks()
        n = max(r["requests"], 1)
        r["cpu_us"] = {
            "database": (pg1 - pg0) / CLK_TCK * 1e6 / n,
            "server": (sv1 - sv0) / CLK_TCK * 1e6 / n if kind == "wrk" else 0.0,
            "client": (cl1 - cl0) * 1e6 / n,
        }
        r["busy"] = (busy1 - busy0) / max(all1 - all0, 1)
        if self.args.statements and kind == "wrk":
            rows = self.pg.psql("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'")
            r["statements_per_request"] = int(rows) / n
        if r["errors"]:
            print(f"  warning: {side['name']}: {r['errors']} errors", file=sys.stderr)
        return r

    def compare(self, label, sides):
        runs = {s["name"]: [] for s in sides}
        for _ in range(self.args.trials):
            for s in sides:
                runs[s["name"]].append(self.one(s))
        out = {"label": label, "sides": []}
        for s in sides:
            rs = runs[s["name"]]
            med = lambda key: statistics.median(r[key] for r in rs)
            entry = {"name": s["name"], "rps": med("rps"), "p50_us": med("p50_us"), "p99_us": med("p99_us"),
                     "runs": [round(r["rps"]) for r in rs], "busy": med("busy"),
                     "cpu_us": {k: statistics.median(r["cpu_us"][k] for r in rs) for k in rs[0]["cpu_us"]}}
            if "statements_per_request" in rs[0]:
                entry["statements_per_request"] = med("statements_per_request")
            out["sides"].append(entry)
            cpu = entry["cpu_us"]
            extra = f" stmts/req {entry['statements_per_request']:.2f}" if "statements_per_request" in entry else ""
            print(f"{label:<8} {s['name']:<26} {entry['rps']:>8.0f}/s p50 {entry['p50_us']/1000:6.2f} ms"
                  f" p99 {entry['p99_us']/1000:6.2f} ms | CPU us/req db {cpu['database']:5.1f} server"
                  f" {cpu['server']:5.1f} client {cpu['client']:5.1f} busy {entry['busy']*100:3.0f}%{extra}"
                  f"  runs {entry['runs']}", flush=True)
        a = runs[sides[0]["name"]]
        out["ratios"] = {}
        for s in sides[1:]:
            b = runs[s["name"]]
            ratio = statistics.median(r["rps"] for r in a) / statistics.median(r["rps"] for r in b)
            pairs = statistics.median(x["rps"] / y["rps"] for x, y in zip(a, b))
            out["ratios"][s["name"]] = {"ratio": ratio, "pairs": pairs}
            print(f"{label:<8}   {sides[0]['name']} / {s['name']}: {ratio:.3f} (pairs {pairs:.3f})", flush=True)
        if len(sides) == 3:
            b, c = runs[sides[1]["name"]], runs[sides[2]["name"]]
            ratio = statistics.median(r["rps"] for r in c) / statistics.median(r["rps"] for r in b)
            out["ratios"][f"{sides[2]['name']} / {sides[1]['name']}"] = {"ratio": ratio}
            print(f"{label:<8}   {sides[2]['name']} / {sides[1]['name']}: {ratio:.3f}", flush=True)
        return out


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def probe_fetches(port, sids, seconds, interval_s, stop_early=None):
    """Single fetches, one at a time on one keep-alive connection, for `seconds`: the latency of
    each (from sending the request to the end of the reply's body), in ms, and the failures."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, failures, i = [], [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (stop_early and stop_early()):
        sid = sids[i % len(sids)]
        i += 1
        began = time.perf_counter()
        try:
            conn.request("GET", f"/v1/EndUsers/{sid}", headers={"Authorization": AUTH})
            res = conn.getresponse()
            res.read()
            status = res.status
        except (OSError, http.client.HTTPException) as e:
            status = repr(e)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed_ms = (time.perf_counter() - began) * 1000
        if status == 200:
            latencies.append(elapsed_ms)
        else:
            failures.append((status, round(elapsed_ms, 1)))
        time.sleep(interval_s)
    conn.close()
    return latencies, failures


def latency_summary(latencies, failures, limit_ms):
    lat = sorted(latencies)
    if not lat:
        return {"count": 0, "failures": len(failures), "failure_samples": failures[:5]}
    return {"count": len(lat), "p50_ms": percentile(lat, 0.50), "p99_ms": percentile(lat, 0.99), "max_ms": lat[-1],
            "over_limit": sum(1 for x in lat if x > limit_ms), "failures": len(failures),
            "failure_samples": failures[:5]}


def fetch_under_pages(pg, server, args, sids_path, limit_ms=200):
    """The latency of single fetches alone, then while --page-clients clients each loop over
    GET /v1/EndUsers?PageSize=--page-size (wrk, one request outstanding a connection), in
    alternation, --trials rounds of --duration seconds.

    The page readers get a second to fill the store's pool and the server's queue before the
    fetches are timed. wrk's timeout is long, so that a slow page is counted as slow, not
    retried on a new connection."""
    with open(sids_path) as f:
        sids = [line.strip() for line in f][:10_000]
    code, data = reply(server.port, "GET", f"/v1/EndUsers?PageSize={args.page_size}")
    assert code == 200, (code, data[:200])
    page_bytes = len(data)
    rows = len(json.loads(data)["results"])
    print(f"fetch_under_pages: {args.page_clients} clients reading pages of {rows} end users ({page_bytes} B),"
          f" one client timing a fetch every {args.probe_interval_ms:g} ms; fetch target {limit_ms} ms", flush=True)
    interval = args.probe_interval_ms / 1000
    idle_all, loaded_all, idle_fail, loaded_fail, page_runs = [], [], [], [], []
    for trial in range(args.trials):
        lat, fail = probe_fetches(server.port, sids, args.duration, interval)
        idle_all += lat
        idle_fail += fail
        s_idle = latency_summary(lat, fail, limit_ms)
        env = dict(os.environ, TRUSTHUB_AUTH=AUTH, TRUSTHUB_PAGE_SIZE=str(args.page_size))
        warmup = 1
        argv = ["wrk", "-t1", f"-c{args.page_clients}", f"-d{args.duration + warmup}s", "--timeout", "30s",
                "-s", os.path.join(HERE, "wrk", "list.lua"), f"http://127.0.0.1:{server.port}"]
        sv0, pg0 = server.cpu_ticks(), pg.cpu_ticks()
        loader = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(warmup)
            lat, fail = probe_fetches(server.port, sids, args.duration, interval,
                                      stop_early=lambda: loader.poll() is not None)
            out, err = loader.communicate(timeout=args.duration + 90)
        finally:
            if loader.poll() is None:
                loader.kill()
                loader.wait()
        sv1, pg1 = server.cpu_ticks(), pg.cpu_ticks()
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if loader.returncode != 0 or not lines:
            raise RuntimeError(f"wrk failed: {out}\n{err}")
        w = json.loads(lines[-1])
        w["rps"] = w["requests"] / (w["duration_us"] / 1e6)
        w["cpu_s"] = {"server": (sv1 - sv0) / CLK_TCK, "database": (pg1 - pg0) / CLK_TCK}
        page_runs.append(w)
        loaded_all += lat
        loaded_fail += fail
        s_loaded = latency_summary(lat, fail, limit_ms)
        print(f"  round {trial + 1}: fetch alone p50 {s_idle.get('p50_ms', 0):.1f} ms p99 {s_idle.get('p99_ms', 0):.1f}"
              f" ms; pages {w['rps']:.0f}/s (p50 {w['p50_us']/1000:.0f} ms, p99"
              f" {w['p99_us']/1000:.0f} ms, {w['non2xx']} non-2xx, {w['socket_errors']} socket errors;"
              f" CPU s server {w['cpu_s']['server']:.1f} database {w['cpu_s']['database']:.1f});"
              f" fetch under pages: {s_loaded.get('count', 0)} timed, p50 {s_loaded.get('p50_ms', 0):.1f} ms"
              f" p99 {s_loaded.get('p99_ms', 0):.1f} ms max {s_loaded.get('max_ms', 0):.1f} ms,"
              f" {s_loaded.get('over_limit', 0)} over {limit_ms} ms, {len(fail)} failed", flush=True)
    idle = latency_summary(idle_all, idle_fail, limit_ms)
    loaded = latency_summary(loaded_all, loaded_fail, limit_ms)
    for name, summary in (("alone", idle), ("under pages", loaded)):
        if summary["count"]:
            print(f"fetch {name:<12} {summary['count']:>6} timed: p50 {summary['p50_ms']:7.1f} ms  p99"
                  f" {summary['p99_ms']:7.1f} ms  max {summary['max_ms']:7.1f} ms  over {limit_ms} ms:"
                  f" {summary['over_limit']}  failed: {summary['failures']}", flush=True)
        else:
            print(f"fetch {name}: nothing answered; failures {summary['failure_samples']}", flush=True)
    if loaded["failures"]:
        print(f"  failed fetches under pages (status, ms): {loaded['failure_samples']}", flush=True)
    return {"measure": "fetch_under_pages", "page_clients": args.page_clients, "page_size": args.page_size,
            "page_rows": rows, "page_bytes": page_bytes, "limit_ms": limit_ms, "fetch_alone": idle,
            "fetch_under_pages": loaded,
            "pages": [{k: w[k] for k in ("rps", "p50_us", "p99_us", "max_us", "non2xx", "socket_errors", "cpu_s")}
                      for w in page_runs]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", default=os.path.join(HERE, "..", "build-rel", "example", "trusthub-server"))
    p.add_argument("--duration", type=int, default=5, help="seconds a run")
    p.add_argument("--trials", type=int, default=3, help="rounds of alternation a measure")
    p.add_argument("--connections", type=int, default=16, help="wrk connections and pgbench clients")
    p.add_argument("--records", type=int, default=100_000, help="end users preloaded (and pgbench rows to update)")
    p.add_argument("--scale", type=int, default=1, help="pgbench -i scale (100,000 accounts a unit)")
    p.add_argument("--accounts", type=int, default=16, help="accounts the create_accounts measure spreads over")
    p.add_argument("--only", default="fetch,list,update,create,create_accounts",
                   help="of fetch, list, update, create, create_accounts, fetch_under_pages")
    p.add_argument("--threads", type=int, default=1, help="trusthub-server --threads")
    p.add_argument("--page-clients", type=int, default=300, help="fetch_under_pages: clients reading pages")
    p.add_argument("--page-size", type=int, default=1000, help="fetch_under_pages: their PageSize")
    p.add_argument("--probe-interval-ms", type=float, default=20,
                   help="fetch_under_pages: pause between the timed fetches")
    p.add_argument("--statements", action="store_true", help="count statements a request (pg_stat_statements)")
    p.add_argument("--pg-bindir", help="PostgreSQL's bin directory (default: found)")
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args()
    only = args.only.split(",")
    server_path = os.path.abspath(args.server)
    # The private server's settings, the same for both sides: every table and index in shared
    # buffers, no checkpoint inside a run; durability as shipped (fsync, synchronous_commit on).
    settings = {"shared_buffers": "512MB", "max_wal_size": "8GB", "checkpoint_timeout": "30min",
                "fsync": "on", "synchronous_commit": "on", "max_connections": "100"}
    if args.statements:
        settings["shared_preload_libraries"] = "pg_stat_statements"
    args.tmp = tempfile.mkdtemp(prefix="trusthub-pgbench.")
    results = {"machine": {"nproc": os.cpu_count(), "loadavg": os.getloadavg()}, "postgres_settings": settings,
               "settings": {k: v for k, v in vars(args).items()}, "measures": []}
    began = time.monotonic()
    pg = server = None
    try:
        pg = Postgres(args.tmp, settings, args.pg_bindir)
        if args.statements:
            pg.psql("CREATE EXTENSION pg_stat_statements")
        accounts = [account_of(k) for k in range(args.accounts)]
        server = Trusthub(server_path, pg.conninfo, accounts, args.threads)
        # The first request opens the pool's first connection, which creates the schema.
        code, _ = reply(server.port, "GET", "/v1/EndUsers?PageSize=1")
        assert code == 200, code
        started = time.monotonic()
        pg.psql(f"INSERT INTO trusthub.records (sid, kind, account_sid, parent_sid, date_created, date_updated,"
                f" fields) SELECT 'IT' || lpad(to_hex(i), 32, '0'), '{KIND}', {quote(ACCOUNT)}, '',"
                f" to_timestamp({EPOCH}), to_timestamp({EPOCH}), ARRAY[to_json('Rep ' || i)::text,"
                f" {quote(json_string('authorized_representative_1'))}, {quote(CREATE_ATTRIBUTES)}]"
                f" FROM generate_series(1, {args.records}) i")
        # pgbench's writes go to a table of the same shape, indexes and identity, with the same
        # rows, and the store's create function over it.
        pg.psql("CREATE SCHEMA bench; CREATE TABLE bench.records (LIKE trusthub.records INCLUDING ALL);"
                " INSERT INTO bench.records OVERRIDING SYSTEM VALUE SELECT * FROM trusthub.records;"
                " SELECT setval(pg_get_serial_sequence('bench.records', 'sequence'),"
                " (SELECT max(sequence) FROM bench.records));")
        create_function = pg.psql("SELECT pg_get_functiondef('trusthub.records_create'::regproc)")
        pg.psql(re.sub(r'"?trusthub"?\.records', "bench.records", create_function))
        subprocess.run([os.path.join(pg.bindir, "pgbench"), "-i", "-q", "-s", str(args.scale), "-d", pg.conninfo],
                       check=True, capture_output=True, timeout=600)
        pg.psql("VACUUM ANALYZE")
        print(f"loaded {args.records} end users (twice) and pgbench scale {args.scale} in"
              f" {time.monotonic() - started:.1f} s", flush=True)
        sids = os.path.join(args.tmp, "sids")
        with open(sids, "w") as f:
            f.writelines(sid_of(i) + "\n" for i in range(1, args.records + 1))
        scripts = {}
        for name, text in pgbench_scripts(args.records).items():
            scripts[name] = os.path.join(args.tmp, name + ".sql")
            with open(scripts[name], "w") as f:
                f.write(text)
        code, data = reply(server.port, "GET", f"/v1/EndUsers/{sid_of(1)}")
        assert code == 200, (code, data)
        results["machine"]["loadavg_start"] = os.getloadavg()
        print(f"wrk -t1 -c{args.connections} / pgbench -M prepared -j1 -c{args.connections}, {args.duration} s runs,"
              f" {args.trials} rounds; trusthub-server --threads {args.threads} (its store: the default pool,"
              f" 8 connections); load average {os.getloadavg()[0]:.2f}", flush=True)

        m = Measure(pg, server, args)
        env_sids = {"TRUSTHUB_SIDS": sids}
        plan = {
            "fetch": [{"name": "trusthub fetch", "run": ("wrk", "fetch.lua"), "env": env_sids},
                      {"name": "pgbench -S", "run": ("pgbench", {"builtin": "select-only"})},
                      {"name": "pgbench store's fetch", "run": ("pgbench", {"script": scripts["fetch_stmt"]})}],
            "list": [{"name": "trusthub list 50", "run": ("wrk", "list.lua")},
                     {"name": "pgbench store's list 50", "run": ("pgbench", {"script": scripts["list50"]})}],
            "update": [{"name": "trusthub update", "run": ("wrk", "update.lua"), "env": env_sids},
                       {"name": "pgbench update", "run": ("pgbench", {"script": scripts["update"]})},
                       {"name": "pgbench store's update", "run": ("pgbench", {"script": scripts["update_stmt"]})}],
            "create": [{"name": "trusthub create", "run": ("wrk", "create.lua")},
                       {"name": "pgbench insert", "run": ("pgbench", {"script": scripts["insert"]})},
                       {"name": "pgbench store's create", "run": ("pgbench", {"script": scripts["insert_stmt"]})}],
            "create_accounts": [
                {"name": f"trusthub create, {args.accounts} acc", "run": ("wrk", "pg_create_accounts.lua"),
                 "env": {"TRUSTHUB_AUTHS": ",".join(basic(a) for a in accounts)}},
                {"name": "pgbench insert", "run": ("pgbench", {"script": scripts["insert"]})},
                {"name": "pgbench store's create, acc/client",
                 "run": ("pgbench", {"script": scripts["insert_stmt_accounts"]})}],
        }
        for name in only:
            if name == "fetch_under_pages":
                results["measures"].append(fetch_under_pages(pg, server, args, sids))
            else:
                results["measures"].append(dict(m.compare(name, plan[name]), measure=name))
        # Writes against pgbench's insert as well: the figure the write targets are set against.
        by = {r["measure"]: r for r in results["measures"]}
        if "update" in by and "create" in by:
            u = next(s for s in by["update"]["sides"] if s["name"] == "trusthub update")["rps"]
            i = next(s for s in by["create"]["sides"] if s["name"] == "pgbench insert")["rps"]
            results["update_over_pgbench_insert"] = u / i
            print(f"update   trusthub update / pgbench insert: {u / i:.3f}", flush=True)
    finally:
        if server:
            server.stop()
        if pg:
            pg.stop()
        shutil.rmtree(args.tmp, ignore_errors=True)
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["elapsed_s"] = time.monotonic() - began
    print(f"done in {results['elapsed_s']:.0f} s; load average {os.getloadavg()[0]:.2f}", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
