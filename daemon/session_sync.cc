#include "daemon/session_sync.h"

#include "core/text.h"
#include "daemon/cli_util.h"
#include "scheduler/sessions.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::daemon {

SessionScope session_scope(const std::string& from, const std::string& to, const std::string& site,
                           Instant now) {
  SessionScope scope;
  const LocalDate today{date::floor<date::days>(now).time_since_epoch()};
  scope.from = optional_date(from).value_or(today);
  scope.to = optional_date(to).value_or(scope.from + date::days{13});
  if (!site.empty()) scope.site = upper_ascii(site);
  return scope;
}

Result<SyncCounts> sync_sessions(store::Database& db, const SessionScope& scope, Instant now) {
  auto tx = CW_TRY(db.begin_immediate());
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
  SyncCounts counts;
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
  CW_TRY(tx.commit());
  return counts;
}

}  // namespace cw::daemon
