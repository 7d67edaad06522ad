"""A small world for the volunteer page tests: two volunteers (one English,
one Spanish), sessions at CHI around today in Chicago time, assignments in
several states, and hearings that carry case references (which must never
show). Sessions, hearings and assignments are written with the sqlite3 CLI so
the fixture does not depend on which command refreshes sessions; volunteers
go through `courtwatch volunteers import` and links through
`courtwatch volunteer-url`, like an operator would."""
import csv
import datetime
import io
import subprocess
import zoneinfo

CASE_REFS = ["A-123-456-789", "A-987-654-321"]
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'



def volunteers_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", "email", "phone", "role", "sites", "languages", "max_per_week",
                "availability", "blackouts", "extra", "active"])
    every_day = "mon tue wed thu fri sat sun"
    w.writerow(["v0001", "Ana " + XSS, "ana@example.org", "", "watcher", "CHI", "spanish", "5",
                every_day, "", "", "yes"])
    w.writerow(["v0002", "Beto", "beto@example.org", "", "watcher", "CHI", "spanish", "5",
                every_day, "", "", "yes"])
    w.writerow(["v0003", "Carla", "carla@example.org", "", "watcher", "CHI", "", "5",
                every_day, "", "", "yes"])
    return out.getvalue()


def chicago_today():
    return datetime.datetime.now(zoneinfo.ZoneInfo("America/Chicago")).date()


def sql(db, text):
    r = subprocess.run(["sqlite3", db], input=text, capture_output=True, text=True, check=True)
    return r.stdout.strip()


def add_session(db, location, day, half, detained=0):
    """A session and the one hearing it groups (so that a session refresh keeps it as it is)."""
    start, end = (540, 600) if half == "am" else (780, 840)
    sql(db, (
        "INSERT INTO hearings (source_key, source, site, date, start_min, location, judge, type, "
        "language, detained, case_ref, first_seen, last_seen, last_changed) VALUES "
        f"('csv:{location}:{day.isoformat()}:{half}', 'csv', 'CHI', '{day.isoformat()}', {start}, "
        f"'{location}', 'Judge A', 'master', 'spanish', {1 if detained else 0}, "
        f"'A-555-{start}-{len(location)}', 0, 0, 0);"))
    return int(sql(db, (
        "INSERT INTO sessions (site, location, judge, date, half, start_min, end_min, hearings, "
        "detained_hearings, individual, languages, types, status, sequence, created, updated) "
        f"VALUES ('CHI', '{location}', 'Judge A', '{day.isoformat()}', '{half}', {start}, {end}, "
        f"1, {detained}, 0, 'spanish', 'master', 'active', 0, 0, 0); SELECT last_insert_rowid();")))


def add_hearing(db, key, day, location, case_ref):
    sql(db, (
        "INSERT INTO hearings (source_key, source, site, date, start_min, location, judge, type, "
        "case_ref, first_seen, last_seen, last_changed) VALUES "
        f"('{key}', 'csv', 'CHI', '{day.isoformat()}', 540, '{location}', 'Judge A', 'master', "
        f"'{case_ref}', 0, 0, 0);"))


def assign(db, session, handle, state):
    return int(sql(db, (
        "INSERT INTO assignments (session_id, volunteer_id, state, created, updated) "
        f"SELECT {session}, id, '{state}', 0, 0 FROM volunteers WHERE handle = '{handle}'; "
        "SELECT last_insert_rowid();")))


def public_url_config(ws, url="https://watch.example.org"):
    """Sets server.public_url in the workspace's config."""
    with open(ws.config) as f:
        text = f.read()
    text = text.replace('[server]\n', f'[server]\npublic_url = "{url}"\n', 1)
    with open(ws.config, "w") as f:
        f.write(text)


def build(ws):
    """Fills the workspace's database; returns a dict of ids and tokens."""
    ws.write("volunteers.csv", volunteers_csv())
    ws.run("volunteers", "import", ws.path("volunteers.csv"), check=0)
    db = ws.db
    sql(db, "UPDATE volunteers SET locale = 'es' WHERE handle = 'v0002';")
    today = chicago_today()
    d1, d2 = today + datetime.timedelta(days=3), today + datetime.timedelta(days=4)
    w = {"d1": d1, "d2": d2, "yesterday": today - datetime.timedelta(days=1)}
    w["invited_session"] = add_session(db, "Courtroom 1", d1, "am")
    w["clash_session"] = add_session(db, "Courtroom 2", d1, "am")  # same morning: refused
    w["open_session"] = add_session(db, "Courtroom 3", d2, "pm")
    w["confirmed_session"] = add_session(db, "Courtroom 4", d2, "am")
    w["past_session"] = add_session(db, "Courtroom 5", w["yesterday"], "am", detained=1)
    # For a claim made stale by a change elsewhere (the browser test).
    d3 = today + datetime.timedelta(days=5)
    w["stale_open"] = add_session(db, "Courtroom 6", d3, "am")
    w["stale_busy"] = add_session(db, "Courtroom 7", d3, "am")
    w["invited"] = assign(db, w["invited_session"], "v0001", "invited")
    w["confirmed"] = assign(db, w["confirmed_session"], "v0001", "confirmed")
    w["past"] = assign(db, w["past_session"], "v0001", "confirmed")
    w["beto_past"] = assign(db, w["past_session"], "v0002", "confirmed")
    add_hearing(db, "csv:1", d1, "Courtroom 1", CASE_REFS[0])
    add_hearing(db, "csv:2", w["yesterday"], "Courtroom 5", CASE_REFS[1])
    sql(db, "UPDATE sessions SET hearings = hearings + 1 WHERE id IN "
            f"({w['invited_session']}, {w['past_session']});")
    for handle, key in (("v0001", "ana"), ("v0002", "beto"), ("v0003", "carla")):
        url = ws.run("volunteer-url", handle, check=0).stdout.strip()
        w[key + "_url"] = url
        w[key + "_token"] = url.rsplit("/", 1)[1]
    return w


class _CliWorkspace:
    """What build() needs from cwtest.Workspace, for use from other test
    harnesses (the browser tests run this file as a script)."""

    def __init__(self, binary, config, db, directory):
        self.binary, self.config, self.db, self.dir = binary, config, db, directory

    def path(self, name):
        import os
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def run(self, *args, check=None):
        r = subprocess.run([self.binary, "--config", self.config, *args], capture_output=True,
                           text=True, cwd=self.dir, timeout=120)
        if check is not None and r.returncode != check:
            raise SystemExit(f"courtwatch {' '.join(args)} exited {r.returncode}: {r.stderr}")
        return r


if __name__ == "__main__":
    import argparse
    import json
    p = argparse.ArgumentParser(description="Builds the volunteer-page world; prints it as JSON")
    for name in ("--binary", "--config", "--db", "--dir"):
        p.add_argument(name, required=True)
    a = p.parse_args()
    built = build(_CliWorkspace(a.binary, a.config, a.db, a.dir))
    print(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v)
                      for k, v in built.items()}))
