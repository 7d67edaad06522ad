#include "scheduler/match_instance.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>

#include "scheduler/eligibility.h"

namespace cw::scheduler {
namespace {

struct DisjointSets {
  std::vector<int> parent;
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[static_cast<std::size_t>(x)] != x) {
      auto& p = parent[static_cast<std::size_t>(x)];
      p = parent[static_cast<std::size_t>(p)];
      x = p;
    }
    return x;
  }
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
  }
};

void build_candidates(const MatchInput& in, Instance& inst) {
  std::unordered_map<std::string, std::vector<int>> by_site;
  for (std::size_t v = 0; v < in.volunteers.size(); ++v) {
    const auto& vol = in.volunteers[v];
    if (!vol.active) continue;
    for (const auto& site : vol.sites) by_site[site].push_back(static_cast<int>(v));
  }
  std::unordered_set<std::uint64_t> blocked;
  for (const auto& p : in.excluded) blocked.insert(Instance::key(p.volunteer, p.session));
  for (const auto& p : inst.fixed) blocked.insert(Instance::key(p.volunteer, p.session));
  for (std::size_t s = 0; s < in.sessions.size(); ++s) {
    const Session& ses = in.sessions[s];
    auto it = by_site.find(ses.key.site);
    if (it == by_site.end()) continue;
    for (const int v : it->second) {
      const auto& vol = in.volunteers[static_cast<std::size_t>(v)];
      const auto k = Instance::key(v, static_cast<int>(s));
      if (!eligible(vol, ses.key) || blocked.contains(k)) continue;
      const int bonus =
          (speaks_session_language(vol, ses) ? 10 : 0) + (inst.previous.contains(k) ? 3 : 0);
      inst.candidates.push_back({v, static_cast<int>(s), bonus});
    }
  }
}

void build_components(const MatchInput& in, Instance& inst) {
  const int nv = static_cast<int>(in.volunteers.size());
  DisjointSets sets(in.volunteers.size() + in.sessions.size());
  for (const auto& c : inst.candidates) sets.unite(c.volunteer, nv + c.session);
  for (const auto& p : inst.fixed) sets.unite(p.volunteer, nv + p.session);

  std::vector<int> comp_of(in.volunteers.size() + in.sessions.size(), -1);
  auto component = [&](int node) -> Component& {
    const auto root = static_cast<std::size_t>(sets.find(node));
    if (comp_of[root] < 0) {
      comp_of[root] = static_cast<int>(inst.components.size());
      inst.components.emplace_back();
    }
    return inst.components[static_cast<std::size_t>(comp_of[root])];
  };
  // used[v] for volunteer v, used[nv + s] for session s.
  std::vector<char> used(in.volunteers.size() + in.sessions.size(), 0);
  const auto at = [](int i) { return static_cast<std::size_t>(i); };
  for (const auto& c : inst.candidates) used[at(c.volunteer)] = used[at(nv) + at(c.session)] = 1;
  for (const auto& p : inst.fixed) used[at(p.volunteer)] = used[at(nv) + at(p.session)] = 1;
  for (int v = 0; v < nv; ++v) {
    if (used[static_cast<std::size_t>(v)]) component(v).volunteers.push_back(v);
  }
  for (int s = 0; s < static_cast<int>(in.sessions.size()); ++s) {
    if (used[at(nv) + at(s)]) component(nv + s).sessions.push_back(s);
  }
  for (std::size_t i = 0; i < inst.candidates.size(); ++i) {
    const auto& c = inst.candidates[i];
    auto& comp = component(c.volunteer);
    comp.candidates.push_back(static_cast<int>(i));
    if (inst.trainee[static_cast<std::size_t>(c.volunteer)]) comp.has_trainee_candidates = true;
  }
  for (const auto& p : inst.fixed) component(p.volunteer).fixed.push_back(p);
  // (volunteer, week, half-day, session) order; the week follows from the
  // half-day, so one packed integer key sorts them when the numbers fit.
  const auto [lo, hi] = std::minmax_element(inst.halfday.begin(), inst.halfday.end());
  const bool packable = !inst.halfday.empty() && nv < (1 << 23) && *hi - *lo < (1 << 20) &&
                        in.sessions.size() < (std::size_t{1} << 20);
  for (auto& comp : inst.components) {
    if (!packable) {
      std::sort(comp.candidates.begin(), comp.candidates.end(), [&](int a, int b) {
        const auto& x = inst.candidates[static_cast<std::size_t>(a)];
        const auto& y = inst.candidates[static_cast<std::size_t>(b)];
        const auto sx = static_cast<std::size_t>(x.session);
        const auto sy = static_cast<std::size_t>(y.session);
        return std::tie(x.volunteer, inst.week[sx], inst.halfday[sx], x.session) <
               std::tie(y.volunteer, inst.week[sy], inst.halfday[sy], y.session);
      });
      continue;
    }
    // Key: volunteer (23 bits) | half-day offset (20) | session (20); the
    // candidate index rides along in a second sort field.
    std::vector<std::pair<std::uint64_t, int>> keyed;
    keyed.reserve(comp.candidates.size());
    for (const int c : comp.candidates) {
      const auto& x = inst.candidates[static_cast<std::size_t>(c)];
      const auto half =
          static_cast<std::uint64_t>(inst.halfday[static_cast<std::size_t>(x.session)] - *lo);
      keyed.emplace_back((static_cast<std::uint64_t>(x.volunteer) << 40) | (half << 20) |
                             static_cast<std::uint64_t>(x.session),
                         c);
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size(); ++i) comp.candidates[i] = keyed[i].second;
  }
}

}  // namespace

