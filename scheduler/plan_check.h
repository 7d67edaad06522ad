// An independent checker and scorer for plans (matching.md).
//
// Written apart from the matcher and sharing none of its code (not even the
// eligibility rule or the weight formula), so that tests, the benchmark and
// `courtwatch match` can confirm any plan — the matcher's or a hand-made one —
// against the model text: check_plan() lists every violated hard constraint
// in words, score_plan() computes the objective. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scheduler/matcher.h"

namespace cw::scheduler {

std::vector<std::string> check_plan(const MatchInput& in, const std::vector<Placement>& plan);
std::int64_t score_plan(const MatchInput& in, const std::vector<Placement>& plan);

}  // namespace cw::scheduler
