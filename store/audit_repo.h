// The audit log: who changed what, and when (DESIGN.md §8, §11).
//
// Every use case in app/ that changes state appends one entry in the same
// transaction as the change, so the log never disagrees with the data. An
// entry names an actor ("alice", "volunteer:v0001", "matcher", "cli"), an
// action ("assignment.assign"), a subject ("assignment 12") and a short
// detail. Callers never put secrets, case references or volunteers' personal
// data (names, e-mail) in it: volunteers appear by handle, so erasing a
// volunteer leaves nothing personal behind. Entries are never changed.
// Listing is newest first with a keyset cursor (the id of the last entry
// seen), so a page costs the same on a large log. Not thread-safe, like the
// Database it uses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

struct AuditEntry {
  Id id = 0;
  Instant at{};
  std::string actor;
  std::string action;
  std::string subject;
  std::string detail;
};

struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  std::optional<Id> next;           // pass as `before` for the next page; nullopt at the end
};

class AuditRepo {
 public:
  explicit AuditRepo(Database& db) : db_(db) {}
  Result<Id> append(Instant at, std::string_view actor, std::string_view action,
                    std::string_view subject, std::string_view detail);
  // Up to `limit` entries older than `before` (all when nullopt), newest first.
  Result<AuditPage> list(int limit, std::optional<Id> before = std::nullopt);

 private:
  Database& db_;
};

}  // namespace cw::store
