// The one way an import run is recorded (every importer uses it).
//
// record_import() writes the run's start as its own small commit (state
// running), so an attempt is visible even if everything after it fails or
// the process is killed; then it runs the importer's body inside BEGIN
// IMMEDIATE and, when the body succeeds, writes the finished record (state
// ok, counts, finish time) in that same transaction, so the data and its
// record land together. When the body fails (a whole-input problem, an I/O
// or database error) the transaction is rolled back — nothing the body wrote
// survives, nothing earlier is touched — and the run is recorded failed, with
// the error, in a second transaction; if even that cannot be written, the
// returned error says so, so a failed run is never lost silently. A run a
// crash leaves running is closed as interrupted when the daemon next starts
// (ImportRunRepo::close_interrupted). Row-level problems are not failures:
// the body counts them in the run and goes on. record_failed_run() records a
// run that failed before any body could run (a fetch that failed).
// Not thread-safe: the caller's Database.
#pragma once

#include <functional>
#include <string>

#include "core/clock.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::store {

using ImportBody = std::function<Result<void>(ImportRun& run)>;

// `run` must have source and input set; the returned run carries its id,
// counts, state ok and finish time.
Result<ImportRun> record_import(Database& db, const Clock& clock, ImportRun run,
                                const ImportBody& body);

// The run records error.message and failure_of(error) (core/import_run.h).
Result<void> record_failed_run(Database& db, const Clock& clock, ImportRun run, const Error& error);

}  // namespace cw::store
