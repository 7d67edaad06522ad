#include "scheduler/match_network.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "scheduler/min_cost_flow.h"

namespace cw::scheduler {
namespace {

// How the open seats of a session look after its fixed assignments.
enum class SeatMode {
  closed,          // full (or over-full) already
  single_first,    // need 1, empty: first seat, non-trainees only
  pair_open,       // need 2, empty: first seat (non-trainee) + second seat (anyone)
  second_any,      // need 2, one fixed non-trainee: second seat, anyone
  second_partner,  // need 2, one fixed trainee alone: second seat, non-trainee, required
};

struct SessionNodes {
  SeatMode mode = SeatMode::closed;
  int entry = -1;          // where non-trainee pair arcs go
  int trainee_entry = -1;  // where trainee pair arcs go, or -1
  int first_arc = -1;      // pair_open: the first-seat arc
};

int local_index(const std::vector<int>& sorted, int global) {
  return static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), global) - sorted.begin());
}

struct FixedState {
  std::vector<int> load;                             // per local volunteer
  std::vector<int> nt;                               // per local session: fixed non-trainees
  std::vector<int> tr;                               // per local session: fixed trainees
  std::unordered_set<std::uint64_t> halfday_taken;   // (local volunteer, half-day)
  std::unordered_map<std::uint64_t, int> week_used;  // (local volunteer, week)
};

FixedState fixed_state(const Instance& inst, const Component& comp, const SolveSpec& spec) {
  FixedState f;
  f.load.assign(comp.volunteers.size(), 0);
  f.nt.assign(comp.sessions.size(), 0);
  f.tr.assign(comp.sessions.size(), 0);
  auto add = [&](const Pair& p) {
    const int v = local_index(comp.volunteers, p.volunteer);
    const int s = local_index(comp.sessions, p.session);
    ++f.load[static_cast<std::size_t>(v)];
    ++(inst.trainee[static_cast<std::size_t>(p.volunteer)] ? f.tr
                                                           : f.nt)[static_cast<std::size_t>(s)];
    const auto ps = static_cast<std::size_t>(p.session);
    f.halfday_taken.insert(Instance::key(v, inst.halfday[ps]));
    ++f.week_used[Instance::key(v, inst.week[ps])];
  };
  for (const auto& p : comp.fixed) add(p);
  for (const auto& p : spec.extra_fixed) add(p);
  return f;
}

SeatMode seat_mode(int need, int nt, int tr) {
  if (nt + tr >= need) return SeatMode::closed;
  if (need == 1) return SeatMode::single_first;
  if (nt + tr == 0) return SeatMode::pair_open;
  return nt == 1 ? SeatMode::second_any : SeatMode::second_partner;
}

// The network of a component under a spec, and what reading it back needs.
struct Built {
  MinCostFlow g;
  int source = 0, sink = 0;
  MinCostFlow::Cost big_m = 0;
  std::vector<SessionNodes> nodes;  // per local session
  std::vector<int> pair_arc;        // per component candidate, or -1
  std::vector<int> bonus_arcs;      // arcs carrying big_m
  std::vector<int> branch_arcs;     // the subset forced by spec.forced
};

