"""End to end: the JSON API (DESIGN.md §8) of the real daemon on loopback over
a real SQLite file filled by the real CLI. Every route's shape and status
codes (pagination through next_cursor, 400/401/403/404/409/413/415), GETs and
the read commands leave the database byte-identical, XSS and SQL payloads
come back as inert text, and no case reference appears in any answer or log
line of the run. Dates are computed from today."""
import datetime
import hashlib
import http.client
import json
import os
import re
import sqlite3
import subprocess
import unittest
import urllib.parse

import cwtest
from cwtest import Daemon, Workspace

XSS = '<script>alert("x")</script>'
SQLI = "Robert'); DROP TABLE volunteers;--"
CASE_REFS = ["A-201-301-401", "A-202-302-402", "A-203-303-403", "A-204-304-404",
             "A-205-305-405", "A-206-306-406"]


def next_monday(offset_weeks=1):
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return today + datetime.timedelta(days=7 * offset_weeks - today.weekday())


MON = next_monday()
TUE = MON + datetime.timedelta(days=1)
WED = MON + datetime.timedelta(days=2)
HEADER = "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n"
# Five sessions: CHI Monday morning (detained: two seats), CHI Monday
# afternoon, CHI Tuesday morning in a courtroom named with an XSS payload
# before a judge named with an SQL one, HOU Wednesday morning, NYC Monday.
HEARINGS = [
    (MON, "09:00", "CHI", "Courtroom 5", "Judge A", "master", "spanish", "yes", CASE_REFS[0], ""),
    (MON, "13:30", "CHI", "Courtroom 5", "Judge A", "individual", "", "no", CASE_REFS[1], ""),
    (TUE, "09:00", "CHI", XSS, SQLI, "master", "", "no", CASE_REFS[2], XSS),
    (WED, "10:00", "HOU", "Room 1", "Judge H", "bond", "", "no", CASE_REFS[3], SQLI),
    (MON, "08:30", "NYC", "Room 12", "Judge N", "master", "", "no", CASE_REFS[4], ""),
    (MON, "09:30", "XXX", "Room 1", "Judge X", "master", "", "no", CASE_REFS[5], ""),  # rejected
]
VOLUNTEERS = (
    "id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,active\n"
    f'v0001,"{XSS.replace(chr(34), chr(34) * 2)}",ana@example.org,+1 312 555 0101,lead,CHI,spanish,3,mon tue wed,,,yes\n'
    f'v0002,"{SQLI}",ben@example.org,,watcher,CHI,,2,mon tue,,,yes\n'
    "v0003,Cleo,cleo@example.org,,watcher,HOU,,2,wed,,,yes\n"
    "v0004,Dan,dan@example.org,,trainee,CHI,,2,mon,,,yes\n"
)
SESSION_KEYS = {"id", "site", "location", "judge", "date", "half", "start", "end", "hearings",
                "detained_hearings", "types", "languages", "need", "weight", "assigned",
                "status", "sequence", "assignments", "reason"}
ASSIGNMENT_KEYS = {"volunteer", "site", "location", "judge", "date", "half", "state", "session"}


