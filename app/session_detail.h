// One session as the coordinator's session page shows it (DESIGN.md §8
// "detail"): its summary (facts, assignments, why seats are empty), the
// volunteers of its site who could take a seat now, ranked, and every other
// volunteer of the site with the hard constraint that keeps them out.
//
// Eligibility is the matcher's own check (scheduler::check_addition, the
// same one assign() applies) over the volunteers' live bookings of the
// session's ISO week, so a candidate listed here is one assign() accepts and
// a refusal reads exactly as assign() would word it ("Ana is already at HOU
// Courtroom 3 that morning"). Candidates are ranked by what the matcher's
// objective (matching.md) gains from them: +10 when they speak one of the
// session's languages, −5 for each session they already have that week;
// then non-trainees first, then by handle. Volunteers already listed in the
// session's assignments (declined ones included) are in neither list.
//
// Reads only (one deferred transaction). Bounded by the volunteers of one
// site. Not thread-safe: one Database per thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/queries.h"
#include "core/phrase.h"

namespace cw::app {

struct Candidate {
  std::string volunteer;  // handle
  std::string name;
  Role role = Role::watcher;
  int week_load = 0;  // live sessions in the session's ISO week
  int max_per_week = 0;
  bool speaks_language = false;  // shares a language with the session
};

struct Ineligible {
  std::string volunteer;  // handle
  std::string name;
  std::string rule;     // DESIGN §8 code: "double-booked", "not-available", ...
  std::string message;  // one a coordinator can act on, in English
  Phrase phrase;        // the same, for a page to word (refusal_text.h)
};

struct SessionDetail {
  SessionSummary summary;
  std::string site_name;
  std::vector<Candidate> candidates;  // best first; empty for a cancelled session
  std::vector<Ineligible> others;     // by handle; empty for a cancelled session
};

// nullopt when no session has this id.
Result<std::optional<SessionDetail>> session_detail(store::Database& db, Id session);

}  // namespace cw::app
