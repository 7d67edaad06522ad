// Importing a source, and keeping the sessions current with it (DESIGN.md §2,
// §4).
//
// Every import — CLI or scheduled job, any source kind — goes through
// import_source(): it notes the newest hearing change, runs the importer
// (which records its own run, see core/import_run.h), and then, in one write
// transaction right after the importer's commit:
//   1. closures outrank imports: after a csv or eoir import, which may bring
//      back a hearing a closure had cancelled, every closure dated from
//      yesterday on is applied again (scrapers/status/closures.h);
//   2. the sessions of every site-day a hearing changed on (where it is now
//      and where it was before the change) are refreshed (app/sessions.h),
//      over whatever dates the import touched — not a fixed window.
// So an import alone makes the feeds, pages and API current. A crash between
// the importer's commit and step 2 leaves sessions stale until
// refresh_horizon() runs, which `courtwatch serve` does at start.
// Not thread-safe (one Database).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/sessions.h"
#include "core/clock.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::app {

enum class SourceKind { csv, eoir, ics, status, volunteers };
std::string_view to_string(SourceKind k);
// "ics" -> SourceKind::ics; an error naming the value and the choices otherwise.
Result<SourceKind> parse_source_kind(std::string_view s);

struct ImportOutcome {
  ImportRun run;
  RefreshCounts sessions;
};

// Runs `importer` (nullopt: the source had not changed, nothing ran) and
// brings closures and sessions up to date with what it changed.
using Importer = std::function<Result<std::optional<ImportRun>>()>;
Result<std::optional<ImportOutcome>> import_source(store::Database& db, const Clock& clock,
                                                   SourceKind kind, const Importer& importer);
// An Importer from an importer that always runs (the CLI's).
template <class F>
Importer always_runs(F importer) {
  return [importer]() -> Result<std::optional<ImportRun>> {
    auto run = importer();
    if (!run) return fail(std::move(run).error());
    return std::optional<ImportRun>(std::move(*run));
  };
}

// The two CSV files, for the CLI and the coordinator pages' uploads: the
// coalition spreadsheet of hearings (column_aliases: config [import.csv]
// renames), with closures and sessions brought up to date as import_source()
// does, and the volunteers file (matching.md), which changes no hearing.
Result<ImportOutcome> import_hearings_csv(store::Database& db, const Clock& clock,
                                          const std::string& path,
                                          const std::map<std::string, std::string>& aliases = {});
// `recorded_as`: the run's input as shown (an upload's file name); empty: path.
Result<ImportOutcome> import_volunteers_csv(store::Database& db, const Clock& clock,
                                            const std::string& path,
                                            const std::string& recorded_as = {});

// Refreshes every session dated from yesterday to today + horizon_days (UTC
// dates) at every site, in one transaction: the repair after a crash.
Result<RefreshCounts> refresh_horizon(store::Database& db, const Clock& clock, int horizon_days);

struct Recovery {
  int runs_interrupted = 0;  // runs a crash left "running", now "interrupted"
  RefreshCounts sessions;
};
// What `courtwatch serve` does once at start, before any job runs: closes
// the runs a crash left running (their data was rolled back) and repairs the
// sessions of the horizon.
Result<Recovery> recover_on_start(store::Database& db, const Clock& clock, int horizon_days);

}  // namespace cw::app
