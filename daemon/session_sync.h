// Keeps the stored watch sessions in step with the stored hearings.
//
// sync_sessions() rebuilds the sessions of a scope (dates, optionally one
// site) from its scheduled hearings with scheduler::build_sessions(),
// reconciles them with the stored ones (scheduler::reconcile(): stable ids,
// cancelled rather than deleted, sequence raised on time/place/status
// changes) and writes the difference in one transaction; the live
// assignments of a session that is cancelled are cancelled with it. Used by
// `courtwatch sessions` and `courtwatch match`. Not thread-safe (one Database).
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "store/db.h"

namespace cw::daemon {

struct SessionScope {
  LocalDate from{};
  LocalDate to{};  // inclusive
  std::optional<std::string> site;
};

// The scope named by --from/--to/--site; the default horizon is two weeks
// starting today (UTC date of `now`).
SessionScope session_scope(const std::string& from, const std::string& to, const std::string& site,
                           Instant now);

struct SyncCounts {
  int added = 0, updated = 0, cancelled = 0, restored = 0, unchanged = 0;
  int assignments_cancelled = 0;
};

Result<SyncCounts> sync_sessions(store::Database& db, const SessionScope& scope, Instant now);

}  // namespace cw::daemon
