// The zone an iCalendar wall time is in, and RFC 5545's rule for reading it.
//
// IcsZone is either an IANA zone of the system tz database (core/time.h) or a
// VTIMEZONE that only the calendar file defines (a TZID such as
// "custom_America/New_York" or an unmapped Windows name): then its rules are
// the file's own STANDARD/DAYLIGHT blocks, read by libical from the parsed
// calendar, which must outlive the IcsZone. instant() applies RFC 5545
// §3.3.5 to local times: a time in a spring-forward gap is read with the UTC
// offset in force before the gap (02:30 on a 02:00→03:00 night is 03:30 after
// the change), an ambiguous time is its first occurrence. This differs on
// purpose from core/time.h's resolve(), which moves a gap time to the gap's
// end for hearings typed in by hand; partner calendars follow the RFC, as
// ical.js and python's icalendar do. Immutable; thread-compatible (libical
// zones cache their expansion on first use).
#pragma once

#include <libical/ical.h>

#include <chrono>

#include "core/time.h"

namespace cw::scrapers::ics {

class IcsZone {
 public:
  IcsZone() = default;
  static IcsZone iana(Zone zone) { return IcsZone(zone, nullptr); }
  static IcsZone defined_in_file(icaltimezone* zone) { return IcsZone(nullptr, zone); }
  static IcsZone utc();

  // The instant of a local time (RFC 5545 §3.3.5, see above).
  Instant instant(LocalDateTime local) const;
  // The local time of an instant.
  LocalDateTime local(Instant t) const;
  bool is_utc() const;

 private:
  IcsZone(Zone iana, icaltimezone* file) : iana_(iana), file_(file) {}
  std::chrono::seconds offset_at(Instant t) const;

  Zone iana_ = nullptr;
  icaltimezone* file_ = nullptr;
};

}  // namespace cw::scrapers::ics
