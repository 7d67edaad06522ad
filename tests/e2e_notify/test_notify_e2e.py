"""Notifications end to end: the real daemon plans invitations from the
store, renders them and sends them over SMTP (libcurl, STARTTLS + AUTH, the
test's own certificate passed as ca_file) to Debian's aiosmtpd on loopback;
the test reads what arrived. Also: a moved session's change notice, kill -9
in the middle of sending, and the signed JSON webhook with retries."""
import datetime
import hashlib
import hmac
import http.server
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import cwtest  # noqa: E402
from cwtest import Daemon  # noqa: E402

import icalendar  # noqa: E402
import notify_harness as h  # noqa: E402

PUBLIC = "https://watch.example.org"
CASE_REFS = ["A-201-301-401", "A-202-302-402", "A-203-303-403"]


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


class Ws:
    """A workspace: database, config, CSV files; run the CLI."""

    def __init__(self, extra_config):
        self.tmp = tempfile.TemporaryDirectory(prefix="cw-notify-")
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "cw.db")
        self.config = os.path.join(self.dir, "courtwatch.toml")
        h.write_config(self.config, self.db, cwtest.ARGS.source, "127.0.0.1:0", PUBLIC,
                       extra_config)
        self.outputs = []

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    add_user = cwtest.Workspace.add_user
    api_token = cwtest.Workspace.api_token

    def run(self, *args, check=0, stdin=None):
        r = subprocess.run([cwtest.ARGS.binary, "--config", self.config, *args],
                           capture_output=True, text=True, timeout=120, cwd=self.dir,
                           input=stdin)
        self.outputs.append(r.stdout + r.stderr)
        if check is not None and r.returncode != check:
            raise AssertionError(f"{args} exited {r.returncode}: {r.stdout} {r.stderr}")
        return r


def hearings_csv(start_times):
    rows = ""
    for i, t in enumerate(start_times):
        rows += (f"{day(3)},{t},,CHI,Courtroom {i + 1},Judge {i + 1},master,spanish,no,"
                 f"{CASE_REFS[i % len(CASE_REFS)]}-{i},,,k{i}\n")
    return h.HEADER + rows


def volunteers_csv(n, locales=None):
    rows = ""
    for i in range(n):
        loc = (locales or {}).get(i, "en")
        rows += (f"v{i + 1:04d},Volunteer {i + 1},v{i + 1}@example.org,+1 312 555 {i:04d},"
                 f"watcher,CHI,spanish,3,mon tue wed thu fri sat sun,,,yes,{loc}\n")
    return h.VOL_HEADER + rows


def refresh(ws, csv):
    """Imports the CSV and brings the sessions up to date (`sessions` does
    that today; once the import use case refreshes sessions itself, the second
    command only reads)."""
    ws.run("import", "csv", csv)
    ws.run("sessions", "--from", day(0), "--to", day(10))


class Seeded:
    """Sessions and volunteers in a workspace, with invited assignments i ↔ i."""

    def __init__(self, ws, n, start_times=None, locales=None):
        self.csv = ws.write("hearings.csv", hearings_csv(start_times or ["09:00"] * n))
        refresh(ws, self.csv)
        ws.run("volunteers", "import", ws.write("volunteers.csv", volunteers_csv(n, locales)))
        sessions = [r[0] for r in h.query(ws.db, "SELECT id FROM sessions ORDER BY location")]
        vols = [r[0] for r in h.query(ws.db, "SELECT id FROM volunteers ORDER BY handle")]
        assert len(sessions) == n and len(vols) == n, (sessions, vols)
        self.sessions, self.volunteers = sessions, vols
        self.assignments = h.invite_all(ws.db, list(zip(sessions, vols)))


def parts(msg):
    out = {}
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype in ("text/plain", "text/html", "text/calendar"):
            out[ctype] = part.get_payload(decode=True)
    return out


