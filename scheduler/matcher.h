// The matcher: staffs watch sessions with volunteers (matching.md).
//
// match() is a pure function from (sessions, volunteers, fixed assignments,
// previous plan, excluded pairs) to a plan, its objective and an upper bound.
// It maximizes the matching.md objective under its hard constraints:
//
// * The instance splits into connected components (volunteers and sessions
//   linked by eligible or fixed pairs); each is solved on its own.
// * Without trainees a component is one min-cost flow (min_cost_flow.h):
//   source -> volunteer (one unit arc per extra session, costs 5·L for the
//   (L+1)-th session, the convex load penalty) -> volunteer-week (cap
//   max_per_week minus fixed) -> volunteer-half-day (cap 1) -> session
//   (pair arc, -10 language, -3 previous plan) -> sink (first seat -100w,
//   second -40w). Exactly optimal.
// * With trainees, a trainee can only hold the second seat of a detained
//   session beside a non-trainee. The flow above, with trainee pair arcs into
//   the second seat, is a relaxation (it may leave a trainee alone) and gives
//   an upper bound. Branch and bound on the sessions where a trainee is left
//   alone: one branch bans trainees from the session, the other forces its
//   first seat to be filled by a non-trainee (a big-M bonus). At every node a
//   repair step keeps the non-trainees and re-solves the trainees by flow
//   over sessions that have a non-trainee, giving a feasible incumbent. The
//   search stops when the bound is reached (optimal) or after
//   MatchOptions::max_nodes per component (Plan::bound then says how far from
//   optimal the plan can be).
// * Fixed (confirmed, pinned) assignments are taken as given: they use seats,
//   half-days, weekly caps and load, and count in the objective. A fixed
//   trainee alone in a session makes the open seat non-trainee-only and is
//   filled first when anyone can.
//
// Thread-safe: no shared state; the input is only read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain.h"

namespace cw::scheduler {

// A (volunteer, session) pair by index into MatchInput::volunteers / sessions.
struct Pair {
  int volunteer = 0;
  int session = 0;
  friend bool operator==(const Pair&, const Pair&) = default;
  friend auto operator<=>(const Pair&, const Pair&) = default;
};

struct MatchInput {
  std::vector<Session> sessions;  // the active sessions of the horizon
  std::vector<Volunteer> volunteers;
  std::vector<Pair> fixed;     // confirmed or pinned: they stay
  std::vector<Pair> previous;  // the previous proposed plan (+3 per kept pair)
  std::vector<Pair> excluded;  // declined by the volunteer or forbidden by a coordinator
};

struct MatchOptions {
  int max_nodes = 200;  // branch-and-bound nodes per component (trainees only)
  int threads = 0;      // workers solving components at once; 0: one per CPU
};

struct Placement {
  int volunteer = 0;
  int session = 0;
  bool fixed = false;
  friend bool operator==(const Placement&, const Placement&) = default;
};

struct MatchStats {
  int components = 0;
  int flow_solves = 0;
  int bb_nodes = 0;
  std::int64_t flow_arcs = 0;  // arcs over all flow solves (the work done)
  std::int64_t pairs = 0;
};

struct Plan {
  std::vector<Placement> assignments;  // fixed and new, sorted by (session, volunteer)
  std::int64_t objective = 0;          // model value of the whole plan
  std::int64_t bound = 0;              // upper bound; == objective when proven optimal
  MatchStats stats;
};

Plan match(const MatchInput& in, const MatchOptions& options = {});

// The model value (matching.md objective) of a set of assignments; used for
// the plan's own objective. The tests check it against an independent scorer.
std::int64_t plan_value(const MatchInput& in, const std::vector<Placement>& assignments);

}  // namespace cw::scheduler
