// The coalition spreadsheet importer (`courtwatch import csv FILE`).
//
// Reads a CSV export with the header
//   date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes
// (plus an optional `key` column; names case-insensitive, in any order, with
// other names mapped through column_aliases) and upserts one hearing per
// row, keyed by `csv:` + key when the file has a key column, otherwise
// `csv:` + case_ref|date|time|site. The rules are DESIGN.md §4 item 2.
//
// Whole-file problems (cannot open, empty file, missing or unknown header
// column) fail the run: the Error names the file, line and column, the run
// is recorded as failed and nothing is written. A bad row is rejected by
// reason (bad-field-count, bad-date, bad-time, bad-end-time, unknown-site,
// bad-type, bad-detained, bad-status, missing-field, unterminated-quote,
// record-too-long, invalid-utf8, duplicate-key) with its line number, and
// the rest import. A case reference never appears in a message.
//
// The whole run is one transaction; memory does not grow with the file.
// Not thread-safe: uses the caller's Database.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::scrapers {

struct HearingsCsvOptions {
  // config: other header name -> canonical name (e.g. "courtroom" -> "location")
  std::map<std::string, std::string> column_aliases;
  std::size_t max_record_bytes = 64 * 1024;
};

Result<ImportRun> import_hearings_csv(store::Database& db, const std::string& path,
                                      const Clock& clock, const HearingsCsvOptions& opts = {});

}  // namespace cw::scrapers
