// Expands iCalendar files with ical.js (an expander independent of libical
// and of courtwatch) and prints, per file, every occurrence that starts in a
// UTC window: uid, the original start (RECURRENCE-ID) and the start and end
// in UTC, whether it is all-day, and the SEQUENCE and LAST-MODIFIED of the
// VEVENT it comes from. Masters are expanded with only their own UID's
// overrides (ical.js would otherwise relate every override in the file).
// A file ical.js cannot expand gets {"error": …}.
// Usage: node expand_icaljs.mjs FROM_UTC TO_UTC FILE...   (ISO 8601, e.g. 2027-03-01T06:00:00Z)
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const iso = (t) => new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
const [from, to, ...files] = process.argv.slice(2);
const fromMs = Date.parse(from), toMs = Date.parse(to);
const out = {};
for (const file of files) {
  try {
    out[file] = expand(file);
  } catch (e) {
    out[file] = { error: String(e) };  // e.g. PERIOD RDATEs, which ical.js cannot expand
  }
}
process.stdout.write(JSON.stringify(out, null, 1));

function expand(file) {
  const cal = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtz of cal.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  const vevents = cal.getAllSubcomponents("vevent");
  const occurrences = [];
  for (const v of vevents) {
    if (v.hasProperty("recurrence-id")) continue;
    const uid = v.getFirstPropertyValue("uid");
    const exceptions = vevents
      .filter((x) => x.hasProperty("recurrence-id") && x.getFirstPropertyValue("uid") === uid)
      .map((x) => new ICAL.Event(x));
    const event = new ICAL.Event(v, { exceptions, strictExceptions: true });
    const it = event.iterator();
    for (let n = 0, next; (next = it.next()) && n < 5000; ++n) {
      const d = event.getOccurrenceDetails(next);
      const startMs = d.startDate.toUnixTime() * 1000;
      if (startMs >= toMs && next.toUnixTime() * 1000 >= toMs) break;
      if (startMs < fromMs || startMs >= toMs) continue;
      const item = d.item.component;
      const lm = item.getFirstPropertyValue("last-modified");
      occurrences.push({
        uid,
        recurrence_id: iso(next),
        recurring: event.isRecurring(),
        start: iso(d.startDate),
        end: iso(d.endDate),
        all_day: d.startDate.isDate,
        sequence: item.getFirstPropertyValue("sequence") ?? 0,
        last_modified: lm ? iso(lm) : null,
      });
    }
  }
  return occurrences;
}
