#include "app/plan.h"

#include <map>

#include "app/audit_text.h"
#include "app/message_text.h"
#include "app/refusal_text.h"
#include "core/log.h"
#include "scheduler/explain.h"
#include "scheduler/lp_export.h"
#include "scheduler/matcher.h"
#include "scheduler/plan_check.h"
#include "store/audit_repo.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {
namespace {

// The matcher's input plus the stored ids behind its indices.
struct Loaded {
  scheduler::MatchInput in;
  std::vector<Id> session_ids, volunteer_ids;
  std::map<Id, int> session_index, volunteer_index;
  std::map<std::pair<Id, Id>, Assignment> current;  // by (session, volunteer)
};

Result<Loaded> load(store::Database& db, const PlanRequest& req) {
  Loaded l;
  store::SessionFilter f;
  f.from = req.from;
  f.to = req.to;
  f.include_cancelled = false;
  l.in.sessions = CW_TRY(store::SessionRepo(db).list(f));
  l.in.volunteers = CW_TRY(store::VolunteerRepo(db).all());
  for (const auto& s : l.in.sessions) {
    l.session_index[s.id] = static_cast<int>(l.session_ids.size());
    l.session_ids.push_back(s.id);
  }
  for (const auto& v : l.in.volunteers) {
    l.volunteer_index[v.id] = static_cast<int>(l.volunteer_ids.size());
    l.volunteer_ids.push_back(v.id);
  }
  auto pair_of = [&](Id session, Id volunteer) -> std::optional<scheduler::Pair> {
    const auto s = l.session_index.find(session);
    const auto v = l.volunteer_index.find(volunteer);
    if (s == l.session_index.end() || v == l.volunteer_index.end()) return std::nullopt;
    return scheduler::Pair{v->second, s->second};
  };
  store::AssignmentRepo assignments(db);
  for (const auto& a : CW_TRY(assignments.list(req.from, req.to))) {
    const auto p = pair_of(a.session, a.volunteer);
    if (!p) continue;
    l.current[{a.session, a.volunteer}] = a;
    if (a.state == AssignmentState::declined) l.in.excluded.push_back(*p);
    if (!is_live(a.state)) continue;
    // Sent or answered (invited, confirmed) or pinned: the plan keeps it.
    if (a.state != AssignmentState::proposed || a.pinned) {
      l.in.fixed.push_back(*p);
    } else {
      l.in.previous.push_back(*p);
    }
  }
  for (const auto& [session, volunteer] : CW_TRY(assignments.forbidden(req.from, req.to))) {
    if (const auto p = pair_of(session, volunteer)) l.in.excluded.push_back(*p);
  }
  return l;
}

PlannedSeat seat(const Loaded& l, int session, int volunteer, AssignmentState state, bool fixed) {
  const auto& s = l.in.sessions[static_cast<std::size_t>(session)];
  const auto& v = l.in.volunteers[static_cast<std::size_t>(volunteer)];
  return {s.id, s.key, v.id, v.handle, state, fixed};
}

PlanDiff compare(const Loaded& l, const scheduler::Plan& plan) {
  PlanDiff d;
  d.objective = plan.objective;
  d.bound = plan.bound;
  d.sessions = static_cast<int>(l.in.sessions.size());
  std::map<std::pair<Id, Id>, bool> planned;
  for (const auto& a : plan.assignments) {
    const Id sid = l.session_ids[static_cast<std::size_t>(a.session)];
    const Id vid = l.volunteer_ids[static_cast<std::size_t>(a.volunteer)];
    planned[{sid, vid}] = true;
    const auto it = l.current.find({sid, vid});
    const bool live = it != l.current.end() && is_live(it->second.state);
    const auto state = live ? it->second.state : AssignmentState::proposed;
    d.assignments.push_back(seat(l, a.session, a.volunteer, state, a.fixed));
    if (live) {
      ++d.kept;
    } else {
      d.added.push_back(d.assignments.back());
    }
  }
  for (const auto& [key, a] : l.current) {
    if (a.state != AssignmentState::proposed || a.pinned || planned.contains(key)) continue;
    d.removed.push_back(
        seat(l, l.session_index.at(key.first), l.volunteer_index.at(key.second), a.state, false));
  }
  for (const auto& u : scheduler::explain_unfilled(l.in, plan)) {
    const auto& s = l.in.sessions[static_cast<std::size_t>(u.session)];
    d.unfilled.push_back({s.id, s.key, u.seats, english(u.why), u.why});
  }
  return d;
}

Result<std::pair<Loaded, PlanDiff>> compute(store::Database& db, const PlanRequest& req) {
  if (req.to < req.from) {
    return fail(backwards_range(RangeOf::plan, req.from, req.to));
  }
  auto l = CW_TRY(load(db, req));
  const auto plan = scheduler::match(l.in);
  for (const auto& problem : scheduler::check_plan(l.in, plan.assignments)) {
    // Only fixed assignments that already break a rule can get here.
    log::warning("match: plan breaks a rule because of fixed assignments: " + problem);
  }
  auto d = compare(l, plan);
  if (req.with_lp) d.lp = scheduler::export_lp(l.in);
  return std::pair{std::move(l), std::move(d)};
}

}  // namespace

Result<PlanDiff> preview_plan(store::Database& db, const PlanRequest& req) {
  auto snapshot = CW_TRY(db.begin_deferred());  // one snapshot; rolled back, nothing written
  return CW_TRY(compute(db, req)).second;
}

Result<PlanDiff> apply_plan(store::Database& db, const Clock& clock, const Actor& who,
                            const PlanRequest& req) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  auto computed = CW_TRY(compute(db, req));
  PlanDiff& d = computed.second;
  std::vector<std::pair<Id, Id>> proposals;
  for (const auto& a : d.assignments) {
    if (!a.fixed) proposals.emplace_back(a.session, a.volunteer);
  }
  const store::Actor event{who.label(), "plan objective " + std::to_string(d.objective)};
  const auto counts =
      CW_TRY(store::AssignmentRepo(db).replace_proposals(req.from, req.to, proposals, event, now));
  int empty = 0;
  for (const auto& u : d.unfilled) empty += u.seats;
  CW_TRY(record_audit(db, now, who.label(), "plan.apply",
                      Phrase{}
                          .arg("from", format_date(req.from))
                          .arg("to", format_date(req.to))
                          .arg("objective", std::to_string(d.objective))
                          .arg("added", std::to_string(counts.added))
                          .arg("removed", std::to_string(counts.withdrawn))
                          .arg("kept", std::to_string(d.kept))
                          .arg("empty", std::to_string(empty))));
  CW_TRY(tx.commit());
  return std::move(d);
}

Result<int> invite(store::Database& db, const Clock& clock, const Actor& who, LocalDate from,
                   LocalDate to) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  store::AssignmentRepo repo(db);
  store::SessionRepo sessions(db);
  int invited = 0;
  for (const auto& a : CW_TRY(repo.list(from, to))) {
    if (a.state != AssignmentState::proposed) continue;
    const auto s = CW_TRY(sessions.find(a.session));
    if (!s || s->status != SessionStatus::active) continue;
    CW_TRY(repo.transition(a.id, AssignmentState::invited, {who.label(), "invited"}, now));
    ++invited;
  }
  CW_TRY(record_audit(db, now, who.label(), "plan.invite",
                      Phrase{}
                          .arg("from", format_date(from))
                          .arg("to", format_date(to))
                          .arg("invited", std::to_string(invited))));
  CW_TRY(tx.commit());
  return invited;
}

}  // namespace cw::app
