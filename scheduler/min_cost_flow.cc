#include "scheduler/min_cost_flow.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <cassert>

namespace cw::scheduler {

void MinCostFlow::reserve(int nodes, int arcs) {
  (void)nodes;
  arcs_.reserve(static_cast<std::size_t>(arcs));
}

int MinCostFlow::add_arc(int from, int to, int capacity, Cost cost) {
  assert(flow_.empty() && "arcs added after solve()");
  assert(from >= 0 && from < nodes_ && to >= 0 && to < nodes_);
  arcs_.push_back({from, to, capacity, cost});
  return static_cast<int>(arcs_.size()) - 1;
}

MinCostFlow::Cost MinCostFlow::solve(int source, int sink) {
  using Graph = lemon::SmartDigraph;
  using Simplex = lemon::NetworkSimplex<Graph, int, Cost>;
  Graph g;
  g.reserveNode(nodes_);
  g.reserveArc(static_cast<int>(arcs_.size()) + 1);
  for (int i = 0; i < nodes_; ++i) g.addNode();
  // Every unit the source can send, and a free way for it to skip the network.
  int supply = 0;
  for (const auto& a : arcs_) {
    g.addArc(g.nodeFromId(a.from), g.nodeFromId(a.to));
    if (a.from == source) supply += a.capacity;
  }
  const Graph::Arc bypass = g.addArc(g.nodeFromId(source), g.nodeFromId(sink));
  Graph::ArcMap<int> upper(g);
  Graph::ArcMap<Cost> cost(g);
  for (std::size_t i = 0; i < arcs_.size(); ++i) {
    const auto arc = g.arcFromId(static_cast<int>(i));
    upper[arc] = arcs_[i].capacity;
    cost[arc] = arcs_[i].cost;
  }
  upper[bypass] = supply;
  cost[bypass] = 0;
  Simplex simplex(g);
  simplex.upperMap(upper).costMap(cost).stSupply(g.nodeFromId(source), g.nodeFromId(sink), supply);
  [[maybe_unused]] const auto status = simplex.run();
  // Feasible by construction (the bypass carries everything) and bounded
  // (finite capacities): OPTIMAL is the only possible outcome.
  assert(status == Simplex::OPTIMAL);
  flow_.resize(arcs_.size());
  for (std::size_t i = 0; i < arcs_.size(); ++i) {
    flow_[i] = simplex.flow(g.arcFromId(static_cast<int>(i)));
  }
  return simplex.totalCost();
}

}  // namespace cw::scheduler