Built build(const Instance& inst, const Component& comp, const SolveSpec& spec) {
  const MatchInput& in = *inst.in;
  Built built;
  auto& g = built.g;
  auto& nodes = built.nodes;
  auto& bonus_arcs = built.bonus_arcs;
  auto& branch_arcs = built.branch_arcs;
  auto& pair_arc = built.pair_arc;
  const FixedState fixed = fixed_state(inst, comp, spec);
  std::unordered_set<int> banned(spec.banned.begin(), spec.banned.end());
  std::unordered_set<int> forced(spec.forced.begin(), spec.forced.end());

  MinCostFlow::Cost& big_m = built.big_m;
  big_m = 1 + 13 * static_cast<MinCostFlow::Cost>(comp.candidates.size());
  for (const int s : comp.sessions)
    big_m += MinCostFlow::Cost{140} * in.sessions[static_cast<std::size_t>(s)].weight();

  g.reserve(static_cast<int>(comp.sessions.size() * 3 + comp.candidates.size() * 2),
            static_cast<int>(comp.sessions.size() * 3 + comp.candidates.size() * 3));
  const int source = built.source = g.add_node();
  const int sink = built.sink = g.add_node();
  nodes.resize(comp.sessions.size());
  for (std::size_t i = 0; i < comp.sessions.size(); ++i) {
    const int gs = comp.sessions[i];
    const Session& s = in.sessions[static_cast<std::size_t>(gs)];
    const MinCostFlow::Cost w = s.weight();
    auto& n = nodes[i];
    n.mode = seat_mode(s.need(), fixed.nt[i], fixed.tr[i]);
    if (n.mode == SeatMode::closed) continue;
    n.entry = g.add_node();
    switch (n.mode) {
      case SeatMode::single_first:
        g.add_arc(n.entry, sink, 1, -100 * w);
        break;
      case SeatMode::pair_open: {
        const bool force = forced.contains(gs);
        n.first_arc = g.add_arc(n.entry, sink, 1, -100 * w - (force ? big_m : 0));
        if (force) {
          bonus_arcs.push_back(n.first_arc);
          branch_arcs.push_back(n.first_arc);
        }
        const int second = g.add_node();
        g.add_arc(n.entry, second, 1, 0);
        g.add_arc(second, sink, 1, -40 * w);
        // In repair mode only sessions with a placed non-trainee take trainees.
        if (!banned.contains(gs) && !spec.trainees_only) n.trainee_entry = second;
        break;
      }
      case SeatMode::second_any:
        g.add_arc(n.entry, sink, 1, -40 * w);
        n.trainee_entry = n.entry;
        break;
      case SeatMode::second_partner:
        bonus_arcs.push_back(g.add_arc(n.entry, sink, 1, -40 * w - big_m));
        break;
      case SeatMode::closed:
        break;
    }
  }

  pair_arc.assign(comp.candidates.size(), -1);
  std::vector<std::size_t> usable;
  for (std::size_t i = 0; i < comp.candidates.size();) {
    const int gv = inst.candidates[static_cast<std::size_t>(comp.candidates[i])].volunteer;
    std::size_t end = i;
    while (end < comp.candidates.size() &&
           inst.candidates[static_cast<std::size_t>(comp.candidates[end])].volunteer == gv) {
      ++end;
    }
    const bool is_trainee = inst.trainee[static_cast<std::size_t>(gv)];
    const int lv = local_index(comp.volunteers, gv);
    usable.clear();
    if (!spec.trainees_only || is_trainee) {
      for (std::size_t k = i; k < end; ++k) {
        const auto& c = inst.candidates[static_cast<std::size_t>(comp.candidates[k])];
        const auto cs = static_cast<std::size_t>(c.session);
        const auto& n = nodes[static_cast<std::size_t>(local_index(comp.sessions, c.session))];
        const int target = is_trainee ? n.trainee_entry : n.entry;
        if (target < 0 || fixed.halfday_taken.contains(Instance::key(lv, inst.halfday[cs]))) {
          continue;
        }
        const auto used = fixed.week_used.find(Instance::key(lv, inst.week[cs]));
        const int cap = in.volunteers[static_cast<std::size_t>(gv)].max_per_week -
                        (used == fixed.week_used.end() ? 0 : used->second);
        if (cap > 0) usable.push_back(k);
      }
    }
    i = end;
    if (usable.empty()) continue;
    const int max_per_week = in.volunteers[static_cast<std::size_t>(gv)].max_per_week;
    auto cand = [&](std::size_t k) -> const Candidate& {
      return inst.candidates[static_cast<std::size_t>(comp.candidates[k])];
    };
    auto week_of = [&](std::size_t k) {
      return inst.week[static_cast<std::size_t>(cand(k).session)];
    };
    auto half_of = [&](std::size_t k) {
      return inst.halfday[static_cast<std::size_t>(cand(k).session)];
    };
    auto week_cap = [&](int week) {
      const auto used = fixed.week_used.find(Instance::key(lv, week));
      return max_per_week - (used == fixed.week_used.end() ? 0 : used->second);
    };
    // Count the sessions this volunteer could still take: per week, the
    // smaller of the remaining cap and the number of open half-days.
    int max_load = 0;
    for (std::size_t a = 0; a < usable.size();) {
      std::size_t b = a;
      int halves = 0;
      while (b < usable.size() && week_of(usable[b]) == week_of(usable[a])) {
        if (b == a || half_of(usable[b]) != half_of(usable[b - 1])) ++halves;
        ++b;
      }
      max_load += std::min(halves, week_cap(week_of(usable[a])));
      a = b;
    }
    const int vnode = g.add_node();
    const int load0 = fixed.load[static_cast<std::size_t>(lv)];
    for (int k = 0; k < max_load; ++k) g.add_arc(source, vnode, 1, 5LL * (load0 + k));
    for (std::size_t a = 0; a < usable.size();) {
      std::size_t b = a;
      int halves = 0;
      while (b < usable.size() && week_of(usable[b]) == week_of(usable[a])) {
        if (b == a || half_of(usable[b]) != half_of(usable[b - 1])) ++halves;
        ++b;
      }
      const int cap = week_cap(week_of(usable[a]));
      int parent = vnode;
      if (cap < halves) {
        parent = g.add_node();
        g.add_arc(vnode, parent, cap, 0);
      }
      for (std::size_t h = a; h < b;) {
        std::size_t e = h;
        while (e < b && half_of(usable[e]) == half_of(usable[h])) ++e;
        int from = parent;
        if (e - h > 1) {
          from = g.add_node();
          g.add_arc(parent, from, 1, 0);
        }
        for (std::size_t k = h; k < e; ++k) {
          const auto& c = cand(usable[k]);
          const auto& n = nodes[static_cast<std::size_t>(local_index(comp.sessions, c.session))];
          pair_arc[usable[k]] =
              g.add_arc(from, is_trainee ? n.trainee_entry : n.entry, 1, -c.bonus);
        }
        h = e;
      }
      a = b;
    }
  }

  return built;
}

}  // namespace

