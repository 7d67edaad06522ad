// The assignment lifecycle as use cases (DESIGN.md §2, §5, §8).
//
// Every manual change of an assignment goes through here, whoever asks: the
// CLI (`courtwatch assign|unassign`), the JSON API, the coordinator pages and
// the volunteer's self-service page. Each use case is one function over the
// store, the injected clock and the actor; it runs in one transaction
// (BEGIN IMMEDIATE, so the check and the write see the same state), writes
// assignment events and one audit-log entry, and returns an Error value
// without changing anything when it refuses.
//
// check_assignment() applies the matcher's hard constraints (matching.md,
// scheduler/assignment_rules.h) to one more pair and refuses with
// Error::rule_broken(code, message): the code is one of DESIGN §8's
// ("double-booked", "weekly-cap", "not-available", "wrong-site",
// "trainee-alone", "session-full", "forbidden"), the message one a
// coordinator can act on ("Ana is already at HOU Courtroom 3 that morning").
// A cancelled session or a missing session or volunteer is a plain conflict
// or not_found error (no rule code).
//
// States: assign creates a proposal (pinned on request; a pinned one is kept
// by every re-plan, an unpinned one is the previous plan the matcher may
// revise); claim, by the volunteer, creates a confirmed assignment; confirm
// and decline are the volunteer's answers (a coordinator may record them for
// the volunteer). A volunteer actor may only touch their own assignments.
// Not thread-safe: one Database per thread.
#pragma once

#include <string_view>

#include "app/actor.h"
#include "core/clock.h"
#include "core/domain.h"
#include "store/db.h"

namespace cw::app {

enum class Pin { no, yes };

// Whether volunteer may take a seat in session now; reads only.
Result<void> check_assignment(store::Database& db, Id session, Id volunteer);

// The stored id of the volunteer with this handle ("v0001"); not_found names it.
Result<Id> volunteer_id(store::Database& db, std::string_view handle);

// A coordinator assigns (a proposal, pinned with Pin::yes). A pair that was
// cancelled comes back as a proposal, one the volunteer declined is asked
// again (invited). Returns the assignment as stored.
Result<Assignment> assign(store::Database& db, const Clock& clock, const Actor& who, Id session,
                          Id volunteer, Pin pin = Pin::no);
// A coordinator removes a live assignment (it becomes cancelled, unpinned).
Result<void> unassign(store::Database& db, const Clock& clock, const Actor& who, Id assignment);
// Pins or unpins a live assignment.
Result<void> pin(store::Database& db, const Clock& clock, const Actor& who, Id assignment,
                 Pin pinned);
// Forbids the pair (the matcher never proposes it; a live assignment is
// cancelled) or lifts the ban.
Result<void> forbid(store::Database& db, const Clock& clock, const Actor& who, Id session,
                    Id volunteer);
Result<void> allow(store::Database& db, const Clock& clock, const Actor& who, Id session,
                   Id volunteer);
// The volunteer confirms (a declined one is confirmed again only if the
// seat is still free under the hard constraints) or declines.
Result<void> confirm(store::Database& db, const Clock& clock, const Actor& who, Id assignment);
Result<void> decline(store::Database& db, const Clock& clock, const Actor& who, Id assignment);
// The volunteer (who.kind == volunteer) takes a seat in an open session that
// has not taken place yet; the same check as assign. Returns the confirmed
// assignment.
Result<Assignment> claim(store::Database& db, const Clock& clock, const Actor& who, Id session);

}  // namespace cw::app
