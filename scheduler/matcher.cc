#include "scheduler/matcher.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <queue>
#include <thread>

#include "scheduler/match_instance.h"
#include "scheduler/match_network.h"

namespace cw::scheduler {
namespace {

constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();

struct ComponentPlan {
  std::vector<int> chosen;  // candidate indices
  std::int64_t value = kNone;
  std::int64_t bound = 0;
};

std::vector<Pair> with_fixed(const Instance& inst, const Component& comp,
                             const std::vector<int>& chosen) {
  std::vector<Pair> pairs = comp.fixed;
  for (const int c : chosen) {
    const auto& cand = inst.candidates[static_cast<std::size_t>(c)];
    pairs.push_back({cand.volunteer, cand.session});
  }
  return pairs;
}

std::int64_t value_of(const Instance& inst, const Component& comp, const std::vector<int>& chosen) {
  return score_pairs(*inst.in, inst.previous, with_fixed(inst, comp, chosen));
}

// Keeps the non-trainees of a relaxed solution and re-solves the trainees by
// flow over the sessions that now have a non-trainee: always feasible.
std::vector<int> repair(const Instance& inst, const Component& comp, const SolveResult& relaxed,
                        MatchStats& stats) {
  SolveSpec spec;
  spec.trainees_only = true;
  std::vector<int> kept;
  for (const int c : relaxed.chosen) {
    const auto& cand = inst.candidates[static_cast<std::size_t>(c)];
    if (inst.trainee[static_cast<std::size_t>(cand.volunteer)]) continue;
    kept.push_back(c);
    spec.extra_fixed.push_back({cand.volunteer, cand.session});
  }
  ++stats.flow_solves;
  const SolveResult trainees = solve_component(inst, comp, spec);
  stats.flow_arcs += trainees.arcs;
  kept.insert(kept.end(), trainees.chosen.begin(), trainees.chosen.end());
  return kept;
}

struct Node {
  std::vector<int> banned, forced;
  std::int64_t parent_bound = std::numeric_limits<std::int64_t>::max();
  friend bool operator<(const Node& a, const Node& b) { return a.parent_bound < b.parent_bound; }
};

int pick_branch_session(const MatchInput& in, const std::vector<int>& alone) {
  return *std::max_element(alone.begin(), alone.end(), [&](int a, int b) {
    const int wa = in.sessions[static_cast<std::size_t>(a)].weight();
    const int wb = in.sessions[static_cast<std::size_t>(b)].weight();
    return wa != wb ? wa < wb : a > b;
  });
}

ComponentPlan branch_and_bound(const Instance& inst, const Component& comp,
                               const MatchOptions& options, MatchStats& stats) {
  const std::int64_t fixed_value = value_of(inst, comp, {});
  ComponentPlan best;
  std::priority_queue<Node> open;
  open.push(Node{});
  int nodes = 0;
  while (!open.empty() && nodes < std::max(1, options.max_nodes)) {
    Node node = open.top();
    open.pop();
    if (node.parent_bound <= best.value) continue;
    ++nodes;
    ++stats.flow_solves;
    SolveSpec spec;
    spec.banned = node.banned;
    spec.forced = node.forced;
    const SolveResult r = solve_component(inst, comp, spec);
    stats.flow_arcs += r.arcs;
    if (r.forced_unfilled) continue;
    const std::int64_t bound = fixed_value + r.value;
    if (bound <= best.value) continue;
    if (r.alone.empty()) {
      best.chosen = r.chosen;
      best.value = value_of(inst, comp, r.chosen);
      continue;
    }
    auto repaired = repair(inst, comp, r, stats);
    if (const auto v = value_of(inst, comp, repaired); v > best.value) {
      best.value = v;
      best.chosen = std::move(repaired);
    }
    if (bound <= best.value) continue;
    const int s = pick_branch_session(*inst.in, r.alone);
    Node ban = node, force = node;
    ban.banned.push_back(s);
    force.forced.push_back(s);
    ban.parent_bound = force.parent_bound = bound;
    open.push(std::move(ban));
    open.push(std::move(force));
  }
  stats.bb_nodes += nodes;
  best.bound = best.value;
  while (!open.empty()) {
    best.bound = std::max(best.bound, open.top().parent_bound);
    open.pop();
  }
  return best;
}

ComponentPlan solve(const Instance& inst, const Component& comp, const MatchOptions& options,
                    MatchStats& stats) {
  if (comp.candidates.empty()) {
    const auto v = value_of(inst, comp, {});
    return {{}, v, v};
  }
  if (comp.has_trainee_candidates) return branch_and_bound(inst, comp, options, stats);
  ++stats.flow_solves;
  ComponentPlan plan;
  const SolveResult r = solve_component(inst, comp, SolveSpec{});
  stats.flow_arcs += r.arcs;
  plan.chosen = r.chosen;
  plan.value = plan.bound = value_of(inst, comp, plan.chosen);
  return plan;
}

}  // namespace

Plan match(const MatchInput& in, const MatchOptions& options) {
  const Instance inst = prepare(in);
  Plan plan;
  plan.stats.components = static_cast<int>(inst.components.size());
  plan.stats.pairs = static_cast<std::int64_t>(inst.candidates.size());
  // Components share no volunteer and no session, so each is solved on its
  // own, by up to options.threads workers, largest first; the results are
  // merged in component order, so the plan does not depend on the threads.
  const std::size_t n = inst.components.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return inst.components[a].candidates.size() > inst.components[b].candidates.size();
  });
  std::vector<ComponentPlan> plans(n);
  std::vector<MatchStats> stats(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < n; k = next++) {
      const std::size_t i = order[k];
      plans[i] = solve(inst, inst.components[i], options, stats[i]);
    }
  };
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(
      n, options.threads > 0 ? static_cast<std::size_t>(options.threads) : hw);
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
  }
  for (std::size_t i = 0; i < n; ++i) {
    plan.bound += plans[i].bound;
    plan.stats.flow_solves += stats[i].flow_solves;
    plan.stats.flow_arcs += stats[i].flow_arcs;
    plan.stats.bb_nodes += stats[i].bb_nodes;
    for (const int c : plans[i].chosen) {
      const auto& cand = inst.candidates[static_cast<std::size_t>(c)];
      plan.assignments.push_back({cand.volunteer, cand.session, false});
    }
  }
  for (const auto& p : inst.fixed) plan.assignments.push_back({p.volunteer, p.session, true});
  std::sort(plan.assignments.begin(), plan.assignments.end(),
            [](const Placement& a, const Placement& b) {
              return std::tie(a.session, a.volunteer) < std::tie(b.session, b.volunteer);
            });
  plan.objective = plan_value(in, plan.assignments);
  return plan;
}

std::int64_t plan_value(const MatchInput& in, const std::vector<Placement>& assignments) {
  std::unordered_set<std::uint64_t> previous;
  for (const auto& p : in.previous) previous.insert(Instance::key(p.volunteer, p.session));
  std::vector<Pair> pairs;
  pairs.reserve(assignments.size());
  for (const auto& a : assignments) pairs.push_back({a.volunteer, a.session});
  return score_pairs(in, previous, pairs);
}

}  // namespace cw::scheduler
