#include "scrapers/status/closures.h"

#include "store/repos.h"

namespace cw::scrapers::status {

using store::ClosureKind;
using store::ClosureRepo;

Result<std::int64_t> close_site_day(store::Database& db, const std::string& site, LocalDate date,
                                    ClosureKind kind, Instant now) {
  store::HearingRepo repo(db);
  if (kind == ClosureKind::closed) return repo.cancel_site_day(site, date, "closure", now);
  store::HearingFilter f;
  f.from = f.to = date;
  f.site = site;
  f.include_cancelled = false;
  std::int64_t n = 0;
  for (auto h : CW_TRY(repo.list(f))) {
    if (h.detained) continue;
    h.status = HearingStatus::cancelled;
    h.cancel_reason = "closure";
    if (CW_TRY(repo.upsert(h, "", 0, now)) == store::UpsertOutcome::cancelled) ++n;
  }
  return n;
}

Result<std::int64_t> reopen_site_day(store::Database& db, const std::string& site, LocalDate date,
                                     Instant now) {
  const auto left = CW_TRY(ClosureRepo(db).days(site, date, date));
  if (!left.empty() && left.begin()->second == ClosureKind::closed) return 0;
  const bool partial = !left.empty();
  store::HearingRepo repo(db);
  store::HearingFilter f;
  f.from = f.to = date;
  f.site = site;
  std::int64_t n = 0;
  for (auto h : CW_TRY(repo.list(f))) {
    if (h.status != HearingStatus::cancelled || h.cancel_reason != "closure") continue;
    if (partial && !h.detained) continue;
    h.status = HearingStatus::scheduled;
    h.cancel_reason.clear();
    CW_TRY(repo.upsert(h, "", 0, now));
    ++n;
  }
  return n;
}

Result<std::int64_t> reapply_closures(store::Database& db, LocalDate from, Instant now) {
  std::int64_t n = 0;
  for (const auto& c : CW_TRY(ClosureRepo(db).list(from))) {
    n += CW_TRY(close_site_day(db, c.site, c.date, c.kind, now));
  }
  return n;
}

}  // namespace cw::scrapers::status
