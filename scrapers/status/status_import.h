// `courtwatch import status FILE|URL [--date DATE]`: closures from the EOIR
// operational-status page.
//
// import_status_text() parses the page (status_page.h), maps each court to a
// site (court_names.h) and, for the notice's date (--date overrides the date
// found on the page; no date at all fails the run), records a closure with
// source "eoir-status" for every court that is closed or open to detained
// cases only, and cancels the hearings that closure covers (closures.h). A
// court listed as open that an earlier status import had closed on that date
// is reopened. Counts: rows_read = courts listed; cancelled = hearings
// cancelled; updated = closures added or changed or lifted; unchanged =
// courts with nothing to do. Unknown court names (reason unknown-court) and
// statuses (unknown-status) are rejects with the page line, never fatal. One
// transaction per run; not thread-safe (the caller's Database).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "core/import_run.h"
#include "store/db.h"

namespace cw::scrapers {

struct StatusImportOptions {
  std::string input;              // file path or URL, for the run record
  std::optional<LocalDate> date;  // overrides the page's date
};

Result<ImportRun> import_status_text(store::Database& db, std::string_view html,
                                     const StatusImportOptions& opts, const Clock& clock);
Result<ImportRun> import_status_file(store::Database& db, const StatusImportOptions& opts,
                                     const Clock& clock);

}  // namespace cw::scrapers
