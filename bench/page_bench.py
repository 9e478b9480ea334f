#!/usr/bin/python3
"""Benchmark: a handbook section page served by the portal, against the same
bytes from a fixed-bytes FastCGI responder and from a static file, all
through the same Apache in one run. Prints throughput, latency, the ratios
a/b and a/c, and the memory (RSS) of one portal process.

    bench/page_bench.py [--builddir DIR] [--seconds N] [--connections N] [--page PATH] [--rounds N]

Needs wrk (Debian package wrk). Not part of the test suite. bench/report
calls run() (and adds the same page served by MediaWiki).
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
sys.path.insert(0, HERE)
import devserver  # noqa: E402
from benchlib import combine, memory_kib, pids_of, rss_of, wrk  # noqa: E402,F401


def warm(url, connections, pids=None):
    """Load url until mod_fcgid has started a process per connection (it
    starts them one at a time, on demand; pids() lists them), 60 s at most."""
    deadline = time.monotonic() + 60
    while True:
        wrk(url, 2, connections)
        if pids is None or time.monotonic() > deadline or len(pids()) >= connections:
            return


def run(builddir, seconds=10, connections=8, page="/handbook/family-and-medical-leave-act-fmla", rounds=1,
        extra=None, log=print):
    """Measure a) the portal page, b) the fixed-bytes FastCGI program and
    c) the static file, each for `seconds` split into `rounds` interleaved
    slices. extra, when given, is an object with start(server, tmp) ->
    [(name, url, pids_fn or None)] and stop(): more targets measured in the
    same rounds (bench/report's MediaWiki). Returns a dict."""
    tmp = tempfile.mkdtemp(prefix="hrportal-bench-")
    os.chmod(tmp, 0o755)
    prefix = os.path.join(tmp, "prefix")
    devserver.stage(SRCDIR, builddir, prefix)
    # As many processes per class as connections: mod_fcgid sends one request
    # at a time to a process and makes a request that finds none idle wait
    # (up to a second) for one, which would measure its queue, not the page.
    # Both classes get the same number, so the comparison stays fair.
    server = devserver.DevServer(prefix, os.path.join(tmp, "home"), fcgi_processes=connections, srcdir=SRCDIR)
    server.start()
    try:
        with urllib.request.urlopen(server.url + page) as r:
            body = r.read()
        bench_dir = os.path.join(server.statedir, "bench")
        with open(os.path.join(bench_dir, "page.html"), "wb") as f:
            f.write(body)
        os.chmod(os.path.join(bench_dir, "page.html"), 0o644)
        for path in ("/bench/fixed", "/bench/static/page.html"):
            with urllib.request.urlopen(server.url + path) as r:
                same = r.read()
            assert same == body, "%s does not serve the same bytes" % path
        portal_pids = lambda: pids_of(os.path.join(server.fcgidir, "portal"))  # noqa: E731
        fixed_pids = lambda: pids_of(os.path.join(server.fcgidir, "fixed"))  # noqa: E731
        targets = [("a) portal page", server.url + page, portal_pids),
                   ("b) fixed-bytes FastCGI", server.url + "/bench/fixed", fixed_pids),
                   ("c) static file", server.url + "/bench/static/page.html", None)]
        if extra is not None:
            targets += extra.start(server, tmp)
        for name, url, pids in targets:
            log("warming up %s" % name, flush=True)
            warm(url, connections, pids)
        slices = {name: [] for name, _, _ in targets}
        each = max(1, int(round(seconds / float(rounds))))
        for i in range(rounds):
            for name, url, _ in targets:
                slices[name].append(wrk(url, each, connections))
        results = {name: combine(s) for name, s in slices.items()}
        memory = {}
        for name, _, pids in targets:
            if pids is not None:
                memory[name] = [m for m in (memory_kib(p) for p in pids()) if m]
        out = {"page": page, "bytes": len(body), "seconds": each * rounds, "rounds": rounds,
               "connections": connections, "cpus": os.cpu_count(), "results": results, "memory_kib": memory,
               "order": [name for name, _, _ in targets]}
        a = results["a) portal page"]["rps"]
        out["ratios"] = {name: a / r["rps"] for name, r in results.items() if r["rps"]}
        return out
    finally:
        if extra is not None:
            extra.stop()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=1, help="interleaved slices per target")
    ap.add_argument("--page", default="/handbook/family-and-medical-leave-act-fmla")
    args = ap.parse_args()
    out = run(args.builddir, args.seconds, args.connections, args.page, args.rounds)
    print("page: %s (%d bytes), %d s per target, %d connections, %d CPUs"
          % (out["page"], out["bytes"], out["seconds"], out["connections"], out["cpus"]))
    print("%-24s %10s %9s %9s %7s" % ("target", "req/s", "p50 ms", "p99 ms", "non-2xx"))
    for name in out["order"]:
        r = out["results"][name]
        print("%-24s %10.0f %9.2f %9.2f %7d" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"]))
    print("ratio a/b (portal vs fixed FastCGI): %.2f" % out["ratios"]["b) fixed-bytes FastCGI"])
    print("ratio a/c (portal vs static file):   %.2f" % out["ratios"]["c) static file"])
    rss = [m[0] for m in out["memory_kib"].get("a) portal page", [])]
    if rss:
        print("portal processes: %d, RSS per process: %s KiB (max %d KiB)"
              % (len(rss), ", ".join(map(str, rss)), max(rss)))


if __name__ == "__main__":
    main()