def csv_row(r):
    def q(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
    d, t, site, loc, judge, typ, lang, det, ref, notes = r
    return ",".join(q(x) for x in (d.isoformat(), t, "", site, loc, judge, typ, lang, det, ref,
                                   "", notes)) + "\n"


class Client:
    """HTTP on loopback without redirects; remembers every body for the privacy check."""

    def __init__(self, daemon, outputs):
        u = urllib.parse.urlparse(daemon.url)
        self.host, self.port = u.hostname, u.port
        self.outputs = outputs

    def request(self, method, path, body=None, headers=None, raw=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        text = r.read().decode("utf-8", "replace")
        conn.close()
        self.outputs.append(text)
        parsed = None
        if r.getheader("Content-Type", "").startswith("application/json") and text:
            parsed = json.loads(text)
        return r.status, r, parsed


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        ws = cls.ws
        ws.run("import", "csv", ws.write("h.csv", HEADER + "".join(map(csv_row, HEARINGS))), check=0)
        ws.run("volunteers", "import", ws.write("v.csv", VOLUNTEERS), check=0)
        ws.run("user", "add", "coord", "--role", "coordinator", stdin="correct horse battery\n",
               check=0)
        cls.token = ws.run("api-token", "create", "--user", "coord", check=0).stdout.split()[0]
        revoked = ws.run("api-token", "create", "--user", "coord", check=0)
        cls.revoked = revoked.stdout.split()[0]
        tokens = json.loads(ws.run("api-token", "list", "--json", check=0).stdout)
        ws.run("api-token", "revoke", str(max(t["id"] for t in tokens)), check=0)
        cls.daemon = Daemon(ws)
        cls.http = Client(cls.daemon, ws.outputs)
        cls.auth = {"Authorization": "Bearer " + cls.token}

    @classmethod
    def tearDownClass(cls):
        rc, err = cls.daemon.stop()
        text = "\n".join(cls.ws.outputs) + err
        cls.ws.close()
        assert rc == 0, err
        for ref in CASE_REFS:  # no answer, output or log line of the run
            where = [t[max(0, t.find(ref) - 300):t.find(ref) + 40] for t in cls.ws.outputs + [err]
                     if ref in t]
            assert not where, (ref, where[:1])

    def get(self, path, headers=None):
        return self.http.request("GET", path, headers=headers or self.auth)

    def post(self, path, body, headers=None):
        return self.http.request("POST", path, body, headers=headers or self.auth)

    def page_all(self, path, limit):
        items, cursor, pages = [], None, 0
        while True:
            sep = "&" if "?" in path else "?"
            q = f"{path}{sep}limit={limit}" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
            status, _, body = self.get(q)
            self.assertEqual(status, 200, body)
            self.assertEqual(set(body), {"items", "next_cursor"})
            self.assertLessEqual(len(body["items"]), limit)
            items += body["items"]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                return items, pages

    def db_state(self):
        h = hashlib.sha256()
        for suffix in ("", "-wal"):
            p = self.ws.db + suffix
            if os.path.exists(p):
                with open(p, "rb") as f:
                    h.update(f.read())
        return h.hexdigest()

    def range_q(self):
        return f"from={MON.isoformat()}&to={(MON + datetime.timedelta(days=6)).isoformat()}"

    # -- reads ---------------------------------------------------------------

    def test_sessions_match_the_cli_and_page_through_next_cursor(self):
        items, pages = self.page_all("/api/v1/sessions?" + self.range_q(), 2)
        self.assertEqual(pages, 3)
        self.assertEqual(len(items), 5)
        for s in items:
            self.assertEqual(set(s), SESSION_KEYS)
        cli = json.loads(self.ws.run("sessions", "--json", "--from", MON.isoformat(), "--to",
                                     (MON + datetime.timedelta(days=6)).isoformat(), check=0).stdout)
        stripped = [{k: v for k, v in s.items() if k not in ("assignments", "reason")} for s in items]
        self.assertEqual(stripped, cli)
        xss = [s for s in items if s["location"] == XSS]
        self.assertEqual(len(xss), 1)  # inert text, byte for byte
        self.assertEqual(xss[0]["judge"], SQLI)
        hou = [s for s in items if s["site"] == "HOU"]
        _, _, body = self.get(f"/api/v1/sessions?site=hou&{self.range_q()}")
        self.assertEqual([s["id"] for s in body["items"]], [hou[0]["id"]])

    def test_covered_filter_and_reasons(self):
        _, _, body = self.get(f"/api/v1/sessions?{self.range_q()}&site=NYC")
        self.assertEqual(body["items"][0]["reason"], "no volunteer lists NYC")
        self.assertEqual(body["items"][0]["assignments"], [])
        _, _, unc = self.get(f"/api/v1/sessions?{self.range_q()}&covered=false")
        _, _, cov = self.get(f"/api/v1/sessions?{self.range_q()}&covered=true")
        for s in unc["items"]:
            self.assertLess(s["assigned"], s["need"])
            self.assertIsInstance(s["reason"], str)
        for s in cov["items"]:
            self.assertEqual(s["assigned"], s["need"])
            self.assertIsNone(s["reason"])

    def test_hearings_are_the_cli_objects_without_source_key(self):
        items, pages = self.page_all("/api/v1/hearings?" + self.range_q(), 2)
        self.assertEqual(pages, 3)
        cli = json.loads(self.ws.run("hearings", "--json", "--from", MON.isoformat(), "--to",
                                     (MON + datetime.timedelta(days=6)).isoformat(), check=0).stdout)
        # The operator's CLI prints source_key, which holds the case reference;
        # the API leaves it out. Only the API's answers go to the privacy check.
        self.ws.outputs.pop()
        for h in cli:
            del h["source_key"]
        key = lambda h: (h["date"], h["time"], h["site"])
        self.assertEqual(sorted(items, key=key), sorted(cli, key=key))
        self.assertIn(XSS, [h["location"] for h in items])

    def test_hearings_json_that_cannot_be_written_fails(self):
        # Standard output on a full disk: the command says so and exits
        # non-zero instead of leaving a cut JSON file behind with status 0.
        with open("/dev/full", "w") as full:
            r = subprocess.run([cwtest.ARGS.binary, "--config", self.ws.config, "hearings",
                                "--json"], stdout=full, stderr=subprocess.PIPE, text=True,
                               cwd=self.ws.dir, timeout=120)
        self.assertNotEqual(r.returncode, 0, r.stderr)
        self.assertIn("stdout: cannot write the hearings JSON", r.stderr)

    def test_api_token_that_cannot_be_shown_is_revoked(self):
        # The token is printed only once: when that fails it must not stay valid.
        with open("/dev/full", "w") as full:
            r = subprocess.run([cwtest.ARGS.binary, "--config", self.ws.config, "api-token",
                                "create", "--user", "coord"], stdout=full,
                               stderr=subprocess.PIPE, text=True, cwd=self.ws.dir, timeout=120)
        self.assertNotEqual(r.returncode, 0, r.stderr)
        self.assertIn("cannot write the new API token; it was revoked again", r.stderr)
        tokens = json.loads(self.ws.run("api-token", "list", "--json", check=0).stdout)
        self.assertIsNotNone(max(tokens, key=lambda t: t["id"])["revoked"])

    def test_volunteers_without_contact_details(self):
        items, pages = self.page_all("/api/v1/volunteers", 3)
        self.assertEqual(pages, 2)
        self.assertEqual([v["id"] for v in items], ["v0001", "v0002", "v0003", "v0004"])
        for v in items:
            self.assertEqual(set(v), {"id", "name", "role", "sites", "languages",
                                      "max_per_week", "active"})
        self.assertEqual(items[0]["name"], XSS)
        self.assertEqual(items[1]["name"], SQLI)
        self.assertEqual(items[0]["languages"], ["spanish"])
        status, r, _ = self.get("/api/v1/volunteers")
        self.assertNotIn("example.org", self.ws.outputs[-1])
        self.assertNotIn("555", self.ws.outputs[-1])
        self.assertEqual(r.getheader("X-Content-Type-Options"), "nosniff")

    def test_imports_are_run_records(self):
        status, _, body = self.get("/api/v1/imports?limit=1")
        self.assertEqual(status, 200)
        run = body["items"][0]
        for k in ("source", "started", "finished", "rows_read", "new", "updated", "cancelled",
                  "unchanged", "rejected"):
            self.assertIn(k, run)
        items, _ = self.page_all("/api/v1/imports", 1)
        self.assertEqual([r["source"] for r in items][-1], "csv")
        csv_run = [r for r in items if r["source"] == "csv"][0]
        self.assertEqual(csv_run["rows_read"], 6)
        self.assertEqual(csv_run["rejected"]["unknown-site"]["lines"], [7])

    def test_gets_and_read_commands_leave_the_database_byte_identical(self):
        before = self.db_state()
        watcher = sqlite3.connect(self.ws.db)
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        for path in ("/api/v1/sessions", "/api/v1/sessions?covered=false", "/api/v1/hearings",
                     "/api/v1/volunteers", "/api/v1/imports", "/healthz", "/metrics"):
            self.get(path)
        self.post("/api/v1/match", {"from": MON.isoformat()})  # a dry run
        for cmd in (["sessions", "--json"], ["hearings", "--json"], ["volunteers", "list"],
                    ["match", "--dry-run", "--json"]):
            self.ws.run(*cmd, check=0)
            if cmd[0] == "hearings":
                self.ws.outputs.pop()  # source_key (see above)
        self.assertEqual(watcher.execute("PRAGMA data_version").fetchone()[0], version)
        watcher.close()
        self.assertEqual(self.db_state(), before)

    # -- auth ----------------------------------------------------------------

    def routes(self):
        return [("GET", "/api/v1/sessions", None), ("GET", "/api/v1/hearings", None),
                ("GET", "/api/v1/volunteers", None), ("GET", "/api/v1/imports", None),
                ("POST", "/api/v1/match", {}), ("POST", "/api/v1/invite", {}),
                ("POST", "/api/v1/assignments", {"session": 1, "volunteer": "v0001"}),
                ("DELETE", "/api/v1/assignments/1", None)]

    def login(self):
        """Signs in through the login form; returns the Cookie header and the
        session's CSRF token as the signed-in page carries it."""
        b = self.daemon.browser()
        status, _, _ = b.login("coord")
        self.assertEqual(status, 303)
        self.assertTrue(b.csrf)
        cookie = "; ".join(f"{k}={v}" for k, v in b.cookies.items())
        return cookie, b.csrf

    def test_no_credentials_401_revoked_401_missing_csrf_403(self):
        for method, path, body in self.routes():
            for headers in ({}, {"Authorization": "Bearer " + self.revoked},
                            {"Authorization": "Bearer not-a-token"}):
                status, _, err = self.http.request(method, path, body, headers=headers)
                self.assertEqual(status, 401, (method, path, headers))
                self.assertEqual(err["error"]["code"], "unauthenticated")
        cookie, csrf = self.login()
        status, _, body = self.get("/api/v1/sessions", {"Cookie": cookie})
        self.assertEqual(status, 200)  # a GET with the cookie needs no CSRF
        for method, path, body in self.routes():
            if method == "GET":
                continue
            status, _, err = self.http.request(method, path, body, headers={"Cookie": cookie})
            self.assertEqual(status, 403, (method, path))
            status, _, err = self.http.request(method, path, body, headers={
                "Cookie": cookie, "X-CSRF-Token": csrf[::-1]})
            self.assertEqual(status, 403, (method, path))
        sunday = (MON - datetime.timedelta(days=1)).isoformat()  # no sessions: nothing changes
        status, _, body = self.http.request("POST", "/api/v1/invite",
                                            {"from": sunday, "to": sunday},
                                            headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        self.assertEqual((status, body), (200, {"invited": 0}))

    # -- bad requests ----------------------------------------------------------

    def test_bad_requests_name_the_field(self):
        def bad(method, path, raw=None, body=None, status=422, ctype="application/json"):
            headers = dict(self.auth)
            if ctype:
                headers["Content-Type"] = ctype
            code, _, err = self.http.request(method, path, body=body, raw=raw, headers=headers)
            self.assertEqual(code, status, (path, raw, body, err))
            self.assertEqual(set(err), {"error"})
            self.assertEqual(set(err["error"]), {"code", "message"})
            return err["error"]["message"]

        self.assertTrue(bad("GET", "/api/v1/sessions?from=2026-02-30").startswith("from:"))
        self.assertTrue(bad("GET", "/api/v1/sessions?to=tomorrow").startswith("to:"))
        self.assertTrue(bad("GET", "/api/v1/sessions?covered=maybe").startswith("covered:"))
        self.assertTrue(bad("GET", "/api/v1/sessions?limit=0").startswith("limit:"))
        self.assertTrue(bad("GET", "/api/v1/sessions?limit=1001").startswith("limit:"))
        self.assertTrue(bad("GET", "/api/v1/hearings?limit=ten").startswith("limit:"))
        self.assertTrue(bad("GET", "/api/v1/hearings?cursor=bogus").startswith("cursor:"))
        self.assertTrue(bad("GET", "/api/v1/volunteers?sort=name").startswith("sort:"))
        self.assertTrue(bad("GET", "/api/v1/imports?limit=1&limit=2").startswith("limit:"))
        self.assertTrue(bad("GET", "/api/v1/sessions?site=%3Cb%3E").startswith("site:"))
        self.assertTrue(bad("GET", f"/api/v1/sessions?from={WED}&to={MON}").startswith("to:"))
        self.assertTrue(bad("POST", "/api/v1/match", raw=b"{", status=400).startswith("body:"))
        self.assertTrue(bad("POST", "/api/v1/match", raw=b"[]", status=400).startswith("body:"))
        self.assertTrue(bad("POST", "/api/v1/match", raw=b"\xff", status=400).startswith("body:"))
        self.assertTrue(bad("POST", "/api/v1/match", body={"apply": "yes"}).startswith("apply:"))
        self.assertTrue(bad("POST", "/api/v1/match", body={"from": "12/01/2026"}).startswith("from:"))
        self.assertTrue(bad("POST", "/api/v1/match", body={"dry": True}).startswith("dry:"))
        self.assertTrue(bad("POST", "/api/v1/invite", body={"to": 5}).startswith("to:"))
        self.assertTrue(bad("POST", "/api/v1/assignments", body={"volunteer": "v0001"})
                        .startswith("session:"))
        self.assertTrue(bad("POST", "/api/v1/assignments", body={"session": "1", "volunteer": "v0001"})
                        .startswith("session:"))
        self.assertTrue(bad("POST", "/api/v1/assignments", body={"session": 1.5, "volunteer": "v0001"})
                        .startswith("session:"))
        self.assertTrue(bad("POST", "/api/v1/assignments", body={"session": 1, "volunteer": 1})
                        .startswith("volunteer:"))
        self.assertTrue(bad("POST", "/api/v1/assignments",
                            body={"session": 1, "volunteer": "v0001", "pin": 1}).startswith("pin:"))
        bad("POST", "/api/v1/match", raw=b'{"from": "' + b"x" * 20000 + b'"}', status=413)
        bad("POST", "/api/v1/match", raw=b"from=2026-01-01", status=415,
            ctype="application/x-www-form-urlencoded")
        bad("POST", "/api/v1/assignments", body={"session": 999999, "volunteer": "v0001"},
            status=404)
        bad("POST", "/api/v1/assignments", body={"session": 1, "volunteer": "v9999"}, status=404)
        bad("DELETE", "/api/v1/assignments/999999", status=404, ctype=None)
        bad("DELETE", "/api/v1/assignments/abc", status=404, ctype=None)
        bad("DELETE", "/api/v1/assignments/" + "9" * 30, status=404, ctype=None)

    def test_errors_outside_the_handlers_are_json_too(self):
        status, r, err = self.get("/api/v1/nothing-here")
        self.assertEqual(status, 404)
        self.assertEqual(err["error"]["code"], "not-found")
        status, _, err = self.http.request("GET", "/api/v1/nothing-here")  # no credentials
        self.assertEqual((status, err["error"]["code"]), (404, "not-found"))
        # Over the server's request limit (1 MiB): refused before any handler.
        status, _, err = self.http.request("POST", "/api/v1/match", raw=b" " * (2 << 20),
                                           headers=dict(self.auth,
                                                        **{"Content-Type": "application/json"}))
        self.assertEqual((status, err["error"]["code"]), (413, "too-large"))
        # Pages keep their plain-text errors.
        status, r, _ = self.get("/no-such-page")
        self.assertEqual(status, 404)
        self.assertFalse(r.getheader("Content-Type").startswith("application/json"))

    # -- writes ----------------------------------------------------------------

    def session_id(self, site, date, half):
        _, _, body = self.get(f"/api/v1/sessions?site={site}&from={date}&to={date}")
        return [s["id"] for s in body["items"] if s["half"] == half][0]

    def test_assign_conflicts_unassign_match_and_invite(self):
        # One test, because these change the shared database in sequence.
        mon_am = self.session_id("CHI", MON, "am")
        mon_pm = self.session_id("CHI", MON, "pm")
        hou = self.session_id("HOU", WED, "am")
        status, _, a = self.post("/api/v1/assignments", {"session": mon_am, "volunteer": "v0001",
                                                         "pin": True})
        self.assertEqual(status, 201, a)
        self.assertEqual(set(a), ASSIGNMENT_KEYS | {"id", "pinned"})
        self.assertEqual((a["session"], a["volunteer"], a["state"], a["pinned"]),
                         (mon_am, "v0001", "proposed", True))
        conflicts = [
            ({"session": mon_am, "volunteer": "v0001"}, "double-booked"),
            ({"session": hou, "volunteer": "v0001"}, "wrong-site"),
            ({"session": mon_pm, "volunteer": "v0004"}, "trainee-alone"),
            ({"session": hou, "volunteer": "v0002"}, "wrong-site"),
        ]
        for body, code in conflicts:
            status, _, err = self.post("/api/v1/assignments", body)
            self.assertEqual(status, 409, (body, err))
            self.assertEqual(err["error"]["code"], code)
            self.assertTrue(err["error"]["message"])
        _, _, page = self.get(f"/api/v1/sessions?site=CHI&from={MON}&to={MON}")
        seats = [s for s in page["items"] if s["id"] == mon_am][0]
        self.assertEqual(seats["assignments"], [{"id": a["id"], "volunteer": "v0001",
                                                 "state": "proposed"}])
        # A dry run proposes, changes nothing; apply stores it.
        before = self.db_state()
        status, _, plan = self.post("/api/v1/match", {"from": MON.isoformat(),
                                                      "to": WED.isoformat()})
        self.assertEqual(status, 200, plan)
        self.assertEqual(set(plan), {"objective", "added", "removed", "kept", "unfilled"})
        self.assertEqual(self.db_state(), before)
        self.assertGreater(len(plan["added"]), 0)
        for x in plan["added"]:
            self.assertEqual(set(x), ASSIGNMENT_KEYS)
        self.assertEqual(plan["kept"], 1)  # the pinned one
        nyc = [u for u in plan["unfilled"] if u["site"] == "NYC"][0]
        self.assertEqual(nyc["reason"], "no volunteer lists NYC")
        status, _, applied = self.post("/api/v1/match", {"from": MON.isoformat(),
                                                         "to": WED.isoformat(), "apply": True})
        self.assertEqual((status, applied["objective"]), (200, plan["objective"]))
        _, _, again = self.post("/api/v1/match", {"from": MON.isoformat(), "to": WED.isoformat()})
        self.assertEqual(again["added"], [])
        proposed = sum(1 for s in self.page_all(f"/api/v1/sessions?{self.range_q()}", 100)[0]
                       for x in s["assignments"] if x["state"] == "proposed")
        status, _, inv = self.post("/api/v1/invite", {"from": MON.isoformat(),
                                                      "to": WED.isoformat()})
        self.assertEqual((status, inv), (200, {"invited": proposed}))
        status, r, _ = self.http.request("DELETE", f"/api/v1/assignments/{a['id']}",
                                         headers=self.auth)
        self.assertEqual(status, 204)
        status, _, err = self.http.request("DELETE", f"/api/v1/assignments/{a['id']}",
                                           headers=self.auth)
        self.assertEqual(status, 409, err)


if __name__ == "__main__":
    cwtest.main()
