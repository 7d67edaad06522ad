// Importing a remote source: fetch if changed, import, record.
//
// import_fetched() runs fetch_if_changed() (fetch_state.h) and, when the
// source changed, hands the body to the importer. It returns nullopt when the
// source had not changed (nothing is imported and no run is recorded; only
// fetch_state's last_success moves). A failed fetch is recorded as a failed
// import run (state "failed", the error) so that it shows in `import_runs`,
// the imports page and /metrics, and is returned as the Error; the hearings
// already imported stay as they were. Not thread-safe: the caller's Database.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "scrapers/fetch/http_fetcher.h"
#include "store/db.h"

namespace cw::scrapers {

struct RemoteSource {
  std::string name;        // fetch_state key: the configured name, or the URL
  std::string run_source;  // import_runs.source: "ics", "status", "csv"
  std::string url;
};

using BodyImporter = std::function<Result<ImportRun>(std::string_view body)>;

Result<std::optional<ImportRun>> import_fetched(store::Database& db, HttpFetcher& fetcher,
                                                const Clock& clock, const RemoteSource& src,
                                                const BodyImporter& import);

}  // namespace cw::scrapers
