"""Calendar feeds end to end: the real daemon on loopback with a database
filled through the real CLI (import csv, volunteers import, match,
feed-url), every feed fetched over HTTP and read by four independent parsers
(ical.js, python-icalendar + recurring-ical-events, vobject, khal), which
must agree on every event's UTC start and end and see zone-aware times.
Dates are relative to today (the daemon's clock is the system clock); the
DST sessions sit on the next spring-forward and fall-back days of
America/Chicago."""
import datetime
import os
import re
import sys
import time
import unittest
import urllib.request
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import cwtest  # noqa: E402
import parsers  # noqa: E402

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = datetime.timezone.utc
PUBLIC = "https://watch.example.org"
HEADER = ("date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes,"
          "key\n")
CASE_REFS = ["A201234567", "A202345678", "A203456789", "A204567890", "A205678901",
             "A206789012", "A207890123", "A208901234"]
PRIVATE_WORDS = ["Juan Perez Lopez", "Maria Respondent", "respondent-note"]


def dst_days():
    """The next spring-forward and fall-back days in Chicago after tomorrow."""
    today = datetime.date.today()
    spring = fall = None
    for i in range(2, 800):
        d = today + datetime.timedelta(days=i)
        a = datetime.datetime(d.year, d.month, d.day, 0, 0, tzinfo=CHICAGO).utcoffset()
        b = datetime.datetime(d.year, d.month, d.day, 12, 0, tzinfo=CHICAGO).utcoffset()
        if b > a and spring is None:
            spring = d
        if b < a and fall is None:
            fall = d
        if spring and fall:
            return spring, fall
    raise AssertionError("no DST change found")


def utc(day, hhmm, zone, fold=0):
    h, m = map(int, hhmm.split(":"))
    local = datetime.datetime(day.year, day.month, day.day, h, m, tzinfo=zoneinfo.ZoneInfo(zone),
                              fold=fold)
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class FeedWorld:
    """The data set, its CSV rows and the expected UTC times per site."""

    def __init__(self):
        t = datetime.date.today()
        self.spring, self.fall = dst_days()
        d = lambda n: t + datetime.timedelta(days=n)  # noqa: E731
        # (date, start, end, site, location, type, language, detained, case, status, notes)
        self.rows = [
            (d(3), "09:00", "10:00", "CHI", "Courtroom 5", "master", "Spanish", "yes", 0, "",
             "Juan Perez Lopez"),
            (d(3), "09:30", "10:00", "CHI", "Courtroom 5", "master", "Mam", "no", 1, "", ""),
            (self.spring, "02:30", "03:30", "CHI", "Courtroom 6", "bond", "", "no", 2, "",
             "respondent-note"),
            (self.fall, "01:30", "02:30", "CHI", "Courtroom 7", "individual", "", "yes", 3, "", ""),
            (d(4), "08:30", "11:00", "AGA", "Courtroom 1", "master", "Chuukese", "no", 4, "",
             "Maria Respondent"),
            (d(5), "13:00", "15:00", "PHO", "Courtroom 2", "individual", "Spanish", "no", 5, "", ""),
            (d(6), "09:00", "10:00", "CHI", "Courtroom 9", "master", "", "no", 6, "", ""),
            (d(7), "09:00", "10:00", "CHI", "Courtroom 11", "master", "", "no", 7, "", ""),
            # Nobody serves San Francisco: an open session.
            (d(8), "09:00", "12:00", "SFR", "Courtroom 3", "master", "", "no", 0, "", ""),
        ]

    def csv(self, moved=False, cancelled=False):
        out = HEADER
        for i, (day, s, e, site, loc, typ, lang, det, case, status, notes) in enumerate(self.rows):
            if moved and loc == "Courtroom 9":
                s, e = "10:00", "11:30"
            if cancelled and loc == "Courtroom 11":
                status = "cancelled"
            out += (f"{day.isoformat()},{s},{e},{site},{loc},Judge Okafor,{typ},{lang},{det},"
                    f"{CASE_REFS[case]},{status},{notes},row-{i}\n")
        return out

    def expected_chi(self, moved=False):
        """UTC (start, end) of the active CHI sessions, sorted."""
        day3 = self.rows[0][0]
        out = [
            (utc(day3, "09:00", "America/Chicago"), utc(day3, "10:00", "America/Chicago")),
            # 02:30 does not exist: the first instant after the gap (03:00 CDT).
            (utc(self.spring, "03:00", "America/Chicago"),
             utc(self.spring, "03:30", "America/Chicago")),
            # 01:30 happens twice: the earlier one (CDT).
            (utc(self.fall, "01:30", "America/Chicago", fold=0),
             utc(self.fall, "02:30", "America/Chicago")),
            (utc(self.rows[6][0], "10:00" if moved else "09:00", "America/Chicago"),
             utc(self.rows[6][0], "11:30" if moved else "10:00", "America/Chicago")),
            (utc(self.rows[7][0], "09:00", "America/Chicago"),
             utc(self.rows[7][0], "10:00", "America/Chicago")),
        ]
        return sorted(out)


