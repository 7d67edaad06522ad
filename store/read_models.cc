#include "store/read_models.h"

#include <algorithm>
#include <string_view>

#include "core/import_run.h"
#include "store/collect.h"
#include "store/hearing_row.h"
#include "store/session_repos.h"

namespace cw::store {
namespace {

// The session's live assignments: a column kept by triggers on assignments
// (schema migration 5), so no read counts them per row.
constexpr const char* kLive = "s.live";

// Session::need() (core/domain.h) as SQL. It depends on the detained flag
// only, so the two values are taken from it and the rule stays defined there.
// "s.live < need" is, word for word, the condition of the partial index
// sessions_open (schema migration 5): SQLite uses that index only for a query
// that spells its condition the same way.
std::string need_sql() {
  Session with, without;
  with.detained = true;
  without.detained = false;
  return "(CASE WHEN s.detained_hearings > 0 THEN " + std::to_string(with.need()) + " ELSE " +
         std::to_string(without.need()) + " END)";
}

// Builds the scan's statement text; the placeholders are numbered so that
// every variant binds the same values at the same indices.
std::string session_scan_sql(const SessionScan& scan) {
  // With a position, the row value alone is the lower bound, so that SQLite
  // seeks the index to it instead of skipping the rows of earlier pages.
  std::string sql = std::string("SELECT ").append(kSessionColumns) + ", " + kLive +
                    " FROM sessions s WHERE s.date <= ?2";
  if (scan.site) sql += " AND s.site = ?3";
  if (!scan.after) {
    sql += " AND s.date >= ?1";
  } else if (scan.site) {
    sql += " AND (s.date, s.half, s.location, s.judge) > (?4, ?5, ?7, ?8)";
  } else {
    sql += " AND (s.date, s.half, s.site, s.location, s.judge) > (?4, ?5, ?6, ?7, ?8)";
  }
  if (scan.active_only || scan.covered) sql += " AND s.status = 'active'";
  if (scan.covered)
    sql += std::string(" AND ") + kLive + (*scan.covered ? " >= " : " < ") + need_sql();
  if (scan.detained)
    sql += *scan.detained ? " AND s.detained_hearings > 0" : " AND s.detained_hearings = 0";
  sql += scan.site ? " ORDER BY s.date, s.half, s.location, s.judge"
                   : " ORDER BY s.date, s.half, s.site, s.location, s.judge";
  return sql;
}

// A text column of the current row without a copy (valid until the next step).
std::string_view text_view(const Statement& q, int col) {
  const auto* p = sqlite3_column_text(q.raw(), col);
  return p ? std::string_view(reinterpret_cast<const char*>(p),
                              static_cast<std::size_t>(sqlite3_column_bytes(q.raw(), col)))
           : std::string_view();
}

Result<AssignmentLine> read_assignment_line(const Statement& q) {
  AssignmentLine a;
  a.id = q.int64(0);
  a.session = q.int64(1);
  a.volunteer = q.int64(2);
  a.handle = q.text(3);
  a.name = q.text(4);
  a.role = CW_TRY(parse_role(q.text(5)));
  a.state = CW_TRY(parse_assignment_state(q.text(6)));
  a.pinned = q.int64(7) != 0;
  return a;
}

Result<std::vector<LabelledCount>> labelled(Database& db, std::string_view sql) {
  std::vector<LabelledCount> out;
  auto& q = db.stmt(sql);
  while (CW_TRY(q.step())) out.push_back({q.text(0), q.int64(1)});
  return out;
}

Result<std::int64_t> single(Database& db, std::string_view sql,
                            std::optional<std::int64_t> arg = std::nullopt) {
  auto& q = db.stmt(sql);
  if (arg) q.bind(1, *arg);
  const bool row = CW_TRY(q.step());
  const std::int64_t n = row ? q.int64(0) : 0;
  q.reset();
  return n;
}

const std::string& coverage_sql() {
  static const std::string sql =
      "SELECT CASE WHEN s.live = 0 THEN 'uncovered' WHEN s.live < " + need_sql() +
      " THEN 'partial' ELSE 'covered' END, count(*) FROM sessions s WHERE s.status = 'active' "
      "GROUP BY 1";
  return sql;
}

}  // namespace

std::string json_id_array(const std::vector<Id>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ",";
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

std::string json_text_array(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out += (i ? ",\"" : "\"") + json_escape(texts[i]) + "\"";
  }
  return out + "]";
}

Result<void> scan_sessions(Database& db, const SessionScan& scan,
                           const std::function<bool(SessionLoad&&)>& fn) {
  if (scan.after && scan.after->date < scan.from) {
    return fail(Error::invalid("cursor: before the start of the range"));
  }
  auto& q = db.stmt(session_scan_sql(scan));
  if (!scan.after) q.bind(1, format_date(scan.from));
  q.bind(2, format_date(scan.to));
  if (scan.site) q.bind(3, *scan.site);
  if (scan.after) {
    q.bind(4, format_date(scan.after->date)).bind(5, to_string(scan.after->half));
    if (!scan.site) q.bind(6, scan.after->site);
    q.bind(7, scan.after->location).bind(8, scan.after->judge);
  }
  while (CW_TRY(q.step())) {
    auto s = read_session_columns(q);
    if (!s) {
      q.reset();
      return fail(std::move(s).error());
    }
    if (!fn({std::move(*s), q.int32(15)})) {
      q.reset();
      break;
    }
  }
  return {};
}

Result<std::optional<SessionLoad>> find_session_load(Database& db, Id session) {
  auto& q = db.stmt(std::string("SELECT ").append(kSessionColumns) + ", " + kLive +
                    " FROM sessions s WHERE s.id = ?1");
  q.bind(1, session);
  if (!CW_TRY(q.step())) return std::optional<SessionLoad>{};
  auto s = read_session_columns(q);
  const int live = q.int32(15);
  q.reset();
  if (!s) return fail(std::move(s).error());
  return std::optional<SessionLoad>(SessionLoad{std::move(*s), live});
}

Result<std::vector<AssignmentLine>> assignments_of_sessions(Database& db,
                                                            const std::vector<Id>& sessions) {
  auto& q = db.stmt(
      "SELECT a.id, a.session_id, a.volunteer_id, v.handle, v.name, v.role, a.state, a.pinned "
      "FROM assignments a JOIN volunteers v ON v.id = a.volunteer_id "
      "WHERE a.session_id IN (SELECT value FROM json_each(?1)) ORDER BY a.session_id, a.id");
  q.bind(1, json_id_array(sessions));
  return collect<AssignmentLine>(q, read_assignment_line);
}

Result<std::vector<Id>> volunteers_at_sites(Database& db, const std::vector<std::string>& sites) {
  auto& q = db.stmt(
      "SELECT DISTINCT volunteer_id FROM volunteer_sites "
      "WHERE site IN (SELECT value FROM json_each(?1)) ORDER BY volunteer_id");
  q.bind(1, json_text_array(sites));
  return collect<Id>(q, [](const Statement& s) -> Result<Id> { return s.int64(0); });
}

Result<std::vector<Booking>> live_bookings(Database& db, const std::vector<Id>& volunteers,
                                           LocalDate from, LocalDate to) {
  // Sessions first (CROSS JOIN keeps that order), each with its live
  // assignments from the partial index assignments_live; the volunteer test
  // is a plain filter ("+"), so that SQLite does not seek the index once per
  // listed volunteer and session, and a session row is read only for a match.
  auto& q = db.stmt(std::string("SELECT ").append(kSessionColumns) +
                    ", a.volunteer_id FROM sessions s CROSS JOIN assignments a INDEXED BY "
                    "assignments_live ON a.session_id = s.id AND a.state IN " +
                    live_states_sql() +
                    " WHERE s.date BETWEEN ?2 AND ?3 AND +a.volunteer_id IN "
                    "(SELECT value FROM json_each(?1))");
  q.bind(1, json_id_array(volunteers)).bind(2, format_date(from)).bind(3, format_date(to));
  auto out = CW_TRY(collect<Booking>(q, [](const Statement& s) -> Result<Booking> {
    return Booking{s.int64(15), CW_TRY(read_session_columns(s))};
  }));
  std::ranges::sort(out, [](const Booking& a, const Booking& b) {
    return std::pair{a.volunteer, a.session.id} < std::pair{b.volunteer, b.session.id};
  });
  return out;
}

Result<std::vector<BookedHalfDay>> live_booked_half_days(Database& db,
                                                         const std::vector<Id>& volunteers,
                                                         LocalDate from, LocalDate to) {
  // As live_bookings(), reading only columns both indexes hold. The
  // volunteers are picked here rather than by an IN on a JSON list: every
  // live assignment of the range is visited either way, and SQLite would
  // first copy thousands of ids into a temporary index and then probe it
  // once a row.
  auto& q = db.stmt(
      "SELECT a.volunteer_id, s.id, s.date, s.half FROM sessions s INDEXED BY sessions_by_day "
      "CROSS JOIN assignments a INDEXED BY assignments_live ON a.session_id = s.id AND a.state "
      "IN " +
      live_states_sql() + " WHERE s.date BETWEEN ?1 AND ?2");
  q.bind(1, format_date(from)).bind(2, format_date(to));
  std::vector<Id> wanted = volunteers;
  std::ranges::sort(wanted);
  std::vector<BookedHalfDay> out;
  while (CW_TRY(q.step())) {
    const Id volunteer = q.int64(0);
    if (!std::ranges::binary_search(wanted, volunteer)) continue;
    out.push_back({volunteer, q.int64(1), CW_TRY(parse_iso_date(text_view(q, 2))),
                   CW_TRY(parse_half(text_view(q, 3)))});
  }
  std::ranges::sort(out, [](const BookedHalfDay& a, const BookedHalfDay& b) {
    return std::pair{a.volunteer, a.session} < std::pair{b.volunteer, b.session};
  });
  return out;
}

Result<std::vector<std::pair<Id, Id>>> excluded_pairs(Database& db,
                                                      const std::vector<Id>& sessions) {
  auto& q = db.stmt(
      "SELECT session_id, volunteer_id FROM assignments WHERE state = 'declined' AND "
      "session_id IN (SELECT value FROM json_each(?1)) UNION "
      "SELECT session_id, volunteer_id FROM forbidden_pairs WHERE "
      "session_id IN (SELECT value FROM json_each(?1)) ORDER BY 1, 2");
  q.bind(1, json_id_array(sessions));
  return collect<std::pair<Id, Id>>(q, [](const Statement& s) -> Result<std::pair<Id, Id>> {
    return std::pair<Id, Id>{s.int64(0), s.int64(1)};
  });
}

Result<std::vector<CoverageGroup>> coverage_groups(Database& db, LocalDate from, LocalDate to) {
  // Rows from the covering index sessions_coverage, in its (date, site)
  // order, counted here: a GROUP BY on the detained flag would sort them all.
  // The rows of one (date, site) come together, so each row is counted among
  // the few groups of the current (date, site), without copying its strings.
  auto& q = db.stmt(
      "SELECT site, date, detained_hearings > 0, live FROM sessions INDEXED BY sessions_coverage "
      "WHERE date BETWEEN ?1 AND ?2 AND status = 'active'");
  q.bind(1, format_date(from)).bind(2, format_date(to));
  std::vector<CoverageGroup> out;
  std::string day;  // of the current row, and its date
  LocalDate date{};
  std::size_t run = 0;  // the first group of the current (date, site)
  while (CW_TRY(q.step())) {
    const std::string_view site = text_view(q, 0);
    const bool detained = q.int64(2) != 0;
    const int live = q.int32(3);
    if (out.empty() || text_view(q, 1) != day) {
      day = text_view(q, 1);
      date = CW_TRY(parse_iso_date(day));
      run = out.size();
    } else if (site != out[run].site) {
      run = out.size();
    }
    const auto g = std::find_if(
        out.begin() + static_cast<std::ptrdiff_t>(run), out.end(),
        [&](const CoverageGroup& c) { return c.detained == detained && c.live == live; });
    if (g != out.end()) {
      ++g->sessions;
    } else {
      out.push_back({std::string(site), date, detained, live, 1});
    }
  }
  return out;
}

Result<std::vector<Hearing>> hearings_page(Database& db, const HearingScan& scan) {
  std::string sql =
      "SELECT id, source_key, site, date, start_min, stop_min, location, judge, type, language, "
      "detained, status, cancel_reason FROM hearings WHERE date <= ?2";
  // As for sessions: with a position, the row value is the lower bound.
  if (scan.site) sql += " AND site = ?3";
  if (!scan.after) {
    sql += " AND date >= ?1";
  } else if (scan.site) {
    sql += " AND (date, start_min, id) > (?4, ?5, ?7)";
  } else {
    sql += " AND (date, start_min, site, id) > (?4, ?5, ?6, ?7)";
  }
  sql += scan.site ? " ORDER BY date, start_min, id" : " ORDER BY date, start_min, site, id";
  sql += " LIMIT ?8";
  if (scan.after && scan.after->date < scan.from) {
    return fail(Error::invalid("cursor: before the start of the range"));
  }
  auto& q = db.stmt(sql);
  if (!scan.after) q.bind(1, format_date(scan.from));
  q.bind(2, format_date(scan.to));
  if (scan.site) q.bind(3, *scan.site);
  if (scan.after) {
    q.bind(4, format_date(scan.after->date))
        .bind(5, static_cast<std::int64_t>(scan.after->start.count()));
    if (!scan.site) q.bind(6, scan.after->site);
    q.bind(7, scan.after->id);
  }
  q.bind(8, scan.limit);
  return collect<Hearing>(q, read_hearing_public);
}

Result<std::vector<Id>> volunteer_ids_page(Database& db, const VolunteerScan& scan) {
  std::string sql = "SELECT v.id FROM volunteers v WHERE 1";
  if (scan.site) {
    sql += " AND v.id IN (SELECT volunteer_id FROM volunteer_sites WHERE site = ?1)";
  }
  if (scan.search) {
    sql += " AND (instr(lower(v.handle), lower(?2)) > 0 OR instr(lower(v.name), lower(?2)) > 0)";
  }
  if (scan.after) sql += " AND v.handle > ?3";
  sql += " ORDER BY v.handle LIMIT ?4";
  auto& q = db.stmt(sql);
  if (scan.site) q.bind(1, *scan.site);
  if (scan.search) q.bind(2, *scan.search);
  if (scan.after) q.bind(3, *scan.after);
  q.bind(4, scan.limit);
  return collect<Id>(q, [](const Statement& s) -> Result<Id> { return s.int64(0); });
}

Result<MetricsSnapshot> metrics_snapshot(Database& db, Instant now) {
  auto tx = CW_TRY(db.begin_deferred());
  MetricsSnapshot m;
  m.hearings_by_status =
      CW_TRY(labelled(db, "SELECT status, count(*) FROM hearings GROUP BY status"));
  m.import_runs =
      CW_TRY(labelled(db, "SELECT source || ':' || state, count(*) FROM import_runs GROUP BY 1"));
  m.import_last_success =
      CW_TRY(single(db, "SELECT coalesce(max(finished), 0) FROM import_runs WHERE state = 'ok'"));
  m.import_failures = CW_TRY(single(db, "SELECT count(*) FROM import_runs WHERE state = 'failed'"));
  m.volunteers_active = CW_TRY(single(db, "SELECT count(*) FROM volunteers WHERE active = 1"));
  m.sessions_by_coverage = CW_TRY(labelled(db, coverage_sql()));
  m.outbox_by_state = CW_TRY(labelled(db, "SELECT state, count(*) FROM outbox GROUP BY state"));
  m.outbox_due = CW_TRY(outbox_due(db, now));
  m.outbox_retrying =
      CW_TRY(single(db, "SELECT count(*) FROM outbox WHERE state = 'pending' AND attempts > 0"));
  m.outbox_failures = CW_TRY(single(db, "SELECT count(*) FROM outbox WHERE state = 'failed'"));
  m.fetch_failing =
      CW_TRY(labelled(db, "SELECT source, last_error != '' FROM fetch_state ORDER BY source"));
  m.fetch_last_success = CW_TRY(
      labelled(db, "SELECT source, coalesce(last_success, 0) FROM fetch_state ORDER BY source"));
  CW_TRY(tx.commit());
  return m;
}

Result<std::int64_t> outbox_due(Database& db, Instant now) {
  return single(db, "SELECT count(*) FROM outbox WHERE state = 'pending' AND due <= ?",
                std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace cw::store
