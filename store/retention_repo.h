// The statements of retention (app/retention.h decides what is anonymized
// and how placeholders are numbered; this only reads and writes rows).
// Dates are session dates (YYYY-MM-DD, site-local); `before` is exclusive.
// Not thread-safe, like the Database it uses; the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

struct AssignmentHolder {
  Id assignment = 0;
  Id session = 0;
  std::string handle;  // the volunteer's handle
};

class RetentionRepo {
 public:
  explicit RetentionRepo(Database& db) : db_(db) {}
  // Every assignment of the sessions dated before `before`, by session and id.
  Result<std::vector<AssignmentHolder>> assignments_before(LocalDate before);
  // The id of the inactive volunteer with this handle and no contact data,
  // created on first use.
  Result<Id> placeholder(const std::string& handle, Instant now);
  // Moves an assignment to another volunteer; its events lose a volunteer
  // actor ("volunteer:v0001" becomes "volunteer").
  Result<void> move_assignment(Id assignment, Id volunteer, Instant now);
  // Reports of those sessions lose their volunteer; returns how many.
  Result<int> detach_reports_before(LocalDate before);
  // Forbidden pairs of those sessions are deleted; returns how many.
  Result<int> delete_forbidden_before(LocalDate before);
  // Sent, failed and dropped outbox rows created before `cutoff`; returns how many.
  Result<int> delete_finished_messages_before(Instant cutoff);

 private:
  Database& db_;
};

}  // namespace cw::store
