#include "scrapers/fetch/fetched_import.h"

#include "scrapers/fetch/fetch_state.h"
#include "store/repos.h"

namespace cw::scrapers {
namespace {

// A run that failed before it could start importing: recorded on its own.
Result<void> record_failed_run(store::Database& db, const Clock& clock, const RemoteSource& src,
                               const std::string& error) {
  ImportRun run;
  run.source = src.run_source;
  run.input = src.url;
  run.started = clock.now();
  store::ImportRunRepo runs(db);
  auto tx = CW_TRY(db.begin_immediate());
  CW_TRY(runs.start(run));
  run.state = "failed";
  run.error = error;
  run.finished = clock.now();
  CW_TRY(runs.finish(run));
  return tx.commit();
}

}  // namespace

Result<std::optional<ImportRun>> import_fetched(store::Database& db, HttpFetcher& fetcher,
                                                const Clock& clock, const RemoteSource& src,
                                                const BodyImporter& import) {
  auto fetched = fetch_if_changed(db, fetcher, src.name, src.url, clock);
  if (!fetched) {
    CW_TRY(record_failed_run(db, clock, src, fetched.error().message));
    return fail(std::move(fetched).error());
  }
  if (!fetched->changed) return std::optional<ImportRun>{};
  auto run = import(fetched->body);
  if (!run) {
    CW_TRY(record_failure(db, src.name, src.url, run.error().message, clock));
    return fail(std::move(run).error());
  }
  CW_TRY(record_success(db, fetched->next, clock));
  return std::optional<ImportRun>(std::move(*run));
}

}  // namespace cw::scrapers
