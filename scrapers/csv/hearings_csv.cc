#include "scrapers/csv/hearings_csv.h"

#include <expected>
#include <fstream>
#include <optional>
#include <set>

#include "core/text.h"
#include "scrapers/csv/csv_run.h"
#include "scrapers/csv/csv_table.h"
#include "scrapers/csv/csv_values.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::scrapers {
namespace {

using csv::CsvTable;
using csv::RowReject;

enum HearingCol : std::size_t {
  kDate,
  kTime,
  kEndTime,
  kSite,
  kLocation,
  kJudge,
  kType,
  kLanguage,
  kDetained,
  kCaseRef,
  kStatus,
  kNotes,
  kKey,  // optional
};

csv::TableSpec hearings_spec(const std::string& path, const HearingsCsvOptions& opts) {
  return {.file = csv::display_name(path),
          .columns = {"date", "time", "end_time", "site", "location", "judge", "type", "language",
                      "detained", "case_ref", "status", "notes", "key"},
          .required = 12,
          .aliases = opts.column_aliases};
}

// Date, start and end. The first problem wins.
std::optional<RowReject> parse_when(const CsvTable& t, Hearing& h) {
  const auto date_text = t.get(kDate);
  if (date_text.empty()) return t.missing(kDate);
  const auto date = csv::parse_sheet_date(date_text);
  if (!date)
    return t.reject("bad-date", kDate, std::string(csv::kSheetDateExpected) + csv::got(date_text));
  h.date = *date;

  const auto time_text = t.get(kTime);
  if (time_text.empty()) return t.missing(kTime);
  const auto start = csv::parse_sheet_time(time_text);
  if (!start)
    return t.reject("bad-time", kTime, std::string(csv::kSheetTimeExpected) + csv::got(time_text));
  h.start = *start;

  const auto end_text = t.get(kEndTime);
  if (end_text.empty()) return std::nullopt;
  const auto stop = csv::parse_sheet_time(end_text);
  if (!stop) {
    return t.reject("bad-end-time", kEndTime,
                    std::string(csv::kSheetTimeExpected) + csv::got(end_text));
  }
  if (*stop <= h.start) {
    return t.reject(
        "bad-end-time", kEndTime,
        "expected a time after the start time " + format_time(h.start) + csv::got(end_text));
  }
  h.stop = *stop;
  return std::nullopt;
}

// Site, place and kind of hearing, and its status.
std::optional<RowReject> parse_what(const CsvTable& t, const std::set<std::string>& sites,
                                    Hearing& h) {
  const auto site_text = t.get(kSite);
  if (site_text.empty()) return t.missing(kSite);
  h.site = upper_ascii(site_text);
  if (!sites.contains(h.site)) {
    return t.reject("unknown-site", kSite,
                    "expected a site code from the sites table" + csv::got(site_text));
  }
  h.location = t.get(kLocation);
  h.judge = t.get(kJudge);
  if (const auto type_text = t.get(kType); !type_text.empty()) {
    const auto type = parse_hearing_type(lower_ascii(type_text));
    if (!type) {
      return t.reject("bad-type", kType,
                      "expected master, individual, bond, check-in or other" + csv::got(type_text));
    }
    h.type = *type;
  }
  h.language = lower_ascii(t.get(kLanguage));
  if (const auto detained_text = t.get(kDetained); !detained_text.empty()) {
    const auto detained = csv::parse_yes_no(detained_text);
    if (!detained) {
      return t.reject("bad-detained", kDetained,
                      std::string(csv::kYesNoExpected) + csv::got(detained_text));
    }
    h.detained = *detained;
  }
  const auto status_text = t.get(kStatus);
  const std::string status = lower_ascii(status_text);
  if (status == "cancelled" || status == "canceled") {
    h.status = HearingStatus::cancelled;
    h.cancel_reason = "source";
  } else if (!status.empty() && status != "scheduled") {
    return t.reject("bad-status", kStatus,
                    "expected scheduled, cancelled or empty" + csv::got(status_text));
  }
  h.notes = t.get(kNotes);
  return std::nullopt;
}

// The source key: `csv:` + key, or `csv:` + case_ref|date|time|site. The
// case reference is PRIVATE: checked for presence, never echoed.
std::optional<RowReject> assign_key(const CsvTable& t, Hearing& h) {
  h.case_ref = t.get(kCaseRef);
  if (t.has(kKey)) {
    const auto key = t.get(kKey);
    if (key.empty()) return t.missing(kKey);
    h.source_key = "csv:" + std::string(key);
    return std::nullopt;
  }
  if (h.case_ref.empty()) return t.missing(kCaseRef);
  h.source_key =
      "csv:" + h.case_ref + "|" + format_date(h.date) + "|" + format_time(h.start) + "|" + h.site;
  return std::nullopt;
}

// Parses the current record into a hearing (duplicates are checked later).
std::expected<Hearing, RowReject> parse_hearing_row(const CsvTable& t,
                                                    const std::set<std::string>& sites) {
  Hearing h;
  if (auto r = parse_when(t, h)) return std::unexpected(std::move(*r));
  if (auto r = parse_what(t, sites, h)) return std::unexpected(std::move(*r));
  if (auto r = assign_key(t, h)) return std::unexpected(std::move(*r));
  return h;
}

Result<std::set<std::string>> site_codes(store::Database& db) {
  std::set<std::string> codes;
  for (auto& s : CW_TRY(store::SiteRepo(db).all())) codes.insert(std::move(s.code));
  return codes;
}

Result<void> import_rows(store::Database& db, const std::string& path, const Clock& clock,
                         const HearingsCsvOptions& opts, ImportRun& run) {
  std::ifstream in;
  CW_TRY(csv::open_input(path, in));
  CsvTable table(in, hearings_spec(path, opts), opts.max_record_bytes);
  CW_TRY(table.read_header());
  const auto sites = CW_TRY(site_codes(db));
  store::HearingRepo hearings(db);

  while (CW_TRY(table.next())) {
    ++run.rows_read;
    if (auto problem = table.problem()) {
      run.reject(problem->reason, table.line(), problem->message, problem->field);
      continue;
    }
    auto hearing = parse_hearing_row(table, sites);
    if (!hearing) {
      run.reject(hearing.error().reason, table.line(), hearing.error().message,
                 hearing.error().field);
      continue;
    }
    if (CW_TRY(store::HearingRepo(db).seen_in_run(hearing->source_key, run.id))) {
      run.reject("duplicate-key", table.line(),
                 table.spec().file + ": line " + std::to_string(table.line()) +
                     ": the same hearing key appears on an earlier line; kept the first");
      continue;
    }
    store::tally(run, CW_TRY(hearings.upsert(*hearing, "csv", run.id, clock.now())));
  }
  return {};
}

}  // namespace

Result<ImportRun> import_hearings_csv(store::Database& db, const std::string& path,
                                      const Clock& clock, const HearingsCsvOptions& opts) {
  ImportRun run;
  run.source = "csv";
  run.input = path;
  return store::record_import(db, clock, std::move(run),
                              [&](ImportRun& r) { return import_rows(db, path, clock, opts, r); });
}

}  // namespace cw::scrapers
