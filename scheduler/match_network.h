// One min-cost-flow solve of one component (internal to scheduler/).
//
// solve_component() builds the network described in matcher.h for the
// component under a SolveSpec (extra pairs to hold fixed, trainee bans and
// forced first seats from branch and bound, repair mode), solves it, and
// reads back the chosen candidates. The network is compacted: a week node is
// left out when the weekly cap cannot bind, a half-day node when only one
// session is open to the volunteer in that half-day. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "scheduler/match_instance.h"
#include "scheduler/min_cost_flow.h"

namespace cw::scheduler {

struct SolveSpec {
  std::vector<Pair> extra_fixed;  // held like fixed pairs (repair: the placed non-trainees)
  bool trainees_only = false;     // only trainees get arcs (repair)
  std::vector<int> banned;        // sessions (global) where trainees may not go
  std::vector<int> forced;        // sessions (global) whose first seat must be filled
};

struct SolveResult {
  std::vector<int> chosen;  // indices into Instance::candidates
  // Value of the flow over the fixed pairs: the relaxation bound when trainees
  // can be left alone, the exact added value otherwise.
  std::int64_t value = 0;
  bool forced_unfilled = false;  // a SolveSpec::forced seat stayed empty
  std::vector<int> alone;        // sessions (global) with a trainee and no non-trainee
  int arcs = 0;                  // arcs in the network solved
};

SolveResult solve_component(const Instance& inst, const Component& comp, const SolveSpec& spec);

// The network solve_component() solves for a spec, unsolved, with its source
// and sink: bench/match hands the same network to LEMON directly.
struct ComponentNetwork {
  MinCostFlow flow;
  int source = 0, sink = 0;
};
ComponentNetwork component_network(const Instance& inst, const Component& comp,
                                   const SolveSpec& spec = {});

}  // namespace cw::scheduler
