"""Load test (issue 10; `./scripts/dev load [SECONDS]`, not in the default
suite): three wrk processes at once against the real daemon on loopback — a
volunteer's feed, a page (the volunteer page) and the API (the first
`GET /api/v1/...` route without parameters, else /metrics, with a bearer
token) — while `courtwatch import eoir` of a synthetic release
(bench/import/eoir_synth) and `courtwatch match` run one after the other
against the same database for as long as wrk does. Reports per target the
requests, errors (non-2xx and socket errors) and latency, and the daemon's
VmRSS over time; exits 1 on any error or if RSS at the end exceeds RSS at
the end of the first quarter by more than RSS_GROWTH_KB. Every process is
stopped by its PID.

  load_test.py --binary B --source S --synth EOIR_SYNTH [--seconds N] [--rows N]
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
sys.path.insert(0, os.path.join(HERE, "..", "soak"))
import cwtest  # noqa: E402
import crash_soak as soak  # noqa: E402

RSS_GROWTH_KB = 32 * 1024


def vm_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wrk(url, seconds, headers, connections):
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for h in headers:
        cmd += ["-H", h]
    return subprocess.Popen(cmd + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def parse_wrk(text):
    out = {"requests": 0, "non2xx": 0, "socket_errors": 0, "p50": "?", "p99": "?", "rps": "?"}
    m = re.search(r"(\d+) requests in", text)
    if m:
        out["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        out["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        out["socket_errors"] = sum(int(x) for x in m.groups())
    for q in ("50", "99"):
        m = re.search(rf"\s{q}(?:\.000)?%\s+(\S+)", text)
        if m:
            out["p" + q] = m.group(1)
    m = re.search(r"Requests/sec:\s+(\S+)", text)
    if m:
        out["rps"] = m.group(1)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--synth", required=True)
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--rows", type=int, default=500_000)
    a = p.parse_args()
    cwtest.ARGS = argparse.Namespace(binary=os.path.abspath(a.binary),
                                     source=os.path.abspath(a.source))
    ws = soak.Ws()
    today = datetime.date.today().isoformat()
    # The world: hearings, volunteers, a plan, a coordinator's token, links.
    ws.run("import", "csv", ws.write("h.csv", soak.hearings_csv(4000, 0, 3)))
    ws.run("volunteers", "import", ws.write("v.csv", soak.volunteers_csv(150)))
    ws.run("match", "--from", soak.day(0), "--to", soak.day(16))
    subprocess.run(ws.cmd("user", "add", "robot", "--role", "coordinator"),
                   input=cwtest.PASSWORD + "\n", text=True, check=True, capture_output=True)
    token = ws.run("api-token", "create", "--user", "robot").stdout.strip()
    feed = ws.run("feed-url", "v0001").stdout.split()[0]
    page = ws.run("volunteer-url", "v0001").stdout.strip()
    routes = [json.loads(x) for x in ws.run("serve", "--routes").stdout.splitlines() if x]
    api = next((r["pattern"] for r in routes if r["access"] == "api" and r["method"] == "GET"
                and r["pattern"].startswith("/api/v1/") and "(" not in r["pattern"]), "/metrics")
    release = ws.path("release")
    synth = subprocess.run([a.synth, "--dir", release, "--rows", str(a.rows), "--as-of", today],
                           capture_output=True, text=True, check=True)
    print(f"EOIR release: {synth.stdout.split()[1]} rows")

    d = cwtest.Daemon(ws, log=ws.log)
    base = d.url
    path_of = lambda url: "/" + url.split("://", 1)[1].split("/", 1)[1]  # noqa: E731
    targets = [("feed", base + path_of(feed), []),
               ("page", base + path_of(page), []),
               ("api " + api, base + api, [f"Authorization: Bearer {token}"])]
    rss = []
    stop = threading.Event()

    def sample():
        t0 = time.monotonic()
        while not stop.is_set():
            rss.append((time.monotonic() - t0, vm_rss_kb(d.proc.pid)))
            stop.wait(1.0)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    procs = [(name, wrk(url, a.seconds, h, 8)) for name, url, h in targets]
    # EOIR imports and matches over the imported weeks, one after the other,
    # for as long as wrk runs (each re-import finds the release unchanged
    # once applied, so every other one imports it for another as-of date).
    jobs_done = []
    cycle = 0
    while time.monotonic() - started < a.seconds:
        as_of = (datetime.date.today() + datetime.timedelta(days=cycle % 2)).isoformat()
        for name, args in (("import eoir", ["import", "eoir", release, "--as-of", as_of]),
                           ("match", ["match", "--from", soak.day(0), "--to", soak.day(30)])):
            t = time.monotonic()
            job = subprocess.run(ws.cmd(*args), capture_output=True, text=True, cwd=ws.dir,
                                 timeout=a.seconds * 5)
            jobs_done.append((name, job.returncode, t - started, time.monotonic() - t,
                              job.stderr[-500:]))
        cycle += 1
    results = []
    for name, proc in procs:
        out, _ = proc.communicate(timeout=a.seconds + 60)
        results.append((name, parse_wrk(out), out))
    stop.set()
    sampler.join()
    rc, _ = d.stop(timeout=60)
    failures = []
    print(f"\n== wrk, {a.seconds} s, 8 connections each, three at once "
          f"(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    print(f"{'target':28} {'requests':>9} {'req/s':>9} {'non-2xx':>8} {'sock err':>8} "
          f"{'p50':>9} {'p99':>9}")
    for name, r, raw in results:
        print(f"{name:28} {r['requests']:>9} {r['rps']:>9} {r['non2xx']:>8} "
              f"{r['socket_errors']:>8} {r['p50']:>9} {r['p99']:>9}")
        if r["requests"] == 0 or r["non2xx"] or r["socket_errors"]:
            failures.append(f"{name}: {raw}")
    print("\n== jobs during the load (CLI processes on the same database)")
    for name, code, at, took, err in jobs_done:
        print(f"{name:12} started at {at:5.1f} s, took {took:5.1f} s, exit {code}")
        if code != 0:
            failures.append(f"{name} exit {code}: {err}")
    print("\n== daemon VmRSS (MiB) every 5 s")
    print(" ".join(f"{t:.0f}s:{kb / 1024:.1f}" for t, kb in rss[::5]))
    if rss:
        quarter = rss[max(0, len(rss) // 4 - 1)][1]
        end = rss[-1][1]
        print(f"RSS at the end of the first quarter {quarter / 1024:.1f} MiB, at the end "
              f"{end / 1024:.1f} MiB, peak {max(k for _, k in rss) / 1024:.1f} MiB")
        if end - quarter > RSS_GROWTH_KB:
            failures.append(f"RSS grew {(end - quarter) / 1024:.1f} MiB after the first quarter")
    if rc != 0:
        failures.append(f"serve exited {rc} on SIGTERM")
    ws.close()
    for f in failures:
        print("FAIL:", f[:2000])
    print("\nload test:", "FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
