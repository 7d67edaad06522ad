// The SQL behind the coordinator desk's read models (app/queries.h).
//
// Read-only queries shaped for paging and bounded work on a nationwide
// database: sessions and hearings are read in their listing order from
// indexes (schema migration 2) starting after a keyset position, so a page
// costs the rows it shows, never a scan of the horizon; per-page details
// (assignments, the volunteers of a few sites, their bookings) are fetched in
// one statement each with the ids passed as a JSON array (json_each), so the
// statement cache holds one text per query whatever the page size. Nothing
// here writes, and no query selects a hearing's case reference. Callers that
// combine several queries wrap them in Database::begin_deferred() for one
// snapshot. Not thread-safe, like the Database they use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::store {

// A session's position in the listing order (date, half, site, location,
// judge), which is its unique key.
struct SessionPosition {
  LocalDate date{};
  Half half = Half::am;
  std::string site, location, judge;
};

struct SessionScan {
  LocalDate from{};
  LocalDate to{};  // inclusive
  std::optional<std::string> site;
  bool active_only = false;
  // Only sessions with (without) a detained hearing; nullopt for both.
  std::optional<bool> detained;
  // Only active sessions with every seat taken (true) or with an empty seat
  // (false), decided in SQL so a page of the few uncovered sessions does not
  // read every session of the range; nullopt for both.
  std::optional<bool> covered;
  std::optional<SessionPosition> after;  // start strictly after this session
};

// A session with the number of its live (proposed, invited, confirmed)
// assignments.
struct SessionLoad {
  Session session;
  int live = 0;
};

// Streams the sessions of the scan in listing order until fn returns false.
Result<void> scan_sessions(Database& db, const SessionScan& scan,
                           const std::function<bool(SessionLoad&&)>& fn);

// One session with its live-assignment count; nullopt when no such id.
Result<std::optional<SessionLoad>> find_session_load(Database& db, Id session);

// An assignment with the volunteer's handle, name and role, for display.
struct AssignmentLine {
  Id id = 0;
  Id session = 0;
  Id volunteer = 0;
  std::string handle, name;
  Role role = Role::watcher;
  AssignmentState state = AssignmentState::proposed;
  bool pinned = false;
};

// Every assignment (all states) of these sessions, by session then id.
Result<std::vector<AssignmentLine>> assignments_of_sessions(Database& db,
                                                            const std::vector<Id>& sessions);

// Ids of the volunteers (active or not) who list one of these sites.
Result<std::vector<Id>> volunteers_at_sites(Database& db, const std::vector<std::string>& sites);

// A live assignment of a volunteer and the session it books.
struct Booking {
  Id volunteer = 0;
  Session session;
};

// The live assignments of these volunteers in sessions dated in [from, to],
// by volunteer then session. Read from the sessions of those dates (and the
// live assignments' index, schema migration 5), so the cost follows the
// sessions in the range, never how many volunteers are asked about or how
// long their history is.
Result<std::vector<Booking>> live_bookings(Database& db, const std::vector<Id>& volunteers,
                                           LocalDate from, LocalDate to);

// A live assignment of a volunteer by its session's id, date and half only.
struct BookedHalfDay {
  Id volunteer = 0;
  Id session = 0;
  LocalDate date{};
  Half half = Half::am;
};

// live_bookings() without the sessions' other columns, from indexes alone
// (sessions_by_day, assignments_live): for callers that only count bookings
// per half-day and week. By volunteer then session.
Result<std::vector<BookedHalfDay>> live_booked_half_days(Database& db,
                                                         const std::vector<Id>& volunteers,
                                                         LocalDate from, LocalDate to);

// (session, volunteer) pairs of these sessions that the matcher may not use:
// declined by the volunteer or forbidden by a coordinator.
Result<std::vector<std::pair<Id, Id>>> excluded_pairs(Database& db,
                                                      const std::vector<Id>& sessions);

// Active sessions at one site and date with the same detained flag and the
// same number of live assignments (the dashboard adds seats up from these),
// in (date, site) order.
struct CoverageGroup {
  std::string site;
  LocalDate date{};
  bool detained = false;
  int live = 0;
  int sessions = 0;
};
Result<std::vector<CoverageGroup>> coverage_groups(Database& db, LocalDate from, LocalDate to);