bool speaks_session_language(const Volunteer& v, const Session& s) {
  for (const auto& l : v.languages) {
    if (std::find(s.languages.begin(), s.languages.end(), l) != s.languages.end()) return true;
  }
  return false;
}

Instance prepare(const MatchInput& in) {
  Instance inst;
  inst.in = &in;
  inst.halfday.reserve(in.sessions.size());
  inst.week.reserve(in.sessions.size());
  for (const auto& s : in.sessions) {
    const int days = s.key.date.time_since_epoch().count();
    inst.halfday.push_back(days * 2 + (s.key.half == Half::pm ? 1 : 0));
    inst.week.push_back(iso_week_start(s.key.date).time_since_epoch().count());
  }
  for (const auto& v : in.volunteers) inst.trainee.push_back(v.role == Role::trainee);
  inst.fixed = in.fixed;
  std::sort(inst.fixed.begin(), inst.fixed.end());
  inst.fixed.erase(std::unique(inst.fixed.begin(), inst.fixed.end()), inst.fixed.end());
  for (const auto& p : in.previous) inst.previous.insert(Instance::key(p.volunteer, p.session));
  build_candidates(in, inst);
  build_components(in, inst);
  return inst;
}

std::int64_t score_pairs(const MatchInput& in, const std::unordered_set<std::uint64_t>& previous,
                         const std::vector<Pair>& pairs) {
  std::unordered_map<int, int> per_session, per_volunteer;
  std::int64_t total = 0;
  for (const auto& p : pairs) {
    const auto& s = in.sessions[static_cast<std::size_t>(p.session)];
    const auto& v = in.volunteers[static_cast<std::size_t>(p.volunteer)];
    const int seat = per_session[p.session]++;
    total += std::int64_t{seat == 0 ? 100 : 40} * s.weight();
    if (speaks_session_language(v, s)) total += 10;
    if (previous.contains(Instance::key(p.volunteer, p.session))) total += 3;
    ++per_volunteer[p.volunteer];
  }
  for (const auto& [v, load] : per_volunteer) total -= 5LL * load * (load - 1) / 2;
  return total;
}

}  // namespace cw::scheduler
