#include "scheduler/explain.h"

#include <algorithm>
#include <array>
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
  std::unordered_map<int, int> load;            // volunteer -> sessions in the plan (L_v)
  std::vector<std::vector<int>> in_session;     // per session: volunteers
};

Booking bookings(const MatchInput& in, const Plan& plan) {
  Booking b;
  b.in_session.resize(in.sessions.size());
  for (const auto& a : plan.assignments) {
    const auto& k = in.sessions[static_cast<std::size_t>(a.session)].key;
    ++b.half[key(a.volunteer, halfday(k))];
    ++b.week[key(a.volunteer, iso_week_start(k.date).time_since_epoch().count())];
    ++b.load[a.volunteer];
    b.in_session[static_cast<std::size_t>(a.session)].push_back(a.volunteer);
  }
  return b;
}

// What keeps each free-to-look-at eligible volunteer out, in the order the
// reason lists them.
struct Tally {
  int booked = 0, capped = 0, trainee = 0, loaded = 0, unplaced = 0;
};

Phrase eligible_phrase(int eligible, const Tally& t) {
  const std::array<std::pair<const char*, int>, 5> parts{{{"booked", t.booked},
                                                          {"capped", t.capped},
                                                          {"trainee", t.trainee},
                                                          {"loaded", t.loaded},
                                                          {"unplaced", t.unplaced}}};
  int present = 0;
  const char* first = "";
  for (const auto& [name, n] : parts) {
    if (n == 0) continue;
    if (present++ == 0) first = name;
  }
  Phrase p{present == 1 ? "unfilled.eligible.all" : "unfilled.eligible.mixed", {}};
  p.arg("eligible", std::to_string(eligible)).arg("first", first);
  for (const auto& [name, n] : parts) p.arg(name, std::to_string(n));
  return p;
}

// The objective's change (matching.md) if v took the next seat of s beside
// the plan's other assignments: the seat's value, the language and previous-
// plan bonuses, minus the convex load penalty of one more session (5·L_v).
std::int64_t gain(const MatchInput& in, const Booking& b,
                  const std::set<std::pair<int, int>>& previous, int v, int s) {
  const Session& ses = in.sessions[static_cast<std::size_t>(s)];
  const Volunteer& vol = in.volunteers[static_cast<std::size_t>(v)];
  const bool first_seat = b.in_session[static_cast<std::size_t>(s)].empty();
  std::int64_t g = std::int64_t{first_seat ? 100 : 40} * ses.weight();
  const bool speaks = std::ranges::any_of(vol.languages, [&](const std::string& l) {
    return std::ranges::find(ses.languages, l) != ses.languages.end();
  });
  if (speaks) g += 10;
  if (previous.contains({v, s})) g += 3;
  const auto load = b.load.find(v);
  return g - 5 * std::int64_t{load == b.load.end() ? 0 : load->second};
}

struct Context {
  const MatchInput& in;
  const Booking& b;
  std::unordered_map<std::string, std::vector<int>> by_site;
  std::set<std::pair<int, int>> excluded, previous;
};

Phrase where_phrase(std::string key, const SessionKey& k) {
  Phrase p{std::move(key), {}};
  p.arg("site", k.site)
      .arg("weekday", std::string(weekday_code(k.date)))
      .arg("half", k.half == Half::am ? "am" : "pm");
  return p;
}

Phrase reason_for(const Context& c, int s) {
  const Session& ses = c.in.sessions[static_cast<std::size_t>(s)];
  const SessionKey& k = ses.key;
  const auto it = c.by_site.find(k.site);
  if (it == c.by_site.end()) return Phrase{"unfilled.no-site", {}}.arg("site", k.site);
  int active = 0, blacked = 0, declined = 0, already = 0;
  std::vector<int> eligible;
  const auto& here = c.b.in_session[static_cast<std::size_t>(s)];
  for (const int v : it->second) {
    const auto e = check_eligibility(c.in.volunteers[static_cast<std::size_t>(v)], k);
    if (e == Eligibility::inactive) continue;
    ++active;
    if (e == Eligibility::blacked_out) ++blacked;
    if (e != Eligibility::eligible) continue;
    if (std::find(here.begin(), here.end(), v) != here.end()) {
      ++already;
    } else if (c.excluded.contains({v, s})) {
      ++declined;
    } else {
      eligible.push_back(v);
    }
  }
  if (active == 0) return Phrase{"unfilled.none-active", {}}.arg("site", k.site);
  if (eligible.empty() && declined == 0 && already == 0) {
    if (blacked == 0) return where_phrase("unfilled.none-available", k);
    return where_phrase("unfilled.blacked-out", k)
        .arg("count", std::to_string(blacked))
        .arg("date", format_date(k.date));
  }
  if (eligible.empty()) {
    if (declined == 0) {
      return Phrase{"unfilled.all-assigned", {}}.arg("already", std::to_string(already));
    }
    return Phrase{"unfilled.declined", {}}
        .arg("eligible", std::to_string(declined + already))
        .arg("declined", std::to_string(declined));
  }
  const bool has_partner = std::any_of(here.begin(), here.end(), [&](int v) {
    return c.in.volunteers[static_cast<std::size_t>(v)].role != Role::trainee;
  });
  const auto week = iso_week_start(k.date).time_since_epoch().count();
  Tally t;
  for (const int v : eligible) {
    const auto& vol = c.in.volunteers[static_cast<std::size_t>(v)];
    const auto w = c.b.week.find(key(v, week));
    if (c.b.half.contains(key(v, halfday(k)))) {
      ++t.booked;
    } else if ((w != c.b.week.end() && w->second >= vol.max_per_week) || vol.max_per_week <= 0) {
      ++t.capped;
    } else if (vol.role == Role::trainee && (!has_partner || ses.need() < 2)) {
      ++t.trainee;
    } else if (gain(c.in, c.b, c.previous, v, s) <= 0) {
      ++t.loaded;
    } else {
      ++t.unplaced;
    }
  }
  return eligible_phrase(static_cast<int>(eligible.size()), t);
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
  Context c{in, b, {}, {}, {}};
  for (std::size_t v = 0; v < in.volunteers.size(); ++v) {
    for (const auto& site : in.volunteers[v].sites) c.by_site[site].push_back(static_cast<int>(v));
  }
  for (const auto& p : in.excluded) c.excluded.insert({p.volunteer, p.session});
  for (const auto& p : in.previous) c.previous.insert({p.volunteer, p.session});
  std::vector<Unfilled> out;
  for (const int s : sessions) {
    const auto i = static_cast<std::size_t>(s);
    const int seats = in.sessions[i].need() - static_cast<int>(b.in_session[i].size());
    if (seats <= 0) continue;
    out.push_back({s, seats, reason_for(c, s)});
  }
  return out;
}

}  // namespace cw::scheduler
