"""End to end: import a coalition CSV with the real binary, list hearings as
JSON, serve and fetch /healthz, /readyz, /metrics and the hearings page over
HTTP, stop cleanly on SIGTERM; usage and config errors; privacy."""
import datetime
import json
import os
import signal
import socket
import subprocess
import unittest

import cwtest
from cwtest import Daemon, Workspace

HEADER = "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n"
# The hearings fall 3 and 4 days from today: inside the import horizon and
# the hearings page's 14-day window on any day the test runs (and a day away
# from either edge in every site's time zone). Row 4 (line 5) has an unknown
# site and row 5 (line 6) a date that never exists.
DAY1 = datetime.date.today() + datetime.timedelta(days=3)
DAY2 = DAY1 + datetime.timedelta(days=1)
D1, D2 = DAY1.isoformat(), DAY2.isoformat()
D1_US = f"{DAY1.month}/{DAY1.day}/{DAY1.year}"
ROWS = (
    f"{D1},9:00 AM,,CHI,Courtroom 5,Judge A,master,Spanish,no,A-111-222-333,,\n"
    f"{D1_US},1330,16:30,CHI,Courtroom 5,Judge A,individual,spanish,yes,A-444-555-666,,\n"
    f'{D2},08:30,,NYC,"Room 12, 14th floor",Judge B,bond,,true,A-777-888-999,,\n'
    f"{D2},08:30,,XXX,Room 1,Judge C,master,,no,A-000-000-001,,\n"
    "2026-13-02,08:30,,CHI,Room 1,Judge C,master,,no,A-000-000-002,,\n"
)
CASE_REFS = ["A-111-222-333", "A-444-555-666", "A-777-888-999", "A-000-000-001", "A-000-000-002"]


