#include "store/import_recorder.h"

#include "store/repos.h"

namespace cw::store {
namespace {

// The failed record in its own transaction; its own failure is reported
// beside the run's error rather than dropped.
Error record_failure(Database& db, const Clock& clock, ImportRun& run, Error why) {
  run.state = RunState::failed;
  run.error = why.message;
  run.failure = failure_of(why);
  run.finished = clock.now();
  run.added = run.updated = run.cancelled = run.unchanged = 0;
  auto stored = [&]() -> Result<void> {
    auto tx = CW_TRY(db.begin_immediate());
    CW_TRY(ImportRunRepo(db).finish(run));
    return tx.commit();
  }();
  if (!stored) {
    why.message += " (and the failed run " + std::to_string(run.id) +
                   " could not be recorded: " + stored.error().message + ")";
  }
  return why;
}

}  // namespace

Result<ImportRun> record_import(Database& db, const Clock& clock, ImportRun run,
                                const ImportBody& body) {
  ImportRunRepo runs(db);
  run.started = clock.now();
  run.state = RunState::running;
  CW_TRY(runs.start(run));

  auto outcome = [&]() -> Result<void> {
    auto tx = CW_TRY(db.begin_immediate());
    CW_TRY(body(run));
    run.state = RunState::ok;
    run.finished = clock.now();
    CW_TRY(runs.finish(run));
    return tx.commit();
  }();
  if (outcome) return run;
  return fail(record_failure(db, clock, run, std::move(outcome).error()));
}

Result<void> record_failed_run(Database& db, const Clock& clock, ImportRun run,
                               const Error& error) {
  run.started = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  ImportRunRepo runs(db);
  CW_TRY(runs.start(run));
  run.state = RunState::failed;
  run.error = error.message;
  run.failure = failure_of(error);
  run.finished = clock.now();
  CW_TRY(runs.finish(run));
  return tx.commit();
}

}  // namespace cw::store
