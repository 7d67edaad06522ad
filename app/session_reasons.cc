#include "app/session_reasons.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "app/refusal_text.h"
#include "scheduler/eligibility.h"
#include "scheduler/explain.h"
#include "store/repos.h"

namespace cw::app {
namespace {

// The matcher's view of one page: its uncovered sessions first (indices
// 0..n-1), then the sessions the volunteers are booked in elsewhere.
struct PageInput {
  scheduler::MatchInput in;
  scheduler::Plan plan;
  std::vector<int> explain;  // indices of the page's uncovered sessions
};

// The volunteers whose bookings the explainer can read for these sessions:
// those eligible for one of them (scheduler/eligibility.h, the explainer's
// own test) and those assigned to them (`assigned`, sorted). By id.
std::vector<Id> booking_readers(const scheduler::MatchInput& in,
                                const std::vector<Session>& sessions,
                                const std::vector<Id>& assigned) {
  std::unordered_map<std::string_view, std::vector<const Session*>> at_site;
  for (const auto& s : sessions) at_site[s.key.site].push_back(&s);
  std::vector<Id> out = assigned;
  for (const auto& v : in.volunteers) {
    const bool reads = std::ranges::any_of(v.sites, [&](const std::string& site) {
      const auto it = at_site.find(site);
      return it != at_site.end() && std::ranges::any_of(it->second, [&](const Session* s) {
               return scheduler::eligible(v, s->key);
             });
    });
    if (reads) out.push_back(v.id);
  }
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<PageInput> page_input(store::Database& db, const std::vector<Session>& uncovered,
                             const std::vector<store::AssignmentLine>& lines) {
  PageInput p;
  std::set<std::string> sites;
  std::vector<Id> session_ids;
  LocalDate first = uncovered.front().key.date, last = first;
  for (const auto& s : uncovered) {
    sites.insert(s.key.site);
    session_ids.push_back(s.id);
    first = std::min(first, s.key.date);
    last = std::max(last, s.key.date);
  }
  std::vector<Id> assigned;
  assigned.reserve(lines.size());
  for (const auto& a : lines) assigned.push_back(a.volunteer);
  std::sort(assigned.begin(), assigned.end());
  assigned.erase(std::unique(assigned.begin(), assigned.end()), assigned.end());
  // Only what the explainer reads of each volunteer, for these dates.
  p.in.volunteers = CW_TRY(store::volunteers_for_reasons(
      db, std::vector<std::string>(sites.begin(), sites.end()), assigned, first, last));
  std::unordered_map<Id, int> volunteer_index, session_index;
  for (std::size_t v = 0; v < p.in.volunteers.size(); ++v) {
    volunteer_index[p.in.volunteers[v].id] = static_cast<int>(v);
  }
  for (const auto& s : uncovered) {
    session_index[s.id] = static_cast<int>(p.in.sessions.size());
    p.explain.push_back(static_cast<int>(p.in.sessions.size()));
    p.in.sessions.push_back(s);
  }
  // Bookings in the ISO weeks of the page: they decide "booked that
  // half-day" and "at the weekly cap", which is all the explainer reads of a
  // session booked elsewhere, so those sessions carry only id, date and half.
  // Only the bookings of the volunteers eligible for one of the page's
  // sessions (the tallies look at those) and of the volunteers assigned to
  // them (the seats taken) can change a reason, so only theirs are read.
  const auto bookings = CW_TRY(
      store::live_booked_half_days(db, booking_readers(p.in, uncovered, assigned),
                                   iso_week_start(first), iso_week_start(last) + date::days{6}));
  for (const auto& b : bookings) {
    auto [it, added] = session_index.try_emplace(b.session, static_cast<int>(p.in.sessions.size()));
    if (added) {
      Session booked;
      booked.id = b.session;
      booked.key.date = b.date;
      booked.key.half = b.half;
      p.in.sessions.push_back(std::move(booked));
    }
    p.plan.assignments.push_back({volunteer_index.at(b.volunteer), it->second, true});
  }
  for (const auto& [session, volunteer] : CW_TRY(store::excluded_pairs(db, session_ids))) {
    const auto v = volunteer_index.find(volunteer);
    if (v != volunteer_index.end()) p.in.excluded.push_back({v->second, session_index.at(session)});
  }
  return p;
}

bool shown(const store::AssignmentLine& a) { return a.state != AssignmentState::cancelled; }

}  // namespace

int empty_seats(const Session& s, int live) {
  if (s.status == SessionStatus::cancelled) return 0;
  return std::max(0, s.need() - live);
}

int SessionSummary::empty_seats() const { return app::empty_seats(session, assigned); }

Result<std::vector<SessionSummary>> summarize(store::Database& db,
                                              std::vector<store::SessionLoad> loads) {
  std::vector<SessionSummary> out;
  std::vector<Id> ids;
  std::map<Id, std::size_t> position;
  for (auto& l : loads) {
    position[l.session.id] = out.size();
    ids.push_back(l.session.id);
    out.push_back({std::move(l.session), l.live, {}, std::nullopt, {}});
  }
  if (out.empty()) return out;
  const auto lines = CW_TRY(store::assignments_of_sessions(db, ids));
  for (const auto& a : lines) {
    if (!shown(a)) continue;
    out[position.at(a.session)].assignments.push_back(
        {a.id, a.handle, a.name, a.role, a.state, a.pinned});
  }
  std::vector<Session> uncovered;
  for (const auto& s : out) {
    if (!s.covered()) uncovered.push_back(s.session);
  }
  if (uncovered.empty()) return out;
  const PageInput p = CW_TRY(page_input(db, uncovered, lines));
  for (const auto& u : scheduler::explain_unfilled(p.in, p.plan, p.explain)) {
    auto& summary = out[position.at(p.in.sessions[static_cast<std::size_t>(u.session)].id)];
    summary.reason = english(u.why);
    summary.why = u.why;
  }
  return out;
}

}  // namespace cw::app
