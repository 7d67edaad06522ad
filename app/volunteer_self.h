// The volunteer's self-service page as use cases (DESIGN.md §1, §8 "Volunteer
// pages", §11): what the page shows, and the changes a volunteer makes there
// that are not assignment answers (confirm, decline and claim are the
// assignment use cases in app/assignments.h).
//
// volunteer_page() only reads: upcoming sessions in every state, the open
// sessions at the volunteer's sites that check_assignment() would let them
// claim (not yet started), and their sessions of the last 30 days that have
// ended, with any report filed. "Ended" and "started" are judged in each
// site's own zone. set_availability() replaces the weekly grid and edits the
// blackouts; file_report() stores what the volunteer saw at a session they
// were invited to or confirmed for, once it has ended. Each change runs in
// one transaction and writes one audit entry naming the volunteer by handle.
//
// A report that says ICE was present or someone was detained is an alert
// (store::Report::alert()); the notification planner finds it through
// store::ReportRepo::alerts_since() and queues the `alert` to the site's
// coordinators, keyed by report id and version, so filing the same report
// twice alerts once. Not thread-safe: one Database per thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/domain.h"
#include "store/agenda_repo.h"
#include "store/db.h"
#include "store/report_repo.h"
#include "store/volunteer_erasure.h"

namespace cw::app {

struct EndedSession {
  store::AgendaEntry entry;
  std::optional<store::Report> report;
};

struct VolunteerPage {
  Volunteer volunteer;
  std::vector<store::AgendaEntry> upcoming;  // not yet ended, every state
  std::vector<store::OpenSession> claimable;
  std::vector<EndedSession> ended;  // most recent first
};

// not_found when the volunteer does not exist (any more).
Result<VolunteerPage> volunteer_page(store::Database& db, Id volunteer, Instant now);

// The volunteer's live session on the same date and half as `session`, for
// saying which one a refused claim clashes with; reads only.
Result<std::optional<store::AgendaEntry>> clashing_session(store::Database& db, Id volunteer,
                                                           Id session);

struct AvailabilityChange {
  std::array<bool, 14> grid{};    // Monday am, Monday pm, ... Sunday pm
  std::vector<DateRange> remove;  // blackouts to drop (exact ranges)
  std::optional<DateRange> add;   // a blackout to add
};
Result<void> set_availability(store::Database& db, const Clock& clock, const Actor& who,
                              const AvailabilityChange& change);

struct ReportAnswer {
  store::IcePresent ice_present = store::IcePresent::unsure;
  int detained_count = 0;  // 0..999
  std::string notes;       // UTF-8, at most kMaxReportNotes bytes
};
inline constexpr std::size_t kMaxReportNotes = 2000;
inline constexpr int kMaxDetainedCount = 999;

// invalid_input for a bad answer, not_found when the volunteer had no
// invitation or confirmation for the session, conflict before it ended.
Result<store::SavedReport> file_report(store::Database& db, const Clock& clock, const Actor& who,
                                       Id session, const ReportAnswer& answer);

// Erases the volunteer's personal data (store/volunteer_erasure.h); the
// volunteer themself from their page, or a coordinator. Their links stop
// working at once.
Result<store::ErasureCounts> erase_volunteer(store::Database& db, const Clock& clock,
                                             const Actor& who, Id volunteer);

}  // namespace cw::app
