#include "app/imports.h"

#include <array>
#include <map>

#include "scrapers/csv/hearings_csv.h"
#include "scrapers/csv/volunteers_csv.h"
#include "scrapers/status/closures.h"
#include "store/repos.h"

namespace cw::app {
namespace {

constexpr std::array<std::pair<std::string_view, SourceKind>, 5> kKinds{{
    {"csv", SourceKind::csv},
    {"eoir", SourceKind::eoir},
    {"ics", SourceKind::ics},
    {"status", SourceKind::status},
    {"volunteers", SourceKind::volunteers},
}};

// csv and eoir rows carry no closure knowledge and may restore a hearing a
// closure cancelled; ics and status imports consult the closures themselves.
bool may_reopen_closed_days(SourceKind k) { return k == SourceKind::csv || k == SourceKind::eoir; }

LocalDate utc_today(Instant now) {
  return LocalDate{date::floor<date::days>(now).time_since_epoch()};
}

// Site-days grouped into one scope per run of dates a week apart at most,
// so a nationwide import costs one query per site, not one per day.
std::vector<SessionScope> scopes_of(const std::vector<std::pair<std::string, LocalDate>>& days) {
  std::vector<SessionScope> out;
  for (const auto& [site, day] : days) {  // sorted by site, then date
    if (!out.empty() && out.back().site == site && day - out.back().to <= date::days{7}) {
      out.back().to = day;
    } else {
      out.push_back({day, day, site});
    }
  }
  return out;
}

// Closures outrank imports, then the sessions of every site-day changed
// since `watermark` are refreshed: one transaction.
Result<RefreshCounts> catch_up(store::Database& db, const Clock& clock, SourceKind kind,
                               Id watermark) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  if (may_reopen_closed_days(kind)) {
    CW_TRY(scrapers::status::reapply_closures(db, utc_today(now) - date::days{1}, now));
  }
  const auto days = CW_TRY(store::HearingRepo(db).changed_days(watermark));
  const auto counts = CW_TRY(refresh_sessions(db, scopes_of(days), now));
  CW_TRY(tx.commit());
  return counts;
}

}  // namespace

std::string_view to_string(SourceKind k) {
  for (const auto& [name, kind] : kKinds) {
    if (kind == k) return name;
  }
  return "?";
}

Result<SourceKind> parse_source_kind(std::string_view s) {
  for (const auto& [name, kind] : kKinds) {
    if (name == s) return kind;
  }
  return fail(Error::invalid("unknown source kind '" + std::string(s) +
                             "': expected csv, eoir, ics, status or volunteers"));
}

Result<std::optional<ImportOutcome>> import_source(store::Database& db, const Clock& clock,
                                                   SourceKind kind, const Importer& importer) {
  const Id watermark = CW_TRY(store::HearingRepo(db).last_change_id());
  auto run = CW_TRY(importer());
  if (!run) return std::optional<ImportOutcome>{};
  ImportOutcome out{std::move(*run), {}};
  out.sessions = CW_TRY(catch_up(db, clock, kind, watermark));
  return std::optional<ImportOutcome>(std::move(out));
}

Result<ImportOutcome> import_hearings_csv(store::Database& db, const Clock& clock,
                                          const std::string& path,
                                          const std::map<std::string, std::string>& aliases) {
  const Id watermark = CW_TRY(store::HearingRepo(db).last_change_id());
  scrapers::HearingsCsvOptions opts;
  opts.column_aliases = aliases;
  ImportOutcome out{CW_TRY(scrapers::import_hearings_csv(db, path, clock, opts)), {}};
  out.sessions = CW_TRY(catch_up(db, clock, SourceKind::csv, watermark));
  return out;
}

Result<ImportOutcome> import_volunteers_csv(store::Database& db, const Clock& clock,
                                            const std::string& path,
                                            const std::string& recorded_as) {
  return ImportOutcome{CW_TRY(scrapers::import_volunteers_csv(db, path, clock, recorded_as)), {}};
}

Result<RefreshCounts> refresh_horizon(store::Database& db, const Clock& clock, int horizon_days) {
  const Instant now = clock.now();
  const LocalDate today = utc_today(now);
  auto tx = CW_TRY(db.begin_immediate());
  const SessionScope all{today - date::days{1}, today + date::days{horizon_days}, {}};
  const auto counts = CW_TRY(refresh_sessions(db, all, now));
  CW_TRY(tx.commit());
  return counts;
}

Result<Recovery> recover_on_start(store::Database& db, const Clock& clock, int horizon_days) {
  Recovery out;
  {
    auto tx = CW_TRY(db.begin_immediate());
    out.runs_interrupted = CW_TRY(store::ImportRunRepo(db).close_interrupted(clock.now()));
    CW_TRY(tx.commit());
  }
  out.sessions = CW_TRY(refresh_horizon(db, clock, horizon_days));
  return out;
}

}  // namespace cw::app
