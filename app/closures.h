// Site-day closures entered by a coordinator (DESIGN.md §4 item 4).
//
// add_closure() records a manual closure of a site on one local date and, in
// the same transaction, cancels the site-day's scheduled hearings (partial:
// only those not detained), refreshes the site-day's sessions — a session
// left without hearings is cancelled, and so are its live assignments, which
// is what notify/ turns into cancellation notices — and writes the audit
// log. lift_closure() removes the manual closure and restores what the
// remaining closures (e.g. the EOIR status page's) no longer cover, sessions
// and all; their assignments stay cancelled (a coordinator re-plans). The
// closure rules themselves live in scrapers/status/closures.h, shared with
// the status-page import. Not thread-safe (one Database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/actor.h"
#include "app/sessions.h"
#include "core/clock.h"
#include "store/closure_repo.h"
#include "store/db.h"

namespace cw::app {

enum class ClosureScope { whole_day, detained_only_open };

struct ClosureOutcome {
  std::string site;           // the stored code (upper case)
  std::int64_t hearings = 0;  // cancelled (add) or restored (lift)
  RefreshCounts sessions;
};

Result<ClosureOutcome> add_closure(store::Database& db, const Clock& clock, const Actor& who,
                                   const std::string& site, LocalDate date, ClosureScope scope,
                                   const std::string& reason);
// Closures (manual and from the EOIR status page) dated `from` or later;
// every closure without `from`.
Result<std::vector<store::Closure>> list_closures(store::Database& db,
                                                  std::optional<LocalDate> from);

// not_found when the site-day has no manual closure.
Result<ClosureOutcome> lift_closure(store::Database& db, const Clock& clock, const Actor& who,
                                    const std::string& site, LocalDate date);

}  // namespace cw::app
