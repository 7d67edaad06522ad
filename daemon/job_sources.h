// Running one import source once: what `courtwatch import ics|status` and the
// scheduled jobs (jobs.h) share.
//
// run_source() imports a source described by a SourceConfig (config_sources.h):
// an ics or status source from a URL (fetched with the injected HttpFetcher)
// or a local file; a csv file; an extracted EOIR release directory. With
// Change::skip_unchanged (the scheduler) a source that has not changed is not
// imported and nullopt is returned: a URL by its ETag / Last-Modified /
// content hash (fetch_state), a local file or directory by its names, sizes
// and modification times (the run's fingerprint). Change::always (the CLI)
// imports regardless. A failed fetch is recorded as a failed run and leaves
// the data alone. Every run goes through app::import_source() (app/
// imports.h), which re-applies closures and refreshes the sessions of what
// the run changed. Not thread-safe: the caller's Database.
#pragma once

#include <optional>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "daemon/config.h"
#include "scrapers/fetch/http_fetcher.h"
#include "store/db.h"

namespace cw::daemon {

enum class Change { skip_unchanged, always };

struct SourceOptions {
  Change change = Change::skip_unchanged;
  std::optional<LocalDate> as_of;   // ics: window start; status: the notice's date
  std::optional<int> horizon_days;  // default: config import.horizon_days
};

Result<std::optional<ImportRun>> run_source(store::Database& db, const SourceConfig& src,
                                            const Config& config, scrapers::HttpFetcher& fetcher,
                                            const Clock& clock, const SourceOptions& opts = {});

scrapers::FetchLimits fetch_limits(const FetchConfig& c);
// A one-off source for the CLI: a URL as given, a file path made absolute (so
// the same calendar imported from another directory is the same source).
SourceConfig adhoc_source(std::string kind, const std::string& input);

}  // namespace cw::daemon
