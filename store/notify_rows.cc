#include "store/notify_rows.h"

#include "store/collect.h"
#include "store/epoch.h"
#include "store/read_models.h"
#include "store/session_repos.h"

namespace cw::store {
namespace {

Result<std::vector<FailureRow>> failures(Statement& q, Instant since) {
  q.bind(1, seconds(since));
  std::vector<FailureRow> out;
  while (CW_TRY(q.step())) out.push_back({q.text(0), q.text(1), q.text(2)});
  return out;
}

}  // namespace

Result<std::vector<AssignmentHistory>> assignment_histories(Database& db, LocalDate from,
                                                            LocalDate to) {
  auto& q = db.stmt(
      "SELECT a.id, a.session_id, a.volunteer_id, a.state, a.pinned, "
      "(SELECT count(*) FROM assignment_events e WHERE e.assignment_id = a.id "
      "AND e.to_state = 'invited'), "
      "(SELECT max(at) FROM assignment_events e WHERE e.assignment_id = a.id "
      "AND e.to_state = 'invited'), "
      "(SELECT max(id) FROM assignment_events e WHERE e.assignment_id = a.id "
      "AND e.to_state = 'cancelled') "
      "FROM assignments a JOIN sessions s ON s.id = a.session_id "
      "WHERE s.date BETWEEN ? AND ? AND a.state != 'proposed' ORDER BY a.id");
  q.bind_all(format_date(from), format_date(to));
  return collect<AssignmentHistory>(q, [](const Statement& r) -> Result<AssignmentHistory> {
    AssignmentHistory h;
    h.assignment.id = r.int64(0);
    h.assignment.session = r.int64(1);
    h.assignment.volunteer = r.int64(2);
    h.assignment.state = CW_TRY(parse_assignment_state(r.text(3)));
    h.assignment.pinned = r.int64(4) != 0;
    h.invite_round = r.int32(5);
    if (auto at = r.opt_int64(6)) h.invited_at = instant(*at);
    h.cancel_event = r.opt_int64(7).value_or(0);
    return h;
  });
}

Result<std::vector<Recipient>> recipients(Database& db) {
  auto& q = db.stmt("SELECT id, handle, name, email, locale, channel, active FROM volunteers");
  std::vector<Recipient> out;
  while (CW_TRY(q.step())) {
    out.push_back(
        {q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.int64(6) != 0});
  }
  return out;
}

Result<std::vector<ReportBody>> report_bodies(Database& db, LocalDate from) {
  auto& q = db.stmt(
      "SELECT r.id, r.session_id, r.created, r.body FROM reports r "
      "JOIN sessions s ON s.id = r.session_id WHERE s.date >= ?");
  q.bind(1, format_date(from));
  std::vector<ReportBody> out;
  while (CW_TRY(q.step())) out.push_back({q.int64(0), q.int64(1), instant(q.int64(2)), q.text(3)});
  return out;
}

Result<std::vector<StaffedSession>> staffed_sessions(Database& db, LocalDate from, LocalDate to) {
  auto& q = db.stmt("SELECT " + std::string(kSessionColumns) + ", " + std::string(kSiteColumns) +
                    ", s.live FROM sessions s JOIN sites t ON t.code = s.site "
                    "WHERE s.status = 'active' AND s.date BETWEEN ? AND ? "
                    "ORDER BY s.date, s.start_min, s.id");
  q.bind_all(format_date(from), format_date(to));
  return collect<StaffedSession>(q, [](const Statement& r) -> Result<StaffedSession> {
    auto session = CW_TRY(read_session_columns(r));
    auto site = CW_TRY(read_site_columns(r, kSessionColumnCount, session.key.site));
    return StaffedSession{std::move(session), std::move(site), r.int32(kSessionColumnCount + 4)};
  });
}

Result<std::vector<DeclineRow>> declines_since(Database& db, Instant since) {
  auto& q = db.stmt(
      "SELECT v.name, s.site, t.name, s.location, s.date, s.start_min, s.end_min "
      "FROM assignment_events e JOIN assignments a ON a.id = e.assignment_id "
      "JOIN volunteers v ON v.id = a.volunteer_id JOIN sessions s ON s.id = a.session_id "
      "JOIN sites t ON t.code = s.site WHERE e.to_state = 'declined' AND e.at >= ? "
      "ORDER BY e.at");
  q.bind(1, seconds(since));
  return collect<DeclineRow>(q, [](const Statement& r) -> Result<DeclineRow> {
    auto day = parse_iso_date(r.text(4));
    if (!day) return fail(Error::database("sessions: bad date '" + r.text(4) + "'"));
    return DeclineRow{r.text(0),
                      r.text(1),
                      r.text(2),
                      r.text(3),
                      *day,
                      TimeOfDay{r.int64(5)},
                      TimeOfDay{r.int64(6)}};
  });
}

Result<std::vector<FailureRow>> failed_imports_since(Database& db, Instant since) {
  auto& q = db.stmt(
      "SELECT source, input, error, failure FROM import_runs "
      "WHERE state = 'failed' AND started >= ? ORDER BY started");
  q.bind(1, seconds(since));
  std::vector<FailureRow> out;
  while (CW_TRY(q.step())) {
    out.push_back({q.text(0), q.text(1), q.text(2), run_failure_from_json(q.text(3))});
  }
  return out;
}

Result<std::vector<FailureRow>> failed_messages_since(Database& db, Instant since) {
  return failures(db.stmt("SELECT kind, recipient, last_error FROM outbox "
                          "WHERE state = 'failed' AND updated >= ? ORDER BY updated"),
                  since);
}

}  // namespace cw::store
