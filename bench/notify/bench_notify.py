#!/usr/bin/python3
"""bench_notify (DESIGN.md §12): 10 000 due invitations delivered by the real
daemon to Debian's aiosmtpd on loopback (STARTTLS + AUTH, as in production),
next to a plain smtplib loop sending as many messages of the same size over
one connection in the same run (the floor the server allows).
Target: all delivered in ≤ 60 s and ≥ 50 % of the smtplib loop's rate.
Environment: CW_BENCH_N (default 10000), CW_BENCH_CONCURRENCY (default 4)."""
import os
import smtplib
import ssl
import subprocess
import sys
import tempfile
import time

BUILD = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SOURCE = "@CMAKE_SOURCE_DIR@"
sys.path.insert(0, os.path.join(SOURCE, "tests", "e2e_notify"))
import notify_harness as h  # noqa: E402

N = int(os.environ.get("CW_BENCH_N", "10000"))
CONCURRENCY = int(os.environ.get("CW_BENCH_CONCURRENCY", "4"))
CW = os.path.join(BUILD, "daemon", "courtwatch")


def sent(db):
    return h.query(db, "SELECT count(*) FROM outbox WHERE state = 'sent'")[0][0]


def main():
    tmp = tempfile.TemporaryDirectory(prefix="cw-bench-notify-")
    d = tmp.name
    key, cert = h.make_cert(d)
    smtp = h.SmtpServer(os.path.join(d, "mail"), cert, key, count_only=True)
    daemon = None
    try:
        pw = os.path.join(d, "pw")
        with open(pw, "w") as f:
            f.write(smtp.password + "\n")
        db = os.path.join(d, "cw.db")
        config = os.path.join(d, "cw.toml")
        h.write_config(config, db, SOURCE, "127.0.0.1:0", "https://watch.example.org",
                       h.smtp_config(smtp, cert, pw).replace(
                           "concurrency = 2", f"concurrency = {CONCURRENCY}").replace(
                           "plan_interval = 1", "plan_interval = 30"))
        day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 5 * 86400))
        with open(os.path.join(d, "h.csv"), "w") as f:
            f.write(h.HEADER)
            for i in range(N):
                f.write(f"{day},09:00,,CHI,Room {i},Judge {i % 97},master,,no,B-{i},,,k{i}\n")
        with open(os.path.join(d, "v.csv"), "w") as f:
            f.write(h.VOL_HEADER)
            for i in range(N):
                f.write(f"b{i:05d},Bench {i},b{i}@example.org,,watcher,CHI,,3,"
                        f"mon tue wed thu fri sat sun,,,yes,{'es' if i % 3 == 0 else 'en'}\n")
        run = lambda *a: subprocess.run([CW, "--config", config, *a], check=True,
                                        capture_output=True, cwd=d)
        run("import", "csv", os.path.join(d, "h.csv"))
        run("sessions", "--from", day, "--to", day)
        run("volunteers", "import", os.path.join(d, "v.csv"))
        sessions = [r[0] for r in h.query(db, "SELECT id FROM sessions ORDER BY id")]
        vols = [r[0] for r in h.query(db, "SELECT id FROM volunteers ORDER BY id")]
        h.invite_all(db, list(zip(sessions, vols)))

        t0 = time.monotonic()
        daemon = subprocess.Popen([CW, "--config", config, "serve"], cwd=d,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        daemon.stdout.readline()
        planned_at = None
        while True:
            n = sent(db)
            if planned_at is None and h.query(db, "SELECT count(*) FROM outbox")[0][0] >= N:
                planned_at = time.monotonic() - t0
            if n >= N:
                break
            if time.monotonic() - t0 > 600:
                raise SystemExit(f"bench_notify: only {n} of {N} sent after 600 s")
            time.sleep(0.05)
        elapsed = time.monotonic() - t0
        daemon.terminate()
        daemon.wait(timeout=30)
        daemon = None
        rate = N / elapsed

        # The floor: smtplib over one connection, same TLS and AUTH, same size.
        sample = b"Subject: bench\r\nFrom: watch@example.org\r\nTo: x@example.org\r\n\r\n" + (
            b"x" * 76 + b"\r\n") * 60
        ctx = ssl.create_default_context(cafile=cert)
        t1 = time.monotonic()
        with smtplib.SMTP("127.0.0.1", smtp.port) as s:
            s.starttls(context=ctx)
            s.login("courtwatch", smtp.password)
            for i in range(N):
                s.sendmail("watch@example.org", [f"b{i}@example.org"], sample)
        floor = N / (time.monotonic() - t1)
        print(f"bench_notify: {N} invitations planned in {planned_at:.1f} s, all delivered in "
              f"{elapsed:.1f} s ({rate:.0f} msg/s, concurrency {CONCURRENCY}); "
              f"smtplib loop, one connection: {floor:.0f} msg/s; ratio {rate / floor:.0%}")
        ok = elapsed <= 60 and rate >= 0.5 * floor
        print("bench_notify: target (≤ 60 s, ≥ 50 % of smtplib) " + ("met" if ok else "MISSED"))
    finally:
        if daemon:
            daemon.kill()
        smtp.stop()
        tmp.cleanup()


if __name__ == "__main__":
    main()