class NotifySmtp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cw-smtp-")
        self.key, self.cert = h.make_cert(self.tmp.name)
        self.smtp = h.SmtpServer(os.path.join(self.tmp.name, "mail"), self.cert, self.key)
        pw = os.path.join(self.tmp.name, "smtp-password")
        with open(pw, "w") as f:
            f.write(self.smtp.password + "\n")
        self.ws = Ws(h.smtp_config(self.smtp, self.cert, pw))
        self.daemons = []

    def tearDown(self):
        for d in self.daemons:
            if d.proc.poll() is None:
                d.stop()
        self.smtp.stop()
        self.ws.tmp.cleanup()
        self.tmp.cleanup()

    def daemon(self):
        d = Daemon(self.ws, )
        self.daemons.append(d)
        return d

    def token_subject(self, token):
        digest = hashlib.blake2b(token.encode(), digest_size=32).digest()
        rows = h.query(self.ws.db, "SELECT purpose, subject FROM tokens WHERE token_hash = ? "
                       "AND revoked IS NULL", (digest,))
        return rows[0] if rows else None

    def test_invitations_arrive_with_headers_ics_links_and_language(self):
        seeded = Seeded(self.ws, 2, ["09:00", "13:30"], locales={1: "es"})
        d = self.daemon()
        got = self.smtp.wait_for(2, timeout=60)
        by_to = {m["To"]: (raw, m) for raw, m in got}
        self.assertEqual(set(by_to), {"v1@example.org", "v2@example.org"})
        seq = dict(h.query(self.ws.db, "SELECT id, sequence FROM sessions"))
        feed_url = self.ws.run("feed-url", "v0001").stdout.split()[0]
        status, _, feed = d.get(feed_url[len(PUBLIC):])
        self.assertEqual(status, 200)
        feed_events = {str(e["UID"]): int(e["SEQUENCE"])
                       for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")}
        for i, to in enumerate(["v1@example.org", "v2@example.org"]):
            raw, m = by_to[to]
            for ref in CASE_REFS:
                self.assertNotIn(ref.encode(), raw)
            self.assertRegex(m["Message-ID"], r"^<cw-[0-9a-f]{32}@watch\.example\.org>$")
            self.assertIsNotNone(m["Date"].datetime)
            self.assertEqual(m["From"], "Court Watch <watch@example.org>")
            self.assertEqual(m["Reply-To"], "coordinator@example.org")
            self.assertEqual(m["X-Auth-Login"], "courtwatch")
            self.assertIn("<mailto:coordinator@example.org?subject=unsubscribe>",
                          m["List-Unsubscribe"])
            p = parts(m)
            text = p["text/plain"].decode()
            links = re.findall(re.escape(PUBLIC) + r"/v/([a-z2-7]{26})#assignment-(\d+)", text)
            self.assertEqual(len(links), 1, text)
            token, aid = links[0]
            self.assertEqual(int(aid), seeded.assignments[i])
            self.assertEqual(self.token_subject(token),
                             ("volunteer-link", str(seeded.volunteers[i])))
            self.assertIn(f'href="{PUBLIC}/v/{token}#assignment-{aid}"',
                          p["text/html"].decode())
            cal = icalendar.Calendar.from_ical(p["text/calendar"])
            self.assertEqual(str(cal["METHOD"]), "REQUEST")
            ev = cal.walk("VEVENT")[0]
            uid = f"session-{seeded.sessions[i]}@watch.example.org"
            self.assertEqual(str(ev["UID"]), uid)
            self.assertEqual(int(ev["SEQUENCE"]), seq[seeded.sessions[i]])
            if i == 0:
                self.assertEqual(feed_events[uid], int(ev["SEQUENCE"]))
            self.assertIn(to, str(ev["ATTENDEE"]))
        self.assertRegex(by_to["v1@example.org"][1]["Subject"],
                         r"^Court watch invitation: Chicago.*, \w{3} \d+ \w{3} \d{4}, 09:00–")
        es = by_to["v2@example.org"][1]
        self.assertTrue(es["Subject"].startswith("Invitación a observar audiencias"), es["Subject"])
        self.assertIn("Hola, Volunteer 2:", parts(es)["text/plain"].decode())
        # A scanner opening the link changes nothing.
        before = h.query(self.ws.db, "SELECT id, state, version FROM assignments ORDER BY id")
        token = re.findall(r"/v/([a-z2-7]{26})", parts(by_to["v1@example.org"][1])
                           ["text/plain"].decode())[0]
        d.get(f"/v/{token}")
        self.assertEqual(before, h.query(self.ws.db,
                                         "SELECT id, state, version FROM assignments ORDER BY id"))
        # The outbox says what happened; preview lists the volunteer's messages.
        listed = json.loads(self.ws.run("outbox", "list", "--state", "sent", "--json").stdout)
        self.assertEqual(sorted(r["kind"] for r in listed), ["invitation", "invitation"])
        preview = json.loads(self.ws.run("outbox", "preview", "v0001", "--json").stdout)
        kinds = {(p["kind"], p["state"]) for p in preview}
        self.assertIn(("invitation", "sent"), kinds)
        self.assertIn(("confirm-request", "pending"), kinds)
        for p in preview:
            self.assertEqual(set(p), {"kind", "session", "due", "channel", "state", "subject"})
            self.assertRegex(p["due"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        metrics = d.get("/metrics", d.authorize())[2]
        self.assertIn('courtwatch_outbox{state="sent"} 2', metrics)
        for out in self.ws.outputs:
            for ref in CASE_REFS:
                self.assertNotIn(ref, out)

    def test_sighup_with_new_smtp_settings_starts_sending(self):
        with open(self.ws.config) as f:
            full = f.read()
        without_smtp = full[:full.index("[smtp]")]
        with open(self.ws.config, "w") as f:
            f.write(without_smtp)
        Seeded(self.ws, 2)
        d = self.daemon()
        time.sleep(2)  # plan_interval is 1 s: with no channel nothing is planned or sent
        self.assertEqual(self.smtp.files(), [])
        self.assertEqual(h.query(self.ws.db, "SELECT count(*) FROM outbox")[0][0], 0)
        with open(self.ws.config, "w") as f:
            f.write(full)
        d.proc.send_signal(signal.SIGHUP)
        got = self.smtp.wait_for(2, timeout=60)
        self.assertEqual({m["To"] for _, m in got}, {"v1@example.org", "v2@example.org"})
        _, err = d.stop()
        self.assertIn("configuration reloaded; applied: smtp", err)
        self.assertIn("notification settings applied", err)

    def test_a_moved_session_sends_a_change_old_to_new(self):
        seeded = Seeded(self.ws, 1, ["09:00"])
        self.daemon()
        self.smtp.wait_for(1)
        self.ws.write("hearings.csv", hearings_csv(["10:30"]))
        refresh(self.ws, seeded.csv)
        got = self.smtp.wait_for(2)
        raw, change = got[1]
        self.assertTrue(change["Subject"].startswith("Changed: court watch"), change["Subject"])
        text = parts(change)["text/plain"].decode()
        self.assertRegex(text, r"Before: .*09:00")
        self.assertRegex(text, r"Now: .*10:30")
        self.assertNotEqual(change["Message-ID"], got[0][1]["Message-ID"])
        for ref in CASE_REFS:
            self.assertNotIn(ref.encode(), raw)

    def test_a_report_of_ice_presence_alerts_the_sites_coordinator_at_once(self):
        h.write_config(self.ws.config, self.ws.db, cwtest.ARGS.source, "127.0.0.1:0", PUBLIC,
                       h.smtp_config(self.smtp, self.cert, self.tmp.name + "/smtp-password") +
                       '[[notify.coordinators]]\nname = "Maria"\nemail = "maria@example.org"\n'
                       'timezone = "America/Chicago"\nsites = ["CHI"]\nlocale = "es"\n'
                       '[[notify.coordinators]]\nname = "Hal"\nemail = "hal@example.org"\n'
                       'timezone = "America/Chicago"\nsites = ["HOU"]\n')
        seeded = Seeded(self.ws, 1)
        con = sqlite3.connect(self.ws.db)
        with con:
            con.execute("INSERT INTO reports (session_id, volunteer_id, created, body) "
                        "VALUES (?, ?, ?, ?)",
                        (seeded.sessions[0], seeded.volunteers[0], int(time.time()),
                         json.dumps({"ice_present": "yes", "detained_count": 2,
                                     "notes": "Name Surname A-999-888-777 taken"})))
        con.close()
        self.daemon()
        deadline = time.time() + 30
        alerts = []
        while time.time() < deadline and not alerts:
            alerts = [(raw, m) for raw, m in self.smtp.messages()
                      if m["Subject"].startswith("ALERTA")]
            time.sleep(0.1)
        self.assertEqual(len(alerts), 1)
        raw, m = alerts[0]
        self.assertEqual(m["To"], "maria@example.org")
        text = parts(m)["text/plain"].decode()
        self.assertIn("ICE presente: sí. Personas detenidas: 2.", text)
        self.assertIn(f"{PUBLIC}/sessions/{seeded.sessions[0]}", text)
        self.assertNotIn(b"A-999-888-777", raw)
        self.assertNotIn(b"Surname", raw)
        time.sleep(1.5)
        self.assertFalse([m for _, m in self.smtp.messages() if m["To"] == "hal@example.org"
                          and m["Subject"].startswith("ALERT")])

    def test_the_daily_digest_words_each_unfilled_reason_in_the_coordinators_language(self):
        """Issue 8: the reason and why a failed import failed come from app/'s
        catalogs in the coordinator's language; a Spanish digest carried the
        English words before."""
        now = datetime.datetime.now(datetime.timezone.utc)
        due = max(now - datetime.timedelta(minutes=2),
                  now.replace(hour=0, minute=0, second=0, microsecond=0))
        coordinators = "".join(
            f'[[notify.coordinators]]\nname = "{name}"\nemail = "{mail}"\n'
            f'timezone = "Etc/UTC"\nsites = ["CHI"]\nlocale = "{loc}"\n'
            for name, mail, loc in [("Maria", "maria@example.org", "es"),
                                    ("Hal", "hal@example.org", "en")])
        h.write_config(self.ws.config, self.ws.db, cwtest.ARGS.source, "127.0.0.1:0", PUBLIC,
                       h.smtp_config(self.smtp, self.cert, self.tmp.name + "/smtp-password",
                                     f'digest_at = "{due:%H:%M}"\n') + coordinators)
        # A morning session the day after tomorrow: within the digest's 72 hours at any hour.
        refresh(self.ws, self.ws.write("hearings.csv", h.HEADER + f"{day(2)},09:00,,CHI,"
                                       f"Courtroom 1,Judge 1,master,spanish,no,{CASE_REFS[0]},,,k0\n"))
        # The one volunteer for CHI watches only on a weekday other than the session's.
        session_day = datetime.date.fromisoformat(day(2))
        other = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][(session_day.weekday() + 1) % 7]
        self.ws.run("volunteers", "import", self.ws.write(
            "volunteers.csv", h.VOL_HEADER + f"v0001,Volunteer 1,v1@example.org,,watcher,CHI,"
                                             f"spanish,3,{other},,,yes,en\n"))
        # A calendar import that failed as a whole: the digest says why in
        # the coordinator's language (the run's English error is the CLI's).
        failed = self.ws.run("import", "ics", self.ws.path("gone/partner.ics"), "--site", "CHI",
                             check=None)
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("partner.ics: cannot open", failed.stderr)
        self.daemon()
        deadline = time.time() + 60
        digests = {}
        while time.time() < deadline and len(digests) < 2:
            digests = {m["To"]: parts(m)["text/plain"].decode() for _, m in self.smtp.messages()
                       if m["Subject"].startswith(("Court watch daily digest", "Resumen diario"))}
            time.sleep(0.2)
        self.assertEqual(set(digests), {"maria@example.org", "hal@example.org"}, digests)
        weekday_en = session_day.strftime("%A")
        weekday_es = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábados",
                      "domingos"][session_day.weekday()]
        en, es = digests["hal@example.org"], digests["maria@example.org"]
        self.assertIn(f"1 × no active volunteer for CHI on {weekday_en} mornings", en)
        self.assertIn(f"1 × ningún voluntario activo para CHI los {weekday_es} por la mañana", es)
        self.assertIn("el archivo partner.ics no existe", es)
        self.assertIn("the file partner.ics does not exist", en)
        for english in ("no active volunteer", "mornings", weekday_en, "no volunteer assigned",
                        "cannot open", "No such file", "does not exist"):
            self.assertNotIn(english, es)
        for ref in CASE_REFS:
            self.assertNotIn(ref, en + es)

    def test_kill_9_mid_send_then_restart_sends_everything_and_few_duplicates(self):
        n = 120
        Seeded(self.ws, n)
        d = self.daemon()
        kills = 0
        for target in (20, 60):
            deadline = time.time() + 60
            while len(self.smtp.files()) < target and time.time() < deadline:
                time.sleep(0.005)
            os.kill(d.proc.pid, signal.SIGKILL)
            d.proc.wait()
            kills += 1
            d = self.daemon()
        got = self.smtp.wait_for(n, timeout=120)
        time.sleep(1.5)  # anything more would be a duplicate
        got = self.smtp.messages()
        ids = [m["Message-ID"] for _, m in got]
        unique = set(ids)
        self.assertEqual(len(unique), n)
        duplicates = len(ids) - len(unique)
        print(f"\nkill -9 ×{kills} while sending {n}: {duplicates} duplicate(s)", file=sys.stderr)
        # At most the messages in the servers' hands at each kill (concurrency 2).
        self.assertLessEqual(duplicates, 2 * kills)
        states = dict(h.query(self.ws.db, "SELECT state, count(*) FROM outbox "
                              "WHERE kind = 'invitation' GROUP BY state"))
        self.assertEqual(states, {"sent": n})

    def test_temporary_failure_retries_and_permanent_failure_fails_at_once(self):
        self.smtp.stop()
        shutil.rmtree(self.smtp.outdir)
        self.smtp = h.SmtpServer(self.smtp.outdir, self.cert, self.key, tempfail=1,
                                 password=self.smtp.password)
        h.write_config(self.ws.config, self.ws.db, cwtest.ARGS.source, "127.0.0.1:0", PUBLIC,
                       h.smtp_config(self.smtp, self.cert, self.tmp.name + "/smtp-password"))
        Seeded(self.ws, 1)
        self.daemon()
        self.smtp.wait_for(1, timeout=30)
        rows = h.query(self.ws.db, "SELECT state, attempts FROM outbox WHERE kind='invitation'")
        self.assertEqual(rows, [("sent", 2)])

    def test_a_5xx_reply_fails_the_message_without_retrying(self):
        self.smtp.stop()
        self.smtp = h.SmtpServer(self.smtp.outdir, self.cert, self.key, reject=True,
                                 password=self.smtp.password)
        h.write_config(self.ws.config, self.ws.db, cwtest.ARGS.source, "127.0.0.1:0", PUBLIC,
                       h.smtp_config(self.smtp, self.cert, self.tmp.name + "/smtp-password"))
        Seeded(self.ws, 1)
        d = self.daemon()
        deadline = time.time() + 30
        rows = []
        while time.time() < deadline:
            rows = h.query(self.ws.db, "SELECT state, attempts, last_error FROM outbox "
                           "WHERE kind = 'invitation'")
            if rows and rows[0][0] == "failed":
                break
            time.sleep(0.1)
        self.assertEqual(rows[0][:2], ("failed", 1))
        self.assertIn("554", rows[0][2])
        metrics = d.get("/metrics", d.authorize())[2]
        self.assertIn("courtwatch_outbox_failures 1\n", metrics)
        self.assertIn('courtwatch_outbox{state="failed"} 1\n', metrics)
        listed = json.loads(self.ws.run("outbox", "list", "--state", "failed", "--json").stdout)
        self.assertEqual(len(listed), 1)
        r = self.ws.run("outbox", "retry", str(listed[0]["id"]))
        self.assertIn("pending again", r.stdout)
        self.assertEqual(self.ws.run("outbox", "retry", "999999", check=1).returncode, 1)

    def test_wrong_password_or_untrusted_certificate_never_delivers(self):
        with open(self.tmp.name + "/smtp-password", "w") as f:
            f.write("wrong\n")
        Seeded(self.ws, 1)
        self.daemon()
        deadline = time.time() + 20
        row = None
        while time.time() < deadline:
            rows = h.query(self.ws.db, "SELECT state, last_error FROM outbox "
                           "WHERE kind = 'invitation'")
            if rows and rows[0][1]:
                row = rows[0]
                break
            time.sleep(0.1)
        self.assertIsNotNone(row)
        self.assertEqual(row[0], "failed")  # 535: a 5xx reply
        self.assertIn("535", row[1])
        self.assertEqual(self.smtp.files(), [])


class Receiver(http.server.BaseHTTPRequestHandler):
    secret = b""
    received = []
    answers = {}  # volunteer handle → list of statuses to answer in turn

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        sig = self.headers["X-Courtwatch-Signature"]
        good = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        doc = json.loads(body)
        Receiver.received.append((hmac.compare_digest(sig, good), doc,
                                  self.headers["X-Courtwatch-Message-Id"]))
        queue = Receiver.answers.get(doc["volunteer"], [200])
        status = queue.pop(0) if len(queue) > 1 else queue[0]
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class NotifyWebhook(unittest.TestCase):
    def test_signed_posts_503_retries_400_fails_at_once(self):
        Receiver.secret = b"webhook-secret-for-tests"
        Receiver.received = []
        Receiver.answers = {"v0001": [503, 200], "v0002": [400]}
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        t = threading.Thread(target=server.serve_forever, daemon=True)
        t.start()
        tmp = tempfile.TemporaryDirectory(prefix="cw-hook-")
        secret = os.path.join(tmp.name, "hook-secret")
        with open(secret, "w") as f:
            f.write(Receiver.secret.decode() + "\n")
        ws = Ws('[notify]\nquiet_start = "00:00"\nquiet_end = "00:00"\nplan_interval = 1\n'
                'backoff_base = 1\n'
                f'[webhook]\nurl = "http://127.0.0.1:{server.server_address[1]}/hook"\n'
                f'secret_file = "{secret}"\n')
        d = None
        try:
            Seeded(ws, 2)
            h.query(ws.db, "SELECT 1")
            con = sqlite3.connect(ws.db)
            with con:
                con.execute("UPDATE volunteers SET channel = 'webhook'")
            con.close()
            d = Daemon(ws)
            deadline = time.time() + 30
            states = {}
            while time.time() < deadline:
                states = dict(h.query(ws.db, "SELECT recipient, state || ':' || attempts "
                                      "FROM outbox WHERE kind = 'invitation'"))
                if states.get("v0001") == "sent:2" and states.get("v0002", "").startswith("failed"):
                    break
                time.sleep(0.1)
            self.assertEqual(states, {"v0001": "sent:2", "v0002": "failed:1"})
            self.assertTrue(all(ok for ok, _, _ in Receiver.received))
            first = [doc for _, doc, _ in Receiver.received if doc["volunteer"] == "v0001"]
            self.assertEqual(len(first), 2)
            self.assertEqual(first[0]["message_id"], first[1]["message_id"])
            self.assertEqual(first[0]["kind"], "invitation")
            self.assertIn(PUBLIC + "/v/", first[0]["link"])
            for _, doc, _ in Receiver.received:
                for ref in CASE_REFS:
                    self.assertNotIn(ref, json.dumps(doc))
        finally:
            if d:
                d.stop()
            server.shutdown()
            ws.tmp.cleanup()
            tmp.cleanup()


if __name__ == "__main__":
    cwtest.main()
