// The planner's input from the store, and its plan written back
// (DESIGN.md §7).
//
// load_plan_input() reads, in the caller's transaction, what planner.h
// needs at `now`: sessions dated from yesterday (UTC) through the horizon
// with their sites, the non-proposed assignments of those sessions with what
// their event log says (invitation rounds, time of the last invitation, the
// last cancellation), their volunteers' channel, language and opt-out, the
// reports created or changed in the last two days (the body's "updated"),
// and the outbox rows about all of these.
// plan_outbox() loads, plans and applies (inserts and drops) in one
// BEGIN IMMEDIATE transaction, so planning races neither the delivery
// worker's claims nor a second planner. Reports are read from the `reports`
// table's JSON body: {"ice_present": "yes"|"no"|"unsure", "detained_count":
// N, ...}; a body in another shape raises no alert. Not thread-safe (one
// Database).
#pragma once

#include "notify/notify_config.h"
#include "notify/planner.h"
#include "store/db.h"

namespace cw::notify {

struct PlanCounts {
  int added = 0;
  int dropped = 0;
};

Result<PlanInput> load_plan_input(store::Database& db, const NotifyConfig& config, Instant now);
Result<PlanCounts> plan_outbox(store::Database& db, const NotifyConfig& config, Instant now);

}  // namespace cw::notify
