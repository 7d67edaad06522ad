"""End to end: the volunteer's self-service page on the real daemon and a real
SQLite file (DESIGN.md §8 "Volunteer pages"). A GET of the page and of every
link on it changes nothing (file hash and PRAGMA data_version); a POST
without the right csrf is 403 and changes nothing; unknown and revoked links
are 404 and misses are rate-limited; confirm, decline, claim, a refused claim
with its reason, availability, a report and erasure do what they say; names
and notes are escaped; no case reference appears; Spanish for a Spanish
speaker."""
import hashlib
import html
import os
import re
import unittest
import urllib.error
import urllib.parse
import urllib.request

import cwtest
import volunteer_world as world
from cwtest import Daemon, Workspace


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def files_hash(db):
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = db + suffix
        if os.path.exists(path):
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


class VolunteerPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        world.public_url_config(cls.ws)
        cls.w = world.build(cls.ws)

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def setUp(self):
        # Each test gets its own copy of the world's database, so order never matters.
        self.db = self.ws.path(f"{self.id().rsplit('.', 1)[1]}.db")
        world.sql(self.ws.db, f"VACUUM INTO '{self.db}';")
        for suffix in (".token-key",):
            with open(self.ws.db + suffix, "rb") as src, open(self.db + suffix, "wb") as dst:
                dst.write(src.read())
        os.chmod(self.db + ".token-key", 0o600)
        self.config = self.ws.path(f"{self.id().rsplit('.', 1)[1]}.toml")
        with open(self.ws.config) as f:
            text = f.read().replace(self.ws.db, self.db)
        with open(self.config, "w") as f:
            f.write(text)
        self.daemon = Daemon(self.ws, config=self.config)
        self.page = "/v/" + self.w["ana_token"]

    def tearDown(self):
        self.daemon.stop()

    # --- helpers -----------------------------------------------------------

    def get(self, path, headers=None):
        return self.daemon.get(path, headers=headers)

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        req = urllib.request.Request(self.daemon.url + path, data=data, method="POST")
        try:
            with OPENER.open(req, timeout=10) as r:
                body = r.read().decode()
                self.ws.outputs.append(body)
                return r.status, dict(r.headers), body
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            self.ws.outputs.append(body)
            return e.code, dict(e.headers), body

    def csrf(self, token=None):
        _, _, body = self.get("/v/" + (token or self.w["ana_token"]))
        return re.search(r'name="csrf" value="([^"]+)"', body).group(1)

    def q(self, text):
        return world.sql(self.db, text)

    def state(self, assignment):
        return self.q(f"SELECT state FROM assignments WHERE id = {assignment};")

    # --- reading changes nothing --------------------------------------------

    def test_get_of_the_page_and_every_link_on_it_changes_nothing(self):
        before = files_hash(self.db)
        version = self.q("PRAGMA data_version;")
        status, headers, body = self.get(self.page)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Cache-Control"], "no-store")
        links = set(re.findall(r'(?:href|action)="([^"]+)"', body))
        self.assertIn(self.page + "/erase", links)
        self.assertTrue(any(l.startswith("webcal://watch.example.org/feeds/v/") for l in links))
        for link in sorted(links):
            path = urllib.parse.urlsplit(html.unescape(link)).path
            if link.startswith(("webcal://", "data:")):
                continue
            s, _, _ = self.get(path)  # forms' POST targets too, as a scanner would
            self.assertIn(s, (200, 303, 404), path)
        for done in ("confirmed", "declined", "claimed", "availability", "report", "<x>"):
            self.assertEqual(self.get(self.page + "?done=" + done)[0], 200)
        self.assertEqual(self.get(self.page, headers={"Accept-Language": "es"})[0], 200)
        self.assertEqual(files_hash(self.db), before)
        self.assertEqual(self.q("PRAGMA data_version;"), version)
        self.assertEqual(self.q("SELECT count(*) FROM audit_log;"), "0")

    def test_page_shows_sessions_states_open_sessions_reports_and_calendar(self):
        _, _, body = self.get(self.page)
        w = self.w
        self.assertIn(f'id="assignment-{w["invited"]}"', body)
        self.assertIn(f'id="assignment-{w["confirmed"]}"', body)
        self.assertIn(f'action="{self.page}/assignments/{w["invited"]}/confirm"', body)
        self.assertIn(f'action="{self.page}/assignments/{w["confirmed"]}/decline"', body)
        self.assertNotIn(f'/assignments/{w["confirmed"]}/confirm"', body)
        # Open: Courtroom 3 can be claimed; Courtroom 2 clashes with Courtroom 1 that morning.
        self.assertIn(f'action="{self.page}/sessions/{w["open_session"]}/claim"', body)
        self.assertNotIn(f'/sessions/{w["clash_session"]}/claim"', body)
        # Yesterday's session ended: a report form.
        self.assertIn(f'action="{self.page}/sessions/{w["past_session"]}/report"', body)
        self.assertNotIn(f'/sessions/{w["confirmed_session"]}/report"', body)
        self.assertIn('lang="en"', body)
        self.assertIn("Invited — please confirm", body)
        # Each session groups one hearing: singular, never "1 hearings".
        self.assertRegex(body, r">1 hearing(?!s)")
        self.assertNotIn("1 hearings", body)
        # A volunteer has no desk: the brand is not a link to the sign-in form.
        self.assertNotIn('<a class="brand"', body)

    def test_names_render_inert_and_no_case_reference_appears(self):
        _, _, body = self.get(self.page)
        self.assertNotIn("<script>alert", body)
        self.assertNotIn("<img src=x", body)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", body)
        for ref in world.CASE_REFS:
            self.assertNotIn(ref, body)

    def test_spanish_for_a_spanish_speaker(self):
        status, headers, body = self.get("/v/" + self.w["beto_token"])
        self.assertEqual(status, 200)
        self.assertIn('lang="es"', body)
        self.assertEqual(headers["Content-Language"], "es")
        self.assertIn("Tu página de observación judicial", body)
        self.assertIn("¿Estaba ICE presente?", body)

    # --- links that do not work ---------------------------------------------

    def test_unknown_and_revoked_links_are_404_and_misses_are_limited(self):
        status, _, body = self.get("/v/aaaaaaaaaaaaaaaaaaaaaaaaaa")
        self.assertEqual(status, 404)
        self.assertIn("Link not found", body)
        old = self.w["ana_token"]
        new = self.ws.run("--config", self.config, "volunteer-url", "v0001", "--rotate",
                          config=False, check=0).stdout.strip().rsplit("/", 1)[1]
        self.assertNotEqual(new, old)
        self.assertEqual(self.get("/v/" + old)[0], 404)
        self.assertEqual(self.get("/v/" + new)[0], 200)
        status, _, _ = self.post(f"/v/{old}/availability", {"csrf": "x", "slot": "mon-am"})
        self.assertEqual(status, 404)
        # A feed token is not a page token.
        feed = self.q("SELECT count(*) FROM tokens WHERE purpose = 'feed-volunteer';")
        self.assertEqual(feed, "3")
        codes = [self.get(f"/v/{i:026d}")[0] for i in range(25)]
        self.assertIn(429, codes)
        self.assertEqual(codes[0], 404)

    def test_wrong_or_missing_csrf_is_403_and_changes_nothing(self):
        before = files_hash(self.db)
        w = self.w
        other = self.csrf(w["beto_token"])  # a real csrf value, for another link
        for fields in ({}, {"csrf": "wrong"}, {"csrf": other}):
            for path in (f"/assignments/{w['invited']}/confirm",
                         f"/assignments/{w['invited']}/decline",
                         f"/sessions/{w['open_session']}/claim",
                         f"/sessions/{w['past_session']}/report", "/availability", "/erase"):
                body = dict(fields, ice_present="yes", detained_count="1", slot="mon-am")
                status, _, _ = self.post(self.page + path, body)
                self.assertEqual(status, 403, (path, fields))
        self.assertEqual(files_hash(self.db), before)

    # --- changes ------------------------------------------------------------

    def test_confirm_and_decline(self):
        w = self.w
        status, headers, _ = self.post(f"{self.page}/assignments/{w['invited']}/confirm",
                                       {"csrf": self.csrf()})
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"],
                         f"{self.page}?done=confirmed#assignment-{w['invited']}")
        self.assertEqual(self.state(w["invited"]), "confirmed")
        _, _, body = self.get(self.page + "?done=confirmed")
        self.assertIn("your session is confirmed", body)
        status, headers, _ = self.post(f"{self.page}/assignments/{w['confirmed']}/decline",
                                       {"csrf": self.csrf()})
        self.assertEqual(status, 303)
        self.assertEqual(self.state(w["confirmed"]), "declined")
        # Someone else's assignment does not exist for this link.
        status, _, _ = self.post(f"{self.page}/assignments/{w['beto_past']}/decline",
                                 {"csrf": self.csrf()})
        self.assertEqual(status, 404)
        self.assertEqual(self.state(w["beto_past"]), "confirmed")
        self.assertEqual(self.q("SELECT actor FROM audit_log ORDER BY id LIMIT 1;"),
                         "volunteer:v0001")

    def test_claim_and_a_refused_claim_with_its_reason(self):
        w = self.w
        status, headers, _ = self.post(f"{self.page}/sessions/{w['open_session']}/claim",
                                       {"csrf": self.csrf()})
        self.assertEqual(status, 303)
        claimed = self.q("SELECT id || ' ' || state FROM assignments WHERE session_id = "
                         f"{w['open_session']};")
        aid, state = claimed.split()
        self.assertEqual(state, "confirmed")
        self.assertTrue(headers["Location"].endswith(f"#assignment-{aid}"))
        # The stale form of a session that clashes with Courtroom 1 that morning.
        before = files_hash(self.db)
        status, _, body = self.post(f"{self.page}/sessions/{w['clash_session']}/claim",
                                    {"csrf": self.csrf()})
        self.assertEqual(status, 409)
        self.assertIn("You already have a session that half-day:", body)
        self.assertIn("Courtroom 1", body)
        self.assertIn('role="alert"', body)
        self.assertEqual(files_hash(self.db), before)

    def test_availability_grid_and_blackouts(self):
        away = self.w["d2"].isoformat()
        status, headers, _ = self.post(self.page + "/availability", {
            "csrf": self.csrf(), "slot": ["mon-am", "wed-pm"], "away_from": away,
            "away_to": ""})
        self.assertEqual(status, 303)
        self.assertTrue(headers["Location"].endswith("?done=availability#availability"))
        self.assertEqual(self.q("SELECT grid FROM volunteers WHERE handle = 'v0001';"),
                         "10000100000000")
        self.assertEqual(self.q("SELECT first || '..' || last FROM volunteer_blackouts;"),
                         f"{away}..{away}")
        _, _, body = self.get(self.page)
        self.assertIn(f'name="remove_blackout" value="{away}..{away}"', body)
        self.assertIn('value="mon-am" checked', body)
        self.assertNotIn('value="mon-pm" checked', body)
        status, _, _ = self.post(self.page + "/availability", {
            "csrf": self.csrf(), "slot": ["mon-am"], "remove_blackout": f"{away}..{away}"})
        self.assertEqual(status, 303)
        self.assertEqual(self.q("SELECT count(*) FROM volunteer_blackouts;"), "0")
        status, _, body = self.post(self.page + "/availability", {
            "csrf": self.csrf(), "away_from": "2026-02-30"})
        self.assertEqual(status, 400)
        self.assertIn("dates must be real dates", body)

    def test_report_is_stored_escaped_and_edited(self):
        w = self.w
        path = f"{self.page}/sessions/{w['past_session']}/report"
        status, headers, _ = self.post(path, {"csrf": self.csrf(), "ice_present": "yes",
                                              "detained_count": "2", "notes": world.XSS})
        self.assertEqual(status, 303)
        self.assertTrue(headers["Location"].endswith(f"#report-{w['past_session']}"))
        row = self.q("SELECT body ->> 'ice_present', body ->> 'detained_count', "
                     "body ->> 'version' FROM reports;")
        self.assertEqual(row, "yes|2|1")
        _, _, body = self.get(self.page)
        self.assertNotIn("<script>alert", body)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", body)
        self.assertIn('value="yes" id', body.split(f'id="report-{w["past_session"]}"')[1])
        self.post(path, {"csrf": self.csrf(), "ice_present": "no", "detained_count": "0",
                         "notes": "corrected"})
        self.assertEqual(self.q("SELECT body ->> 'ice_present', body ->> 'detained_count', "
                                "body ->> 'notes', body ->> 'version' FROM reports;"),
                         "no|0|corrected|2")
        for bad in ({"ice_present": "maybe", "detained_count": "1"},
                    {"ice_present": "yes", "detained_count": "-1"},
                    {"ice_present": "yes", "detained_count": "many"},
                    {"ice_present": "yes", "detained_count": "1", "notes": "x" * 2001}):
            status, _, _ = self.post(path, dict(bad, csrf=self.csrf()))
            self.assertEqual(status, 400, bad)
        # A session that has not ended yet cannot be reported on.
        status, _, _ = self.post(f"{self.page}/sessions/{w['confirmed_session']}/report",
                                 {"csrf": self.csrf(), "ice_present": "no",
                                  "detained_count": "0"})
        self.assertEqual(status, 409)
        self.assertEqual(self.q("SELECT count(*) FROM reports;"), "1")

    def test_erase_needs_a_confirmation_step_then_removes_the_volunteer(self):
        w = self.w
        self.post(f"{self.page}/sessions/{w['past_session']}/report",
                  {"csrf": self.csrf(), "ice_present": "yes", "detained_count": "1"})
        status, _, body = self.get(self.page + "/erase")
        self.assertEqual(status, 200)
        self.assertIn("Yes, erase my data", body)
        self.assertEqual(self.q("SELECT count(*) FROM volunteers WHERE handle = 'v0001';"), "1")
        status, _, body = self.post(self.page + "/erase", {"csrf": self.csrf()})
        self.assertEqual(status, 200)
        self.assertIn("Your data has been erased", body)
        self.assertEqual(self.q("SELECT count(*) FROM volunteers WHERE handle = 'v0001';"), "0")
        self.assertEqual(self.q("SELECT count(*) FROM volunteers WHERE email LIKE 'ana%';"), "0")
        self.assertEqual(self.q("SELECT volunteer_id IS NULL FROM reports;"), "1")
        self.assertEqual(self.get(self.page)[0], 404)
        self.assertEqual(self.q("SELECT count(*) FROM tokens WHERE subject = "
                                "(SELECT subject FROM tokens WHERE purpose = 'volunteer-link' "
                                "ORDER BY id LIMIT 1) AND revoked IS NULL;"), "0")
        self.assertEqual(self.get("/v/" + w["beto_token"])[0], 200)


if __name__ == "__main__":
    cwtest.main()