VOLUNTEERS = ("id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,"
              "extra,active,locale\n"
              "v0001,Ana Rivera,ana@example.org,,watcher,CHI;AGA;PHO,spanish,7,"
              "mon tue wed thu fri sat sun,,,yes,en\n"
              "v0002,Bo Chen,bo@example.org,,lead,CHI;AGA;PHO,,7,mon tue wed thu fri sat sun,,,"
              "yes,en\n")


def summaries(text):
    """Every parser's summary of one feed; ical.js is batched by the caller."""
    return {"icalendar": parsers.with_icalendar(text),
            "recurring-ical-events": parsers.with_recurring_ical_events(text),
            "vobject": parsers.with_vobject(text),
            "khal": parsers.with_khal(text)}


def times(events):
    return sorted((e["start"], e["end"]) for e in events)


class Served:
    """One database filled through the real CLI and a daemon serving it."""

    def __init__(self):
        self.world = FeedWorld()
        self.ws = cwtest.Workspace(
            '[feeds]\ncoordinator_contact = "Coordinator: Maria, +1 312 555 0100; '
            'watch@example.org"\n')
        try:
            with open(self.ws.config) as f:
                text = f.read()
            with open(self.ws.config, "w") as f:
                f.write(text.replace('listen = "127.0.0.1:0"\n',
                                     f'listen = "127.0.0.1:0"\npublic_url = "{PUBLIC}"\n'))
            self.ws.run("import", "csv", self.ws.write("hearings.csv", self.world.csv()), check=0)
            self.ws.run("volunteers", "import", self.ws.write("volunteers.csv", VOLUNTEERS),
                        check=0)
            self.last = (datetime.date.today() + datetime.timedelta(days=800)).isoformat()
            self.ws.run("match", "--from", datetime.date.today().isoformat(), "--to", self.last,
                        check=0)
            self.urls = {name: self.feed_url(*args) for name, args in {
                "v0001": ["v0001"], "v0002": ["v0002"], "CHI": ["--site", "CHI"],
                "AGA": ["--site", "aga"], "PHO": ["--site", "PHO"], "open": ["--open"]}.items()}
            self.daemon = cwtest.Daemon(self.ws)
        except BaseException:
            self.ws.close()
            raise
        self.seen = []  # (etag, body) of every 200, for the ETag rule

    def close(self):
        self.daemon.stop()
        self.ws.close()

    def feed_url(self, *args):
        out = self.ws.run("feed-url", *args, check=0).stdout.split()
        assert out[0].startswith(PUBLIC + "/feeds/") and out[1].startswith("webcal://"), out
        assert out[1] == "webcal://" + out[0][len("https://"):]
        return out[0]

    def path(self, name):
        return self.urls[name][len(PUBLIC):]

    def fetch(self, name_or_path, headers=None):
        path = self.path(name_or_path) if name_or_path in self.urls else name_or_path
        status, hdrs, body = self.daemon.get(path, headers)
        if status == 200:
            self.seen.append((hdrs["ETag"], body))
        return status, hdrs, body

    def fetch_raw(self, name):
        with urllib.request.urlopen(self.daemon.url + self.path(name), timeout=10) as r:
            return r.read()

    def change(self):
        """Moves the Courtroom 9 session and cancels Courtroom 11's, through the CLI."""
        csv = self.ws.write("hearings.csv", self.world.csv(moved=True, cancelled=True))
        self.ws.run("import", "csv", csv, check=0)
        self.ws.run("match", "--from", datetime.date.today().isoformat(), "--to", self.last,
                    check=0)


