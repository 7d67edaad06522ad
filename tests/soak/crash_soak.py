"""Crash soaks (issues 9 and 10; `./scripts/dev soak [RUNS]`, not in the
default suite): the real binary is killed with SIGKILL at random moments
and restarted, on a real SQLite file, loopback only, every process stopped
by its PID.

  import  `courtwatch import csv` of 5 000 rows, killed at a random moment of
          its measured duration. Afterwards the hearings are exactly those
          before the import or exactly those a clean import gives (computed
          on a copy), never a mix.
  match   `courtwatch match` (apply, 12 000 hearings, 500 volunteers) after an
          import moved a third of the hearings, killed in the second half of
          its measured duration (the plan is written at the end); assignments
          are exactly those before, or a whole plan, and every confirmed
          assignment survives.
  send    `courtwatch serve` delivering 500 invitations to aiosmtpd (STARTTLS
          + AUTH, tests/e2e_notify/smtp_server.py), killed 1-4 times at random
          points; after the last restart every message has arrived and the
          duplicates (same Message-ID) are at most concurrency x kills.

After every kill: `courtwatch serve` is started (and stopped with SIGTERM),
then `courtwatch db check` must pass, no import run may be left `running`,
and no confirmed assignment may be lost. Prints a table per kind and exits 1
on any violation.

  crash_soak.py --binary B --source S [--runs N] [--kinds import,match,send]
"""
import argparse
import datetime
import hashlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
sys.path.insert(0, os.path.join(HERE, "..", "e2e_notify"))
import cwtest  # noqa: E402
import notify_harness as nh  # noqa: E402
import test_notify_e2e as tne  # noqa: E402

