#include "app/sessions.h"

#include "scheduler/sessions.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {

RefreshCounts& RefreshCounts::operator+=(const RefreshCounts& o) {
  added += o.added;
  updated += o.updated;
  cancelled += o.cancelled;
  restored += o.restored;
  unchanged += o.unchanged;
  assignments_cancelled += o.assignments_cancelled;
  return *this;
}

Result<RefreshCounts> refresh_sessions(store::Database& db, const SessionScope& scope,
                                       Instant now) {
  store::HearingFilter hf;
  hf.from = scope.from;
  hf.to = scope.to;
  hf.site = scope.site;
  hf.include_cancelled = false;
  const auto hearings = CW_TRY(store::HearingRepo(db).list(hf));
  const auto fresh = scheduler::build_sessions(hearings);

  store::SessionRepo sessions(db);
  store::SessionFilter sf;
  sf.from = scope.from;
  sf.to = scope.to;
  sf.site = scope.site;
  const auto stored = CW_TRY(sessions.list(sf));

  store::AssignmentRepo assignments(db);
  RefreshCounts counts;
  for (const auto& change : scheduler::reconcile(stored, fresh)) {
    switch (change.kind) {
      case scheduler::SessionChangeKind::added:
        CW_TRY(sessions.insert(change.session, now));
        ++counts.added;
        break;
      case scheduler::SessionChangeKind::updated:
        CW_TRY(sessions.update(change.session, now));
        ++counts.updated;
        break;
      case scheduler::SessionChangeKind::restored:
        CW_TRY(sessions.update(change.session, now));
        ++counts.restored;
        break;
      case scheduler::SessionChangeKind::cancelled:
        CW_TRY(sessions.update(change.session, now));
        counts.assignments_cancelled += CW_TRY(assignments.cancel_for_session(
            change.session.id, {"import", "session cancelled: no scheduled hearings left"}, now));
        ++counts.cancelled;
        break;
      case scheduler::SessionChangeKind::unchanged:
        ++counts.unchanged;
        break;
    }
  }
  return counts;
}

Result<RefreshCounts> refresh_sessions(store::Database& db, const std::vector<SessionScope>& scopes,
                                       Instant now) {
  RefreshCounts total;
  for (const auto& scope : scopes) total += CW_TRY(refresh_sessions(db, scope, now));
  return total;
}

}  // namespace cw::app
