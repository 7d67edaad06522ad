// Erasing a volunteer's personal data (DESIGN.md §11): the volunteer row
// with their sites, languages, availability, assignments (and their events)
// and coordinator rules about them; messages addressed to them in the
// outbox; their feed and page tokens are revoked, not deleted, so that a
// later volunteer who reuses the rowid gets new token versions and an old
// link can never open their page. Reports they filed stay, anonymous
// (reports.volunteer_id ON DELETE SET NULL). The caller runs it inside its
// transaction. Not thread-safe, like the Database it uses.
#pragma once

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

struct ErasureCounts {
  int assignments = 0;  // removed
  int reports = 0;      // kept without the volunteer
  int messages = 0;     // outbox rows removed
};

// not_found when there is no such volunteer.
Result<ErasureCounts> erase_volunteer_data(Database& db, Id volunteer, Instant now);

}  // namespace cw::store
