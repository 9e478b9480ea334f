#!/usr/bin/python3
"""Benchmark: a handbook section page served by the portal, against the same
bytes from a fixed-bytes FastCGI responder and from a static file, all
through the same Apache in one run. Prints throughput, latency, the ratios
a/b and a/c, and the memory (RSS) of one portal process.

    bench/page_bench.py [--builddir DIR] [--seconds N] [--connections N] [--page PATH]

Needs wrk (Debian package wrk). Not part of the test suite.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
import devserver  # noqa: E402


def wrk(url, seconds, connections, threads=2):
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds,
                          "--latency", url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, out)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000.0 if unit == "us" else v * 1000.0 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": pct(50), "p99_ms": pct(99), "non2xx": int(errors.group(1)) if errors else 0}


def rss_of(pids):
    values = []
    for pid in pids:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        values.append(int(line.split()[1]))
        except OSError:
            pass
    return values


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--page", default="/handbook/family-and-medical-leave-act-fmla")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="hrportal-bench-")
    os.chmod(tmp, 0o755)
    prefix = os.path.join(tmp, "prefix")
    devserver.stage(SRCDIR, args.builddir, prefix)
    # As many processes per class as connections: mod_fcgid sends one request
    # at a time to a process and makes a request that finds none idle wait
    # (up to a second) for one, which would measure its queue, not the page.
    # Both classes get the same number, so the comparison stays fair.
    server = devserver.DevServer(prefix, os.path.join(tmp, "home"), fcgi_processes=args.connections, srcdir=SRCDIR)
    server.start()
    try:
        with urllib.request.urlopen(server.url + args.page) as r:
            page = r.read()
        bench_dir = os.path.join(server.statedir, "bench")
        with open(os.path.join(bench_dir, "page.html"), "wb") as f:
            f.write(page)
        os.chmod(os.path.join(bench_dir, "page.html"), 0o644)
        for path in ("/bench/fixed", "/bench/static/page.html"):
            with urllib.request.urlopen(server.url + path) as r:
                body = r.read()
            assert body == page, "%s does not serve the same bytes" % path
        targets = [("a) portal page", server.url + args.page),
                   ("b) fixed-bytes FastCGI", server.url + "/bench/fixed"),
                   ("c) static file", server.url + "/bench/static/page.html")]
        # Warm up until mod_fcgid has started a process per connection for
        # each FastCGI target (it starts them one at a time, on demand).
        for (name, url), program in zip(targets, ("portal", "fixed", None)):
            deadline = time.monotonic() + 40
            while True:
                wrk(url, 2, args.connections)
                if program is None or time.monotonic() > deadline:
                    break
                running = subprocess.run(["pgrep", "-f", os.path.join(server.fcgidir, program)],
                                         capture_output=True, text=True).stdout.split()
                if len(running) >= args.connections:
                    break
        results = {}
        for name, url in targets:
            results[name] = wrk(url, args.seconds, args.connections)
        pids = subprocess.run(["pgrep", "-f", os.path.join(server.fcgidir, "portal")],
                              capture_output=True, text=True).stdout.split()
        rss = rss_of([int(p) for p in pids])
        print("page: %s (%d bytes), %d s per target, %d connections, %d CPUs"
              % (args.page, len(page), args.seconds, args.connections, os.cpu_count()))
        print("%-24s %10s %9s %9s %7s" % ("target", "req/s", "p50 ms", "p99 ms", "non-2xx"))
        for name, r in results.items():
            print("%-24s %10.0f %9.2f %9.2f %7d" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"]))
        a, b, c = (results[n]["rps"] for n, _ in targets)
        print("ratio a/b (portal vs fixed FastCGI): %.2f" % (a / b))
        print("ratio a/c (portal vs static file):   %.2f" % (a / c))
        if rss:
            print("portal processes: %d, RSS per process: %s KiB (max %d KiB)"
                  % (len(rss), ", ".join(map(str, rss)), max(rss)))
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
