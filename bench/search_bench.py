#!/usr/bin/python3
"""Benchmark: search latency (p50, p99) for a fixed list of queries, in
process (bench/search_bench, the same search_run a portal process calls) and
over HTTP through Apache + mod_fcgid (wrk, rotating through the queries on
/search and /api/search), on the real corpus and on a synthetic corpus 100
times larger that bench/search_bench builds.

    bench/search_bench.py [--builddir DIR] [--seconds N] [--connections N]
                          [--synthetic PATH] [--rounds N] [--no-synthetic]

The synthetic database is built once at PATH (default: a temporary file
kept under /tmp) and reused by later runs. Needs wrk (Debian package wrk).
Not part of the test suite.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
import devserver  # noqa: E402

# The same list as bench/search_bench.c.
QUERIES = ["fmla eligibility", "bereavement", "donate sick leave", "reinstatement", "KRS 18A.095",
           "101 KAR 2:102", "sick leave", '"sick leave"', "reinstat*", "reinstatment", "sik leave",
           "annual leave carry forward", "grievance appeal personnel board", "military leave",
           "how do I report violence in the workplace", "overtime compensatory time", "health insurance",
           "retirement", "AND", "NEAR("]

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(url, paths, seconds, connections, workdir):
    threads = min(2, connections)   # wrk wants at least one connection per thread
    script = os.path.join(workdir, "paths.lua")
    with open(script, "w") as f:
        f.write(LUA % ", ".join('"%s"' % p for p in paths))
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
                          "-s", script, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, out)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000.0 if unit == "us" else v * 1000.0 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": pct(50), "p99_ms": pct(99), "non2xx": int(errors.group(1)) if errors else 0}


class SyntheticServer(devserver.DevServer):
    """A portal serving a copy of a prepared database."""

    def __init__(self, database, *args, **kw):
        super().__init__(*args, **kw)
        self.database = database

    def import_corpus(self):
        os.makedirs(os.path.dirname(self.db_path), exist_ok=True)
        shutil.copyfile(self.database, self.db_path)
        return super().import_corpus()


def http_bench(server, label, args, workdir):
    search = ["/search?" + urllib.parse.urlencode({"q": q}) for q in QUERIES]
    api = ["/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}) for q in QUERIES]
    for path in search + api:       # every query answers before measuring
        with urllib.request.urlopen(server.url + path) as r:
            assert r.status == 200, path
    # Warm up until mod_fcgid has spawned its processes and each has
    # loaded its caches (a request that waits for a spawn takes ~1 s).
    wrk(server.url, search + api, 10, args.connections, workdir)
    print("\nHTTP, %s: %d s per target, %d connections, %d CPUs" % (label, args.seconds, args.connections,
                                                                    os.cpu_count()))
    print("  %-28s %10s %9s %9s %7s" % ("target", "req/s", "p50 ms", "p99 ms", "non-2xx"))
    for name, paths in (("/search (HTML page)", search), ("/api/search (JSON)", api)):
        r = wrk(server.url, paths, args.seconds, args.connections, workdir)
        print("  %-28s %10.0f %9.2f %9.2f %7d" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--synthetic", default=os.path.join(tempfile.gettempdir(), "hrportal-search-bench-100x.db"))
    ap.add_argument("--no-synthetic", action="store_true")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="hrportal-search-bench-")
    os.chmod(tmp, 0o755)
    prefix = os.path.join(tmp, "prefix")
    devserver.stage(SRCDIR, args.builddir, prefix)
    server = devserver.DevServer(prefix, os.path.join(tmp, "home"), fcgi_processes=4, srcdir=SRCDIR)
    try:
        server.start()
        run(server, prefix, tmp, args)
    finally:
        server.stop()          # (again: stopping is idempotent)
        shutil.rmtree(tmp, ignore_errors=True)


def run(server, prefix, tmp, args):
    try:
        real = os.path.join(tmp, "real.db")
        with urllib.request.urlopen(server.url + "/") as r:
            assert r.status == 200
        subprocess.run(["sqlite3", server.db_path, ".backup '%s'" % real], check=True)
        cmd = [os.path.join(args.builddir, "bench", "search_bench"), "--db", real, "--rounds", str(args.rounds)]
        if not args.no_synthetic:
            cmd += ["--synthetic", args.synthetic]
        print("In process (bench/search_bench):", flush=True)
        subprocess.run(cmd, check=True)
        http_bench(server, "real corpus", args, tmp)
    finally:
        server.stop()
    if not args.no_synthetic:
        big = SyntheticServer(args.synthetic, prefix, os.path.join(tmp, "home100"), fcgi_processes=4,
                              srcdir=SRCDIR)
        try:
            big.start()
            http_bench(big, "synthetic corpus (100x)", args, tmp)
        finally:
            big.stop()


if __name__ == "__main__":
    main()
