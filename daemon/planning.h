// Planning: sessions brought up to date, the matcher run, proposals stored.
//
// plan_sessions() is what `courtwatch match` and the daemon's "match after
// imports" job share: it syncs the sessions of the scope, builds the
// matcher's input from the store — confirmed, invited and pinned assignments
// are fixed (an invitation has been sent, so re-planning does not move it),
// current proposals are the previous plan, declined and forbidden pairs are
// excluded — runs scheduler::match(), explains every empty seat, and with
// PlanMode::store replaces the stored proposals by the new ones in one
// transaction. Not thread-safe (one Database).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "daemon/session_sync.h"
#include "scheduler/explain.h"
#include "scheduler/matcher.h"
#include "store/db.h"
#include "store/session_repos.h"

namespace cw::daemon {

// The matcher's input plus the stored ids behind its indices.
struct Loaded {
  scheduler::MatchInput in;
  std::vector<Id> session_ids, volunteer_ids;
  std::map<std::pair<int, int>, AssignmentState> fixed_state;
};

enum class PlanMode { dry_run, store };

struct PlanRun {
  Loaded loaded;
  scheduler::Plan plan;
  std::vector<scheduler::Unfilled> unfilled;
  store::ProposalCounts counts;  // zero on a dry run
};

// Optionally writes the model in CPLEX LP format to export_lp first.
Result<PlanRun> plan_sessions(store::Database& db, const SessionScope& scope, Instant now,
                              PlanMode mode, const std::string& export_lp = "");

}  // namespace cw::daemon
