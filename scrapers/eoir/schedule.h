// The tbl_schedule row rules (eoir-import.md rules 1–13): from one line of the
// table to a Hearing, a silent skip, or a rejection with a reason.
//
// ScheduleParser is built from the table's header (columns by name, any case
// and order) and an ImportScope (which sites may be written, each with its
// date window). parse() is the hot path of the import: it splits the row
// without allocating, decides window and site on the ADJ_DATE and
// BASE_CITY_CODE fields alone, and does the full work (lookups, strings) only
// for rows that become hearings or are rejected. The order of decisions fixes
// which rule wins when several apply: outside the window (a row of an unknown
// site is judged against the union of all windows) → other site under a
// --sites restriction → not a hearing → unknown-site → bad-time. The case id
// (IDNCASE) goes only into Hearing::case_ref; no message produced here
// contains it. A parser reads the Lookups and CustodySet it was given (which
// must outlive it) and is not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/error.h"
#include "scrapers/eoir/lookups.h"
#include "scrapers/eoir/table.h"

namespace cw::scrapers::eoir {

// A site rows may be imported for, with its window [first, last] in day numbers.
struct SiteScope {
  std::string code;  // as stored in the sites table
  int first_day = 0;
  int last_day = -1;
};

struct ImportScope {
  std::vector<SiteScope> sites;
  // When true, `sites` is the --sites restriction and rows of any other site
  // (known or not) are skipped; otherwise a row of a site not listed is
  // rejected as `unknown-site`.
  bool restricted = false;
};

enum class RowFate {
  hearing,         // `out` holds the hearing
  outside_window,  // ADJ_DATE missing or outside the window (rule 5)
  not_hearing,     // leave, travel, detail, non-work (rule 6)
  other_site,      // another site than the --sites restriction (rule 8)
  rejected,        // `reject` says why
};

struct RowReject {
  std::string_view reason;  // "bad-time", "unknown-site", "missing-id"
  std::string message;      // "line 7, field 'ADJ_TIME_START': ..."
  std::string_view field;   // "ADJ_TIME_START": the column at fault
};

class ScheduleParser {
 public:
  // Fails when the header lacks a required column (IDNSCHEDULE, ADJ_DATE,
  // ADJ_TIME_START, BASE_CITY_CODE).
  static Result<ScheduleParser> create(std::string_view header_line, ImportScope scope,
                                       const Lookups& lookups, const CustodySet& custody);

  RowFate parse(std::string_view line, std::int64_t line_no, Hearing& out, RowReject& reject);

  // The smallest first and largest last day of any site's window.
  int first_day() const { return first_day_; }
  int last_day() const { return last_day_; }

 private:
  enum Col : std::uint8_t {
    kIdnSchedule,
    kIdnProceeding,
    kIdnCase,
    kLang,
    kHearingLoc,
    kBaseCity,
    kIjCode,
    kCalType,
    kAdjDate,
    kTimeStart,
    kTimeStop,
    kAdjRsn,
    kScheduleType,
    kColCount
  };
  static constexpr std::size_t kAbsent = SIZE_MAX;

  ScheduleParser(const TableHeader& header, ImportScope scope, const Lookups& lookups,
                 const CustodySet& custody);
  std::string_view field(std::span<const std::string_view> f, Col c) const {
    return cols_[c] == kAbsent ? std::string_view{} : f[cols_[c]];
  }
  // Index into scope_.sites, or -1.
  int find_site(std::string_view code) const;
  void build(std::span<const std::string_view> f, const SiteScope& site, LocalDate date,
             TimeOfDay start, std::string_view schedule_type, Hearing& out) const;

  std::size_t cols_[kColCount]{};
  RowSplitter splitter_;
  ImportScope scope_;
  std::vector<std::pair<std::uint64_t, int>> site_index_;  // packed upper-case code → site
  int first_day_ = 0;
  int last_day_ = -1;
  const Lookups& lookups_;
  const CustodySet& custody_;
};

}  // namespace cw::scrapers::eoir
