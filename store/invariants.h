// The application's own invariants, beyond what SQLite's constraints
// enforce; `courtwatch db check` runs them after integrity_check and
// foreign_key_check. Each check is one query that returns offending rows;
// check_invariants() lists every violated rule with up to 5 example ids
// (never a case reference or personal data):
//
//   import-run-state        state is running/ok/failed/interrupted, and
//                           `finished` is set exactly when it is not running
//   hearing-values          status scheduled/cancelled, a known type, start
//                           0..1439, stop after start, date a real YYYY-MM-DD
//   hearing-change-version  no change record is newer than its hearing
//   session-values          status active/cancelled, half am/pm, start < end,
//                           0 <= detained <= hearings, date a real YYYY-MM-DD
//   session-live-count      sessions.live equals the number of the session's
//                           live (proposed/invited/confirmed) assignments
//   assignment-state        one of proposed/invited/confirmed/declined/cancelled
//   anonymized-placeholder  retention's placeholder volunteers are inactive and
//                           hold no e-mail or phone
//   closure-values          status closed/partial, date a real YYYY-MM-DD
//   outbox-state            pending/sending/sent/failed, attempts >= 0
//
// Owner: operations. No state; one Database per thread.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace cw::store {

struct InvariantViolation {
  std::string rule;     // e.g. "session-values"
  std::string example;  // "sessions 12, 40" (ids only)
};

// Runs every check; an empty list means all hold. Read-only.
Result<std::vector<InvariantViolation>> check_invariants(store::Database& db);

}  // namespace cw::store
