// Session detail read model (app/queries.h): the session with its
// assignments and reason, the volunteers who may take an empty seat ranked,
// and why every other volunteer of the site may not — decided by the same
// check a manual assignment goes through (app/assignment_check.h).
#include <algorithm>
#include <set>
#include <unordered_map>

#include "app/assignment_check.h"
#include "app/queries.h"
#include "app/session_reasons.h"
#include "store/read_models.h"
#include "store/repos.h"

namespace cw::app {
namespace {

bool shares_language(const Volunteer& v, const Session& s) {
  return std::any_of(v.languages.begin(), v.languages.end(), [&](const std::string& l) {
    return std::find(s.languages.begin(), s.languages.end(), l) != s.languages.end();
  });
}

// Live sessions per volunteer in the session's ISO week.
Result<std::unordered_map<Id, int>> week_loads(store::Database& db, const std::vector<Id>& ids,
                                               LocalDate date) {
  const LocalDate monday = iso_week_start(date);
  std::unordered_map<Id, int> load;
  for (const auto& b : CW_TRY(store::live_bookings(db, ids, monday, monday + date::days{6}))) {
    ++load[b.volunteer];
  }
  return load;
}

void rank(std::vector<Candidate>& candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.score, a.week_load, a.volunteer) < std::tie(a.score, b.week_load, b.volunteer);
  });
}

}  // namespace

Result<std::optional<SessionDetail>> session_detail(store::Database& db, Id id, Instant) {
  auto tx = CW_TRY(db.begin_deferred());
  auto load = CW_TRY(store::find_session_load(db, id));
  if (!load) return std::optional<SessionDetail>{};
  SessionDetail d;
  const auto site = CW_TRY(store::SiteRepo(db).find(load->session.key.site));
  if (site) d.site_name = site->name;
  std::vector<store::SessionLoad> one;
  one.push_back(std::move(*load));
  auto summaries = CW_TRY(summarize(db, std::move(one)));
  d.summary = std::move(summaries.front());
  const Session& s = d.summary.session;
  if (s.status == SessionStatus::cancelled) {
    CW_TRY(tx.commit());
    return std::optional<SessionDetail>(std::move(d));
  }
  std::set<std::string> seated;
  for (const auto& a : d.summary.assignments) {
    if (is_live(a.state)) seated.insert(a.volunteer);
  }
  const auto ids = CW_TRY(store::volunteers_at_sites(db, {s.key.site}));
  const auto volunteers = CW_TRY(store::VolunteerRepo(db).find_many(ids));
  const auto loads = CW_TRY(week_loads(db, ids, s.key.date));
  for (const auto& v : volunteers) {
    if (seated.contains(v.handle)) continue;
    const auto ok = seat_check(db, s, v);
    if (!ok && ok.error().rule.empty()) return fail(ok.error());
    if (!ok) {
      d.others.push_back({v.id, v.handle, v.name, ok.error().rule, ok.error().message});
      continue;
    }
    Candidate c{v.id, v.handle, v.name, v.role, shares_language(v, s), 0, v.max_per_week, 0};
    if (const auto it = loads.find(v.id); it != loads.end()) c.week_load = it->second;
    c.score = (c.speaks_language ? 10 : 0) - 5 * c.week_load;
    d.candidates.push_back(std::move(c));
  }
  rank(d.candidates);
  CW_TRY(tx.commit());
  return std::optional<SessionDetail>(std::move(d));
}

}  // namespace cw::app
