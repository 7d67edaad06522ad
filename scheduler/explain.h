// Why a seat stayed empty (DESIGN.md §5).
//
// explain_unfilled() looks at every session of a plan with fewer volunteers
// than need(s) and says, from the data, what a coordinator could change:
// nobody lists the site, nobody active, nobody available that weekday and
// half ("no active volunteer for HOU on Tuesday mornings"), everybody
// blacked out, declined or forbidden, or — for the eligible ones — how many
// are booked elsewhere that half-day, at their weekly cap, trainees who need
// a non-trainee beside them, free but not worth a seat (the matching.md load
// penalty of one more session is at least what the seat, language and
// previous-plan bonus would add), or free and worth a seat: the plan simply
// does not hold them yet (the matcher has not run since, or a coordinator
// unassigned them), so the reason says to run the matcher or assign by hand
// rather than blame the penalty.
//
// The reason is a Phrase (core/phrase.h), not words: key "unfilled.<kind>"
// and the values to fill in (counts, site, weekday and half codes, date).
// app/unfilled_text.h holds its patterns in English and Spanish. Pure;
// thread-safe.
#pragma once

#include <vector>

#include "core/phrase.h"
#include "scheduler/matcher.h"

namespace cw::scheduler {

struct Unfilled {
  int session = 0;  // index into MatchInput::sessions
  int seats = 0;    // empty seats
  Phrase why;
};

std::vector<Unfilled> explain_unfilled(const MatchInput& in, const Plan& plan);
// The same for the listed sessions only (indices into in.sessions): a page of
// sessions explained without reasoning about every other session in `in`.
// The load of a volunteer is counted over the plan's assignments, so a
// caller that passes only part of the horizon's plan gets the penalty of
// that part.
std::vector<Unfilled> explain_unfilled(const MatchInput& in, const Plan& plan,
                                       const std::vector<int>& sessions);

}  // namespace cw::scheduler
