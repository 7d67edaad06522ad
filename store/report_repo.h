// Observation reports: what a volunteer saw at a session (DESIGN.md §8, §7
// `alert`).
//
// One report per (session, volunteer), filed from the volunteer's page after
// the session ended and edited in place when filed again (the caller's
// transaction makes find-then-write atomic). The answers live in the
// `reports.body` column as one JSON object,
//   {"ice_present": "yes"|"no"|"unsure", "detained_count": N, "notes": "...",
//    "version": V, "updated": UNIX_SECONDS}
// which is the shape the notification planner reads (notify/plan_source):
// `version` rises on every change and `updated` is the time of the last one;
// `created` stays the time of the first filing. A report that says ICE was
// present or someone was detained is an alert (Report::alert()), queued by
// the planner to the site's coordinators. A volunteer who erases their data
// leaves their reports anonymous (volunteer NULL): the observation belongs
// to the program. Notes are free text from the volunteer and are only ever
// shown HTML-escaped. ReportRepo is not thread-safe, like the Database it
// uses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

enum class IcePresent { yes, no, unsure };
std::string_view to_string(IcePresent p);
Result<IcePresent> parse_ice_present(std::string_view s);

// What a volunteer files.
struct ReportInput {
  Id session = 0;
  Id volunteer = 0;
  IcePresent ice_present = IcePresent::unsure;
  int detained_count = 0;
  std::string notes;
};

struct Report {
  Id id = 0;
  Id session = 0;
  std::optional<Id> volunteer;  // nullopt once the volunteer erased their data
  IcePresent ice_present = IcePresent::unsure;
  int detained_count = 0;
  std::string notes;
  Instant created{};
  Instant updated{};
  int version = 1;
  // A report that must reach the site's coordinators at once.
  bool alert() const { return ice_present == IcePresent::yes || detained_count > 0; }
};

// A report with the session it is about, for coordinators.
struct SiteReport {
  Report report;
  std::string site;
  LocalDate date{};
  Half half = Half::am;
  std::string location;
  std::string judge;
  std::string volunteer_name;  // empty when anonymous
};

struct ReportFilter {
  std::optional<std::string> site;
  LocalDate from{};  // session dates, inclusive
  LocalDate to{};
};

struct SavedReport {
  Id id = 0;
  int version = 1;
  bool changed = false;  // false when the same report was filed again
};

class ReportRepo {
 public:
  explicit ReportRepo(Database& db) : db_(db) {}

  // Inserts the pair's report or updates it in place (version + 1) when any
  // field differs.
  Result<SavedReport> save(const ReportInput& in, Instant now);
  Result<std::optional<Report>> find_pair(Id session, Id volunteer);
  Result<std::vector<Report>> for_volunteer(Id volunteer);
  // Reports of sessions dated in [from, to] (at one site, when given),
  // ordered by date, half, site, location.
  Result<std::vector<SiteReport>> list(const ReportFilter& f);
  // Reports that call for an alert, last changed at or after `since`, oldest
  // change first.
  Result<std::vector<Report>> alerts_since(Instant since);

 private:
  Database& db_;
};

}  // namespace cw::store
