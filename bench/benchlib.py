"""Helpers the benchmarks share: running wrk and reading its numbers, and
the memory of processes. Imported by bench/*_bench.py and bench/report."""
import os
import re
import subprocess

ROTATE_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def parse_wrk(out):
    """wrk --latency output -> {rps, p50_ms, p99_ms, non2xx, requests}."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, out)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000.0 if unit == "us" else v * 1000.0 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    done = re.search(r"(\d+) requests in", out)
    return {"rps": rps, "p50_ms": pct(50), "p99_ms": pct(99), "non2xx": int(errors.group(1)) if errors else 0,
            "requests": int(done.group(1)) if done else 0}


def wrk(url, seconds, connections, paths=None, workdir=None, threads=2, headers=None):
    """Load url with wrk for seconds; with paths, rotate through them (a Lua
    script written in workdir); headers (a dict) go with every request."""
    threads = max(1, min(threads, connections))   # wrk wants a connection per thread
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    for name, value in (headers or {}).items():
        cmd += ["-H", "%s: %s" % (name, value)]
    if paths:
        script = os.path.join(workdir, "paths.lua")
        with open(script, "w") as f:
            f.write(ROTATE_LUA % ", ".join('"%s"' % p for p in paths))
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def combine(slices):
    """Several wrk runs of one target (interleaved with other targets, so
    that a burst of load from elsewhere on the machine hits all targets
    alike) -> one result: mean req/s, median of the p50s, highest p99."""
    p50s = sorted(s["p50_ms"] for s in slices)
    return {"rps": sum(s["rps"] for s in slices) / len(slices), "p50_ms": p50s[len(p50s) // 2],
            "p99_ms": max(s["p99_ms"] for s in slices), "non2xx": sum(s["non2xx"] for s in slices),
            "requests": sum(s.get("requests", 0) for s in slices), "slices": len(slices)}


def pids_of(program_path):
    """Processes whose command line names program_path."""
    out = subprocess.run(["pgrep", "-f", program_path], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def memory_kib(pid):
    """(RSS, PSS) in KiB of one process; PSS shares each shared page among
    the processes mapping it. None when the process is gone."""
    rss = pss = None
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        return None
    return (rss, pss) if rss is not None else None


def rss_of(pids):
    """RSS in KiB of each process still there."""
    return [m[0] for m in (memory_kib(p) for p in pids) if m]
