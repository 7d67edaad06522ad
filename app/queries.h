// Read models of the coordinator desk: what the HTML pages and the JSON API
// show, computed once here so both say the same thing.
//
// Every function only reads (one deferred transaction, so a page is one
// consistent snapshot; nothing is synced, cancelled or recorded as a side
// effect) and is bounded on a nationwide database: lists are keyset-paginated
// (`limit` 1..1000, default 100; `cursor` is the opaque next_cursor of the
// previous page, empty for the first), per-page details take one statement
// each, and no function loads every hearing, session or volunteer. Results are
// domain values, not text: formatting and translation belong to web/.
//
// Rules are not restated here. "Why is this seat empty" comes from
// scheduler::explain_unfilled() over the page's sessions, the volunteers of
// their sites and those volunteers' current bookings; eligibility of a
// volunteer for a session comes from the matcher's own check. Bad arguments
// (a limit out of range, from after to, a cursor this list did not make) are
// Errc::invalid_input errors whose message starts with the parameter's name
// ("limit: ...", "cursor: ..."), so an HTTP handler can answer 400 with it.
//
// Thread-safety: stateless functions; each call uses only the Database it is
// given (one per thread, see store/pool.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/import_run.h"
#include "core/phrase.h"
#include "store/db.h"

namespace cw::app {

inline constexpr int kDefaultPageLimit = 100;
inline constexpr int kMaxPageLimit = 1000;

struct PageRequest {
  int limit = kDefaultPageLimit;
  std::string cursor;  // empty: first page
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // nullopt on the last page
};

// An assignment as a coordinator sees it (volunteer by handle and name).
struct AssignedVolunteer {
  Id id = 0;
  std::string volunteer;  // handle, e.g. "v0001"
  std::string name;
  Role role = Role::watcher;
  AssignmentState state = AssignmentState::proposed;
  bool pinned = false;
};

struct SessionSummary {
  Session session;
  int assigned = 0;  // live assignments: proposed, invited, confirmed
  // Every assignment except cancelled ones (declined ones stay visible).
  std::vector<AssignedVolunteer> assignments;
  // Why seats are empty (scheduler/explain), in English; nullopt when the
  // session is covered or cancelled.
  std::optional<std::string> reason;
  Phrase why;  // the same, for a page to word (app/unfilled_text.h); empty key with no reason

  int empty_seats() const;
  bool covered() const { return empty_seats() == 0; }
};

struct SessionQuery {
  std::optional<LocalDate> from;  // default: today (UTC date of now)
  std::optional<LocalDate> to;    // inclusive; default: from + 13 days
  std::optional<std::string> site;
  // true: active sessions with every seat taken; false: active sessions with
  // an empty seat; nullopt: all sessions, cancelled ones included.
  std::optional<bool> covered;
  PageRequest page;
};

// Sessions in (date, half, site, location, judge) order.
Result<Page<SessionSummary>> list_sessions(store::Database& db, const SessionQuery& q, Instant now);

struct CoverageCell {
  LocalDate date{};
  int sessions = 0;   // active sessions
  int seats = 0;      // sum of need(s)
  int filled = 0;     // seats taken by live assignments
  int uncovered = 0;  // sessions with an empty seat
};

struct SiteCoverage {
  std::string site;  // code
  std::string name;
  std::vector<CoverageCell> days;  // one per dashboard day, in order (zeros when no session)
};

struct Dashboard {
  std::vector<LocalDate> days;      // the days shown, first = the earliest site-local today
  std::vector<SiteCoverage> sites;  // sites with at least one session in the window, by code
  // Uncovered active sessions of the window with their reasons: detained ones
  // first, then by date, half, site; at most uncovered_limit.
  std::vector<SessionSummary> uncovered;
  int uncovered_total = 0;
  int uncovered_detained = 0;
};

Result<Dashboard> dashboard(store::Database& db, Instant now, int days = 14,
                            int uncovered_limit = 50);

struct HearingQuery {
  std::optional<LocalDate> from;  // default: today (UTC date of now)
  std::optional<LocalDate> to;    // inclusive; default: from + 13 days
  std::optional<std::string> site;
  PageRequest page;
};

// Hearings (cancelled included) in (date, time, site) order. case_ref and
// notes are never read: they are empty in the results.
Result<Page<Hearing>> list_hearings(store::Database& db, const HearingQuery& q, Instant now);

struct VolunteerQuery {
  std::optional<std::string> site;
  std::optional<std::string> search;  // part of the handle or name, case-insensitive (ASCII)
  PageRequest page;
};

// Volunteers with every detail (the caller chooses what to show), by handle.
Result<Page<Volunteer>> list_volunteers(store::Database& db, const VolunteerQuery& q);

// Import run records, newest first.
Result<Page<ImportRun>> list_imports(store::Database& db, const PageRequest& page);

}  // namespace cw::app
