#include "app/session_detail.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "app/assignment_check.h"
#include "app/assignments.h"
#include "app/session_reasons.h"
#include "scheduler/assignment_rules.h"
#include "store/read_models.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {
namespace {

bool shares_language(const Volunteer& v, const Session& s) {
  return std::ranges::any_of(v.languages, [&](const std::string& l) {
    return std::ranges::find(s.languages, l) != s.languages.end();
  });
}

// The objective's gain of seating c (matching.md): language bonus minus the
// marginal load penalty.
int gain(const Candidate& c) { return (c.speaks_language ? 10 : 0) - 5 * c.week_load; }

bool better(const Candidate& a, const Candidate& b) {
  if (gain(a) != gain(b)) return gain(a) > gain(b);
  const bool a_trainee = a.role == Role::trainee, b_trainee = b.role == Role::trainee;
  if (a_trainee != b_trainee) return b_trainee;
  return a.volunteer < b.volunteer;
}

// Splits the site's volunteers into candidates and the others.
Result<void> judge_volunteers(store::Database& db, SessionDetail& d) {
  const Session& s = d.summary.session;
  std::set<Id> listed;
  std::vector<Role> seated;
  for (const auto& a : d.summary.assignments) {
    auto v = CW_TRY(volunteer_id(db, a.volunteer));
    listed.insert(v);
    if (is_live(a.state)) seated.push_back(a.role);
  }
  const auto ids = CW_TRY(store::volunteers_at_sites(db, {s.key.site}));
  const auto volunteers = CW_TRY(store::volunteers_by_ids(db, ids));
  const LocalDate monday = iso_week_start(s.key.date);
  std::unordered_map<Id, std::vector<Session>> busy;
  for (auto& b : CW_TRY(store::live_bookings(db, ids, monday, monday + date::days{6}))) {
    busy[b.volunteer].push_back(std::move(b.session));
  }
  store::AssignmentRepo assignments(db);
  for (const auto& v : volunteers) {
    if (listed.contains(v.id)) continue;
    scheduler::AdditionInput in;
    in.volunteer = &v;
    in.session = &s;
    in.forbidden = CW_TRY(assignments.is_forbidden(s.id, v.id));
    in.volunteer_busy = busy[v.id];
    in.session_roles = seated;
    const auto verdict = scheduler::check_addition(in);
    if (verdict.rule == scheduler::Rule::none) {
      d.candidates.push_back(
          {v.handle, v.name, v.role, verdict.week_load, v.max_per_week, shares_language(v, s)});
    } else {
      auto phrase = refusal_phrase(verdict, v, s);
      std::string message = english(phrase);
      d.others.push_back({v.handle, v.name, std::string(scheduler::rule_code(verdict.rule)),
                          std::move(message), std::move(phrase)});
    }
  }
  std::ranges::sort(d.candidates, better);
  return {};
}

}  // namespace

Result<std::optional<SessionDetail>> session_detail(store::Database& db, Id session) {
  auto tx = CW_TRY(db.begin_deferred());
  auto load = CW_TRY(store::find_session_load(db, session));
  if (!load) return std::optional<SessionDetail>{};
  std::vector<store::SessionLoad> loads;
  loads.push_back(std::move(*load));
  auto summaries = CW_TRY(summarize(db, std::move(loads)));
  SessionDetail d{std::move(summaries.front()), {}, {}, {}};
  if (const auto site = CW_TRY(store::SiteRepo(db).find(d.summary.session.key.site))) {
    d.site_name = site->name;
  }
  if (d.summary.session.status == SessionStatus::active) CW_TRY(judge_volunteers(db, d));
  CW_TRY(tx.commit());
  return std::optional<SessionDetail>{std::move(d)};
}

}  // namespace cw::app
