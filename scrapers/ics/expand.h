// iCalendar → hearings, in memory: the pure half of `import ics`.
//
// expand_calendar() parses an iCalendar text with libical and turns every
// VEVENT into the hearings that fall inside a window of site-local dates:
//
//  - Recurrence: the occurrences of every RRULE line (their union) and the
//    RDATEs are generated in the event's own wall-clock time (a weekly 09:00
//    America/Chicago event stays at 09:00 across a DST change; its UTC
//    instant moves), minus EXDATEs. An RDATE;VALUE=PERIOD occurrence keeps
//    its own end. A VEVENT with a RECURRENCE-ID replaces the one occurrence
//    whose original start is that instant; with RANGE=THISANDFUTURE it also
//    replaces every later one, moved by the same wall-clock shift (a later
//    single override still wins). An override that is rejected removes its
//    occurrence: the calendar no longer has it at the old time. At most
//    kMaxIterations occurrences are generated per event.
//  - Same UID twice (or the same UID and RECURRENCE-ID): the higher
//    SEQUENCE wins, then the later LAST-MODIFIED, then the first in the
//    file; the other is a duplicate-uid reject.
//  - Time zones: a TZID is mapped to an IANA zone by map_tzid() and converted
//    with date/tz (core/time.h); a TZID only the file's VTIMEZONE defines is
//    read with that definition (ics_zone.h). Floating times are the site's
//    zone; UTC times are converted to the site's local date and time. A local
//    time in a spring-forward gap or a fall-back overlap follows RFC 5545
//    §3.3.5: the offset before the gap (02:30 → 03:30), the first occurrence.
//  - All-day events (DTSTART;VALUE=DATE) are rejected ("all-day"): a watch
//    session needs a time to show up, and guessing office hours would send
//    volunteers at the wrong time. A partner publishing day-long check-in
//    windows should give them times (docs/operations.md).
//  - Source key: "ics:" + UID for a single event; "ics:" + UID + "|" + the
//    UTC instant of the original start (ISO 8601) for each occurrence of a
//    recurring event, so that a moved occurrence keeps its key.
//  - Type (the rule): CATEGORIES and SUMMARY, case-insensitive: "bond" →
//    bond, else "master" → master, else "individual" or "merits" →
//    individual, else check-in. "detained" (but not "non-detained" or
//    "nondetained") marks the hearing detained. Location = LOCATION; the
//    end time comes from DTEND or DURATION when it falls on the same local
//    day. STATUS:CANCELLED → cancelled (reason "source"). DESCRIPTION is not
//    kept: partner calendars may carry names there (DESIGN.md §11).
//
// A bad event is rejected by reason (missing-uid, bad-dtstart, all-day,
// unknown-tzid, bad-rrule, bad-rdate, bad-exdate, bad-recurrence-id,
// duplicate-uid, too-many-occurrences, invalid-utf8) with the line of its
// BEGIN:VEVENT; the rest go on, and the UIDs of rejected events are listed
// so that a calendar edit that breaks one event does not cancel what was
// imported for it before. A text that is not an iCalendar object at all
// is an Error. No I/O, no database: thread-compatible (one call per thread;
// libical keeps per-thread state), and the fuzz target calls it directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/error.h"
#include "core/time.h"

namespace cw::scrapers::ics {

inline constexpr int kMaxIterations = 20000;
inline constexpr std::size_t kMaxTextBytes = 64 * 1024 * 1024;

struct IcsWindow {
  std::string site;     // the site code every hearing gets
  Zone zone = nullptr;  // the site's zone
  LocalDate first{};    // inclusive, site-local
  LocalDate last{};     // inclusive
};

struct IcsReject {
  std::string reason;
  std::int64_t line = 0;  // line of the event's BEGIN:VEVENT (0 when unknown)
  std::string message;
  std::string field = {};  // the property at fault ("DTSTART", "RDATE"), when known
};

struct IcsExpansion {
  std::int64_t events = 0;        // VEVENTs read (masters and overrides)
  std::vector<Hearing> hearings;  // in the window, sorted by source key
  std::vector<IcsReject> rejects;
  // UIDs of rejected events (other than duplicates): the importer keeps
  // their stored hearings as they are instead of cancelling them.
  std::vector<std::string> kept_uids;
};

// `name` is used in the whole-file error ("calendar.ics: not an iCalendar …").
Result<IcsExpansion> expand_calendar(std::string_view text, const IcsWindow& window,
                                     std::string_view name);

}  // namespace cw::scrapers::ics
