// The time model.
//
// Two kinds of time never mix: an Instant is a point on the UTC line (stored
// as seconds); a LocalDate plus TimeOfDay is a wall-clock reading at a site,
// meaningful only with that site's IANA zone. Hearings are kept as site-local
// date + time + zone because that is what the docket says; instants are
// derived in one place, `resolve()`, which classifies every local time as
// unique, nonexistent (spring-forward gap) or ambiguous (fall-back overlap)
// and resolves the last two with date::choose::earliest, reporting which case
// applied so callers can warn or write UTC instead. Nothing here reads the
// host's time zone. All functions are thread-safe once the tz database has
// been loaded (call `preload_zones()` before starting threads).
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace cw {

using Instant = date::sys_seconds;          // UTC
using LocalDate = date::local_days;         // a calendar day at a site
using LocalDateTime = date::local_seconds;  // a wall-clock reading at a site
using TimeOfDay = std::chrono::minutes;     // minutes after local midnight, [0, 1440)
using Zone = const date::time_zone*;

enum class Half { am, pm };
// A local start time before 12:00 is am, otherwise pm (matching.md).
Half half_of(TimeOfDay t);
std::string_view to_string(Half h);
Result<Half> parse_half(std::string_view s);

enum class LocalKind { unique, nonexistent, ambiguous };
std::string_view to_string(LocalKind k);

struct Resolved {
  Instant instant;
  LocalKind kind = LocalKind::unique;
};

// Looks up an IANA zone name ("America/Chicago") in the system tz database.
Result<Zone> find_zone(std::string_view name);
// Loads the tz database now, so that later lookups from threads do not race.
void preload_zones();

// Converts a site-local wall time to UTC. Nonexistent and ambiguous times are
// resolved with choose::earliest and reported through Resolved::kind.
Resolved resolve(Zone zone, LocalDateTime local);
Resolved resolve(Zone zone, LocalDate date, TimeOfDay time);
LocalDateTime to_local(Zone zone, Instant instant);
// The site-local calendar day that contains `instant`.
LocalDate local_day(Zone zone, Instant instant);

// ISO 8601 formatting and parsing: "2026-11-26", "13:30", "2026-11-26T13:30:00Z".
std::string format_date(LocalDate d);
std::string format_time(TimeOfDay t);
std::string format_instant(Instant t);
Result<LocalDate> parse_iso_date(std::string_view s);
Result<TimeOfDay> parse_hh_mm(std::string_view s);

// ISO weekday index, Monday = 0 .. Sunday = 6.
int weekday_index(LocalDate d);
// Monday of the ISO week that contains d.
LocalDate iso_week_start(LocalDate d);

}  // namespace cw
