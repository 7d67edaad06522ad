// Sessions list and dashboard read models (app/queries.h).
#include <algorithm>
#include <map>

#include "app/message_text.h"
#include "app/page_cursor.h"
#include "app/queries.h"
#include "app/query_params.h"
#include "app/session_reasons.h"
#include "store/read_models.h"
#include "store/repos.h"

namespace cw::app {
namespace {

constexpr const char* kSessionTag = "sessions";

std::string session_cursor(const Session& s) {
  return encode_cursor(kSessionTag, {format_date(s.key.date), to_string(s.key.half), s.key.site,
                                     s.key.location, s.key.judge});
}

Result<std::optional<store::SessionPosition>> session_position(const std::string& cursor) {
  if (cursor.empty()) return std::optional<store::SessionPosition>{};
  const auto f = CW_TRY(decode_cursor(cursor, kSessionTag, 5));
  for (const auto& x : f) {
    if (!x.is_string()) return fail(malformed_cursor());
  }
  auto date = parse_iso_date(f[0].get<std::string>());
  auto half = parse_half(f[1].get<std::string>());
  if (!date || !half) return fail(malformed_cursor());
  return std::optional<store::SessionPosition>(store::SessionPosition{
      *date, *half, f[2].get<std::string>(), f[3].get<std::string>(), f[4].get<std::string>()});
}

bool wanted(const store::SessionLoad& l, std::optional<bool> covered) {
  if (!covered) return true;
  if (l.session.status == SessionStatus::cancelled) return false;
  return (empty_seats(l.session, l.live) == 0) == *covered;
}

// Collects up to `limit` uncovered active sessions of [from, to] with the
// given detained flag, in listing order.
Result<void> collect_uncovered(store::Database& db, LocalDate from, LocalDate to, bool detained,
                               std::size_t limit, std::vector<store::SessionLoad>& out) {
  if (out.size() >= limit) return {};
  store::SessionScan scan;
  scan.from = from;
  scan.to = to;
  scan.active_only = true;
  scan.detained = detained;
  scan.covered = false;
  return store::scan_sessions(db, scan, [&](store::SessionLoad&& l) {
    if (empty_seats(l.session, l.live) > 0) out.push_back(std::move(l));
    return out.size() < limit;
  });
}

// The earliest local "today" over the sites (the UTC date without sites).
Result<LocalDate> first_day(const std::vector<Site>& sites, Instant now) {
  LocalDate first{date::floor<date::days>(now).time_since_epoch()};
  bool any = false;
  for (const auto& s : sites) {
    const auto zone = find_zone(s.timezone);
    if (!zone) continue;
    const LocalDate today = local_day(*zone, now);
    first = any ? std::min(first, today) : today;
    any = true;
  }
  return first;
}

}  // namespace

Result<Page<SessionSummary>> list_sessions(store::Database& db, const SessionQuery& q,
                                           Instant now) {
  const auto range = CW_TRY(resolve_range(q.from, q.to, now));
  const int limit = CW_TRY(checked_limit(q.page.limit));
  store::SessionScan scan;
  scan.from = range.first;
  scan.to = range.last;
  scan.site = q.site;
  scan.after = CW_TRY(session_position(q.page.cursor));
  scan.active_only = q.covered.has_value();
  scan.covered = q.covered;
  auto tx = CW_TRY(db.begin_deferred());
  std::vector<store::SessionLoad> loads;
  // One row past the page says whether there is a next page.
  CW_TRY(store::scan_sessions(db, scan, [&](store::SessionLoad&& l) {
    if (wanted(l, q.covered)) loads.push_back(std::move(l));
    return loads.size() <= static_cast<std::size_t>(limit);
  }));
  Page<SessionSummary> page;
  if (loads.size() > static_cast<std::size_t>(limit)) {
    loads.pop_back();
    page.next_cursor = session_cursor(loads.back().session);
  }
  page.items = CW_TRY(summarize(db, std::move(loads)));
  CW_TRY(tx.commit());
  return page;
}

Result<Dashboard> dashboard(store::Database& db, Instant now, int days, int uncovered_limit) {
  if (days < 1 || days > 62) return fail(out_of_range(Bound::days, 62));
  if (uncovered_limit < 0 || uncovered_limit > kMaxPageLimit) {
    return fail(out_of_range(Bound::uncovered_limit, kMaxPageLimit));
  }
  auto tx = CW_TRY(db.begin_deferred());
  const auto sites = CW_TRY(store::SiteRepo(db).all());
  Dashboard d;
  const LocalDate first = CW_TRY(first_day(sites, now));
  const LocalDate last = first + date::days{days - 1};
  for (int i = 0; i < days; ++i) d.days.push_back(first + date::days{i});
  std::map<std::string, SiteCoverage> by_site;
  for (const auto& g : CW_TRY(store::coverage_groups(db, first, last))) {
    auto& site = by_site[g.site];
    if (site.days.empty()) {
      site.site = g.site;
      for (const auto day : d.days) site.days.push_back({day, 0, 0, 0, 0});
    }
    Session shape;  // need() depends on the detained flag only
    shape.detained = g.detained;
    auto& cell = site.days[static_cast<std::size_t>((g.date - first).count())];
    cell.sessions += g.sessions;
    cell.seats += shape.need() * g.sessions;
    cell.filled += std::min(g.live, shape.need()) * g.sessions;
    if (empty_seats(shape, g.live) > 0) {
      cell.uncovered += g.sessions;
      d.uncovered_total += g.sessions;
      if (g.detained) d.uncovered_detained += g.sessions;
    }
  }
  for (const auto& s : sites) {
    if (auto it = by_site.find(s.code); it != by_site.end()) it->second.name = s.name;
  }
  for (auto& [_, site] : by_site) d.sites.push_back(std::move(site));
  std::vector<store::SessionLoad> loads;
  const auto limit = static_cast<std::size_t>(uncovered_limit);
  CW_TRY(collect_uncovered(db, first, last, /*detained=*/true, limit, loads));
  CW_TRY(collect_uncovered(db, first, last, /*detained=*/false, limit, loads));
  d.uncovered = CW_TRY(summarize(db, std::move(loads)));
  CW_TRY(tx.commit());
  return d;
}

}  // namespace cw::app
