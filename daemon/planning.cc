#include "daemon/planning.h"

#include <fstream>

#include "core/log.h"
#include "scheduler/lp_export.h"
#include "scheduler/plan_check.h"
#include "store/repos.h"

namespace cw::daemon {
namespace {

Result<Loaded> load(store::Database& db, const SessionScope& scope) {
  Loaded l;
  store::SessionFilter f;
  f.from = scope.from;
  f.to = scope.to;
  f.include_cancelled = false;
  l.in.sessions = CW_TRY(store::SessionRepo(db).list(f));
  l.in.volunteers = CW_TRY(store::VolunteerRepo(db).all());
  std::map<Id, int> session_index, volunteer_index;
  for (const auto& s : l.in.sessions) {
    session_index[s.id] = static_cast<int>(l.session_ids.size());
    l.session_ids.push_back(s.id);
  }
  for (const auto& v : l.in.volunteers) {
    volunteer_index[v.id] = static_cast<int>(l.volunteer_ids.size());
    l.volunteer_ids.push_back(v.id);
  }
  auto pair_of = [&](Id session, Id volunteer) -> std::optional<scheduler::Pair> {
    const auto s = session_index.find(session);
    const auto v = volunteer_index.find(volunteer);
    if (s == session_index.end() || v == volunteer_index.end()) return std::nullopt;
    return scheduler::Pair{v->second, s->second};
  };
  store::AssignmentRepo assignments(db);
  for (const auto& a : CW_TRY(assignments.list(scope.from, scope.to))) {
    const auto p = pair_of(a.session, a.volunteer);
    if (!p) continue;
    const bool live = a.state == AssignmentState::proposed || a.state == AssignmentState::invited ||
                      a.state == AssignmentState::confirmed;
    if (a.state == AssignmentState::proposed) l.in.previous.push_back(*p);
    if (a.state == AssignmentState::declined) l.in.excluded.push_back(*p);
    if (a.state == AssignmentState::confirmed || a.state == AssignmentState::invited ||
        (a.pinned && live)) {
      l.in.fixed.push_back(*p);
      l.fixed_state[{p->volunteer, p->session}] = a.state;
    }
  }
  for (const auto& [session, volunteer] : CW_TRY(assignments.forbidden(scope.from, scope.to))) {
    if (const auto p = pair_of(session, volunteer)) l.in.excluded.push_back(*p);
  }
  return l;
}

}  // namespace

Result<PlanRun> plan_sessions(store::Database& db, const SessionScope& scope, Instant now,
                              PlanMode mode, const std::string& export_lp) {
  CW_TRY(sync_sessions(db, scope, now));
  PlanRun r;
  r.loaded = CW_TRY(load(db, scope));
  const auto& in = r.loaded.in;
  if (!export_lp.empty()) {
    std::ofstream out(export_lp);
    out << scheduler::export_lp(in);
    if (!out.flush()) return fail(Error::io("cannot write LP file '" + export_lp + "'"));
  }
  r.plan = scheduler::match(in);
  r.unfilled = scheduler::explain_unfilled(in, r.plan);
  for (const auto& problem : scheduler::check_plan(in, r.plan.assignments)) {
    // Only fixed assignments that already break a rule can get here.
    log::warning("match: plan breaks a rule because of fixed assignments: " + problem);
  }
  if (mode == PlanMode::store) {
    std::vector<std::pair<Id, Id>> proposals;
    for (const auto& a : r.plan.assignments) {
      if (a.fixed) continue;
      proposals.emplace_back(r.loaded.session_ids[static_cast<std::size_t>(a.session)],
                             r.loaded.volunteer_ids[static_cast<std::size_t>(a.volunteer)]);
    }
    auto tx = CW_TRY(db.begin_immediate());
    r.counts = CW_TRY(store::AssignmentRepo(db).replace_proposals(
        scope.from, scope.to, proposals,
        {"matcher", "plan objective " + std::to_string(r.plan.objective)}, now));
    CW_TRY(tx.commit());
  }
  return r;
}

}  // namespace cw::daemon
