// What the notification planner and the coordinators' digest read from the
// database (DESIGN.md §7); notify/ turns these rows into messages and never
// sees SQL. No case reference is read. Callers hold one transaction around
// the calls that must see one snapshot (notify/plan_source.h plans inside
// BEGIN IMMEDIATE). Not thread-safe, like the Database they use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

// An assignment with what its event log says about invitations and
// cancellation.
struct AssignmentHistory {
  Assignment assignment;
  int invite_round = 0;               // transitions to invited so far
  std::optional<Instant> invited_at;  // the latest one
  Id cancel_event = 0;                // latest transition to cancelled (0: none)
};
// Every assignment but proposals, of the sessions dated in [from, to], by id.
Result<std::vector<AssignmentHistory>> assignment_histories(Database& db, LocalDate from,
                                                            LocalDate to);

// A volunteer as a message recipient.
struct Recipient {
  Id id = 0;
  std::string handle;
  std::string name;
  std::string email;
  std::string locale = "en";
  std::string channel = "email";  // email, webhook, both, none (opted out)
  bool active = true;
};
Result<std::vector<Recipient>> recipients(Database& db);

// A stored report's JSON body (store/report_repo.h), unparsed.
struct ReportBody {
  Id id = 0;
  Id session = 0;
  Instant created{};
  std::string body;
};
// Reports about sessions dated `from` or later.
Result<std::vector<ReportBody>> report_bodies(Database& db, LocalDate from);

// An active session with its site and its live assignments (is_live()).
struct StaffedSession {
  Session session;
  Site site;
  int live = 0;
};
// Active sessions dated in [from, to], by date, start and id.
Result<std::vector<StaffedSession>> staffed_sessions(Database& db, LocalDate from, LocalDate to);

// A decline recorded since a time: who, and the session's place and time.
struct DeclineRow {
  std::string volunteer_name;
  std::string site_code;
  std::string site_name;
  std::string location;
  LocalDate date{};
  TimeOfDay start{};
  TimeOfDay end{};
};
// Declines recorded at `since` or later, oldest first.
Result<std::vector<DeclineRow>> declines_since(Database& db, Instant since);

// An import run or a message that failed: what it was, and its error.
struct FailureRow {
  std::string what;    // import: source; message: kind
  std::string target;  // import: input; message: recipient
  std::string error;   // English, as stored
  Phrase phrase = {};  // import: its RunFailure phrase (empty key: show `error`)
};
// Import runs that failed as a whole, started at `since` or later.
Result<std::vector<FailureRow>> failed_imports_since(Database& db, Instant since);
// Messages failed for good, last updated at `since` or later.
Result<std::vector<FailureRow>> failed_messages_since(Database& db, Instant since);

}  // namespace cw::store
