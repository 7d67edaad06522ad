// Why a seat stayed empty (DESIGN.md §5).
//
// explain_unfilled() looks at every session of a plan with fewer volunteers
// than need(s) and says, from the data, what a coordinator could change:
// nobody lists the site, nobody active, nobody available that weekday and
// half ("no active volunteer for HOU on Tuesday mornings"), everybody
// blacked out, declined or forbidden, or — for the eligible ones — how many
// are booked elsewhere that half-day, at their weekly cap, trainees who need
// a non-trainee beside them, or free but left out because the load penalty
// outweighed the seat. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "scheduler/matcher.h"

namespace cw::scheduler {

struct Unfilled {
  int session = 0;  // index into MatchInput::sessions
  int seats = 0;    // empty seats
  std::string reason;
};

std::vector<Unfilled> explain_unfilled(const MatchInput& in, const Plan& plan);
// The same for the listed sessions only (indices into in.sessions): a page of
// sessions explained without reasoning about every other session in `in`.
std::vector<Unfilled> explain_unfilled(const MatchInput& in, const Plan& plan,
                                       const std::vector<int>& sessions);

}  // namespace cw::scheduler
