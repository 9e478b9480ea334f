#!/usr/bin/python3
"""Benchmark: the wizards' JSON API over HTTP on loopback, through Apache and
mod_fcgid like production. Each target is a real question (answers computed
per request: nothing is page-cached), checked once for the right answer,
then loaded with wrk. Prints requests per second and latency per target and
for a mix of all targets, and the memory (RSS) of the portal processes.

    bench/wizard_bench.py [--builddir DIR] [--seconds N] [--connections N]

Needs wrk (Debian package wrk); without it, a Python client with one
thread per connection measures instead (slower: the client is the limit).
Not part of the test suite.
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
sys.path.insert(0, HERE)
import devserver  # noqa: E402
from benchlib import parse_wrk, pids_of, rss_of  # noqa: E402

TARGETS = [
    ("fmla", "/api/wizards/fmla?service_months=30&hours=1400&reason=family_care&relation=child"
             "&child_age=20&child_incapable=0&lived_with_30_days=1&weeks_used=2",
     lambda d: d["eligible"] and d["remaining_weeks"] == 10),
    ("leave-sharing", "/api/wizards/leave-sharing?role=donor&program=sick&employer=18a&active=1"
                      "&balance=300&week_hours=37.5",
     lambda d: d["eligible"] and d["max_donation"] == 225),
    ("return-rights", "/api/wizards/return-rights?event=separated_unclassified&had_status=1"
                      "&service_months=192&for_cause=0",
     lambda d: d["reversion"] and d["reemployment"]),
    ("annual-leave", "/api/calculators/annual-leave?service_months=130&week_hours=37.5",
     lambda d: d["days_per_year"] == 18),
    ("holidays", "/api/calculators/holidays?year=2024",
     lambda d: d["total_days"] == 12.5),
    ("bad input (400)", "/api/wizards/fmla?service_months=12&hours=abc&reason=birth",
     lambda d: d["field"] == "hours"),
]
# For comparison, not in the mix: the same FMLA answer as the web result page.
HTML_TARGETS = [
    ("fmla result (HTML)", "/wizards/fmla/result?service_months=30&hours=1400&reason=family_care"
                           "&relation=child&child_age=20&child_incapable=0&lived_with_30_days=1"
                           "&legally_responsible=0&weeks_used=2",
     lambda text: "Yes: you are eligible" in text),
]

MIX_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(url, seconds, connections, script=None):
    cmd = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def python_client(host, port, paths, seconds, connections):
    """Keep-alive GETs from one thread per connection; returns the same keys as wrk."""
    latencies, non2xx, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n):
        conn = http.client.HTTPConnection(host, port, timeout=30)
        mine, bad, i = [], 0, n
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.monotonic()
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            mine.append((time.monotonic() - t0) * 1000.0)
            if r.status >= 300 and r.status != 400:
                bad += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            non2xx[0] += bad

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "p50_ms": latencies[len(latencies) // 2],
            "p99_ms": latencies[int(len(latencies) * 0.99)], "non2xx": non2xx[0]}


def run(builddir, seconds=10, connections=8, processes=4, log=print):
    """Check each target's answer, then load each target and the mix.
    Returns {results: {name: wrk numbers}, order, rss_kib, client, ...}."""
    have_wrk = shutil.which("wrk") is not None
    tmp = tempfile.mkdtemp(prefix="hrportal-bench-")
    os.chmod(tmp, 0o755)
    prefix = os.path.join(tmp, "prefix")
    devserver.stage(SRCDIR, builddir, prefix)
    server = devserver.DevServer(prefix, os.path.join(tmp, "home"), fcgi_processes=processes, srcdir=SRCDIR)
    server.start()
    try:
        for name, path, check in TARGETS:
            try:
                with urllib.request.urlopen(server.url + path) as r:
                    body = r.read()
            except urllib.error.HTTPError as e:
                body = e.read()
            assert check(json.loads(body)), "%s answers wrongly: %s" % (name, body[:200])
        for name, path, check in HTML_TARGETS:
            with urllib.request.urlopen(server.url + path) as r:
                assert check(r.read().decode()), "%s answers wrongly" % name
        lua = os.path.join(tmp, "mix.lua")
        with open(lua, "w") as f:
            f.write(MIX_LUA % ", ".join('"%s"' % p for _, p, _ in TARGETS))
        results = {}
        for name, path, _ in TARGETS + [("mix of all", None, None)] + HTML_TARGETS:
            log("measuring %s" % name, flush=True)
            if have_wrk:
                url = server.url + (path or "/")
                wrk(url, 2, connections, None if path else lua)      # warm up
                results[name] = wrk(url, seconds, connections, None if path else lua)
            else:
                paths = [path] if path else [p for _, p, _ in TARGETS]
                results[name] = python_client("127.0.0.1", server.port, paths, seconds, connections)
        rss = rss_of(pids_of(os.path.join(server.fcgidir, "portal")))
        return {"client": "wrk" if have_wrk else "Python client", "seconds": seconds, "connections": connections,
                "processes": processes, "cpus": os.cpu_count(), "results": results, "order": list(results),
                "rss_kib": rss}
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--processes", type=int, default=4)
    args = ap.parse_args()
    out = run(args.builddir, args.seconds, args.connections, args.processes, log=lambda *a, **k: None)
    print("wizard API over HTTP (loopback): %s, %d s per target, %d connections, %d portal "
          "processes, %d CPUs" % (out["client"], args.seconds, args.connections, args.processes, os.cpu_count()))
    print("%-20s %10s %9s %9s %9s" % ("target", "req/s", "p50 ms", "p99 ms", "non-2xx"))
    for name in out["order"]:
        r = out["results"][name]
        # The bad-input target answers 400 by design.
        print("%-20s %10.0f %9.2f %9.2f %9d" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"]))
    if out["rss_kib"]:
        print("portal processes: %d, RSS per process: %s KiB" % (len(out["rss_kib"]),
                                                                ", ".join(map(str, out["rss_kib"]))))


if __name__ == "__main__":
    main()
