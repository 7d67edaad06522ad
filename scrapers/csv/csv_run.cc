#include "scrapers/csv/csv_run.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/repos.h"

namespace cw::scrapers::csv {

std::string display_name(const std::string& path) {
  const auto name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

Result<void> open_input(const std::string& path, std::ifstream& in) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return fail(Error::io(display_name(path) + ": cannot open: is a directory"));
  }
  errno = 0;
  in.open(path, std::ios::in | std::ios::binary);
  if (!in.is_open()) {
    const int err = errno;
    return fail(Error::io(display_name(path) +
                          ": cannot open: " + (err ? std::strerror(err) : "unknown error")));
  }
  return {};
}

Result<ImportRun> run_recorded_import(store::Database& db, const Clock& clock, ImportRun run,
                                      const ImportBody& body) {
  store::ImportRunRepo runs(db);
  run.started = clock.now();
  run.state = "running";
  CW_TRY(runs.start(run));

  auto outcome = [&]() -> Result<void> {
    auto tx = CW_TRY(db.begin_immediate());
    CW_TRY(body(run));
    run.state = "ok";
    run.finished = clock.now();
    CW_TRY(runs.finish(run));
    return tx.commit();
  }();
  if (outcome) return run;

  // The data transaction has been rolled back: nothing was written, so the
  // record says so; what was read and rejected stays as a diagnostic.
  run.state = "failed";
  run.error = outcome.error().message;
  run.finished = clock.now();
  run.added = run.updated = run.cancelled = run.unchanged = 0;
  if (auto tx = db.begin_immediate()) {
    if (runs.finish(run)) (void)tx->commit();
  }
  return fail(std::move(outcome).error());
}

}  // namespace cw::scrapers::csv
