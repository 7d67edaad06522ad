#include <algorithm>
#include <map>

#include "core/text.h"
#include "scrapers/eoir/eoir.h"
#include "scrapers/eoir/fields.h"
#include "scrapers/eoir/release.h"
#include "scrapers/eoir/scan.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::scrapers {
namespace {

constexpr int kMaxHorizon = 3660;
constexpr std::string_view kSource = "eoir";

Result<void> upsert_all(store::Database& db, const eoir::ReleaseFiles& files,
                        const eoir::ImportScope& scope, const Clock& clock, Progress* progress,
                        ImportRun& run) {
  const auto lookups = CW_TRY(eoir::load_lookups(files));
  const auto custody = CW_TRY(eoir::load_custody(files.proceeding, progress));

  store::HearingRepo repo(db);
  const Instant now = clock.now();
  auto sink = [&](const Hearing& h) -> Result<void> {
    store::tally(run, CW_TRY(repo.upsert(h, kSource, run.id, now)));
    return {};
  };
  CW_TRY(eoir::scan_schedule(files.schedule, scope, lookups, custody, run, progress, sink));

  // Rule 13: what an earlier import put in this window and this release no
  // longer has is cancelled. Sites are grouped by window (they differ only
  // when as-of defaults to each site's own today).
  std::map<std::pair<int, int>, std::vector<std::string>> groups;
  for (const auto& s : scope.sites) groups[{s.first_day, s.last_day}].push_back(s.code);
  for (const auto& [window, codes] : groups) {
    const bool everywhere = !scope.restricted && groups.size() == 1;
    run.cancelled += CW_TRY(repo.cancel_unseen(
        kSource, run.id, eoir::from_day_number(window.first), eoir::from_day_number(window.second),
        everywhere ? std::vector<std::string>{} : codes, now));
  }
  return {};
}

}  // namespace

namespace eoir {

Result<ImportScope> make_scope(const std::vector<Site>& sites, const EoirOptions& opts,
                               const Clock& clock) {
  if (opts.horizon_days < 1 || opts.horizon_days > kMaxHorizon) {
    return fail(Error::invalid("--horizon-days: expected 1.." + std::to_string(kMaxHorizon) +
                               ", got " + std::to_string(opts.horizon_days)));
  }
  if (sites.empty()) {
    return fail(Error::invalid("no sites are configured; load the sites list before importing"));
  }
  ImportScope scope;
  scope.restricted = !opts.sites.empty();
  const auto window_of = [&](const Site& site) -> Result<SiteScope> {
    LocalDate first;
    if (opts.as_of) {
      first = *opts.as_of;
    } else {
      auto zone = find_zone(site.timezone);
      if (!zone) return fail(std::move(zone).error().context("site " + site.code));
      first = local_day(*zone, clock.now());
    }
    return SiteScope{site.code, day_number(first), day_number(first) + opts.horizon_days - 1};
  };
  if (!scope.restricted) {
    for (const auto& site : sites) scope.sites.push_back(CW_TRY(window_of(site)));
    return scope;
  }
  for (const auto& raw : opts.sites) {
    const auto code = trim(raw);
    if (code.empty()) continue;
    const auto it = std::find_if(sites.begin(), sites.end(),
                                 [&](const Site& s) { return iequals(s.code, code); });
    if (it == sites.end()) {
      return fail(Error::invalid("--sites: unknown site '" + std::string(code) + "'"));
    }
    const bool dup = std::any_of(scope.sites.begin(), scope.sites.end(),
                                 [&](const SiteScope& s) { return s.code == it->code; });
    if (!dup) scope.sites.push_back(CW_TRY(window_of(*it)));
  }
  if (scope.sites.empty()) return fail(Error::invalid("--sites: no site given"));
  return scope;
}

}  // namespace eoir

Result<ImportRun> import_eoir(store::Database& db, const EoirOptions& opts, const Clock& clock,
                              Progress* progress) {
  ImportRun run;
  run.source = std::string(kSource);
  run.input = opts.dir;
  return store::record_import(db, clock, std::move(run), [&](ImportRun& r) -> Result<void> {
    const auto files = CW_TRY(eoir::locate_release(opts.dir));
    const auto sites = CW_TRY(store::SiteRepo(db).all());
    const auto scope = CW_TRY(eoir::make_scope(sites, opts, clock));
    return upsert_all(db, files, scope, clock, progress, r);
  });
}

}  // namespace cw::scrapers
