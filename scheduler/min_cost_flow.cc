#include "scheduler/min_cost_flow.h"

#include <cassert>
#include <deque>
#include <limits>
#include <queue>
#include <utility>

namespace cw::scheduler {
namespace {
constexpr MinCostFlow::Cost kInf = std::numeric_limits<MinCostFlow::Cost>::max() / 4;
}

int MinCostFlow::add_node() { return nodes_++; }

void MinCostFlow::reserve(int nodes, int arcs) {
  (void)nodes;
  const auto n = 2 * static_cast<std::size_t>(arcs);
  head_.reserve(n);
  cap_.reserve(n);
  cost_.reserve(n);
  tail_.reserve(n);
}

int MinCostFlow::add_arc(int from, int to, int capacity, Cost cost) {
  assert(adj_start_.empty() && "arcs added after solve()");
  assert(from >= 0 && from < nodes_ && to >= 0 && to < nodes_);
  const int id = static_cast<int>(head_.size() / 2);
  head_.push_back(to);
  cap_.push_back(capacity);
  cost_.push_back(cost);
  tail_.push_back(from);
  head_.push_back(from);
  cap_.push_back(0);
  cost_.push_back(-cost);
  tail_.push_back(to);
  return id;
}

void MinCostFlow::build_adjacency() {
  const auto n = static_cast<std::size_t>(nodes_);
  adj_start_.assign(n + 1, 0);
  for (const int t : tail_) ++adj_start_[static_cast<std::size_t>(t) + 1];
  for (std::size_t i = 0; i < n; ++i) adj_start_[i + 1] += adj_start_[i];
  adj_.assign(tail_.size(), 0);
  std::vector<int> fill(adj_start_.begin(), adj_start_.end() - 1);
  for (std::size_t a = 0; a < tail_.size(); ++a) {
    adj_[static_cast<std::size_t>(fill[static_cast<std::size_t>(tail_[a])]++)] =
        static_cast<int>(a);
  }
}

// Bellman-Ford with a FIFO queue over arcs with residual capacity. Nodes the
// source cannot reach keep potential 0; they never become reachable later,
// because residual twins only appear along augmented (reachable) paths.
void MinCostFlow::initial_potentials(int source) {
  const auto n = static_cast<std::size_t>(nodes_);
  pot_.assign(n, kInf);
  std::vector<char> queued(n, 0);
  std::deque<int> queue{source};
  pot_[static_cast<std::size_t>(source)] = 0;
  queued[static_cast<std::size_t>(source)] = 1;
  while (!queue.empty()) {
    const int u = queue.front();
    queue.pop_front();
    queued[static_cast<std::size_t>(u)] = 0;
    const Cost du = pot_[static_cast<std::size_t>(u)];
    for (int i = adj_start_[static_cast<std::size_t>(u)];
         i < adj_start_[static_cast<std::size_t>(u) + 1]; ++i) {
      const auto a = static_cast<std::size_t>(adj_[static_cast<std::size_t>(i)]);
      if (cap_[a] <= 0) continue;
      const auto v = static_cast<std::size_t>(head_[a]);
      if (du + cost_[a] < pot_[v]) {
        pot_[v] = du + cost_[a];
        if (!queued[v]) {
          queued[v] = 1;
          queue.push_back(static_cast<int>(v));
        }
      }
    }
  }
  for (auto& p : pot_) {
    if (p == kInf) p = 0;
  }
}

bool MinCostFlow::shortest_path(int source, int sink) {
  for (const int u : touched_) {
    dist_[static_cast<std::size_t>(u)] = kInf;
    settled_[static_cast<std::size_t>(u)] = 0;
  }
  touched_.clear();
  using Item = std::pair<Cost, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  dist_[static_cast<std::size_t>(source)] = 0;
  touched_.push_back(source);
  heap.push({0, source});
  bool reached = false;
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    const auto uu = static_cast<std::size_t>(u);
    if (settled_[uu] || d != dist_[uu]) continue;
    settled_[uu] = 1;
    if (u == sink) {
      reached = true;
      break;
    }
    for (int i = adj_start_[uu]; i < adj_start_[uu + 1]; ++i) {
      const int a = adj_[static_cast<std::size_t>(i)];
      const auto aa = static_cast<std::size_t>(a);
      if (cap_[aa] <= 0) continue;
      const auto v = static_cast<std::size_t>(head_[aa]);
      if (settled_[v]) continue;
      const Cost nd = d + cost_[aa] + pot_[uu] - pot_[v];
      assert(cost_[aa] + pot_[uu] - pot_[v] >= 0 && "negative reduced cost");
      if (nd < dist_[v]) {
        if (dist_[v] == kInf) touched_.push_back(static_cast<int>(v));
        dist_[v] = nd;
        parent_arc_[v] = a;
        heap.push({nd, static_cast<int>(v)});
      }
    }
  }
  if (!reached) return false;
  // Shift potentials of settled nodes by (dist - dist(sink)); every other node
  // keeps its potential, which is the usual update minus a constant.
  const Cost dt = dist_[static_cast<std::size_t>(sink)];
  for (const int u : touched_) {
    const auto uu = static_cast<std::size_t>(u);
    if (settled_[uu]) pot_[uu] += dist_[uu] - dt;
  }
  return true;
}

