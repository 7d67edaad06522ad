#include "app/volunteer_self.h"

#include <algorithm>

#include "app/assignments.h"
#include "app/audit_text.h"
#include "core/text.h"
#include "scrapers/csv/availability_text.h"
#include "store/audit_repo.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {
namespace {

constexpr int kReportDays = 30;    // ended sessions offered for a report
constexpr int kAheadDays = 90;     // upcoming sessions shown
constexpr int kOpenDays = 14;      // open sessions offered for a claim
constexpr int kOpenShown = 20;     // claimable sessions shown at most
constexpr int kOpenScanned = 200;  // open sessions checked at most

LocalDate utc_day(Instant now) {
  return LocalDate{date::floor<date::days>(now).time_since_epoch()};
}

Result<Instant> at_site(const store::PlacedSession& p, TimeOfDay t) {
  const Zone zone = CW_TRY(find_zone(p.site.timezone));
  return resolve(zone, p.session.key.date, t).instant;
}

bool reportable(AssignmentState s) {
  return s == AssignmentState::invited || s == AssignmentState::confirmed;
}

Result<Volunteer> volunteer_of(store::Database& db, Id id) {
  auto v = CW_TRY(store::VolunteerRepo(db).find(id));
  if (!v) return fail(Error::not_found("volunteer " + std::to_string(id) + " does not exist"));
  return std::move(*v);
}

Result<void> require_volunteer(const Actor& who) {
  if (who.kind == ActorKind::volunteer && who.volunteer != 0) return {};
  return fail(Error::invalid("only the volunteer can change this on their page"));
}

// Whether a refusal says the seat may not be taken (as opposed to a failure
// of the store, which must surface).
bool refusal(const Error& e) {
  return !e.rule.empty() || e.code == Errc::conflict || e.code == Errc::not_found;
}

Result<std::vector<store::OpenSession>> claimable(store::Database& db, Id volunteer, Instant now) {
  const LocalDate today = utc_day(now);
  auto open = CW_TRY(store::AgendaRepo(db).open_sessions(
      volunteer, today - date::days{1}, today + date::days{kOpenDays}, kOpenScanned));
  std::vector<store::OpenSession> out;
  for (auto& o : open) {
    if (CW_TRY(at_site(o.at, o.at.session.start)) <= now) continue;
    if (auto ok = check_assignment(db, o.at.session.id, volunteer); !ok) {
      if (refusal(ok.error())) continue;
      return fail(ok.error());
    }
    out.push_back(std::move(o));
    if (static_cast<int>(out.size()) >= kOpenShown) break;
  }
  return out;
}

Result<void> audit_self(store::Database& db, Instant now, const Actor& who, std::string_view action,
                        const Phrase& values) {
  return record_audit(db, now, who.label(), action, values);
}

}  // namespace

Result<VolunteerPage> volunteer_page(store::Database& db, Id volunteer, Instant now) {
  auto snapshot = CW_TRY(db.begin_deferred());  // one consistent read; rolled back, never writes
  VolunteerPage page;
  page.volunteer = CW_TRY(volunteer_of(db, volunteer));
  const LocalDate today = utc_day(now);
  store::ReportRepo reports(db);
  auto entries = CW_TRY(store::AgendaRepo(db).assignments(
      volunteer, today - date::days{kReportDays + 1}, today + date::days{kAheadDays}));
  for (auto& e : entries) {
    if (CW_TRY(at_site(e.at, e.at.session.end)) > now) {
      page.upcoming.push_back(std::move(e));
    } else if (reportable(e.state) && e.at.session.status == SessionStatus::active) {
      auto report = CW_TRY(reports.find_pair(e.at.session.id, volunteer));
      page.ended.push_back({std::move(e), std::move(report)});
    }
  }
  std::reverse(page.ended.begin(), page.ended.end());
  page.claimable = CW_TRY(claimable(db, volunteer, now));
  return page;
}

Result<std::optional<store::AgendaEntry>> clashing_session(store::Database& db, Id volunteer,
                                                           Id session) {
  const auto s = CW_TRY(store::SessionRepo(db).find(session));
  if (!s) return std::optional<store::AgendaEntry>{};
  for (auto& e : CW_TRY(store::AgendaRepo(db).assignments(volunteer, s->key.date, s->key.date))) {
    if (e.at.session.id != session && e.at.session.key.half == s->key.half && is_live(e.state)) {
      return std::optional<store::AgendaEntry>(std::move(e));
    }
  }
  return std::optional<store::AgendaEntry>{};
}

