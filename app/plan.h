// Planning: the matcher's proposal as a diff against the current plan, and
// applying it (DESIGN.md §5, §8 POST /api/v1/match, §10 `courtwatch match`).
//
// preview_plan() reads the active sessions of [from, to], the volunteers and
// the assignments, builds the matcher's input — confirmed, invited and
// pinned live assignments are fixed (re-planning never moves them), current
// proposals are the previous plan, declined and forbidden pairs are excluded
// — runs scheduler::match(), explains every empty seat, and compares the
// plan with what is stored: `added` are proposals the plan would create,
// `removed` the unpinned proposals it would withdraw, `kept` how many live
// assignments it keeps. It only reads (one read transaction, one snapshot).
// apply_plan() does the same inside BEGIN IMMEDIATE and stores the new
// proposals (AssignmentRepo::replace_proposals), with an audit entry. The
// sessions are not refreshed here: imports and closures keep them current.
// Not thread-safe (one Database).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/domain.h"
#include "core/phrase.h"
#include "store/db.h"

namespace cw::app {

struct PlanRequest {
  LocalDate from{};
  LocalDate to{};        // inclusive
  bool with_lp = false;  // also return the model in CPLEX LP format
};

struct PlannedSeat {
  Id session = 0;
  SessionKey key;
  Id volunteer = 0;
  std::string handle;  // the volunteer's CSV id
  AssignmentState state = AssignmentState::proposed;
  bool fixed = false;  // confirmed, invited or pinned: the matcher kept it as given
};

struct UnfilledSeats {
  Id session = 0;
  SessionKey key;
  int seats = 0;
  std::string reason;  // one a coordinator can act on, in English
  Phrase why;          // the same, for a page to word (unfilled_text.h)
};

struct PlanDiff {
  std::int64_t objective = 0;  // model value of the whole plan, fixed assignments included
  std::int64_t bound = 0;      // == objective when proven optimal
  int sessions = 0;            // active sessions in the range
  std::vector<PlannedSeat> assignments;  // the whole plan (fixed and proposed), by session
  std::vector<PlannedSeat> added;        // proposals the plan creates
  std::vector<PlannedSeat> removed;      // current proposals it withdraws
  int kept = 0;                          // live assignments it keeps
  std::vector<UnfilledSeats> unfilled;
  std::string lp;  // with PlanRequest::with_lp
};

Result<PlanDiff> preview_plan(store::Database& db, const PlanRequest& req);
Result<PlanDiff> apply_plan(store::Database& db, const Clock& clock, const Actor& who,
                            const PlanRequest& req);

// The proposed assignments of active sessions dated in [from, to] become
// invited (notify/ plans the invitations from that state); returns how many.
Result<int> invite(store::Database& db, const Clock& clock, const Actor& who, LocalDate from,
                   LocalDate to);

}  // namespace cw::app
