// Parses iCalendar files with ical.js (Mozilla's parser, as used by
// Thunderbird and many web clients) and prints, per file, the events as JSON:
// uid, sequence, status, start/end in UTC (ISO 8601) and whether the times
// were zone-aware (UTC or a registered VTIMEZONE, not floating).
// Usage: node parse_icaljs.mjs FILE...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function iso(t) {
  return new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function aware(t) {
  const tzid = t.zone ? t.zone.tzid : "floating";
  return tzid === "UTC" || (tzid !== "floating" && ICAL.TimezoneService.has(tzid));
}

const out = {};
for (const file of process.argv.slice(2)) {
  const cal = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtz of cal.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  out[file] = cal.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      status: v.getFirstPropertyValue("status"),
      start: iso(e.startDate),
      end: iso(e.endDate),
      aware: aware(e.startDate) && aware(e.endDate),
    };
  });
}
process.stdout.write(JSON.stringify(out));
