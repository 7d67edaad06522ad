// Mapping an iCalendar TZID to an IANA zone of the system tz database.
//
// Calendars in the wild name zones three ways: the plain IANA name
// ("America/Chicago"), the IANA name behind a vendor prefix that libical and
// Mozilla write ("/freeassociation.sourceforge.net/America/Chicago",
// "/mozilla.org/20050126_1/America/New_York"), and Outlook's Windows names
// ("Central Standard Time", or the display form "(UTC-06:00) Central Time (US
// & Canada)"). map_tzid() accepts all three (Windows names for the zones of US
// courts and field offices) and returns the date/tz zone; a calendar's own
// TZID is also looked up by its VTIMEZONE's X-LIC-LOCATION (event.h). The
// conversion itself is done by core/time.h, never by libical. Thread-safe
// once the tz database is loaded.
#pragma once

#include <optional>
#include <string_view>

#include "core/time.h"

namespace cw::scrapers::ics {

// The zone for this TZID, or nullopt when it names no known zone.
std::optional<Zone> map_tzid(std::string_view tzid);

}  // namespace cw::scrapers::ics
