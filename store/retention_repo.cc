#include "store/retention_repo.h"

#include "store/epoch.h"

namespace cw::store {

Result<std::vector<AssignmentHolder>> RetentionRepo::assignments_before(LocalDate before) {
  auto& s = db_.stmt(
      "SELECT a.id, a.session_id, v.handle FROM assignments a "
      "JOIN sessions s ON s.id = a.session_id JOIN volunteers v ON v.id = a.volunteer_id "
      "WHERE s.date < ? ORDER BY a.session_id, a.id");
  s.bind(1, format_date(before));
  std::vector<AssignmentHolder> out;
  while (CW_TRY(s.step())) out.push_back({s.int64(0), s.int64(1), s.text(2)});
  return out;
}

Result<Id> RetentionRepo::placeholder(const std::string& handle, Instant now) {
  CW_TRY(db_.stmt("INSERT OR IGNORE INTO volunteers (handle, name, email, phone, active, created, "
                  "updated) VALUES (?, 'anonymized', '', '', 0, ?, ?)")
             .bind_all(handle, seconds(now), seconds(now))
             .run());
  auto& s = db_.stmt("SELECT id FROM volunteers WHERE handle = ?").bind(1, handle);
  if (!CW_TRY(s.step())) return fail(Error::internal("placeholder volunteer vanished"));
  const Id id = s.int64(0);
  s.reset();
  return id;
}

Result<void> RetentionRepo::move_assignment(Id assignment, Id volunteer, Instant now) {
  CW_TRY(db_.stmt("UPDATE assignments SET volunteer_id = ?, updated = ? WHERE id = ?")
             .bind_all(volunteer, seconds(now), assignment)
             .run());
  return db_
      .stmt(
          "UPDATE assignment_events SET actor = 'volunteer' "
          "WHERE assignment_id = ? AND actor LIKE 'volunteer:%'")
      .bind(1, assignment)
      .run();
}

Result<int> RetentionRepo::detach_reports_before(LocalDate before) {
  CW_TRY(db_.stmt("UPDATE reports SET volunteer_id = NULL WHERE volunteer_id IS NOT NULL AND "
                  "session_id IN (SELECT id FROM sessions WHERE date < ?)")
             .bind(1, format_date(before))
             .run());
  return db_.changes();
}

Result<int> RetentionRepo::delete_forbidden_before(LocalDate before) {
  CW_TRY(db_.stmt("DELETE FROM forbidden_pairs WHERE session_id IN "
                  "(SELECT id FROM sessions WHERE date < ?)")
             .bind(1, format_date(before))
             .run());
  return db_.changes();
}

Result<int> RetentionRepo::delete_finished_messages_before(Instant cutoff) {
  CW_TRY(db_.stmt("DELETE FROM outbox WHERE state IN ('sent', 'failed', 'dropped') AND created < ?")
             .bind(1, seconds(cutoff))
             .run());
  return db_.changes();
}

}  // namespace cw::store