class CliAndHttp(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.csv = self.ws.write("hearings.csv", HEADER + ROWS)

    def tearDown(self):
        self.ws.close()

    def import_csv(self):
        r = self.ws.run("import", "csv", self.csv, "--json", check=0)
        return json.loads(r.stdout)

    def test_import_then_hearings_json(self):
        run = self.import_csv()
        self.assertEqual(run["source"], "csv")
        self.assertEqual(run["rows_read"], 5)
        self.assertEqual(run["new"], 3)
        self.assertEqual(run["rejected"]["unknown-site"]["lines"], [5])
        self.assertEqual(run["rejected"]["bad-date"]["lines"], [6])
        r = self.ws.run("hearings", "--json", check=0)
        hearings = json.loads(r.stdout)
        for h in hearings:
            del h["source_key"]
        self.assertEqual(hearings, [
            {"site": "CHI", "date": D1, "time": "09:00", "end_time": None,
             "location": "Courtroom 5", "judge": "Judge A", "type": "master",
             "language": "spanish", "detained": False, "status": "scheduled"},
            {"site": "CHI", "date": D1, "time": "13:30", "end_time": "16:30",
             "location": "Courtroom 5", "judge": "Judge A", "type": "individual",
             "language": "spanish", "detained": True, "status": "scheduled"},
            {"site": "NYC", "date": D2, "time": "08:30", "end_time": None,
             "location": "Room 12, 14th floor", "judge": "Judge B", "type": "bond",
             "language": "", "detained": True, "status": "scheduled"},
        ])
        # Filters.
        r = self.ws.run("hearings", "--json", "--site", "NYC", check=0)
        self.assertEqual([h["site"] for h in json.loads(r.stdout)], ["NYC"])
        r = self.ws.run("hearings", "--json", "--from", D2, "--to", D2, check=0)
        self.assertEqual(len(json.loads(r.stdout)), 1)

    def test_reimport_changes_nothing(self):
        self.import_csv()
        run = self.import_csv()
        self.assertEqual((run["new"], run["updated"], run["unchanged"]), (0, 0, 3))

    def test_serve_health_metrics_page_and_clean_stop(self):
        self.import_csv()
        d = Daemon(self.ws)
        try:
            status, headers, body = d.get("/healthz")
            self.assertEqual((status, body), (200, "ok\n"))
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(headers["Referrer-Policy"], "no-referrer")
            self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])
            status, _, body = d.get("/readyz")
            self.assertEqual((status, body), (200, "ready\n"))
            status, headers, body = d.get("/metrics")
            self.assertEqual(status, 401)  # counts only, but still behind a login
            status, headers, body = d.get("/metrics", d.authorize())
            self.assertEqual(status, 200)
            self.assertTrue(headers["Content-Type"].startswith("text/plain; version=0.0.4"))
            self.assertIn('courtwatch_hearings{status="scheduled"} 3\n', body)
            self.assertIn('courtwatch_http_requests_total{route="healthz",status="200"} 1\n', body)
            self.assertIn('courtwatch_import_runs{source_state="csv:ok"} 1\n', body)
            self.assertIn("courtwatch_http_request_duration_seconds_bucket", body)
            status, _, body = d.get("/nope/A-111-222-333")
            self.assertEqual(status, 404)
            status, _, body = d.get("/metrics", d.authorize())
            self.assertIn('courtwatch_http_requests_total{route="other",status="404"} 1\n', body)
        finally:
            rc, err = d.stop(signal.SIGTERM)
        self.assertEqual(rc, 0, err)

    def test_sigint_also_stops_cleanly(self):
        d = Daemon(self.ws)
        rc, err = d.stop(signal.SIGINT)
        self.assertEqual(rc, 0, err)

    def test_second_daemon_on_the_same_port_fails_loudly(self):
        d = Daemon(self.ws)
        try:
            port = d.url.rsplit(":", 1)[1]
            other = self.ws.write("other.toml", open(self.ws.config).read().replace(
                "127.0.0.1:0", "127.0.0.1:" + port))
            r = subprocess.run([cwtest.ARGS.binary, "--config", other, "serve"],
                               capture_output=True, text=True, timeout=20)
            self.assertEqual(r.returncode, 1)
            self.assertIn("cannot listen on 127.0.0.1:" + port, r.stderr)
        finally:
            d.stop()

    def test_demo_serves_demo_hearings_in_english_and_spanish(self):
        os.remove(self.ws.db) if os.path.exists(self.ws.db) else None
        d = Daemon(self.ws, "--demo", )
        try:
            status, headers, body = d.browser().get("/")
            self.assertEqual((status, headers["Location"]), (303, "/login"))
            self.ws.add_user("ana", db="courtwatch-demo.db")
            b = d.browser()
            self.assertEqual(b.login("ana")[0], 303)
            status, headers, body = b.get("/")
            self.assertEqual(status, 200)
            self.assertTrue(headers["Content-Type"].startswith("text/html"))
            self.assertIn("Chicago Immigration Court", body)
            self.assertIn("Upcoming hearings", body)
            self.assertNotIn("DEMO-", body)  # demo case references stay private
            _, _, body = b.get("/", {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
            self.assertIn("Próximas audiencias", body)
        finally:
            d.stop()
        r = self.ws.run("volunteers", "list", "--json", "--db", "courtwatch-demo.db", check=0)
        self.assertEqual(len(json.loads(r.stdout)), 12)

    def test_demo_refuses_an_existing_database(self):
        self.import_csv()
        r = self.ws.run("--db", self.ws.db, "serve", "--demo", check=1)
        self.assertIn("refusing to load demo data into an existing database", r.stderr)
        r = self.ws.run("hearings", "--json", check=0)
        self.assertEqual(len(json.loads(r.stdout)), 3)  # nothing lost

    def test_usage_errors_exit_2(self):
        r = self.ws.run("hearings", "--from", "2026-13-01", check=2)
        self.assertIn("2026-13-01", r.stderr)
        self.ws.run("frobnicate", check=2)
        self.ws.run(check=2)
        self.ws.run("import", "csv", check=2)
        r = self.ws.run("import", "csv", self.ws.path("missing.csv"), check=2)
        self.assertIn("missing.csv", r.stderr)

    def test_help_everywhere(self):
        for cmd in (["--help"], ["serve", "--help"], ["import", "--help"],
                    ["import", "csv", "--help"], ["volunteers", "import", "--help"],
                    ["volunteers", "list", "--help"], ["hearings", "--help"],
                    ["db", "backup", "--help"], ["db", "check", "--help"]):
            r = self.ws.run(*cmd, check=0)
            self.assertIn("Usage", r.stdout, cmd)

    def test_bad_config_exits_1_naming_key_and_line(self):
        bad = self.ws.write("bad.toml", "[server]\nlisten = \"127.0.0.1:8080\"\nthreds = 4\n")
        r = subprocess.run([cwtest.ARGS.binary, "--config", bad, "hearings"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(),
                         f"courtwatch: {bad}: line 3: unknown key 'server.threds'")

    def test_db_check_and_backup(self):
        self.import_csv()
        r = self.ws.run("db", "check", check=0)
        self.assertIn(": ok (schema version", r.stdout)
        backup = self.ws.path("backup.db")
        self.ws.run("db", "backup", backup, check=0)
        r = self.ws.run("--db", backup, "hearings", "--json", check=0)
        self.assertEqual(len(json.loads(r.stdout)), 3)
        r = self.ws.run("db", "backup", backup, check=1)  # never overwrites
        self.assertIn("already exists", r.stderr)

    def test_a_newer_database_is_refused(self):
        self.import_csv()
        subprocess.run(["sqlite3", self.ws.db, "PRAGMA user_version = 999;"], check=True)
        r = self.ws.run("hearings", check=1)
        self.assertIn("newer than this build", r.stderr)

    def test_case_references_never_leave_through_output_pages_or_metrics(self):
        self.import_csv()
        self.ws.run("import", "csv", self.csv, check=0)  # the human summary with rejects
        self.ws.run("hearings", check=0)
        d = Daemon(self.ws)
        try:
            self.ws.add_user("ana")
            b = d.browser()
            b.login("ana")
            for path in ("/metrics", "/healthz", "/readyz"):
                b.get(path)
            # The page really lists the imported hearings (with their
            # locations and judges), so their absent case references mean
            # something.
            status, _, page = b.get("/")
            self.assertEqual(status, 200)
            self.assertEqual(page.count("Courtroom 5"), 2, page)
            self.assertIn("Room 12, 14th floor", page)
        finally:
            d.stop()
        text = "\n".join(self.ws.outputs)
        self.assertIn("unknown-site", text)  # the outputs were captured
        for ref in CASE_REFS:
            self.assertNotIn(ref, text)


if __name__ == "__main__":
    cwtest.main()