Result<void> set_availability(store::Database& db, const Clock& clock, const Actor& who,
                              const AvailabilityChange& change) {
  CW_TRY(require_volunteer(who));
  if (change.add && change.add->last < change.add->first) {
    return fail(Error::invalid("a blackout cannot end (" + format_date(change.add->last) +
                               ") before it starts (" + format_date(change.add->first) + ")"));
  }
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  Volunteer v = CW_TRY(volunteer_of(db, who.volunteer));
  v.availability.grid = change.grid;
  auto& blackouts = v.availability.blackouts;
  std::erase_if(blackouts, [&](const DateRange& b) {
    return std::any_of(change.remove.begin(), change.remove.end(),
                       [&](const DateRange& r) { return r.first == b.first && r.last == b.last; });
  });
  if (change.add) blackouts.push_back(*change.add);
  CW_TRY(store::VolunteerRepo(db).upsert(v, now));
  CW_TRY(audit_self(db, now, who, "volunteer.availability",
                    Phrase{}
                        .arg("volunteer", v.handle)
                        .arg("weekly", scrapers::csv::format_weekly_grid(v.availability.grid))
                        .arg("blackouts", scrapers::csv::format_blackouts(blackouts))));
  return tx.commit();
}

Result<store::SavedReport> file_report(store::Database& db, const Clock& clock, const Actor& who,
                                       Id session, const ReportAnswer& answer) {
  CW_TRY(require_volunteer(who));
  if (answer.detained_count < 0 || answer.detained_count > kMaxDetainedCount) {
    return fail(Error::invalid("detained_count must be a whole number from 0 to " +
                               std::to_string(kMaxDetainedCount)));
  }
  if (answer.notes.size() > kMaxReportNotes || !valid_utf8(answer.notes)) {
    return fail(Error::invalid("notes must be UTF-8 text of at most " +
                               std::to_string(kMaxReportNotes) + " bytes"));
  }
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto a = CW_TRY(store::AssignmentRepo(db).find_pair(session, who.volunteer));
  const auto s = CW_TRY(store::SessionRepo(db).find(session));
  if (!a || !reportable(a->state) || !s || s->status != SessionStatus::active) {
    return fail(Error::not_found("no session " + std::to_string(session) + " to report on"));
  }
  const auto site = CW_TRY(store::SiteRepo(db).find(s->key.site));
  if (!site) return fail(Error::internal("session at unknown site " + s->key.site));
  if (CW_TRY(at_site({*s, *site}, s->end)) > now) {
    return fail(Error::conflict("session " + std::to_string(session) + " has not ended yet"));
  }
  const auto saved = CW_TRY(store::ReportRepo(db).save(
      {session, who.volunteer, answer.ice_present, answer.detained_count, answer.notes}, now));
  if (saved.changed) {
    CW_TRY(audit_self(db, now, who, "report.file",
                      Phrase{}
                          .arg("session", std::to_string(session))
                          .arg("ice", std::string(store::to_string(answer.ice_present)))
                          .arg("detained", std::to_string(answer.detained_count))
                          .arg("version", std::to_string(saved.version))));
  }
  CW_TRY(tx.commit());
  return saved;
}

Result<store::ErasureCounts> erase_volunteer(store::Database& db, const Clock& clock,
                                             const Actor& who, Id volunteer) {
  if (who.kind == ActorKind::volunteer && who.volunteer != volunteer) {
    return fail(Error::not_found("volunteer " + std::to_string(volunteer) + " does not exist"));
  }
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const Volunteer v = CW_TRY(volunteer_of(db, volunteer));
  const auto counts = CW_TRY(store::erase_volunteer_data(db, volunteer, now));
  CW_TRY(audit_self(db, now, who, "volunteer.erase",
                    Phrase{}
                        .arg("volunteer", v.handle)
                        .arg("assignments", std::to_string(counts.assignments))
                        .arg("reports", std::to_string(counts.reports))
                        .arg("messages", std::to_string(counts.messages))));
  CW_TRY(tx.commit());
  return counts;
}

}  // namespace cw::app