ComponentNetwork component_network(const Instance& inst, const Component& comp,
                                   const SolveSpec& spec) {
  Built b = build(inst, comp, spec);
  return {std::move(b.g), b.source, b.sink};
}

SolveResult solve_component(const Instance& inst, const Component& comp, const SolveSpec& spec) {
  Built b = build(inst, comp, spec);
  auto& g = b.g;
  const MinCostFlow::Cost cost = g.solve(b.source, b.sink);
  const auto& nodes = b.nodes;
  const auto& pair_arc = b.pair_arc;
  const auto big_m = b.big_m;
  SolveResult r;
  r.arcs = static_cast<int>(g.arcs().size());
  MinCostFlow::Cost bonus_used = 0;
  for (const int a : b.bonus_arcs) bonus_used += g.flow(a);
  for (const int a : b.branch_arcs) r.forced_unfilled |= g.flow(a) == 0;
  r.value = -cost - big_m * bonus_used;
  for (std::size_t k = 0; k < comp.candidates.size(); ++k) {
    if (pair_arc[k] < 0 || g.flow(pair_arc[k]) == 0) continue;
    r.chosen.push_back(comp.candidates[k]);
    const auto& c = inst.candidates[static_cast<std::size_t>(comp.candidates[k])];
    if (!inst.trainee[static_cast<std::size_t>(c.volunteer)]) continue;
    const auto& n = nodes[static_cast<std::size_t>(local_index(comp.sessions, c.session))];
    if (n.mode == SeatMode::pair_open && g.flow(n.first_arc) == 0) r.alone.push_back(c.session);
  }
  return r;
}

}  // namespace cw::scheduler
