// The matching model as a CPLEX LP file, for an independent MILP solver.
//
// export_lp() writes matching.md's model for a MatchInput with one binary
// x_v_s per eligible (or fixed) pair, y1_s/y2_s for the first and second
// seat, and continuous z_v_k in [0,1] for the k-th session of a volunteer
// (cost 5·(k-1); the penalty is convex, so the solver fills them in order).
// Fixed pairs are bounded to 1. Solving it (e.g. `cbc model.lp solve`) gives
// the optimum the matcher must reach. Pure; thread-safe.
#pragma once

#include <string>

#include "scheduler/matcher.h"

namespace cw::scheduler {

std::string export_lp(const MatchInput& in);

}  // namespace cw::scheduler
