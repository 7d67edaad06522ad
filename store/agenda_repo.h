// What a volunteer's self-service page reads (DESIGN.md §8 volunteer pages):
// the volunteer's assignments with their sessions and sites, and the sessions
// at the volunteer's sites that still need people.
//
// Read-only: nothing here writes. Whether the volunteer may claim an open
// session is not decided here but by the hard-constraint check in app/ (the
// one the matcher's model and the coordinator's manual assignment use).
// Not thread-safe, like the Database it uses.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

// A session together with the site it is at.
struct PlacedSession {
  Session session;
  Site site;
};

struct AgendaEntry {
  Id assignment = 0;
  AssignmentState state = AssignmentState::proposed;
  PlacedSession at;
};

struct OpenSession {
  PlacedSession at;
  int assigned = 0;  // live assignments (proposed, invited, confirmed)
};

class AgendaRepo {
 public:
  explicit AgendaRepo(Database& db) : db_(db) {}

  // The volunteer's assignments (every state) of sessions dated in
  // [from, to], ordered by date and start time.
  Result<std::vector<AgendaEntry>> assignments(Id volunteer, LocalDate from, LocalDate to);
  // Active sessions dated in [from, to] at the volunteer's sites with fewer
  // live assignments than they need, in which the volunteer holds no live
  // assignment; ordered by date and start time, at most `limit`.
  Result<std::vector<OpenSession>> open_sessions(Id volunteer, LocalDate from, LocalDate to,
                                                 int limit);

 private:
  Database& db_;
};

}  // namespace cw::store
