// One CSV import as one recorded, all-or-nothing run.
//
// run_recorded_import() records the run's start (its own small write, so the
// attempt is visible even if everything else fails), then runs the importer
// body inside BEGIN IMMEDIATE. When the body succeeds, the finished run
// record is written in that same transaction and committed, so the data and
// its run record land together. When the body fails (a whole-file problem,
// an I/O or database error), the transaction is rolled back — nothing the
// body wrote survives and nothing earlier is touched — and the run is marked
// "failed" with the error in a second small transaction. Row-level problems
// are not failures: the body counts them in the run and goes on.
//
// Not thread-safe: uses the caller's Database, which is single-threaded.
#pragma once

#include <fstream>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::scrapers::csv {

using ImportBody = std::function<Result<void>(ImportRun& run)>;

// `run` must have source and input set; the returned run carries the id,
// counts, state "ok" and the finish time.
Result<ImportRun> run_recorded_import(store::Database& db, const Clock& clock, ImportRun run,
                                      const ImportBody& body);

// Opens a file for binary reading; an io Error naming the file otherwise.
Result<void> open_input(const std::string& path, std::ifstream& in);

// The file name used in messages: the last path component.
std::string display_name(const std::string& path);

}  // namespace cw::scrapers::csv
