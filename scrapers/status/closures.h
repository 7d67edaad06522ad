// What a site-day closure (store/closure_repo.h) does to the stored hearings.
//
// close_site_day() applies a closure: closed cancels every scheduled hearing
// of the site-day with reason "closure" (HearingRepo::cancel_site_day, which
// records the change that becomes a notice); partial cancels only the
// non-detained ones. reopen_site_day() undoes that after a closure is
// removed, as far as the remaining closures allow. Importers read
// ClosureRepo::days() to store hearings on a closed day cancelled from the
// start, and call reapply_closures() after an import that may have restored
// them: a closure outranks any import. Not thread-safe: uses the caller's
// Database.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "store/closure_repo.h"
#include "store/db.h"

namespace cw::scrapers::status {

// Cancels the hearings a closure of this kind cancels; returns how many.
Result<std::int64_t> close_site_day(store::Database& db, const std::string& site, LocalDate date,
                                    store::ClosureKind kind, Instant now);
// Restores hearings cancelled by "closure" on a site-day that the remaining
// closures no longer cover; returns how many.
Result<std::int64_t> reopen_site_day(store::Database& db, const std::string& site, LocalDate date,
                                     Instant now);
// close_site_day() for every closure dated from `from` on; returns how many
// hearings were cancelled.
Result<std::int64_t> reapply_closures(store::Database& db, LocalDate from, Instant now);

}  // namespace cw::scrapers::status
