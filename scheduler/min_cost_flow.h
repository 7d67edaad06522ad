// Min-cost flow by successive shortest paths, for "maximum profit" networks.
//
// MinCostFlow holds a directed network with integer capacities and integer
// (possibly negative) arc costs, and a single source and sink. solve() pushes
// flow along cheapest source-sink paths while the cheapest path still has
// negative cost, so it returns the minimum cost over flows of *any* value —
// exactly what the matcher needs, because every unit of flow is an optional
// assignment with a value. The network must have no negative cycle (ours are
// acyclic before the first augmentation). Potentials start from Bellman-Ford
// (queue-based) and are kept by Dijkstra with reduced costs; Dijkstra stops as
// soon as the sink is settled, and only touched nodes are reset, so one
// augmentation costs time proportional to the explored region, not the
// network. After each Dijkstra, every source-sink path of zero reduced cost
// is a cheapest path, and a depth-first search pushes flow along as many of
// them as it finds (primal-dual), so one Dijkstra serves many units. Correctness is tested against
// Boost.Graph (tests/scheduler/min_cost_flow_test.cc). Not thread-safe; one instance per solve.
#pragma once

#include <cstdint>
#include <vector>

namespace cw::scheduler {

class MinCostFlow {
 public:
  using Cost = std::int64_t;

  MinCostFlow() = default;
  int add_node();
  int node_count() const { return nodes_; }
  // Adds an arc and returns its id (for flow()). Arcs cannot be added after solve().
  int add_arc(int from, int to, int capacity, Cost cost);
  void reserve(int nodes, int arcs);

  // Minimum total cost of any flow from source to sink; leaves that flow.
  Cost solve(int source, int sink);
  int flow(int arc) const { return cap_[2 * static_cast<std::size_t>(arc) + 1]; }
  int augmentations() const { return augmentations_; }

 private:
  void build_adjacency();
  void initial_potentials(int source);
  // One Dijkstra round; returns false when the sink is unreachable.
  bool shortest_path(int source, int sink);
  // Pushes flow along every path of zero reduced cost it can find among the
  // nodes the last Dijkstra settled (each is a cheapest path); returns the
  // flow pushed.
  int push_shortest_paths(int source, int sink);

  // Arc 2i is the forward arc i, 2i+1 its residual twin.
  std::vector<int> head_;  // target node per residual arc
  std::vector<int> cap_;   // residual capacity per residual arc
  std::vector<Cost> cost_;
  std::vector<int> tail_;
  std::vector<int> adj_start_, adj_;
  std::vector<Cost> pot_, dist_;
  std::vector<int> parent_arc_, touched_;
  std::vector<char> settled_, on_path_, dead_;
  std::vector<int> next_arc_, path_;
  int nodes_ = 0;
  int augmentations_ = 0;
};

}  // namespace cw::scheduler
