// Loading and checking what an assignment use case needs (internal to app/).
//
// seat_check() gathers, from the store, what scheduler::check_addition()
// needs (the volunteer's live sessions in the session's ISO week, the roles
// already seated, the forbidden flag) and turns its verdict into
// Error::rule_broken with a message a coordinator can act on, worded by
// refusal_text.h in English and as a phrase pages word in Spanish. Not
// thread-safe: the caller's Database.
#pragma once

#include <string>

#include "app/refusal_text.h"
#include "core/domain.h"
#include "scheduler/assignment_rules.h"
#include "store/db.h"

namespace cw::app {

// The session; not_found when missing, conflict when cancelled.
Result<Session> active_session(store::Database& db, Id session);
Result<Volunteer> stored_volunteer(store::Database& db, Id volunteer);
// The hard constraints for one more seat (see assignments.h).
Result<void> seat_check(store::Database& db, const Session& s, const Volunteer& v);

}  // namespace cw::app
