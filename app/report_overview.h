// Observation reports for coordinators (DESIGN.md §1, §8 "observation
// reports"): the reports of a date range, optionally at one site, and their
// totals per site and ISO week (reports, how many saw ICE present, people
// detained) for the table and the chart of the reports page. Reads only.
// Not thread-safe: one Database per thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/report_repo.h"

namespace cw::app {

struct WeekTotals {
  std::string site;
  LocalDate week{};  // Monday
  int reports = 0;
  int ice_present = 0;  // reports that say ICE was present
  int detained = 0;     // people reported detained
};

struct ReportOverview {
  LocalDate from{};
  LocalDate to{};
  std::vector<store::SiteReport> reports;  // by date
  std::vector<WeekTotals> weeks;           // by site, then week; every week of the range
};

// The weeks that contain [from, to] (whole ISO weeks), at `site` when given.
Result<ReportOverview> report_overview(store::Database& db, std::optional<std::string> site,
                                       LocalDate from, LocalDate to);

}  // namespace cw::app
