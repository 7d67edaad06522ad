"""Four independent iCalendar parsers, each reduced to the same summary of a
feed: a list of events {uid, sequence, status, start, end, aware} with start
and end in UTC ISO 8601, sorted by (start, uid). ical.js runs under node from
tests/e2e_feeds/node_modules (scripts/dev test runs `npm ci` there); khal
prints through `khal printics` with a throw-away config in UTC."""
import datetime
import json
import os
import subprocess
import tempfile

import icalendar
import recurring_ical_events
import vobject

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = datetime.timezone.utc


def _iso(dt):
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _aware(dt):
    return isinstance(dt, datetime.datetime) and dt.tzinfo is not None and \
        dt.tzinfo.utcoffset(dt) is not None


def _sorted(events):
    return sorted(events, key=lambda e: (e["start"], e.get("uid") or ""))


def with_icalendar(text):
    cal = icalendar.Calendar.from_ical(text)
    out = []
    for ev in cal.walk("VEVENT"):
        s, e = ev.decoded("DTSTART"), ev.decoded("DTEND")
        out.append({"uid": str(ev["UID"]), "sequence": int(ev.get("SEQUENCE", 0)),
                    "status": str(ev.get("STATUS", "")), "start": _iso(s), "end": _iso(e),
                    "aware": _aware(s) and _aware(e)})
    return _sorted(out)


def with_recurring_ical_events(text):
    cal = icalendar.Calendar.from_ical(text)
    lo = datetime.datetime(2000, 1, 1, tzinfo=UTC)
    hi = datetime.datetime(2037, 12, 31, tzinfo=UTC)
    out = []
    for ev in recurring_ical_events.of(cal).between(lo, hi):
        s, e = ev["DTSTART"].dt, ev["DTEND"].dt
        out.append({"uid": str(ev["UID"]), "sequence": int(ev.get("SEQUENCE", 0)),
                    "status": str(ev.get("STATUS", "")), "start": _iso(s), "end": _iso(e),
                    "aware": _aware(s) and _aware(e)})
    return _sorted(out)


def with_vobject(text):
    out = []
    for cal in vobject.readComponents(text, validate=True):
        for ev in cal.vevent_list if hasattr(cal, "vevent_list") else []:
            s, e = ev.dtstart.value, ev.dtend.value
            out.append({"uid": ev.uid.value, "sequence": int(ev.sequence.value),
                        "status": ev.status.value, "start": _iso(s), "end": _iso(e),
                        "aware": _aware(s) and _aware(e)})
    return _sorted(out)


def with_khal(text):
    """khal has no UID in its printics format; start, end and status only."""
    with tempfile.TemporaryDirectory(prefix="cw-khal-") as tmp:
        os.makedirs(os.path.join(tmp, "cal"))
        conf = os.path.join(tmp, "khal.conf")
        with open(conf, "w") as f:
            f.write(f"[calendars]\n[[c]]\npath = {tmp}/cal\n[locale]\n"
                    "local_timezone = UTC\ndefault_timezone = UTC\ntimeformat = %H:%M\n"
                    "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
                    "datetimeformat = %Y-%m-%dT%H:%M:%S\n"
                    "longdatetimeformat = %Y-%m-%dT%H:%M:%S%z\n"
                    f"[sqlite]\npath = {tmp}/khal.db\n")
        ics = os.path.join(tmp, "feed.ics")
        with open(ics, "w", newline="") as f:
            f.write(text)
        r = subprocess.run(["khal", "-c", conf, "printics", "--format",
                            "{start-long-full}|{end-long-full}|{status}", ics],
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0 or "error" in r.stderr.lower():
            raise AssertionError(f"khal failed: {r.stdout}{r.stderr}")
    lines = r.stdout.strip().splitlines()
    header, rows = lines[0], lines[1:]
    out = []
    for row in rows:
        start, end, status = row.split("|")
        s = datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M:%S%z")
        e = datetime.datetime.strptime(end, "%Y-%m-%dT%H:%M:%S%z")
        out.append({"start": _iso(s), "end": _iso(e), "status": status.strip(),
                    "aware": _aware(s) and _aware(e)})
    if not header.startswith(f"{len(out)} event"):
        raise AssertionError(f"khal header {header!r} does not match {len(out)} rows")
    return _sorted(out)


def with_icaljs(texts):
    """Parses several feeds in one node process; returns one summary per text."""
    with tempfile.TemporaryDirectory(prefix="cw-icaljs-") as tmp:
        files = []
        for i, text in enumerate(texts):
            p = os.path.join(tmp, f"{i}.ics")
            with open(p, "w", newline="") as f:
                f.write(text)
            files.append(p)
        r = subprocess.run(["node", os.path.join(HERE, "parse_icaljs.mjs"), *files],
                           capture_output=True, text=True, timeout=60, cwd=HERE)
        if r.returncode != 0:
            raise AssertionError(f"ical.js failed: {r.stderr}")
        parsed = json.loads(r.stdout)
    return [_sorted(parsed[p]) for p in files]
