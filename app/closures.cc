#include "app/closures.h"

#include "app/audit_text.h"
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

// The site-day and what changed, as the audit log keeps them.
Phrase closure_values(const ClosureOutcome& out, LocalDate date) {
  return Phrase{}
      .arg("site", out.site)
      .arg("date", format_date(date))
      .arg("hearings", std::to_string(out.hearings))
      .arg("sessions", std::to_string(out.sessions.cancelled))
      .arg("restored", std::to_string(out.sessions.restored + out.sessions.added))
      .arg("assignments", std::to_string(out.sessions.assignments_cancelled));
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
  CW_TRY(record_audit(db, now, who.label(), "closure.add",
                      closure_values(out, date).arg("scope", partial ? "partial" : "closed")));
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
  CW_TRY(record_audit(db, now, who.label(), "closure.lift", closure_values(out, date)));
  CW_TRY(tx.commit());
  return out;
}

Result<std::vector<store::Closure>> list_closures(store::Database& db,
                                                  std::optional<LocalDate> from) {
  return store::ClosureRepo(db).list(from);
}

}  // namespace cw::app
