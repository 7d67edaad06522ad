#include <algorithm>

#include "core/text.h"
#include "store/collect.h"
#include "store/session_repos.h"

namespace cw::store {
namespace {

std::string select_sessions() {
  return std::string("SELECT ").append(kSessionColumns).append(" FROM sessions s");
}

std::string joined(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ";") + x;
  return out;
}

std::string types_text(const std::vector<HearingType>& ts) {
  std::vector<std::string> names;
  names.reserve(ts.size());
  for (const auto t : ts) names.emplace_back(to_string(t));
  return joined(names);
}

std::string_view status_text(SessionStatus s) {
  return s == SessionStatus::cancelled ? "cancelled" : "active";
}

}  // namespace

Result<std::vector<Session>> read_sessions(Statement& q) {
  return collect<Session>(q, read_session_columns);
}

Result<Session> read_session_columns(const Statement& q) {
  Session s;
  s.id = q.int64(0);
  s.key.site = q.text(1);
  s.key.location = q.text(2);
  s.key.judge = q.text(3);
  s.key.date = CW_TRY(parse_iso_date(q.text(4)));
  s.key.half = CW_TRY(parse_half(q.text(5)));
  s.start = TimeOfDay{q.int64(6)};
  s.end = TimeOfDay{q.int64(7)};
  s.hearings = q.int32(8);
  s.detained_hearings = q.int32(9);
  s.detained = s.detained_hearings > 0;
  s.individual = q.int64(10) != 0;
  s.big = s.hearings >= 10;
  s.languages = split_trimmed(q.text(11), ';');
  for (const auto& t : split_trimmed(q.text(12), ';'))
    s.types.push_back(CW_TRY(parse_hearing_type(t)));
  s.status = q.text(13) == "cancelled" ? SessionStatus::cancelled : SessionStatus::active;
  s.sequence = q.int32(14);
  return s;
}

Result<Site> read_site_columns(const Statement& q, int first, const std::string& code) {
  return Site{code, q.text(first), q.text(first + 1), q.text(first + 2),
              CW_TRY(parse_site_kind(q.text(first + 3)))};
}

Result<std::vector<Session>> SessionRepo::list(const SessionFilter& f) {
  auto& q = db_.stmt(select_sessions() +
                     " WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2) AND "
                     "(?3 IS NULL OR site = ?3) AND (?4 OR status = 'active') "
                     "ORDER BY date, half, site, location, judge");
  if (f.from) q.bind(1, format_date(*f.from));
  if (f.to) q.bind(2, format_date(*f.to));
  if (f.site) q.bind(3, *f.site);
  q.bind(4, f.include_cancelled);
  return read_sessions(q);
}

Result<std::optional<Session>> SessionRepo::find(Id id) {
  auto& q = db_.stmt(select_sessions() + " WHERE id = ?");
  q.bind(1, id);
  if (!CW_TRY(q.step())) return std::optional<Session>{};
  auto s = read_session_columns(q);
  q.reset();
  if (!s) return fail(s.error());
  return std::optional<Session>(std::move(*s));
}

Result<std::vector<Session>> SessionRepo::live_for_volunteer(Id volunteer, LocalDate from,
                                                             LocalDate to) {
  auto& q = db_.stmt(select_sessions() +
                     " WHERE status = 'active' AND date BETWEEN ?2 AND ?3 AND id IN "
                     "(SELECT session_id FROM assignments WHERE volunteer_id = ?1 AND state IN " +
                     live_states_sql() + ") ORDER BY date, half, site, location, judge");
  q.bind_all(volunteer, format_date(from), format_date(to));
  return read_sessions(q);
}

Result<Id> SessionRepo::insert(const Session& s, Instant now) {
  const auto ts = static_cast<std::int64_t>(now.time_since_epoch().count());
  auto& q = db_.stmt(
      "INSERT INTO sessions (site, location, judge, date, half, start_min, end_min, hearings, "
      "detained_hearings, individual, languages, types, status, sequence, created, updated) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind_all(s.key.site, s.key.location, s.key.judge, format_date(s.key.date),
             to_string(s.key.half), static_cast<std::int64_t>(s.start.count()),
             static_cast<std::int64_t>(s.end.count()), s.hearings, s.detained_hearings,
             s.individual, joined(s.languages), types_text(s.types), status_text(s.status),
             s.sequence, ts, ts);
  CW_TRY(q.run());
  return db_.last_insert_rowid();
}

Result<void> SessionRepo::update(const Session& s, Instant now) {
  auto& q = db_.stmt(
      "UPDATE sessions SET site=?, location=?, judge=?, date=?, half=?, start_min=?, end_min=?, "
      "hearings=?, detained_hearings=?, individual=?, languages=?, types=?, status=?, "
      "sequence=?, updated=? WHERE id=?");
  q.bind_all(s.key.site, s.key.location, s.key.judge, format_date(s.key.date),
             to_string(s.key.half), static_cast<std::int64_t>(s.start.count()),
             static_cast<std::int64_t>(s.end.count()), s.hearings, s.detained_hearings,
             s.individual, joined(s.languages), types_text(s.types), status_text(s.status),
             s.sequence, static_cast<std::int64_t>(now.time_since_epoch().count()), s.id);
  CW_TRY(q.run());
  if (db_.changes() != 1) {
    return fail(Error::not_found("session " + std::to_string(s.id) + " does not exist"));
  }
  return {};
}

}  // namespace cw::store
