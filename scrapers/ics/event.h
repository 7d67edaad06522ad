// One VEVENT read into plain values: the reading half of expand.h.
//
// read_event() pulls what the expansion needs out of a libical component —
// UID, the start as a wall time in a known zone, the duration, the recurrence
// rule, RDATEs and EXDATEs as UTC instants, the RECURRENCE-ID, and the text
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

namespace cw::scrapers::ics {

// A wall-clock reading (libical fields, no libical zone) in a date/tz zone.
struct WallTime {
  icaltimetype t{};
  Zone zone = nullptr;  // never null: UTC times carry the UTC zone
  bool utc = false;
};

struct EventData {
  std::int64_t line = 0;
  std::string uid;
  WallTime start;
  std::optional<std::chrono::seconds> duration;
  std::optional<icalrecurrencetype> rrule;
  std::vector<Instant> rdates;
  std::vector<Instant> exdates;
  std::vector<LocalDate> exdays;  // date-only EXDATEs, in the event's zone
  std::optional<Instant> recurrence_id;
  std::string summary;
  std::string categories;  // all CATEGORIES values, comma-separated
  std::string location;
  bool cancelled = false;

  bool recurring() const { return rrule.has_value() || !rdates.empty(); }
};

// TZIDs the calendar defines itself (VTIMEZONE), mapped to IANA zones by
// their X-LIC-LOCATION when the TZID is not a name map_tzid() knows.
using CalendarZones = std::map<std::string, Zone, std::less<>>;
CalendarZones calendar_zones(icalcomponent* calendar);

std::expected<EventData, IcsReject> read_event(icalcomponent* event, std::int64_t line,
                                               Zone site_zone, const CalendarZones& zones);

// The instant of a wall time (choose::earliest in a gap or overlap); nullopt
// when the fields are not a valid date and time.
std::optional<Instant> instant_of(const WallTime& w);
// A wall time of `zone` for an instant, as libical fields (zone-less).
icaltimetype wall_fields(Zone zone, Instant t);
Zone utc_zone();
// At most 60 printable ASCII characters of s, for messages.
std::string shown(std::string_view s);

}  // namespace cw::scrapers::ics
