// A configured (or one-off) import source, run once through app/: what
// `courtwatch import ics|status` and the scheduled jobs (jobs.h) share.
//
// run_source() turns a SourceConfig (config_sources.h) and the config's
// import settings into an app::SourceSpec and calls app::run_source()
// (app/source_import.h), which holds the rules: when an unchanged source is
// skipped (Change::skip_unchanged, the scheduler; nullopt is returned), the
// name a source's hearings are kept under, what a failed fetch records.
// Change::always (the CLI) imports regardless. Not thread-safe: the
// caller's Database.
#pragma once

#include <optional>

#include "app/source_import.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "daemon/config.h"
#include "scrapers/fetch/http_fetcher.h"
#include "store/db.h"

namespace cw::daemon {

using app::Change;

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
