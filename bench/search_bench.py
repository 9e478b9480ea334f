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
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402
import devserver  # noqa: E402

# The same list as bench/search_bench.c.
QUERIES = ["fmla eligibility", "bereavement", "donate sick leave", "reinstatement", "KRS 18A.095",
           "101 KAR 2:102", "sick leave", '"sick leave"', "reinstat*", "reinstatment", "sik leave",
           "annual leave carry forward", "grievance appeal personnel board", "military leave",
           "how do I report violence in the workplace", "overtime compensatory time", "health insurance",
           "retirement", "AND", "NEAR("]


def wrk(url, paths, seconds, connections, workdir):
    return benchlib.wrk(url, seconds, connections, paths=paths, workdir=workdir)


class SyntheticServer(devserver.DevServer):
    """A portal serving a copy of a prepared database."""

    def __init__(self, database, *args, **kw):
        super().__init__(*args, **kw)
        self.database = database

    def import_corpus(self):
        os.makedirs(os.path.dirname(self.db_path), exist_ok=True)
        shutil.copyfile(self.database, self.db_path)
        return super().import_corpus()


def http_bench(server, label, args, workdir, log=print):
    search = ["/search?" + urllib.parse.urlencode({"q": q}) for q in QUERIES]
    api = ["/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}) for q in QUERIES]
    for path in search + api:       # every query answers before measuring
        with urllib.request.urlopen(server.url + path) as r:
            assert r.status == 200, path
    # Warm up until mod_fcgid has spawned its processes and each has
    # loaded its caches (a request that waits for a spawn takes ~1 s).
    wrk(server.url, search + api, min(10, 2 * args.seconds), args.connections, workdir)
    log("\nHTTP, %s: %d s per target, %d connections, %d CPUs" % (label, args.seconds, args.connections,
                                                                  os.cpu_count()))
    log("  %-28s %10s %9s %9s %7s" % ("target", "req/s", "p50 ms", "p99 ms", "non-2xx"))
    results = {}
    for name, paths in (("/search (HTML page)", search), ("/api/search (JSON)", api)):
        r = results[name] = wrk(server.url, paths, args.seconds, args.connections, workdir)
        log("  %-28s %10.0f %9.2f %9.2f %7d" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"]))
    return results


INPROCESS = re.compile(r"\n(real corpus|synthetic corpus): (\d+) indexed rows, (\d+) rounds of (\d+) queries "
                       r"\(first search of a process: ([\d.]+) ms\)\n.*?\n  ALL QUERIES\s+\|\s+([\d.]+)\s+([\d.]+)"
                       r"\s+([\d.]+)\s+\|\s+([\d.]+)\s+([\d.]+)", re.S)


def parse_inprocess(out):
    """bench/search_bench's output -> {corpus: {rows, rounds, queries, first_ms, p50_ms, p99_ms, max_ms,
    cpu_p50_ms, cpu_p99_ms}} for all queries together."""
    found = {}
    for m in INPROCESS.finditer(out):
        keys = ("rows", "rounds", "queries", "first_ms", "p50_ms", "p99_ms", "max_ms", "cpu_p50_ms", "cpu_p99_ms")
        found[m.group(1)] = dict(zip(keys, [int(m.group(i)) for i in (2, 3, 4)] +
                                     [float(m.group(i)) for i in range(5, 11)]))
    return found


def options(builddir=None, seconds=10, connections=4, rounds=100, synthetic=None, no_synthetic=False):
    """The command line's options as run() takes them, for callers that import this."""
    return argparse.Namespace(builddir=builddir or os.path.join(SRCDIR, "build"), seconds=seconds,
                              connections=connections, rounds=rounds, no_synthetic=no_synthetic,
                              synthetic=synthetic or os.path.join(tempfile.gettempdir(),
                                                                  "hrportal-search-bench-100x.db"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--synthetic", default=os.path.join(tempfile.gettempdir(), "hrportal-search-bench-100x.db"))
    ap.add_argument("--no-synthetic", action="store_true")
    bench(ap.parse_args())


def bench(args, log=print):
    """Everything main() measures; returns {inprocess, http, synthetic_built_s}."""
    tmp = tempfile.mkdtemp(prefix="hrportal-search-bench-")
    os.chmod(tmp, 0o755)
    prefix = os.path.join(tmp, "prefix")
    devserver.stage(SRCDIR, args.builddir, prefix)
    server = devserver.DevServer(prefix, os.path.join(tmp, "home"), fcgi_processes=4, srcdir=SRCDIR)
    try:
        server.start()
        return run(server, prefix, tmp, args, log)
    finally:
        server.stop()          # (again: stopping is idempotent)
        shutil.rmtree(tmp, ignore_errors=True)


def run(server, prefix, tmp, args, log=print):
    result = {"http": {}, "synthetic_built_s": None}
    try:
        real = os.path.join(tmp, "real.db")
        with urllib.request.urlopen(server.url + "/") as r:
            assert r.status == 200
        subprocess.run(["sqlite3", server.db_path, ".backup '%s'" % real], check=True)
        cmd = [os.path.join(args.builddir, "bench", "search_bench"), "--db", real, "--rounds", str(args.rounds)]
        if not args.no_synthetic:
            cmd += ["--synthetic", args.synthetic]
            if not os.path.exists(args.synthetic):
                log("building the synthetic corpus (100x) at %s: a few minutes, once" % args.synthetic, flush=True)
                t0 = time.monotonic()
                subprocess.run(cmd[:-2] + ["--rounds", "1"], check=True, capture_output=True)
                result["synthetic_built_s"] = time.monotonic() - t0
        log("In process (bench/search_bench):", flush=True)
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        log(out.rstrip("\n"))
        result["inprocess"] = parse_inprocess(out)
        result["http"]["real corpus"] = http_bench(server, "real corpus", args, tmp, log)
    finally:
        server.stop()
    if not args.no_synthetic:
        big = SyntheticServer(args.synthetic, prefix, os.path.join(tmp, "home100"), fcgi_processes=4,
                              srcdir=SRCDIR)
        try:
            big.start()
            result["http"]["synthetic corpus (100x)"] = http_bench(big, "synthetic corpus (100x)", args, tmp, log)
        finally:
            big.stop()
    return result


if __name__ == "__main__":
    main()
