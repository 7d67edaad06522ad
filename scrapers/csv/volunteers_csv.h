// The volunteers list importer (`courtwatch volunteers import FILE.csv`).
//
// Reads the CSV of matching.md ("Volunteers CSV"):
//   id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,active
// plus an optional `locale` column (`en`/`es`); header names are
// case-insensitive and may come in any order. Each row upserts the volunteer
// whose handle is `id`, so importing the same file again changes nothing.
//
// Whole-file problems (cannot open, empty file, missing or unknown header
// column) fail the run: the Error names the file, line and column, the run
// is recorded as failed and nothing is written. A bad row is rejected by
// reason (missing-field, bad-id, bad-email, bad-role, unknown-site,
// bad-max-per-week, bad-availability, bad-blackout, bad-extra, bad-active,
// bad-locale, duplicate-id, bad-field-count, unterminated-quote,
// record-too-long, invalid-utf8) with its line number; the rest import.
// Messages never repeat a name, e-mail address or phone number.
//
// The whole run is one transaction. The ids seen so far are kept in memory
// to find duplicates (a volunteers list is small); everything else streams.
// Not thread-safe: uses the caller's Database.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::scrapers {

// `recorded_as`: the run's input as recorded and shown (an upload's own file
// name rather than its temporary path); empty: `path`.
Result<ImportRun> import_volunteers_csv(store::Database& db, const std::string& path,
                                        const Clock& clock, const std::string& recorded_as = {});

}  // namespace cw::scrapers