// A hearing's position in the listing order (date, start, site, id).
struct HearingPosition {
  LocalDate date{};
  TimeOfDay start{};
  std::string site;
  Id id = 0;
};

struct HearingScan {
  LocalDate from{};
  LocalDate to{};  // inclusive
  std::optional<std::string> site;
  std::optional<HearingPosition> after;
  int limit = 100;
};

// One page of hearings (cancelled ones included) in listing order. The
// case_ref and notes fields are left empty: they are never read.
Result<std::vector<Hearing>> hearings_page(Database& db, const HearingScan& scan);

struct VolunteerScan {
  std::optional<std::string> site;
  std::optional<std::string> search;  // in the handle or name, ASCII case-insensitive
  std::optional<std::string> after;   // handle
  int limit = 100;
};

// Ids of one page of volunteers ordered by handle.
Result<std::vector<Id>> volunteer_ids_page(Database& db, const VolunteerScan& scan);

// The volunteers with these ids, with all details, ordered by handle (a
// handful of statements whatever the count; unknown ids are skipped).
Result<std::vector<Volunteer>> volunteers_by_ids(Database& db, const std::vector<Id>& ids);

// What scheduler::explain_unfilled() reads of the volunteers who could take
// a seat in sessions at these sites dated in [from, to]: every volunteer
// (active or not) who lists one of the sites, and those with the ids in
// `also` (the volunteers assigned to the sessions), each with its id, role,
// max_per_week, weekly grid and active flag, its sites among `sites`, its
// blackouts that overlap [from, to] and its extra half-days in it — which is
// all that eligibility and the explainer's tallies look at for those
// sessions. Handle, name, contact details, languages and locale are left
// empty: a page's reasons read thousands of volunteers, and whole rows were
// most of the dashboard's time. In no particular order; unknown ids are
// skipped.
Result<std::vector<Volunteer>> volunteers_for_reasons(Database& db,
                                                      const std::vector<std::string>& sites,
                                                      const std::vector<Id>& also, LocalDate from,
                                                      LocalDate to);

// A run's stored failure column ({"kind": ..., params}) as its RunFailure
// phrase (core/import_run.h); empty key for '' (runs recorded before) or an
// unknown kind.
Phrase run_failure_from_json(const std::string& text);

// Import runs newest first; with `before`, those with a smaller id.
Result<std::vector<ImportRun>> import_runs_before(Database& db, int limit,
                                                  std::optional<Id> before);

// The JSON array text "[1,2,3]" of ids, as json_each() takes it.
std::string json_id_array(const std::vector<Id>& ids);
// The JSON array text ["a","b"] of strings (escaped), as json_each() takes it.
std::string json_text_array(const std::vector<std::string>& texts);

// The domain counts /metrics exposes (app/metrics.h caches them).
struct LabelledCount {
  std::string label;
  std::int64_t count = 0;
};

struct MetricsSnapshot {
  std::vector<LabelledCount> hearings_by_status;
  std::vector<LabelledCount> import_runs;  // label "source:state"
  std::int64_t import_last_success = 0;    // Unix seconds, 0 when never
  std::int64_t import_failures = 0;
  std::int64_t volunteers_active = 0;
  std::vector<LabelledCount> sessions_by_coverage;  // uncovered, partial, covered
  std::vector<LabelledCount> outbox_by_state;
  std::int64_t outbox_due = 0;  // pending and due at `now`
  std::int64_t outbox_retrying = 0;
  std::int64_t outbox_failures = 0;
  std::vector<LabelledCount> fetch_failing;       // source -> 0|1
  std::vector<LabelledCount> fetch_last_success;  // source -> Unix seconds
};

// Every count, in one read transaction of its own.
Result<MetricsSnapshot> metrics_snapshot(Database& db, Instant now);
// Pending outbox messages due at `now` (an indexed range count).
Result<std::int64_t> outbox_due(Database& db, Instant now);

}  // namespace cw::store
