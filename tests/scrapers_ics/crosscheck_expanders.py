#!/usr/bin/env python3
"""ICS fidelity fixtures against independent expanders (issue 11).

For every tests/fixtures/ics/cases/NAME.ics, the occurrences courtwatch
imported (NAME.expected.json, checked by fidelity_cases_test.cc) must equal
what independent code computes from the same file over the same window:

- ical.js (Mozilla's, pinned in tests/e2e_feeds), by uid, original start
  (RECURRENCE-ID), start and end in UTC;
- python's recurring-ical-events (Debian), by uid, start and end.

Each case names the expanders that are right for it; where one is known to
be wrong the case says so and why (that is the point of the case). Where
neither handles the construct (RDATE;VALUE=PERIOD), python-icalendar's parse
of the periods is expanded by hand here. Two documented courtwatch policies
are applied to the expanders' output first: all-day occurrences are not
imported, and of two VEVENTs with one UID the higher SEQUENCE, then the later
LAST-MODIFIED, wins (the expanders list both).
Usage: crosscheck_expanders.py --source DIR
"""
import argparse
import datetime as dt
import json
import pathlib
import shutil
import subprocess
import sys
import zoneinfo

import icalendar
import recurring_ical_events

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = dt.timezone.utc
# fidelity_cases_test.cc: as-of 2027-03-01, 45 days, site CHI-ERO (Chicago).
FIRST = dt.datetime(2027, 3, 1, tzinfo=CHICAGO)
END = dt.datetime(2027, 4, 15, tzinfo=CHICAGO)

CASES = {
    "range-thisandfuture": {"icaljs": "", "rie": "ignores RANGE=THISANDFUTURE"},
    "multiple-rrule": {"icaljs": "", "rie": "rejects several RRULE lines"},
    "rejected-override": {"icaljs": "", "rie": ""},
    "custom-tzid": {"icaljs": "", "rie": ""},
    "rdate-period": {"icaljs": "cannot expand PERIOD RDATEs", "rie": "cannot expand PERIOD RDATEs",
                     "periods": ""},
    "duplicate-uid": {"icaljs": "", "rie": ""},
    "spring-forward-gap": {"icaljs": "reads 02:30 with the offset after the gap: 01:30 CST",
                           "rie": ""},
}


def iso(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def imported(expected_path):
    """(uid, original start or None, start, end) of every imported hearing."""
    out = set()
    for h in json.loads(expected_path.read_text())["hearings"]:
        key = h["source_key"].removeprefix("ics:")
        uid, _, rid = key.partition("|")
        day = dt.date.fromisoformat(h["date"])
        start = dt.datetime.combine(day, dt.time.fromisoformat(h["time"]), CHICAGO)
        end = (dt.datetime.combine(day, dt.time.fromisoformat(h["end_time"]), CHICAGO)
               if h["end_time"] else None)
        out.add((uid, rid or None, iso(start), iso(end) if end else None))
    return out


def newest(occurrences):
    """RFC 5545 for duplicate UIDs: highest SEQUENCE, then latest LAST-MODIFIED."""
    best = {}
    for o in occurrences:
        rank = (o["sequence"], o["last_modified"] or "")
        if o["uid"] not in best or rank > best[o["uid"]]:
            best[o["uid"]] = rank
    return [o for o in occurrences if (o["sequence"], o["last_modified"] or "") == best[o["uid"]]]


def icaljs(source, ics):
    node = shutil.which("node")
    if not node:
        sys.exit("node not found (scripts/dev deps installs nodejs)")
    script = source / "tests/e2e_feeds/expand_icaljs.mjs"
    raw = subprocess.run([node, str(script), iso(FIRST), iso(END), str(ics)], check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(raw)[str(ics)]
    if "error" in result:
        return {("ical.js failed", result["error"], None, None)}
    occ = [o for o in result if not o["all_day"]]
    return {(o["uid"], o["recurrence_id"] if o["recurring"] else None, o["start"], o["end"])
            for o in newest(occ)}


def rie(ics):
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    occ = []
    for e in recurring_ical_events.of(cal).between(FIRST, END):
        start = e["DTSTART"].dt
        if not isinstance(start, dt.datetime):
            continue  # all-day
        end = e["DTEND"].dt if "DTEND" in e else start + e["DURATION"].dt
        lm = e.get("LAST-MODIFIED")
        occ.append({"uid": str(e["UID"]), "sequence": int(e.get("SEQUENCE", 0)),
                    "last_modified": iso(lm.dt) if lm else None,
                    "start": iso(start), "end": iso(end)})
    return {(o["uid"], o["start"], o["end"]) for o in newest(occ)}


def periods(ics):
    """DTSTART plus each RDATE as python-icalendar parses it (no rules in these files)."""
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    out = set()
    for e in cal.walk("VEVENT"):
        start = e["DTSTART"].dt
        length = e["DTEND"].dt - start
        occ = [(start, start + length)]
        rdates = e.get("RDATE", [])
        for prop in rdates if isinstance(rdates, list) else [rdates]:
            # python-icalendar leaves a period's times naive: apply the TZID
            # (none: floating, the site's zone).
            zone = zoneinfo.ZoneInfo(prop.params.get("TZID", "America/Chicago"))

            def aware(t):
                return t if t.tzinfo else t.replace(tzinfo=zone)

            for value in prop.dts:
                v = value.dt
                if isinstance(v, tuple):
                    s, e2 = aware(v[0]), v[1]
                    occ.append((s, aware(e2) if isinstance(e2, dt.datetime) else s + e2))
                else:
                    occ.append((aware(v), aware(v) + length))
        for s, e2 in occ:
            if FIRST <= s < END:
                out.add((str(e["UID"]), iso(s), iso(e2)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True, type=pathlib.Path)
    args = ap.parse_args()
    cases = args.source / "tests/fixtures/ics/cases"
    failures = 0
    for name, experts in CASES.items():
        ics = cases / f"{name}.ics"
        ours = imported(cases / f"{name}.expected.json")
        if not ours:
            print(f"FAIL {name}: nothing imported")
            failures += 1
        ours_no_rid = {(u, s, e) for u, _, s, e in ours}
        checks = {
            "ical.js": (lambda: icaljs(args.source, ics), ours),
            "recurring-ical-events": (lambda: rie(ics), ours_no_rid),
            "python-icalendar periods": (lambda: periods(ics), ours_no_rid),
        }
        keys = {"icaljs": "ical.js", "rie": "recurring-ical-events",
                "periods": "python-icalendar periods"}
        for key, why_wrong in experts.items():
            label = keys[key]
            if why_wrong:
                print(f"note {name} / {label}: not used, known wrong here ({why_wrong})")
                continue
            compute, want = checks[label]
            got = compute()
            if got != want:
                failures += 1
                print(f"FAIL {name} / {label}:\n  only courtwatch: {sorted(want - got)}\n"
                      f"  only {label}: {sorted(got - want)}")
            else:
                print(f"ok   {name} / {label}: {len(got)} occurrences agree")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
