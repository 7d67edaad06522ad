// One VEVENT read into plain values: the reading half of expand.h.
//
// read_event() pulls what the expansion needs out of a libical component —
// UID, the start as a wall time in a known zone, the duration, the recurrence
// rules, RDATEs (with a PERIOD's own length) and EXDATEs as UTC instants,
// the RECURRENCE-ID and its RANGE, SEQUENCE and LAST-MODIFIED, and the text
// fields the type rule looks at — and turns every problem into an IcsReject
// with a reason (expand.h lists them). Internal to scrapers/ics; pure, no I/O.
#pragma once

#include <libical/ical.h>

#include <chrono>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "scrapers/ics/expand.h"
#include "scrapers/ics/ics_zone.h"

namespace cw::scrapers::ics {

// A wall-clock reading (libical fields, no libical zone) in a zone.
struct WallTime {
  icaltimetype t{};
  IcsZone zone;  // UTC times carry the UTC zone
  bool utc = false;
};

struct EventData {
  std::int64_t line = 0;
  std::string uid;
  WallTime start;
  std::optional<std::chrono::seconds> duration;
  std::vector<icalrecurrencetype> rrules;  // every RRULE line (their union)
  std::vector<Instant> rdates;
  // RDATE;VALUE=PERIOD occurrences keep their own length.
  std::map<Instant, std::chrono::seconds> rdate_durations;
  std::vector<Instant> exdates;
  std::vector<LocalDate> exdays;  // date-only EXDATEs, in the event's zone
  std::optional<Instant> recurrence_id;
  bool this_and_future = false;  // RECURRENCE-ID;RANGE=THISANDFUTURE
  int sequence = 0;
  std::optional<Instant> last_modified;
  std::string summary;
  std::string categories;  // all CATEGORIES values, comma-separated
  std::string location;
  bool cancelled = false;

  bool recurring() const { return !rrules.empty() || !rdates.empty(); }
};

// TZIDs the calendar defines itself (VTIMEZONE): the IANA zone of their
// X-LIC-LOCATION when map_tzid() knows it, else the definition in the file
// (ics_zone.h). A TZID map_tzid() knows is read from the tz database first
// (truncated VTIMEZONEs are common; the database is complete).
using CalendarZones = std::map<std::string, IcsZone, std::less<>>;
CalendarZones calendar_zones(icalcomponent* calendar);

std::expected<EventData, IcsReject> read_event(icalcomponent* event, std::int64_t line,
                                               Zone site_zone, const CalendarZones& zones);

// The UID and RECURRENCE-ID of an event read_event() rejected, when both can
// be read: the occurrence it overrides is gone from the calendar.
struct RejectedOverride {
  std::string uid;
  Instant recurrence_id;
};
std::optional<RejectedOverride> rejected_override(icalcomponent* event, Zone site_zone,
                                                  const CalendarZones& zones);

// The instant of a wall time (RFC 5545 §3.3.5 in a gap or overlap, see
// ics_zone.h); nullopt when the fields are not a valid date and time.
std::optional<Instant> instant_of(const WallTime& w);
// A wall time of `zone` for an instant, as libical fields (zone-less).
icaltimetype wall_fields(const IcsZone& zone, Instant t);
// At most 60 printable ASCII characters of s, for messages.
std::string shown(std::string_view s);

}  // namespace cw::scrapers::ics
