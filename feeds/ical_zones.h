// Time-zone definitions (VTIMEZONE) for feeds, from libical.
//
// libical 3.0.16 on Debian is built without its bundled zone files: it reads
// the system's /usr/share/zoneinfo (TZif) when icaltimezone_get_builtin_
// timezone() is asked for a zone, and loads zones lazily. Those first loads
// race when several threads make them (DESIGN.md §13), so the daemon calls
// preload_ical_zones() once before any HTTP thread starts; afterwards the
// zones are only read. vtimezone() returns a private copy of a zone's
// definition truncated to a span of years, with the TZID set to the plain
// IANA name ("America/Chicago", not libical's "/freeassociation.sourceforge
// .net/America/Chicago" with history back to 1883, which some parsers read as
// UTC or reject). Thread-safe after preload_ical_zones().
#pragma once

#include <string>

#include "core/error.h"
#include "core/time.h"
#include "feeds/ical_handle.h"

namespace cw::feeds {

// Loads every zone libical knows (zone.tab) and its definition. Returns how
// many zones were loaded. Call before starting threads.
int preload_ical_zones();

// A VTIMEZONE for `iana_name` holding the observances from January 1 of
// `first_year` to January 1 of `last_year + 1` (UTC), TZID = iana_name.
Result<ComponentPtr> vtimezone(const std::string& iana_name, int first_year, int last_year);

}  // namespace cw::feeds