class FeedsEndToEnd(unittest.TestCase):
    """Tests that only read share one served database; a test that changes
    data or tokens gets its own (fresh()), so no test depends on another's
    order or state."""

    @classmethod
    def setUpClass(cls):
        cls.shared = Served()

    @classmethod
    def tearDownClass(cls):
        cls.shared.close()

    def fresh(self):
        s = Served()
        self.addCleanup(s.close)
        return s

    def test_a_every_feed_parses_alike_in_four_independent_parsers(self):
        names = list(self.shared.urls)
        bodies = {}
        for name in names:
            status, _, bodies[name] = self.shared.fetch(name)
            self.assertEqual(status, 200, name)
        icaljs = dict(zip(names, parsers.with_icaljs([bodies[n] for n in names])))
        for name in names:
            got = summaries(bodies[name])
            got["ical.js"] = icaljs[name]
            ref = got["icalendar"]
            if name not in ("v0002",):
                self.assertTrue(ref, f"{name}: no events")
            for parser, events in got.items():
                with self.subTest(feed=name, parser=parser):
                    self.assertTrue(all(e["aware"] for e in events), events)
                    if parser == "khal":
                        self.assertEqual(times(events), times(ref))
                        self.assertEqual(sorted(e["status"] for e in events),
                                         sorted(e["status"] for e in ref))
                    else:
                        self.assertEqual(events, ref)

    def test_b_site_feeds_have_the_expected_utc_times_on_dst_days_and_without_dst(self):
        _, _, chi = self.shared.fetch("CHI")
        self.assertEqual(times(parsers.with_icalendar(chi)),
                         [(s, e) for s, e in self.shared.world.expected_chi()])
        spring = self.shared.world.spring.strftime("%Y%m%d")
        fall = self.shared.world.fall.strftime("%Y%m%d")
        self.assertIn(f"DTSTART:{spring}T080000Z", chi)  # gap: written in UTC
        self.assertRegex(chi, rf"DTSTART:{fall}T0630" r"00Z")  # overlap: written in UTC
        self.assertIn("DTSTART;TZID=America/Chicago:", chi)
        self.assertIn("\r\nTZID:America/Chicago\r\n", chi)
        self.assertNotIn("freeassociation", chi)
        day4, day5 = self.shared.world.rows[4][0], self.shared.world.rows[5][0]
        _, _, aga = self.shared.fetch("AGA")
        self.assertEqual(times(parsers.with_vobject(aga)),
                         [(utc(day4, "08:30", "Pacific/Guam"), utc(day4, "11:00", "Pacific/Guam"))])
        self.assertIn("\r\nTZID:Pacific/Guam\r\n", aga)
        _, _, pho = self.shared.fetch("PHO")
        self.assertEqual(times(parsers.with_vobject(pho)),
                         [(utc(day5, "13:00", "America/Phoenix"),
                           utc(day5, "15:00", "America/Phoenix"))])
        self.assertIn("\r\nTZID:America/Phoenix\r\n", pho)

    def test_c_feeds_use_crlf_and_fold_at_75_octets(self):
        for name in self.shared.urls:
            raw = self.shared.fetch_raw(name)
            self.assertTrue(raw.endswith(b"\r\n"), name)
            self.assertEqual(raw.count(b"\n"), raw.count(b"\r\n"), f"{name}: bare LF")
            for line in raw.split(b"\r\n"):
                self.assertLessEqual(len(line), 75, line)

    def test_d_http_validators_304_and_head(self):
        status, h, body = self.shared.fetch("CHI")
        self.assertEqual(h["Content-Type"], "text/calendar; charset=utf-8")
        self.assertEqual(h["Cache-Control"], "private, max-age=300")
        self.assertRegex(h["ETag"], r'^"[0-9a-f]{32}"$')
        etag, lm = h["ETag"], h["Last-Modified"]
        self.assertEqual(self.shared.fetch("CHI", {"If-None-Match": etag})[0], 304)
        self.assertEqual(self.shared.fetch("CHI", {"If-None-Match": f'"x", W/{etag}'})[0], 304)
        self.assertEqual(self.shared.fetch("CHI", {"If-Modified-Since": lm})[0], 304)
        self.assertEqual(self.shared.fetch("CHI", {"If-None-Match": '"other"',
                                            "If-Modified-Since": lm})[0], 200)
        self.assertEqual(self.shared.fetch("CHI", {"If-Modified-Since":
                                            "Mon, 01 Jan 2001 00:00:00 GMT"})[0], 200)
        # Not HTTP-dates, so ignored (RFC 9110): a year past int (sscanf's %d
        # wrapped 2^32 + 2100 to 2100, a future date, and answered 304), a
        # date with trailing text, an unknown month.
        for bad in ("Fri, 01 Jan 4294969396 00:00:00 GMT", lm + " x",
                    lm.replace(lm[8:11], "Foo")):
            self.assertEqual(self.shared.fetch("CHI", {"If-Modified-Since": bad})[0], 200, bad)
        req = urllib.request.Request(self.shared.daemon.url + self.shared.path("CHI"), method="HEAD")
        with urllib.request.urlopen(req, timeout=10) as r:
            self.assertEqual(r.status, 200)
            self.assertEqual(r.headers["ETag"], etag)
            self.assertEqual(int(r.headers["Content-Length"]), len(body.encode()))
            self.assertEqual(r.read(), b"")

    def test_e_events_carry_identity_text_alarm_and_calendar_properties(self):
        _, _, chi = self.shared.fetch("CHI")
        unfolded = chi.replace("\r\n ", "")
        for prop in ["VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:Court watch · Chicago (CHI)", "NAME:Court watch · Chicago (CHI)",
                     "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
                     "ACTION:DISPLAY", "TRIGGER:-PT2H",
                     "LOCATION:55 E. Monroe St.\\, Suite 1500\\, Chicago\\, IL 60603"]:
            self.assertIn("\r\n" + prop + "\r\n", unfolded)
        uids = re.findall(r"\r\nUID:([^\r]*)", unfolded)
        self.assertEqual(len(uids), 5)
        for uid in uids:
            self.assertRegex(uid, r"^session-\d+@watch\.example\.org$")
        self.assertRegex(unfolded, r"SUMMARY:\[(UNCOVERED|\d/\d)\] Court watch · Chicago · "
                                   r"Courtroom 5 \(master calendar\)")
        self.assertIn("Coordinator: Coordinator: Maria\\, +1 312 555 0100\\; watch@example.org",
                      unfolded)
        self.assertIn("Judge: Judge Okafor\\nCalendar: master calendar\\nHearings: 2\\n"
                      "Languages: mam\\, spanish\\nDetained: 1", unfolded)
        _, _, mine = self.shared.fetch("v0001")
        mine = mine.replace("\r\n ", "")
        link = re.search(r"Your page: (https://watch\.example\.org/v/([a-z2-7]{26}))", mine)
        self.assertIsNotNone(link)
        self.assertIn(f"\r\nURL:{link.group(1)}\r\n", mine)
        self.assertNotIn(link.group(2), self.shared.urls["v0001"])  # its own token, not the feed's

    def test_f_volunteer_feed_shows_proposals_as_tentative(self):
        _, _, mine = self.shared.fetch("v0001")
        statuses = {e["status"] for e in parsers.with_icalendar(mine)}
        self.assertEqual(statuses, {"TENTATIVE"})
        _, _, open_feed = self.shared.fetch("open")
        for e in parsers.with_icalendar(open_feed):
            self.assertIn(e["status"], ("CONFIRMED", "CANCELLED"))

    def test_g_moved_session_gets_new_time_and_higher_sequence_cancelled_stays(self):
        s = self.fresh()
        _, h0, before = s.fetch("CHI")
        old = {e["uid"]: e for e in parsers.with_icalendar(before)}
        self.assertEqual(s.fetch("CHI")[1]["ETag"], h0["ETag"])  # nothing changed
        s.change()
        _, h1, after = s.fetch("CHI")
        self.assertNotEqual(h1["ETag"], h0["ETag"])
        new = {e["uid"]: e for e in parsers.with_icalendar(after)}
        self.assertEqual(set(new), set(old))  # same identities
        moved_day = s.world.rows[6][0]
        moved = [u for u, e in new.items()
                 if e["start"] == utc(moved_day, "10:00", "America/Chicago")]
        self.assertEqual(len(moved), 1)
        self.assertEqual(old[moved[0]]["start"], utc(moved_day, "09:00", "America/Chicago"))
        self.assertGreater(new[moved[0]]["sequence"], old[moved[0]]["sequence"])
        self.assertEqual(times(new.values()), s.world.expected_chi(moved=True))
        cancelled_start = utc(s.world.rows[7][0], "09:00", "America/Chicago")
        gone = [u for u, e in new.items() if e["start"] == cancelled_start]
        self.assertEqual(len(gone), 1)
        for parser_events in [parsers.with_icalendar(after), parsers.with_vobject(after),
                              parsers.with_icaljs([after])[0]]:
            by_uid = {e["uid"]: e for e in parser_events}
            self.assertEqual(by_uid[gone[0]]["status"], "CANCELLED")
            self.assertGreater(by_uid[gone[0]]["sequence"], old[gone[0]]["sequence"])
            self.assertEqual(by_uid[moved[0]]["start"], utc(moved_day, "10:00", "America/Chicago"))
        self.assertEqual([e["status"] for e in parsers.with_khal(after)
                          if e["start"] == cancelled_start], ["CANCELLED"])
        # Unchanged data again: the same bytes and ETag, and 304 on revalidation.
        _, h2, again = s.fetch("CHI")
        self.assertEqual((h2["ETag"], again), (h1["ETag"], after))
        self.assertEqual(s.fetch("CHI", {"If-None-Match": h1["ETag"]})[0], 304)

    def test_h_rotation_and_unknown_tokens_answer_the_same_404(self):
        s = self.fresh()
        self.assertEqual(s.feed_url("--open"), s.urls["open"])  # re-printable
        rotated = s.feed_url("--open", "--rotate")
        self.assertNotEqual(rotated, s.urls["open"])
        old_status, _, old_body = s.fetch("open")
        self.assertEqual(old_status, 404)
        self.assertEqual(s.fetch(rotated[len(PUBLIC):])[0], 200)
        site_token = s.path("CHI").rsplit("/", 1)[1]
        for path in ["/feeds/open/" + "a" * 26 + ".ics", "/feeds/open/x.ics",
                     "/feeds/open/" + site_token, "/feeds/site/AGA/" + site_token,
                     "/feeds/v/" + "2" * 26 + ".ics"]:
            status, _, body = s.fetch(path)
            self.assertEqual((status, body), (404, old_body), path)
        self.assertEqual(s.fetch("/no/such/page")[2], old_body)
        s.urls["open"] = rotated

    def test_i_too_many_misses_from_one_client_get_429(self):
        other = cwtest.Daemon(self.shared.ws)  # its own limiter, so the others are not locked out
        try:
            statuses = []
            for i in range(24):
                req = urllib.request.Request(f"{other.url}/feeds/open/{i:026d}.ics")
                try:
                    urllib.request.urlopen(req, timeout=10)
                    statuses.append(200)
                except urllib.error.HTTPError as e:
                    statuses.append(e.code)
            self.assertEqual(statuses[:20], [404] * 20)
            self.assertEqual(statuses[20:], [429] * 4)
            try:
                urllib.request.urlopen(other.url + self.shared.path("CHI"), timeout=10)
                self.fail("a locked-out client got a feed")
            except urllib.error.HTTPError as e:
                self.assertEqual(e.code, 429)
        finally:
            other.stop()

    def test_y_no_feed_contains_a_case_reference_or_respondent_data(self):
        s = self.fresh()
        bodies = [s.fetch(name)[2] for name in s.urls]
        s.change()  # moved and cancelled sessions too
        bodies += [s.fetch(name)[2] for name in s.urls]
        self.assertEqual(len(bodies), 12)
        self.assertTrue(all("BEGIN:VCALENDAR" in b for b in bodies))
        self.assertGreaterEqual(sum("BEGIN:VEVENT" in b for b in bodies), 10)
        for body in bodies:
            flat = body.replace("\r\n ", "")
            for secret in CASE_REFS + PRIVATE_WORDS:
                self.assertNotIn(secret, flat)
            self.assertIsNone(re.search(r"A-?\d{8,9}\b", flat))
            for name, url in s.urls.items():
                self.assertNotIn(url.rsplit("/", 1)[1].removesuffix(".ics"), flat, name)

    def test_z_etag_changes_exactly_when_the_body_changes(self):
        s = self.fresh()
        for _ in range(2):
            for name in s.urls:
                s.fetch(name)
        s.change()
        for _ in range(2):
            for name in s.urls:
                s.fetch(name)
        self.assertEqual(len(s.seen), 24)
        by_etag, by_body = {}, {}
        for etag, body in s.seen:
            self.assertEqual(by_etag.setdefault(etag, body), body)
            self.assertEqual(by_body.setdefault(body, etag), etag)
        self.assertGreater(len(by_etag), 5)


if __name__ == "__main__":
    cwtest.main()
