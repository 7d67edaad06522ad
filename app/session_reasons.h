// Session summaries for a page of sessions (internal to app/queries).
//
// summarize() turns sessions read with their live-assignment counts into
// SessionSummary values: their assignments (one statement for the page) and,
// for each active session with an empty seat, the reason from
// scheduler::explain_unfilled(). The explainer sees exactly what it needs
// and no more: the page's uncovered sessions; the volunteers who list their
// sites or sit in them, each with only what eligibility and the tallies read
// (store::volunteers_for_reasons(): no names or contact details, blackouts
// and extra half-days of the page's dates only); and the live bookings in
// the ISO weeks of the page of those who are eligible for one of the
// sessions or sit in them (so "booked elsewhere" and "at their weekly cap"
// count the real plan; a session booked elsewhere is given to the explainer
// by id, date and half only, which is all it reads of one). The reasons are
// those of the explainer run on the whole database
// (tests/app/session_reasons_test.cc checks it). Reads only; not
// thread-safe (the caller's Database).
#pragma once

#include <vector>

#include "app/queries.h"
#include "store/read_models.h"

namespace cw::app {

Result<std::vector<SessionSummary>> summarize(store::Database& db,
                                              std::vector<store::SessionLoad> loads);

// The number of empty seats of a session with `live` live assignments
// (0 for a cancelled session).
int empty_seats(const Session& s, int live);

}  // namespace cw::app