SITES = ["CHI", "HOU", "NYC", "SFR", "LOS"]
CONCURRENCY = 4  # [notify] concurrency in the send soak


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def hearings_csv(rows, variant, seed):
    """rows hearings over the next 14 days at five sites; variant 1 moves a
    third of them to the afternoon and adds 10% more, so that importing the
    other variant always changes something."""
    rnd = random.Random(seed)
    out = [nh.HEADER.rstrip("\n")]
    total = rows + (rows // 10 if variant else 0)
    for i in range(total):
        site = SITES[i % len(SITES)]
        d = day(1 + (i // 7) % 14)
        hour = 8 + i % 4
        if variant and i % 3 == 0:
            hour += 5
        out.append(f"{d},{hour:02d}:{(i * 7) % 60:02d},,{site},Courtroom {i % 23},"
                   f"Judge {i % 31},master,{'spanish' if rnd.random() < .6 else ''},"
                   f"{'yes' if i % 5 == 0 else 'no'},A-{100 + i % 900}-{i:06d},,,k{i}")
    return "\n".join(out) + "\n"


def volunteers_csv(n):
    rows = [nh.VOL_HEADER.rstrip("\n")]
    for i in range(n):
        site = SITES[i % len(SITES)]
        rows.append(f"v{i + 1:04d},Volunteer {i + 1},v{i + 1}@example.org,,watcher,{site},"
                    f"spanish,3,mon tue wed thu fri sat sun,,,yes,en")
    return "\n".join(rows) + "\n"


class Ws(tne.Ws):
    """The notification tests' workspace (config, database, CSV files), plus a
    daemon log file, --db for copies and online copies."""

    def __init__(self, extra_config=""):
        super().__init__(extra_config)
        self.log = self.path("daemon.log")

    def cmd(self, *args, db=None):
        return [cwtest.ARGS.binary, "--config", self.config] + (["--db", db] if db else []) + \
            list(args)

    def run(self, *args, db=None, check=0):
        r = subprocess.run(self.cmd(*args, db=db), capture_output=True, text=True, timeout=300,
                           cwd=self.dir)
        if check is not None and r.returncode != check:
            raise AssertionError(f"{args} exited {r.returncode}: {r.stdout} {r.stderr}")
        return r

    def copy_db(self, name):
        """An online copy of the database (sqlite3 backup API) with its token key."""
        dst = self.path(name)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(dst + suffix):
                os.remove(dst + suffix)
        src = sqlite3.connect(self.db)
        out = sqlite3.connect(dst)
        src.backup(out)
        out.close()
        src.close()
        if os.path.exists(self.db + ".token-key"):
            shutil.copy(self.db + ".token-key", dst + ".token-key")
        return dst

    def close(self):
        self.tmp.cleanup()


def digest(db, sql):
    con = sqlite3.connect(db, timeout=30)
    try:
        h = hashlib.sha256()
        n = 0
        for row in con.execute(sql):
            h.update(repr(row).encode())
            n += 1
        return n, h.hexdigest()[:12]
    finally:
        con.close()


HEARINGS = ("SELECT source_key, site, date, start_min, location, judge, detained, status, version "
            "FROM hearings ORDER BY source_key")
ASSIGNMENTS = ("SELECT session_id, volunteer_id, state, pinned, version FROM assignments "
               "ORDER BY session_id, volunteer_id")


def confirmed(db):
    return set(nh.query(db, "SELECT id FROM assignments WHERE state = 'confirmed'"))


def restart_and_check(ws, confirmed_before):
    """`serve` once (it closes runs a crash left running), then the checks.
    Returns a list of problems (empty when all hold)."""
    problems = []
    d = cwtest.Daemon(ws, log=ws.log)
    rc, _ = d.stop(timeout=60)
    if rc != 0:
        problems.append(f"serve exited {rc} on SIGTERM")
    check = ws.run("db", "check", check=None)
    if check.returncode != 0:
        problems.append("db check: " + (check.stdout + check.stderr).strip()[:300])
    running = nh.query(ws.db, "SELECT count(*) FROM import_runs WHERE state = 'running'")[0][0]
    if running:
        problems.append(f"{running} import run(s) still running")
    lost = confirmed_before - confirmed(ws.db)
    if lost:
        problems.append(f"{len(lost)} confirmed assignment(s) lost")
    return problems


def kill_at_random(ws, args, duration, rnd, earliest=0.0):
    """Starts the CLI, SIGKILLs it after a random share (from earliest to
    1.1) of duration; returns (delay, whether it had finished on its own)."""
    delay = rnd.uniform(duration * earliest, duration * 1.1)
    p = subprocess.Popen(ws.cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         cwd=ws.dir)
    try:
        p.wait(timeout=delay)
        return delay, True
    except subprocess.TimeoutExpired:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        return delay, False


def timed(fn):
    t = time.monotonic()
    fn()
    return time.monotonic() - t


def soak_import(runs, rnd):
    ws = Ws()
    rows = 5000
    files = [ws.write(f"h{v}.csv", hearings_csv(rows, v, 7)) for v in (0, 1)]
    ws.run("import", "csv", files[0])
    table, failures = [], 0
    for i in range(runs):
        f = files[(i + 1) % 2]
        before = digest(ws.db, HEARINGS)
        keep = confirmed(ws.db)
        copy = ws.copy_db("after.db")
        took = timed(lambda: ws.run("import", "csv", f, db=copy))
        after = digest(copy, HEARINGS)
        runs_before = nh.query(ws.db, "SELECT count(*) FROM import_runs")[0][0]
        delay, finished = kill_at_random(ws, ["import", "csv", f], took, rnd)
        now = digest(ws.db, HEARINGS)
        problems = restart_and_check(ws, keep)
        # The killed import's run record, as the restart left it: none (killed
        # before it began), interrupted (killed mid-import) or ok.
        record = nh.query(ws.db, "SELECT state FROM import_runs WHERE id > ? ORDER BY id",
                          (runs_before,))
        record = record[0][0] if record else "none"
        outcome = "before" if now == before else "after" if now == after else "MIXED"
        if outcome == "MIXED":
            problems.append(f"hearings {now} are neither before {before} nor after {after}")
        if record == "interrupted" and outcome != "before":
            problems.append("an interrupted import left changes")
        table.append((i + 1, f"{took:.2f}", f"{delay:.2f}", "exit" if finished else "kill",
                      record, outcome, now[0], "; ".join(problems) or "ok"))
        failures += bool(problems)
    ws.close()
    print_table(f"import csv ({rows} rows) killed at a random moment",
                ("run", "clean s", "kill at s", "ended", "run record", "hearings are",
                 "hearings", "checks"), table)
    counts = {}
    for row in table:
        counts[row[4]] = counts.get(row[4], 0) + 1
    print("run records after restart:", counts)
    return failures


def soak_match(runs, rnd):
    ws = Ws()
    rows, volunteers = 12000, 500
    files = [ws.write(f"h{v}.csv", hearings_csv(rows, v, 11)) for v in (0, 1)]
    ws.run("volunteers", "import", ws.write("volunteers.csv", volunteers_csv(volunteers)))
    ws.run("import", "csv", files[0])
    window = ["--from", day(0), "--to", day(16)]
    ws.run("match", *window)
    table, failures = [], 0
    for i in range(runs):
        # Volunteers confirm a few proposals: these must survive whatever happens.
        con = sqlite3.connect(ws.db, timeout=30)
        with con:
            con.execute("UPDATE assignments SET state = 'confirmed', version = version + 1 "
                        "WHERE id IN (SELECT id FROM assignments WHERE state = 'proposed' "
                        "ORDER BY id LIMIT 3)")
        con.close()
        ws.run("import", "csv", files[(i + 1) % 2])  # moves a third of the hearings
        before = digest(ws.db, ASSIGNMENTS)
        keep = confirmed(ws.db)
        copy = ws.copy_db("after.db")
        took = timed(lambda: ws.run("match", *window, db=copy))
        after = digest(copy, ASSIGNMENTS)
        # The plan is written in one transaction at the end, after the
        # solve: aim at the second half of the run.
        delay, finished = kill_at_random(ws, ["match", *window], took, rnd, earliest=0.5)
        now = digest(ws.db, ASSIGNMENTS)
        problems = restart_and_check(ws, keep)
        if now != before and now != after:
            # The matcher may break ties differently; what must hold is that
            # the plan was stored whole: rerunning it changes nothing.
            rerun = ws.copy_db("rerun.db")
            ws.run("match", *window, db=rerun)
            outcome = "after*" if digest(rerun, ASSIGNMENTS) == now else "MIXED"
        else:
            outcome = "before" if now == before else "after"
        if outcome == "MIXED":
            problems.append(f"assignments {now} neither before {before} nor a whole plan")
        table.append((i + 1, f"{took:.2f}", f"{delay:.2f}", "exit" if finished else "kill",
                      outcome, now[0], len(keep), "; ".join(problems) or "ok"))
        failures += bool(problems)
    ws.close()
    print_table(f"match (apply; {rows} hearings, {volunteers} volunteers) killed in the second "
                "half of its run",
                ("run", "clean s", "kill at s", "ended", "state", "assignments", "confirmed",
                 "checks"), table)
    return failures


def soak_send(runs, rnd):
    n = 500
    tmp = tempfile.TemporaryDirectory(prefix="cw-soak-send-")
    key, cert = nh.make_cert(tmp.name)
    pw = os.path.join(tmp.name, "smtp-password")
    table, failures = [], 0
    for i in range(runs):
        smtp = nh.SmtpServer(os.path.join(tmp.name, f"mail{i}"), cert, key)
        with open(pw, "w") as f:
            f.write(smtp.password + "\n")
        ws = Ws(nh.smtp_config(smtp, cert, pw).replace(
            "concurrency = 2", f"concurrency = {CONCURRENCY}"))
        problems = []
        started = time.monotonic()
        try:
            tne.Seeded(ws, n)
            kills = rnd.randint(1, 4)
            targets = sorted(rnd.sample(range(1, n - 20), kills))
            d = cwtest.Daemon(ws, log=ws.log)
            for target in targets:
                deadline = time.monotonic() + 120
                while len(smtp.files()) < target and time.monotonic() < deadline:
                    time.sleep(0.002)
                os.kill(d.proc.pid, signal.SIGKILL)
                d.proc.wait()
                d.proc.stdout.close()
                d.log.close()
                problems += db_check(ws)
                d = cwtest.Daemon(ws, log=ws.log)
            try:
                smtp.wait_for(n, timeout=180)
            except AssertionError as e:
                problems.append(str(e))
            time.sleep(1.5)  # anything more would be a duplicate
            rc, _ = d.stop(timeout=60)
            if rc != 0:
                problems.append(f"serve exited {rc} on SIGTERM")
            ids = [m["Message-ID"] for _, m in smtp.messages()]
            unique = len(set(ids))
            duplicates = len(ids) - unique
            bound = CONCURRENCY * kills
            if unique != n:
                problems.append(f"{unique} distinct messages, expected {n}")
            if duplicates > bound:
                problems.append(f"{duplicates} duplicates > bound {bound}")
            states = dict(nh.query(ws.db, "SELECT state, count(*) FROM outbox "
                                          "WHERE kind = 'invitation' GROUP BY state"))
            if states != {"sent": n}:
                problems.append(f"outbox states {states}")
            problems += db_check(ws)
            table.append((i + 1, kills, " ".join(map(str, targets)), unique, duplicates, bound,
                          f"{time.monotonic() - started:.1f}", "; ".join(problems) or "ok"))
        finally:
            smtp.stop()
            ws.close()
        failures += bool(problems)
    tmp.cleanup()
    table.append(("all", sum(r[1] for r in table), "", sum(r[3] for r in table),
                  sum(r[4] for r in table), sum(r[5] for r in table),
                  f"{sum(float(r[6]) for r in table):.0f}", f"{failures} failing"))
    print_table(f"serve sending {n} invitations to aiosmtpd (concurrency {CONCURRENCY}), "
                "SIGKILL at random points",
                ("run", "kills", "at messages", "arrived", "duplicates", "bound", "s", "checks"),
                table)
    return failures


def db_check(ws):
    problems = []
    check = ws.run("db", "check", check=None)
    if check.returncode != 0:
        problems.append("db check: " + (check.stdout + check.stderr).strip()[:300])
    return problems


def print_table(title, header, rows):
    print(f"\n== {title}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for r in (header, *rows):
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))
    sys.stdout.flush()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--kinds", default="import,match,send")
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args()
    cwtest.ARGS = argparse.Namespace(binary=os.path.abspath(a.binary),
                                     source=os.path.abspath(a.source))
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    print(f"crash soak: seed {seed}, {a.runs} runs of each of {a.kinds}")
    rnd = random.Random(seed)
    kinds = {"import": soak_import, "match": soak_match, "send": soak_send}
    failures = 0
    started = time.monotonic()
    for k in a.kinds.split(","):
        failures += kinds[k](a.runs, rnd)
    print(f"\ncrash soak: {failures} failing run(s), {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
