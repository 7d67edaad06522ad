// When a message is due, from site-local rules (DESIGN.md §7).
//
// Every rule is a wall-clock reading in some zone (18:00 the day before at
// the court, 16:00 at the coordinator's desk); the instant is derived once,
// with core resolve(), so a rule hour that falls in a DST gap or overlap is
// resolved with choose::earliest like every other local time. Quiet hours
// are read in the same zone. Pure functions, thread-safe once the tz
// database is loaded.
#pragma once

#include "core/time.h"
#include "notify/notify_config.h"

namespace cw::notify {

// The instant of wall time `t` on local day `d` in `zone`.
Instant local_rule_time(Zone zone, LocalDate d, TimeOfDay t);
// Whether `t` falls inside the quiet hours, read in `zone`.
bool in_quiet_hours(Instant t, Zone zone, const QuietHours& q);
// `t`, or the end of the quiet hours that contain it.
Instant hold_for_quiet_hours(Instant t, Zone zone, const QuietHours& q);

}  // namespace cw::notify
