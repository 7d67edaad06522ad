"""End to end: partner calendars, closures and scheduled imports through the
real binary. `import ics FILE --site` twice (a removed event is cancelled,
re-import changes nothing), `closure add/list/remove`, `import status` on the
HTML fixture, and `serve` with [[sources]]: a file calendar, a calendar served
over HTTP on loopback (python's http.server) and a 404 source, whose failure
shows as a failed run and in /metrics while the good data stays."""
import datetime
import functools
import http.server
import json
import os
import shutil
import threading
import time
import unittest

import cwtest
from cwtest import Daemon, Workspace


def fixture(*parts):
    return os.path.join(cwtest.ARGS.source, "tests", "fixtures", *parts)


def by_key(hearings):
    return {h["source_key"]: h for h in hearings}


class IcsAndClosures(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()

    def tearDown(self):
        self.ws.close()

    def import_ics(self, name):
        path = name if os.path.isabs(name) else fixture("ics", name)
        r = self.ws.run("import", "ics", path, "--site", "CHI-ERO",
                        "--as-of", "2026-03-02", "--json", check=0)
        return json.loads(r.stdout)

    def hearings(self):
        return json.loads(self.ws.run("hearings", "--json", "--site", "CHI-ERO", check=0).stdout)

    def test_import_ics_then_closure_cancels_and_remove_restores(self):
        run = self.import_ics("checkins.ics")
        self.assertEqual((run["new"], run["state"]), (8, "ok"))
        self.assertEqual(run["rejected"]["unknown-tzid"]["lines"], [71])
        h = by_key(self.hearings())
        weekly = "ics:weekly-checkin@partner.example|"
        # Across the DST change the local time stays 09:00; the key's UTC instant moves.
        self.assertEqual(h[weekly + "2026-03-02T15:00:00Z"]["time"], "09:00")
        self.assertEqual(h[weekly + "2026-03-23T14:00:00Z"]["time"], "09:00")
        self.assertEqual(h[weekly + "2026-03-23T14:00:00Z"]["status"], "scheduled")

        r = self.ws.run("closure", "add", "CHI-ERO", "2026-03-23", "--reason", "snow", check=0)
        self.assertIn("1 hearing cancelled", r.stdout)
        self.assertEqual(by_key(self.hearings())[weekly + "2026-03-23T14:00:00Z"]["status"],
                         "cancelled")
        closures = json.loads(self.ws.run("closure", "list", "--json", check=0).stdout)
        self.assertEqual([(c["site"], c["date"], c["status"], c["reason"], c["source"])
                          for c in closures],
                         [("CHI-ERO", "2026-03-23", "closed", "snow", "manual")])
        # Re-importing the calendar does not bring the closed day back.
        again = self.import_ics("checkins.ics")
        self.assertEqual((again["new"], again["updated"], again["cancelled"]), (0, 0, 0))
        self.assertEqual(by_key(self.hearings())[weekly + "2026-03-23T14:00:00Z"]["status"],
                         "cancelled")

        r = self.ws.run("closure", "remove", "CHI-ERO", "2026-03-23", check=0)
        self.assertIn("1 hearing restored", r.stdout)
        self.assertEqual(by_key(self.hearings())[weekly + "2026-03-23T14:00:00Z"]["status"],
                         "scheduled")
        r = self.ws.run("closure", "remove", "CHI-ERO", "2026-03-23", check=1)
        self.assertIn("no manual closure", r.stderr)

    def test_a_csv_import_by_hand_does_not_bring_back_a_closed_day(self):
        day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
        self.ws.run("closure", "add", "CHI", day, "--reason", "flood", check=0)
        csv = self.ws.write("h.csv",
                            "date,time,end_time,site,location,judge,type,language,detained,"
                            "case_ref,status,notes\n"
                            f"{day},09:00,,CHI,Courtroom 5,Judge A,master,spanish,no,X-1,,\n")
        self.ws.run("import", "csv", csv, check=0)
        h = json.loads(self.ws.run("hearings", "--json", "--site", "CHI", check=0).stdout)
        self.assertEqual([(x["date"], x["status"]) for x in h], [(day, "cancelled")])

    def test_second_version_cancels_the_removed_event(self):
        # The same calendar (same file) in two versions.
        cal = self.ws.path("partner.ics")
        shutil.copy(fixture("ics", "checkins.ics"), cal)
        self.import_ics(cal)
        shutil.copy(fixture("ics", "checkins-v2.ics"), cal)
        run = self.import_ics(cal)
        self.assertEqual((run["new"], run["updated"], run["cancelled"]), (0, 1, 1))
        h = by_key(self.hearings())
        self.assertEqual(h["ics:floating-bond@partner.example"]["status"], "cancelled")
        self.assertEqual(h["ics:utc-master@partner.example"]["time"], "10:00")

    def test_not_a_calendar_fails_with_one_message(self):
        r = self.ws.run("import", "ics", fixture("ics", "not-calendar.ics"), "--site", "CHI-ERO",
                        check=1)
        self.assertEqual(r.stderr.strip(),
                         "courtwatch: not-calendar.ics: not an iCalendar file (no BEGIN:VCALENDAR)")
        self.ws.run("import", "ics", fixture("ics", "checkins.ics"), "--site", "NOPE", check=1)
        self.ws.run("import", "ics", fixture("ics", "checkins.ics"), check=2)  # --site required

    def test_import_status_closes_courts(self):
        csv = self.ws.write("h.csv",
                            "date,time,end_time,site,location,judge,type,language,detained,"
                            "case_ref,status,notes\n"
                            "2026-03-09,09:00,,CHI,Courtroom 1,J,master,,no,A-1,,\n"
                            "2026-03-09,09:00,,HOU,Courtroom 1,J,master,,no,A-2,,\n"
                            "2026-03-09,10:00,,HOU,Courtroom 2,J,master,,yes,A-3,,\n")
        self.ws.run("import", "csv", csv, check=0)
        r = self.ws.run("import", "status", fixture("status", "notice-2026-03-09.html"), "--json",
                        check=0)
        run = json.loads(r.stdout)
        self.assertEqual(run["cancelled"], 2)
        self.assertIn("unknown-court", run["rejected"])
        hearings = json.loads(self.ws.run("hearings", "--json", check=0).stdout)
        states = sorted((h["site"], h["detained"], h["status"]) for h in hearings)
        self.assertEqual(states, [("CHI", False, "cancelled"), ("HOU", False, "cancelled"),
                                  ("HOU", True, "scheduled")])
        closures = json.loads(self.ws.run("closure", "list", "--json", check=0).stdout)
        self.assertIn(("CHI", "closed", "eoir-status"),
                      [(c["site"], c["status"], c["source"]) for c in closures])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class ScheduledImports(unittest.TestCase):
    def setUp(self):
        self.served = Workspace()  # a directory for the HTTP server
        day = datetime.date.today() + datetime.timedelta(days=3)
        stamp = day.strftime("%Y%m%d")
        self.served.write("remote.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
                          f"UID:remote\r\nDTSTART:{stamp}T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        handler = functools.partial(QuietHandler, directory=self.served.dir)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        local = os.path.join(self.served.dir, "local.ics")
        with open(local, "w") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:local\r\n"
                    f"DTSTART:{stamp}T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        self.ws = Workspace(
            "[fetch]\nretries = 0\ntimeout = 5\n"
            f'[[sources]]\nname = "local-cal"\nkind = "ics"\npath = "{local}"\nsite = "CHI-ERO"\n'
            f'[[sources]]\nname = "remote-cal"\nkind = "ics"\nurl = "{base}/remote.ics"\n'
            'site = "HOU"\ninterval = "1m"\n'
            f'[[sources]]\nname = "missing"\nkind = "status"\nurl = "{base}/nope.html"\n')

    def tearDown(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.ws.close()
        self.served.close()

    def wait_for(self, cond, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if cond():
                return
            time.sleep(0.3)
        self.fail("timed out waiting for " + what)

    def test_serve_runs_due_sources_and_reports_failures(self):
        d = Daemon(self.ws)
        try:
            def keys():
                r = self.ws.run("hearings", "--json", check=0)
                return {h["source_key"] for h in json.loads(r.stdout)}
            self.wait_for(lambda: {"ics:local", "ics:remote"} <= keys(), "both calendars")

            def metrics():
                return d.get("/metrics", d.authorize())[2]
            self.wait_for(lambda: 'courtwatch_fetch_failing{source="missing"} 1' in metrics(),
                          "the failing source in /metrics")
            body = metrics()
            self.assertIn('courtwatch_fetch_failing{source="remote-cal"} 0', body)
            self.assertIn('courtwatch_fetch_last_success_timestamp_seconds{source="remote-cal"}',
                          body)
            self.assertIn("courtwatch_import_failures 1", body)
        finally:
            rc, err = d.stop()
        self.assertEqual(rc, 0, err)
        self.assertIn("import missing failed", err)
        self.assertIn("HTTP 404", err)


if __name__ == "__main__":
    cwtest.main()
