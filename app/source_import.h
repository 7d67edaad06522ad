// Running one import source once, as the CLI (`courtwatch import ics|status`)
// and the scheduled jobs (daemon/jobs.h) both do: the rules of when a source
// is imported, under which name, and what a failed fetch leaves behind.
//
// run_source() imports a source: an ics or status source from a URL
// (fetched with the injected HttpFetcher) or a local file; a csv file; an
// extracted EOIR release directory; a volunteers file. With
// Change::skip_unchanged (the scheduler) a source that has not changed is not
// imported and nullopt is returned: a URL by its ETag / Last-Modified /
// content hash (scrapers/fetch/fetch_state.h), a local file or directory by
// its names, sizes and modification times (the run's fingerprint). A
// scheduled ics source keeps its hearings under its configured name, so
// editing its URL does not orphan them. Change::always (the CLI) imports
// regardless, an ics file under its site and input. A failed fetch is
// recorded as a failed run and leaves the data alone. Every run goes through
// import_source() (imports.h), which re-applies closures and refreshes the
// sessions of what the run changed. Not thread-safe: the caller's Database.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "app/imports.h"
#include "core/clock.h"
#include "core/import_run.h"
#include "scrapers/fetch/http_fetcher.h"
#include "store/db.h"

namespace cw::app {

enum class Change { skip_unchanged, always };

struct SourceSpec {
  SourceKind kind = SourceKind::csv;
  std::string name;                                // the configured name (a one-off: its input)
  std::string url;                                 // either a URL (ics, status) ...
  std::string path;                                // ... or a local file or directory
  std::string site;                                // ics: the site the events happen at
  std::optional<LocalDate> as_of;                  // ics: window start; status: notice date
  int horizon_days = 60;                           // ics, eoir
  std::map<std::string, std::string> csv_aliases;  // csv: header renames
};

Result<std::optional<ImportOutcome>> run_source(store::Database& db, const Clock& clock,
                                                scrapers::HttpFetcher& fetcher,
                                                const SourceSpec& source, Change change);

}  // namespace cw::app
