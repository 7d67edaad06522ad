#include "scrapers/fetch/fetched_import.h"

#include "scrapers/fetch/fetch_state.h"
#include "store/import_recorder.h"

namespace cw::scrapers {

Result<std::optional<ImportRun>> import_fetched(store::Database& db, HttpFetcher& fetcher,
                                                const Clock& clock, const RemoteSource& src,
                                                const BodyImporter& import) {
  auto fetched = fetch_if_changed(db, fetcher, src.name, src.url, clock);
  if (!fetched) {
    ImportRun run;
    run.source = src.run_source;
    run.input = src.url;
    CW_TRY(store::record_failed_run(db, clock, std::move(run), fetched.error()));
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
