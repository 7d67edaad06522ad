"""End to end through the real binary: the app/ use cases seen from outside.

- An import alone makes the feeds current (no `match`, no `sessions` run).
- Reading commands (`sessions`, `hearings`, `match --dry-run`) leave the
  database file byte-identical.
- `assign` refuses a double booking with the coordinator's message; `invite`
  counts what it invited.
- An import killed with SIGKILL mid-run leaves its run record `running`, and
  the next `serve` start closes it as `interrupted`; none of its rows landed.
Dates are relative to today (the binary's clock is the system clock)."""
import datetime
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import time
import unittest

import cwtest
from cwtest import Daemon, Workspace

HEADER = "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n"
KEYED = "key," + HEADER
VOLUNTEERS = ("id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,"
              "extra,active\nv0001,Ana,ana@example.org,,watcher,HOU,,2,mon tue wed thu fri,,,yes\n")


def day(offset):
    """A weekday `offset` weekdays after the Monday two weeks from now."""
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=14)
    return (monday + datetime.timedelta(days=offset)).isoformat()


class AppEndToEnd(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()

    def tearDown(self):
        self.ws.close()

    def db_bytes(self):
        """The database file plus any WAL, hashed: what a read must not change."""
        h = hashlib.sha256()
        for suffix in ("", "-wal"):
            p = self.ws.db + suffix
            if os.path.exists(p):
                with open(p, "rb") as f:
                    h.update(f.read())
        return h.hexdigest()

    def import_rows(self, rows):
        self.ws.run("import", "csv", self.ws.write("h.csv", HEADER + rows), check=0)

    def import_keyed(self, rows):
        self.ws.run("import", "csv", self.ws.write("k.csv", KEYED + rows), check=0)

    def test_an_import_alone_makes_the_open_feed_current(self):
        self.import_keyed(f"k1,{day(1)},09:00,,HOU,Courtroom 3,Judge A,master,,no,A-1,,\n")
        url = self.ws.run("feed-url", "--open", check=0).stdout.split()[0]
        path = "/feeds/" + url.split("/feeds/", 1)[1]
        d = Daemon(self.ws)
        try:
            status, _, body = d.get(path)
            self.assertEqual(status, 200)
            self.assertEqual(body.count("BEGIN:VEVENT"), 1, body)
            self.assertIn("Courtroom 3", body)
            # A second import moves the hearing (same key) to the afternoon:
            # the feed follows without anything else being run.
            self.import_keyed(f"k1,{day(1)},14:00,,HOU,Courtroom 3,Judge A,master,,no,A-1,,\n")
            status, _, body = d.get(path)
            self.assertIn("T140000", body)
            self.assertIn("STATUS:CANCELLED", body)  # the morning session went away
        finally:
            d.stop()

    def test_reads_leave_the_database_byte_identical(self):
        self.import_rows(f"{day(0)},09:00,,HOU,Courtroom 3,Judge A,master,,no,A-1,,\n"
                         f"{day(0)},09:30,,HOU,Courtroom 5,Judge B,master,,yes,A-2,,\n")
        self.ws.run("volunteers", "import", self.ws.write("v.csv", VOLUNTEERS), check=0)
        before = self.db_bytes()
        for args in (["sessions", "--from", day(0), "--to", day(4)],
                     ["sessions", "--json", "--from", day(0), "--to", day(4)],
                     ["hearings", "--json"],
                     ["match", "--dry-run", "--from", day(0), "--to", day(4)],
                     ["match", "--dry-run", "--json", "--from", day(0), "--to", day(4)],
                     ["closure", "list"],
                     ["volunteers", "list", "--json"]):
            self.ws.run(*args, check=0)
            self.assertEqual(self.db_bytes(), before, f"{args} changed the database")
        # The dry run proposed something, and sessions were there to read.
        plan = json.loads(self.ws.run("match", "--dry-run", "--json", "--from", day(0),
                                      "--to", day(4), check=0).stdout)
        self.assertEqual(len(plan["assignments"]), 1)
        sessions = json.loads(self.ws.run("sessions", "--json", "--from", day(0), "--to", day(0),
                                          check=0).stdout)
        self.assertEqual([s["location"] for s in sessions], ["Courtroom 3", "Courtroom 5"])
        # A write does change it.
        self.ws.run("match", "--from", day(0), "--to", day(4), check=0)
        self.assertNotEqual(self.db_bytes(), before)

    def test_assign_refuses_a_double_booking_and_invite_counts(self):
        self.import_rows(f"{day(0)},09:00,,HOU,Courtroom 3,Judge A,master,,no,A-1,,\n"
                         f"{day(0)},09:30,,HOU,Courtroom 5,Judge B,master,,no,A-2,,\n")
        self.ws.run("volunteers", "import", self.ws.write("v.csv", VOLUNTEERS), check=0)
        sessions = json.loads(self.ws.run("sessions", "--json", "--from", day(0), "--to", day(0),
                                          check=0).stdout)
        first, second = (str(s["id"]) for s in sessions)
        self.ws.run("assign", "v0001", first, check=0)
        r = self.ws.run("assign", "v0001", second, check=1)
        self.assertEqual(r.stderr, "courtwatch: Ana is already at HOU Courtroom 3 that morning\n")
        r = self.ws.run("invite", "--from", day(0), "--to", day(4), check=0)
        self.assertTrue(r.stdout.startswith("1 assignment invited"), r.stdout)
        r = self.ws.run("invite", "--from", day(0), "--to", day(4), check=0)
        self.assertTrue(r.stdout.startswith("0 assignments invited"), r.stdout)
        with sqlite3.connect(self.ws.db) as c:
            actions = [a for (a,) in c.execute("SELECT action FROM audit_log ORDER BY id")]
        self.assertEqual(actions, ["assignment.assign", "plan.invite", "plan.invite"])

    def test_a_killed_import_is_closed_as_interrupted_at_the_next_start(self):
        rows = "".join(f"{day(i % 5)},{8 + i % 8:02d}:{i % 60:02d},,HOU,Room {i % 40},Judge {i % 9},"
                       f"master,,no,A-{i},,\n" for i in range(150000))
        path = self.ws.write("big.csv", HEADER + rows)
        self.ws.run("hearings", check=0)  # creates and migrates the database
        proc = subprocess.Popen([cwtest.ARGS.binary, "--config", self.ws.config, "import", "csv",
                                 path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        running = False
        while time.monotonic() < deadline and proc.poll() is None and not running:
            try:
                with sqlite3.connect(self.ws.db, timeout=1) as c:
                    running = c.execute(
                        "SELECT count(*) FROM import_runs WHERE state = 'running'").fetchone()[0] > 0
            except sqlite3.OperationalError:
                pass
            time.sleep(0.01)
        self.assertTrue(running, "the import finished before it could be killed")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(self.ws.db) as c:
            self.assertEqual(c.execute("SELECT state FROM import_runs").fetchall(), [("running",)])
        d = Daemon(self.ws)
        d.stop()
        with sqlite3.connect(self.ws.db) as c:
            state, finished, error = c.execute(
                "SELECT state, finished, error FROM import_runs").fetchone()
            hearings = c.execute("SELECT count(*) FROM hearings").fetchone()[0]
        self.assertEqual(state, "interrupted")
        self.assertIsNotNone(finished)
        self.assertIn("interrupted", error)
        self.assertEqual(hearings, 0)  # the run's data transaction never committed


if __name__ == "__main__":
    cwtest.main()
