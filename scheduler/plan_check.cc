#include "scheduler/plan_check.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace cw::scheduler {
namespace {

std::string describe(const MatchInput& in, int v, int s) {
  const auto& vol = in.volunteers[static_cast<std::size_t>(v)];
  const auto& k = in.sessions[static_cast<std::size_t>(s)].key;
  return vol.handle + " @ " + k.site + "/" + k.location + "/" + k.judge + " " +
         date::format("%F", k.date) + (k.half == Half::am ? " am" : " pm");
}

bool in_list(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// matching.md "Eligibility", restated from the model text.
bool may_watch(const Volunteer& v, const SessionKey& k) {
  if (!v.active || !in_list(v.sites, k.site)) return false;
  for (const auto& e : v.availability.extra) {
    if (e.date == k.date && e.half == k.half) return true;
  }
  const unsigned iso = date::weekday{k.date}.iso_encoding();  // 1 = Monday
  const bool grid = v.availability.grid[(iso - 1) * 2 + (k.half == Half::pm ? 1 : 0)];
  if (!grid) return false;
  for (const auto& b : v.availability.blackouts) {
    if (b.first <= k.date && k.date <= b.last) return false;
  }
  return true;
}

LocalDate monday_of(LocalDate d) { return d - date::days{date::weekday{d}.iso_encoding() - 1}; }

}  // namespace

std::vector<std::string> check_plan(const MatchInput& in, const std::vector<Placement>& plan) {
  std::vector<std::string> out;
  std::set<std::pair<int, int>> seen, fixed, excluded;
  for (const auto& p : in.fixed) fixed.insert({p.volunteer, p.session});
  for (const auto& p : in.excluded) excluded.insert({p.volunteer, p.session});
  std::map<std::tuple<int, LocalDate, Half>, int> per_half;
  std::map<std::pair<int, LocalDate>, int> per_week;
  std::map<int, int> per_session, non_trainees;
  for (const auto& a : plan) {
    const auto& vol = in.volunteers[static_cast<std::size_t>(a.volunteer)];
    const auto& ses = in.sessions[static_cast<std::size_t>(a.session)];
    const std::string what = describe(in, a.volunteer, a.session);
    if (!seen.insert({a.volunteer, a.session}).second) out.push_back("duplicate " + what);
    const bool is_fixed = fixed.contains({a.volunteer, a.session});
    if (a.fixed != is_fixed) out.push_back("fixed flag wrong for " + what);
    if (!is_fixed && !may_watch(vol, ses.key)) out.push_back("not eligible: " + what);
    if (!is_fixed && excluded.contains({a.volunteer, a.session})) {
      out.push_back("declined or forbidden pair assigned: " + what);
    }
    ++per_half[{a.volunteer, ses.key.date, ses.key.half}];
    ++per_week[{a.volunteer, monday_of(ses.key.date)}];
    ++per_session[a.session];
    if (vol.role != Role::trainee) ++non_trainees[a.session];
  }
  for (const auto& p : in.fixed) {
    if (!seen.contains({p.volunteer, p.session})) {
      out.push_back("fixed assignment missing: " + describe(in, p.volunteer, p.session));
    }
  }
  for (const auto& [k, n] : per_half) {
    if (n > 1)
      out.push_back("volunteer #" + std::to_string(std::get<0>(k)) + " in " + std::to_string(n) +
                    " sessions in one half-day");
  }
  for (const auto& [k, n] : per_week) {
    const int cap = in.volunteers[static_cast<std::size_t>(k.first)].max_per_week;
    if (n > cap)
      out.push_back("volunteer #" + std::to_string(k.first) + " over weekly cap (" +
                    std::to_string(n) + " > " + std::to_string(cap) + ")");
  }
  for (const auto& [s, n] : per_session) {
    const int need = in.sessions[static_cast<std::size_t>(s)].detained ? 2 : 1;
    if (n > need) out.push_back("session #" + std::to_string(s) + " over need");
  }
  for (const auto& a : plan) {
    const auto& vol = in.volunteers[static_cast<std::size_t>(a.volunteer)];
    if (vol.role == Role::trainee && non_trainees[a.session] == 0) {
      out.push_back("trainee without a non-trainee: " + describe(in, a.volunteer, a.session));
    }
  }
  return out;
}

std::int64_t score_plan(const MatchInput& in, const std::vector<Placement>& plan) {
  std::set<std::pair<int, int>> previous;
  for (const auto& p : in.previous) previous.insert({p.volunteer, p.session});
  std::map<int, int> filled, load;
  std::int64_t total = 0;
  for (const auto& a : plan) {
    const auto& s = in.sessions[static_cast<std::size_t>(a.session)];
    const auto& v = in.volunteers[static_cast<std::size_t>(a.volunteer)];
    const std::int64_t w =
        1 + 3 * (s.detained ? 1 : 0) + 2 * (s.individual ? 1 : 0) + (s.big ? 1 : 0);
    total += (filled[a.session]++ == 0 ? 100 : 40) * w;
    const bool language = std::any_of(v.languages.begin(), v.languages.end(),
                                      [&](const auto& l) { return in_list(s.languages, l); });
    if (language) total += 10;
    if (previous.contains({a.volunteer, a.session})) total += 3;
    ++load[a.volunteer];
  }
  for (const auto& [v, l] : load) total -= 5 * static_cast<std::int64_t>(l) * (l - 1) / 2;
  return total;
}

}  // namespace cw::scheduler
