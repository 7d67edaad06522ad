// Site-day closures: the `closures` table and what a closure does to hearings.
//
// A closure says a site is closed (or open to hear detained cases only —
// "partial") on one local date. Closures come from two sources: "eoir-status"
// (the EOIR operational-status page, status_import.h) and "manual" (a
// coordinator's `courtwatch closure add`); one row per (site, date, source).
// close_site_day() applies a closure to the stored hearings: closed cancels
// every scheduled hearing of the site-day with reason "closure"
// (HearingRepo::cancel_site_day, which records the change that becomes a
// notice); partial cancels only the non-detained ones. reopen_site_day()
// undoes that after a closure is removed, as far as the remaining closures
// allow. Importers call days() to store hearings on a closed day cancelled
// from the start, and reapply_closures() after an import that may have
// restored them. Not thread-safe: uses the caller's Database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/db.h"

namespace cw::scrapers::status {

enum class ClosureKind { closed, partial };
std::string_view to_string(ClosureKind k);

struct Closure {
  std::string site;
  LocalDate date{};
  ClosureKind kind = ClosureKind::closed;
  std::string reason;
  std::string source = "manual";  // manual, eoir-status
  std::string created_by;
  Instant created_at{};
};

// The strongest closure per date (closed beats partial).
using ClosureDays = std::map<LocalDate, ClosureKind>;

class ClosureRepo {
 public:
  explicit ClosureRepo(store::Database& db) : db_(db) {}
  // Inserts or replaces the closure with the same (site, date, source).
  Result<void> put(const Closure& c);
  // Removes the closure(s) of a site-day: of one source, or of every source
  // when source is empty. Returns how many rows went.
  Result<int> remove(const std::string& site, LocalDate date, const std::string& source = "");
  Result<std::vector<Closure>> list(std::optional<LocalDate> from = std::nullopt);
  Result<ClosureDays> days(const std::string& site, LocalDate from, LocalDate to);

 private:
  store::Database& db_;
};

// Cancels the hearings a closure of this kind cancels; returns how many.
Result<std::int64_t> close_site_day(store::Database& db, const std::string& site, LocalDate date,
                                    ClosureKind kind, Instant now);
// Restores hearings cancelled by "closure" on a site-day that the remaining
// closures no longer cover; returns how many.
Result<std::int64_t> reopen_site_day(store::Database& db, const std::string& site, LocalDate date,
                                     Instant now);
// close_site_day() for every closure dated from `from` on; returns how many
// hearings were cancelled.
Result<std::int64_t> reapply_closures(store::Database& db, LocalDate from, Instant now);

}  // namespace cw::scrapers::status
