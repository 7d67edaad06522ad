#include "notify/digest_source.h"

#include <algorithm>

#include "notify/catalog.h"
#include "store/session_repos.h"

namespace cw::notify {
namespace {

std::int64_t seconds(Instant t) { return static_cast<std::int64_t>(t.time_since_epoch().count()); }

constexpr auto kAhead = std::chrono::hours{72};
constexpr auto kSince = std::chrono::hours{24};

bool covers(const Coordinator& c, const std::string& site) {
  return c.sites.empty() || std::find(c.sites.begin(), c.sites.end(), site) != c.sites.end();
}

Result<void> load_uncovered(store::Database& db, const Coordinator& c, Instant now,
                            const UnfilledReasons& reasons, DigestFacts& out) {
  const LocalDate today{date::floor<date::days>(now).time_since_epoch()};
  std::map<Id, std::string> why;
  if (reasons) {
    // Without the matcher's reasons the digest still lists the sessions.
    if (auto r = reasons(db, now)) why = std::move(*r);
  }
  auto& q = db.stmt(
      "SELECT s.id, s.site, s.location, s.judge, s.date, s.half, s.start_min, s.end_min, "
      "s.hearings, s.detained_hearings, s.individual, s.languages, s.types, s.status, "
      "s.sequence, t.name, t.address, t.timezone, "
      "(SELECT count(*) FROM assignments a WHERE a.session_id = s.id "
      "AND a.state IN ('proposed', 'invited', 'confirmed')) "
      "FROM sessions s JOIN sites t ON t.code = s.site "
      "WHERE s.status = 'active' AND s.date BETWEEN ? AND ? ORDER BY s.date, s.start_min, s.id");
  q.bind_all(format_date(today - date::days{1}), format_date(today + date::days{4}));
  while (CW_TRY(q.step())) {
    auto s = store::read_session_columns(q);
    if (!s) {
      q.reset();
      return fail(s.error());
    }
    const Site site{s->key.site, q.text(15), q.text(16), q.text(17), SiteKind::immigration_court};
    const int need = s->detained_hearings > 0 ? 2 : 1;
    const int seats = need - q.int32(18);
    if (seats <= 0 || !covers(c, site.code)) continue;
    const Snapshot snap = snapshot_of(*s, site);
    const auto start = start_instant(snap);
    if (!start || *start <= now || *start > now + kAhead) continue;
    const auto it = why.find(s->id);
    out.uncovered.push_back(
        {snap, seats, it != why.end() ? it->second : "no volunteer assigned yet"});
  }
  return {};
}

Result<void> load_lines(store::Database& db, const Coordinator& c, Instant now, DigestFacts& out) {
  const Locale l = locale_of(c.locale);
  auto& d = db.stmt(
      "SELECT v.name, s.id, s.site, s.location, s.judge, s.date, s.start_min, s.end_min, "
      "t.name FROM assignment_events e JOIN assignments a ON a.id = e.assignment_id "
      "JOIN volunteers v ON v.id = a.volunteer_id JOIN sessions s ON s.id = a.session_id "
      "JOIN sites t ON t.code = s.site WHERE e.to_state = 'declined' AND e.at >= ? "
      "ORDER BY e.at");
  d.bind(1, seconds(now - kSince));
  while (CW_TRY(d.step())) {
    if (!covers(c, d.text(2))) continue;
    Snapshot s;
    s.site_name = d.text(8);
    s.location = d.text(3);
    s.date = d.text(5);
    s.start = format_time(TimeOfDay{d.int64(6)});
    s.end = format_time(TimeOfDay{d.int64(7)});
    out.declines.push_back(d.text(0) + " — " + format_where(s) + ", " + format_when(l, s));
  }
  auto& i = db.stmt(
      "SELECT source, input, error FROM import_runs WHERE state = 'failed' AND started >= ? "
      "ORDER BY started");
  i.bind(1, seconds(now - kSince));
  while (CW_TRY(i.step()))
    out.failed_imports.push_back(i.text(0) + " " + i.text(1) + ": " + i.text(2));
  auto& m = db.stmt(
      "SELECT kind, recipient, last_error FROM outbox WHERE state = 'failed' AND updated >= ? "
      "ORDER BY updated");
  m.bind(1, seconds(now - kSince));
  while (CW_TRY(m.step())) {
    out.failed_messages.push_back(m.text(0) + " → " + m.text(1) + ": " + m.text(2));
  }
  return {};
}

}  // namespace

Result<DigestFacts> load_digest(store::Database& db, const Coordinator& c, Instant now,
                                const UnfilledReasons& reasons) {
  DigestFacts out;
  CW_TRY(load_uncovered(db, c, now, reasons, out));
  CW_TRY(load_lines(db, c, now, out));
  return out;
}

}  // namespace cw::notify
