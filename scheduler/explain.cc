#include "scheduler/explain.h"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

#include "scheduler/eligibility.h"

namespace cw::scheduler {
namespace {

std::uint64_t key(int a, std::int64_t b) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) ^
         static_cast<std::uint64_t>(b);
}

std::int64_t halfday(const SessionKey& k) {
  return k.date.time_since_epoch().count() * 2 + (k.half == Half::pm ? 1 : 0);
}

struct Booking {
  std::unordered_map<std::uint64_t, int> half;  // (volunteer, half-day) -> sessions
  std::unordered_map<std::uint64_t, int> week;  // (volunteer, week) -> sessions
  std::vector<std::vector<int>> in_session;     // per session: volunteers
};

Booking bookings(const MatchInput& in, const Plan& plan) {
  Booking b;
  b.in_session.resize(in.sessions.size());
  for (const auto& a : plan.assignments) {
    const auto& k = in.sessions[static_cast<std::size_t>(a.session)].key;
    ++b.half[key(a.volunteer, halfday(k))];
    ++b.week[key(a.volunteer, iso_week_start(k.date).time_since_epoch().count())];
    b.in_session[static_cast<std::size_t>(a.session)].push_back(a.volunteer);
  }
  return b;
}

std::string count_phrase(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

struct Tally {
  int booked = 0, capped = 0, trainee = 0, free = 0;
};

std::string eligible_reason(int eligible, const Tally& t) {
  std::vector<std::pair<int, std::string>> parts;
  if (t.booked) parts.push_back({t.booked, "booked elsewhere that half-day"});
  if (t.capped) parts.push_back({t.capped, "at their weekly cap"});
  if (t.trainee) parts.push_back({t.trainee, "trainees, who need a non-trainee in the session"});
  if (t.free) {
    parts.push_back({t.free, "free but not placed: the load penalty outweighs the seat"});
  }
  std::string out = count_phrase(eligible, "eligible", "eligible");
  if (parts.size() == 1) {
    return out + (eligible == 1 ? ", " : ", all ") + parts.front().second;
  }
  out += ":";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i ? ", " : " ") + std::to_string(parts[i].first) + " " + parts[i].second;
  }
  return out;
}

std::string reason_for(const MatchInput& in, const Booking& b,
                       const std::unordered_map<std::string, std::vector<int>>& by_site,
                       const std::set<std::pair<int, int>>& excluded, int s) {
  const Session& ses = in.sessions[static_cast<std::size_t>(s)];
  const SessionKey& k = ses.key;
  const auto it = by_site.find(k.site);
  if (it == by_site.end()) return "no volunteer lists " + k.site;
  int active = 0, blacked = 0, declined = 0, already = 0;
  std::vector<int> eligible;
  const auto& here = b.in_session[static_cast<std::size_t>(s)];
  for (const int v : it->second) {
    const auto e = check_eligibility(in.volunteers[static_cast<std::size_t>(v)], k);
    if (e == Eligibility::inactive) continue;
    ++active;
    if (e == Eligibility::blacked_out) ++blacked;
    if (e != Eligibility::eligible) continue;
    if (std::find(here.begin(), here.end(), v) != here.end()) {
      ++already;
    } else if (excluded.contains({v, s})) {
      ++declined;
    } else {
      eligible.push_back(v);
    }
  }
  const std::string when = weekday_half_phrase(k.date, k.half);
  if (active == 0) return "no active volunteer for " + k.site;
  if (eligible.empty() && declined == 0 && already == 0) {
    if (blacked == 0) return "no active volunteer for " + k.site + " on " + when;
    return count_phrase(blacked, "volunteer", "volunteers") + " for " + k.site + " on " + when +
           (blacked == 1 ? ", blacked out on " : ", all blacked out on ") + format_date(k.date);
  }
  if (eligible.empty()) {
    if (declined == 0)
      return "no other eligible volunteer (" + std::to_string(already) + " already assigned)";
    return count_phrase(declined + already, "eligible", "eligible") + ", " +
           std::to_string(declined) + " declined or forbidden by a coordinator";
  }
  const bool has_partner = std::any_of(here.begin(), here.end(), [&](int v) {
    return in.volunteers[static_cast<std::size_t>(v)].role != Role::trainee;
  });
  const auto week = iso_week_start(k.date).time_since_epoch().count();
  Tally t;
  for (const int v : eligible) {
    const auto& vol = in.volunteers[static_cast<std::size_t>(v)];
    const auto w = b.week.find(key(v, week));
    if (b.half.contains(key(v, halfday(k)))) {
      ++t.booked;
    } else if ((w != b.week.end() && w->second >= vol.max_per_week) || vol.max_per_week <= 0) {
      ++t.capped;
    } else if (vol.role == Role::trainee && (!has_partner || ses.need() < 2)) {
      ++t.trainee;
    } else {
      ++t.free;
    }
  }
  return eligible_reason(static_cast<int>(eligible.size()), t);
}

}  // namespace

std::vector<Unfilled> explain_unfilled(const MatchInput& in, const Plan& plan) {
  std::vector<int> all(in.sessions.size());
  for (std::size_t s = 0; s < all.size(); ++s) all[s] = static_cast<int>(s);
  return explain_unfilled(in, plan, all);
}

std::vector<Unfilled> explain_unfilled(const MatchInput& in, const Plan& plan,
                                       const std::vector<int>& sessions) {
  const Booking b = bookings(in, plan);
  std::unordered_map<std::string, std::vector<int>> by_site;
  for (std::size_t v = 0; v < in.volunteers.size(); ++v) {
    for (const auto& site : in.volunteers[v].sites) by_site[site].push_back(static_cast<int>(v));
  }
  std::set<std::pair<int, int>> excluded;
  for (const auto& p : in.excluded) excluded.insert({p.volunteer, p.session});
  std::vector<Unfilled> out;
  for (const int s : sessions) {
    const auto i = static_cast<std::size_t>(s);
    const int seats = in.sessions[i].need() - static_cast<int>(b.in_session[i].size());
    if (seats <= 0) continue;
    out.push_back({s, seats, reason_for(in, b, by_site, excluded, s)});
  }
  return out;
}

}  // namespace cw::scheduler
