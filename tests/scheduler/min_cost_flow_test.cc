// MinCostFlow against Boost.Graph's cycle canceling on random networks.
#include "scheduler/min_cost_flow.h"

#include <gtest/gtest.h>

// Boost.Graph's flow templates trip GCC 12's maybe-uninitialized analysis
// when inlined here; the warning is about Boost's code, not ours.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/cycle_canceling.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#include <boost/graph/find_flow_cost.hpp>
#include <random>

namespace cw::scheduler {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using BoostGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<
        boost::vertex_distance_t, long,
        boost::property<boost::vertex_predecessor_t, Traits::edge_descriptor,
                        boost::property<boost::vertex_color_t, boost::default_color_type>>>,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, long>>>>>;

struct Arc {
  int from, to, cap;
  long cost;
};

// Boost reference: min cost over flows of any value. A super source s0
// feeds the source (cap U) and also the sink directly at cost 0 (cap U), so
// a maximum flow of value U exists for every choice of real flow, and cycle
// canceling then finds the cheapest one.
long boost_min_cost_any_flow(int nodes, const std::vector<Arc>& arcs, int s, int t) {
  BoostGraph g(static_cast<std::size_t>(nodes + 1));
  auto cap = boost::get(boost::edge_capacity, g);
  auto rev = boost::get(boost::edge_reverse, g);
  auto weight = boost::get(boost::edge_weight, g);
  auto add = [&](int u, int v, long c, long w) {
    auto e = boost::add_edge(static_cast<std::size_t>(u), static_cast<std::size_t>(v), g).first;
    auto r = boost::add_edge(static_cast<std::size_t>(v), static_cast<std::size_t>(u), g).first;
    cap[e] = c;
    cap[r] = 0;
    weight[e] = w;
    weight[r] = -w;
    rev[e] = r;
    rev[r] = e;
  };
  long total_cap = 0;
  for (const auto& a : arcs) {
    add(a.from, a.to, a.cap, a.cost);
    if (a.from == s) total_cap += a.cap;
  }
  const int s0 = nodes;
  add(s0, s, total_cap, 0);
  add(s0, t, total_cap, 0);
  boost::edmonds_karp_max_flow(g, static_cast<std::size_t>(s0), static_cast<std::size_t>(t));
  boost::cycle_canceling(g);
  return boost::find_flow_cost(g);
}

// Layered random networks shaped like the matcher's: source, volunteers,
// half-days, sessions, sink, with negative costs towards the sink.
TEST(MinCostFlow, MatchesBoostCycleCancelingOnRandomNetworks) {
  std::mt19937 rng(20260302);
  for (int round = 0; round < 150; ++round) {
    const int a = 1 + static_cast<int>(rng() % 5), b = 1 + static_cast<int>(rng() % 6),
              c = 1 + static_cast<int>(rng() % 6);
    const int nodes = 2 + a + b + c;
    std::vector<Arc> arcs;
    auto pick = [&](int lo, int n) {
      return lo + static_cast<int>(rng() % static_cast<unsigned>(n));
    };
    for (int i = 0; i < a; ++i) {
      for (int k = 0; k < 3; ++k) arcs.push_back({0, 2 + i, 1, 5L * k});
    }
    for (int k = 0; k < a * 2; ++k) {
      arcs.push_back({pick(2, a), pick(2 + a, b), 1 + static_cast<int>(rng() % 2), 0});
    }
    for (int k = 0; k < b * 2; ++k) {
      arcs.push_back({pick(2 + a, b), pick(2 + a + b, c), 1, -static_cast<long>(rng() % 14)});
    }
    for (int i = 0; i < c; ++i) {
      arcs.push_back({2 + a + b + i, 1, 1, -100L * static_cast<long>(1 + rng() % 7)});
      arcs.push_back({2 + a + b + i, 1, 1, -40L * static_cast<long>(1 + rng() % 4)});
    }
    MinCostFlow mcf;
    for (int i = 0; i < nodes; ++i) mcf.add_node();
    for (const auto& arc : arcs) mcf.add_arc(arc.from, arc.to, arc.cap, arc.cost);
    const auto ours = mcf.solve(0, 1);
    EXPECT_EQ(ours, boost_min_cost_any_flow(nodes, arcs, 0, 1)) << "round " << round;
  }
}

TEST(MinCostFlow, StopsWhenTheNextPathWouldCostMoney) {
  MinCostFlow mcf;
  const int s = mcf.add_node(), t = mcf.add_node(), v = mcf.add_node();
  mcf.add_arc(s, v, 1, 0);
  mcf.add_arc(s, v, 1, 50);
  const int first = mcf.add_arc(v, t, 1, -30);
  const int second = mcf.add_arc(v, t, 1, -40);
  EXPECT_EQ(mcf.solve(s, t), -40);
  EXPECT_EQ(mcf.flow(first), 0);
  EXPECT_EQ(mcf.flow(second), 1);
}

}  // namespace
}  // namespace cw::scheduler
