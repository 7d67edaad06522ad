// Keeping the stored watch sessions in step with the stored hearings.
//
// refresh_sessions() rebuilds the sessions of a scope (dates, optionally one
// site) from its scheduled hearings with scheduler::build_sessions(),
// reconciles them with the stored ones (scheduler::reconcile(): stable ids,
// cancelled rather than deleted, sequence raised on time/place/status
// changes) and writes the difference; the live assignments of a session
// that is cancelled are cancelled with it. It runs inside the caller's
// transaction (an import's or a closure's), so the hearings and their
// sessions change together. Reads never call it: `courtwatch sessions`,
// `match --dry-run` and every GET only read what the writes left.
// Not thread-safe (one Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/db.h"

namespace cw::app {

struct SessionScope {
  LocalDate from{};
  LocalDate to{};  // inclusive
  std::optional<std::string> site;
};

struct RefreshCounts {
  int added = 0, updated = 0, cancelled = 0, restored = 0, unchanged = 0;
  int assignments_cancelled = 0;
  RefreshCounts& operator+=(const RefreshCounts& o);
};

// Call inside a write transaction (BEGIN IMMEDIATE) held by the caller.
Result<RefreshCounts> refresh_sessions(store::Database& db, const SessionScope& scope, Instant now);

// Refreshes every (site, date range) in one call; ranges are inclusive.
Result<RefreshCounts> refresh_sessions(store::Database& db, const std::vector<SessionScope>& scopes,
                                       Instant now);

}  // namespace cw::app
