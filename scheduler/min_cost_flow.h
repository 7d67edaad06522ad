// Min-cost flow for "maximum profit" networks, solved by LEMON's network
// simplex.
//
// MinCostFlow holds a directed network with integer capacities and integer
// (possibly negative) arc costs, and a single source and sink. solve()
// returns the minimum cost over flows of *any* value from source to sink —
// exactly what the matcher needs, because every unit of flow is an optional
// assignment with a value. It hands LEMON (liblemon-dev, header-only use) the
// network plus a zero-cost bypass arc source -> sink wide enough for every
// unit the source can send, with that many units of supply: a unit that
// would cost money takes the bypass instead, so the min-cost flow of that
// fixed value is the min-cost flow of any value. The network simplex is
// exact on integer data and an order of magnitude faster on the matcher's
// networks than the successive-shortest-path code it replaced (bench/match
// runs both LEMON directly and the matcher on the same network). The
// network may hold negative cycles neither before nor after solving — it is
// a DAG in the matcher. Correctness is also tested against Boost.Graph's
// cycle canceling (tests/scheduler/min_cost_flow_test.cc). Not thread-safe;
// one instance per solve.
#pragma once

#include <cstdint>
#include <vector>

namespace cw::scheduler {

class MinCostFlow {
 public:
  using Cost = std::int64_t;

  struct Arc {
    int from = 0, to = 0, capacity = 0;
    Cost cost = 0;
  };

  MinCostFlow() = default;
  int add_node() { return nodes_++; }
  int node_count() const { return nodes_; }
  // Adds an arc and returns its id (for flow()). Arcs cannot be added after solve().
  int add_arc(int from, int to, int capacity, Cost cost);
  void reserve(int nodes, int arcs);

  // Minimum total cost of any flow from source to sink; leaves that flow.
  Cost solve(int source, int sink);
  int flow(int arc) const { return flow_[static_cast<std::size_t>(arc)]; }
  // The arcs as added, by id (bench/match hands them to LEMON directly).
  const std::vector<Arc>& arcs() const { return arcs_; }

 private:
  std::vector<Arc> arcs_;
  std::vector<int> flow_;
  int nodes_ = 0;
};

}  // namespace cw::scheduler
