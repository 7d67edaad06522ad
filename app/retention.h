// Retention (DESIGN.md §11): personal data of sessions older than the
// retention period is anonymized, keeping what the program learned.
//
// For every session dated before `cutoff`:
//   - each assignment is moved to a placeholder volunteer "~anonymized-N"
//     (inactive, no contact data; N numbers the session's assignments, since
//     a session holds a volunteer at most once), so coverage and state
//     history stay countable while who watched is gone;
//   - the events of those assignments lose a volunteer actor
//     ("volunteer:v0001" becomes "volunteer");
//   - its observation reports lose their volunteer (volunteer_id NULL; the
//     report text stays, it is the observation);
//   - forbidden pairs on it are deleted.
// Sent or failed outbox messages created before the cutoff (recipient
// address and body) are deleted too. One transaction; running it again
// changes nothing. Owner: operations. No state; thread-safe with one
// Database per thread.
#pragma once

#include <date/date.h>

#include "core/clock.h"
#include "core/error.h"
#include "store/db.h"

namespace cw::app {

struct RetentionResult {
  int assignments = 0;  // moved to placeholders
  int reports = 0;      // detached from their volunteer
  int forbidden = 0;    // rules deleted
  int messages = 0;     // outbox rows deleted
};

// Anonymizes what belongs to sessions dated before `cutoff` (see above).
Result<RetentionResult> anonymize_before(store::Database& db, date::sys_days cutoff,
                                         const Clock& clock);

// The cutoff for a retention period: today (UTC, from the clock) minus days.
date::sys_days retention_cutoff(const Clock& clock, int days);

// The placeholder volunteers' handles start with this (reserved; db check
// reports a placeholder that has contact data or is active).
inline constexpr std::string_view kAnonymizedHandlePrefix = "~anonymized-";

}  // namespace cw::app
