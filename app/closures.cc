#include "app/closures.h"

#include "app/message_text.h"
#include "core/text.h"
#include "scrapers/status/closures.h"
#include "store/audit_repo.h"
#include "store/repos.h"

namespace cw::app {
namespace {

namespace st = scrapers::status;

Result<std::string> known_site(store::Database& db, const std::string& code) {
  auto upper = upper_ascii(trim(code));
  if (!CW_TRY(store::SiteRepo(db).find(upper))) {
    return fail(unknown_site(Errc::not_found, code));
  }
  return upper;
}

std::string counts_text(std::int64_t hearings, const char* verb, const RefreshCounts& s) {
  return std::to_string(hearings) + " hearings " + verb + ", " + std::to_string(s.cancelled) +
         " sessions cancelled, " + std::to_string(s.restored + s.added) + " restored, " +
         std::to_string(s.assignments_cancelled) + " assignments cancelled";
}

}  // namespace

Result<ClosureOutcome> add_closure(store::Database& db, const Clock& clock, const Actor& who,
                                   const std::string& site, LocalDate date, ClosureScope scope,
                                   const std::string& reason) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  ClosureOutcome out;
  out.site = CW_TRY(known_site(db, site));
  const bool partial = scope == ClosureScope::detained_only_open;
  const store::Closure c{
      out.site, date,     partial ? store::ClosureKind::partial : store::ClosureKind::closed,
      reason,   "manual", who.label(),
      now};
  CW_TRY(store::ClosureRepo(db).put(c));
  if (partial) CW_TRY(st::reopen_site_day(db, out.site, date, now));  // closed -> partial
  out.hearings = CW_TRY(st::close_site_day(db, out.site, date, c.kind, now));
  out.sessions = CW_TRY(refresh_sessions(db, SessionScope{date, date, out.site}, now));
  CW_TRY(store::AuditRepo(db).append(
      now, who.label(), "closure.add", out.site + " " + format_date(date),
      std::string(partial ? "open to detained cases only" : "closed") + ": " +
          counts_text(out.hearings, "cancelled", out.sessions)));
  CW_TRY(tx.commit());
  return out;
}

Result<ClosureOutcome> lift_closure(store::Database& db, const Clock& clock, const Actor& who,
                                    const std::string& site, LocalDate date) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  ClosureOutcome out;
  out.site = CW_TRY(known_site(db, site));
  if (CW_TRY(store::ClosureRepo(db).remove(out.site, date, "manual")) == 0) {
    return fail(no_manual_closure(out.site, date));
  }
  out.hearings = CW_TRY(st::reopen_site_day(db, out.site, date, now));
  out.sessions = CW_TRY(refresh_sessions(db, SessionScope{date, date, out.site}, now));
  CW_TRY(store::AuditRepo(db).append(now, who.label(), "closure.lift",
                                     out.site + " " + format_date(date),
                                     counts_text(out.hearings, "restored", out.sessions)));
  CW_TRY(tx.commit());
  return out;
}

Result<std::vector<store::Closure>> list_closures(store::Database& db,
                                                  std::optional<LocalDate> from) {
  return store::ClosureRepo(db).list(from);
}

}  // namespace cw::app