int MinCostFlow::push_shortest_paths(int source, int sink) {
  for (const int u : touched_) {
    const auto uu = static_cast<std::size_t>(u);
    next_arc_[uu] = adj_start_[uu];
    dead_[uu] = 0;
    on_path_[uu] = 0;
  }
  auto admissible = [&](std::size_t a) {
    if (cap_[a] <= 0) return false;
    const auto u = static_cast<std::size_t>(tail_[a]), v = static_cast<std::size_t>(head_[a]);
    return settled_[v] && !dead_[v] && !on_path_[v] && cost_[a] + pot_[u] - pot_[v] == 0;
  };
  int pushed = 0;
  path_.clear();
  int u = source;
  on_path_[static_cast<std::size_t>(source)] = 1;
  for (;;) {
    if (u == sink) {
      int push = std::numeric_limits<int>::max();
      for (const int a : path_) push = std::min(push, cap_[static_cast<std::size_t>(a)]);
      for (const int a : path_) {
        cap_[static_cast<std::size_t>(a)] -= push;
        cap_[static_cast<std::size_t>(a ^ 1)] += push;
        on_path_[static_cast<std::size_t>(head_[static_cast<std::size_t>(a)])] = 0;
      }
      pushed += push;
      path_.clear();
      u = source;
      continue;
    }
    const auto uu = static_cast<std::size_t>(u);
    int& it = next_arc_[uu];
    while (it < adj_start_[uu + 1] &&
           !admissible(static_cast<std::size_t>(adj_[static_cast<std::size_t>(it)]))) {
      ++it;
    }
    if (it < adj_start_[uu + 1]) {
      const int a = adj_[static_cast<std::size_t>(it)];
      path_.push_back(a);
      u = head_[static_cast<std::size_t>(a)];
      on_path_[static_cast<std::size_t>(u)] = 1;
      continue;
    }
    dead_[uu] = 1;
    on_path_[uu] = 0;
    if (u == source) break;
    const int back = path_.back();
    path_.pop_back();
    u = tail_[static_cast<std::size_t>(back)];
  }
  return pushed;
}

MinCostFlow::Cost MinCostFlow::solve(int source, int sink) {
  build_adjacency();
  initial_potentials(source);
  const auto n = static_cast<std::size_t>(nodes_);
  dist_.assign(n, kInf);
  settled_.assign(n, 0);
  on_path_.assign(n, 0);
  dead_.assign(n, 0);
  next_arc_.assign(n, 0);
  parent_arc_.assign(n, -1);
  touched_.clear();
  Cost total = 0;
  const auto s = static_cast<std::size_t>(source), t = static_cast<std::size_t>(sink);
  while (shortest_path(source, sink)) {
    const Cost path_cost = pot_[t] - pot_[s];
    if (path_cost >= 0) break;
    const int pushed = push_shortest_paths(source, sink);
    assert(pushed > 0 && "the Dijkstra path itself has zero reduced cost");
    total += path_cost * pushed;
    ++augmentations_;
  }
  return total;
}

}  // namespace cw::scheduler
