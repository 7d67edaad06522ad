// The EOIR case-data importer: `courtwatch import eoir DIR`.
//
// import_eoir() reads an extracted monthly EOIR FOIA release (the rules are in
// eoir-import.md, the lower layers in scrapers/eoir/{line_reader,table,fields,
// lookups,schedule,scan}.h) and brings the hearings table up to date for every
// known site's window [as-of, as-of + horizon − 1]: new hearings are inserted,
// moved ones updated (one change each), and hearings of an earlier import that
// are in the window but absent from this release are cancelled ("vanished").
// The whole run is one transaction, so a failure keeps the database as it was
// before the run; the run record (counts, rejects by reason with sample line
// numbers, or the failure) is stored either way. Rows are streamed: memory
// stays bounded (one read buffer plus the set of detained proceedings) however
// large the release is. Not thread-safe; one import per Database at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"
#include "core/error.h"
#include "core/import_run.h"
#include "core/progress.h"
#include "scrapers/eoir/schedule.h"
#include "store/db.h"

namespace cw::scrapers {

struct EoirOptions {
  std::string dir;                 // the extracted release
  std::optional<LocalDate> as_of;  // default: today in each site's zone
  int horizon_days = 60;
  std::vector<std::string> sites;  // restrict to these site codes; empty = all known sites
};

// Fails only when the whole run fails (release dir unreadable, a required
// table missing, bad options, database error); bad rows are counted in the
// returned run, never fatal.
Result<ImportRun> import_eoir(store::Database& db, const EoirOptions& opts, const Clock& clock,
                              Progress* progress = nullptr);

namespace eoir {
// The sites and windows an import with these options covers, from the known
// sites (with their zones). Fails on an unknown --sites code, a horizon < 1,
// or no known sites at all.
Result<ImportScope> make_scope(const std::vector<Site>& sites, const EoirOptions& opts,
                               const Clock& clock);
}  // namespace eoir

}  // namespace cw::scrapers
