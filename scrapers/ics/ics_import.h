// The partner-calendar importer: `courtwatch import ics URL|FILE --site CODE`.
//
// import_ics() expands an iCalendar text (expand.h has the rules) over the
// site's window [as-of, as-of + horizon − 1] (as-of defaults to today in the
// site's zone, from the injected Clock) and brings the hearings table up to
// date: new occurrences are inserted, changed ones updated, and occurrences
// of an earlier import of the same calendar that are in the window but no
// longer in the text are cancelled ("vanished"). "The same calendar" is the
// hearings' `source` column, "ics:" + site + ":" + input by default, so two
// calendars never cancel each other's hearings. A hearing on a site-day with
// a closure (scrapers/status/closures.h) is stored cancelled with reason
// "closure" (a partial closure: only when not detained).
//
// The whole run is one transaction (scrapers/csv/csv_run.h): a text that is
// not a calendar at all fails the run and writes nothing; a bad event is a
// reject with a reason and line. Fetching a URL is the caller's business
// (scrapers/fetch/); this takes the text. Not thread-safe: uses the caller's
// Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::scrapers {

struct IcsImportOptions {
  std::string input;  // file path or URL, for the run record and the default source
  std::string site;
  std::optional<LocalDate> as_of;  // default: today in the site's zone
  int horizon_days = 60;
  std::string source;  // hearings.source; default "ics:" + site + ":" + input
};

Result<ImportRun> import_ics_text(store::Database& db, std::string_view text,
                                  const IcsImportOptions& opts, const Clock& clock);
// Reads opts.input as a file, then import_ics_text(). An unreadable file is
// a failed run.
Result<ImportRun> import_ics_file(store::Database& db, const IcsImportOptions& opts,
                                  const Clock& clock);

// Reads a whole file of at most max_bytes; an io Error naming it otherwise.
Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

}  // namespace cw::scrapers
