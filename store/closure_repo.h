// Site-day closures: the `closures` table.
//
// A closure says a site is closed (or open to hear detained cases only —
// "partial") on one local date. Closures come from two sources: "eoir-status"
// (the EOIR operational-status page, scrapers/status/status_import.h) and
// "manual" (a coordinator's `courtwatch closure add` or the closures page);
// one row per (site, date, source). What a closure does to hearings is
// scrapers/status/closures.h. Not thread-safe: uses the caller's Database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/db.h"

namespace cw::store {

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
  explicit ClosureRepo(Database& db) : db_(db) {}
  // Inserts or replaces the closure with the same (site, date, source).
  Result<void> put(const Closure& c);
  // Removes the closure(s) of a site-day: of one source, or of every source
  // when source is empty. Returns how many rows went.
  Result<int> remove(const std::string& site, LocalDate date, const std::string& source = "");
  Result<std::vector<Closure>> list(std::optional<LocalDate> from = std::nullopt);
  Result<ClosureDays> days(const std::string& site, LocalDate from, LocalDate to);

 private:
  Database& db_;
};

}  // namespace cw::store
