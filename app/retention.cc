#include "app/retention.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/domain.h"

namespace cw::app {
namespace {

// The id of placeholder N, created on first use.
Result<Id> placeholder(store::Database& db, int n, std::int64_t now) {
  const std::string handle = std::string(kAnonymizedHandlePrefix) + std::to_string(n);
  CW_TRY(db.stmt("INSERT OR IGNORE INTO volunteers (handle, name, email, phone, active, created, "
                 "updated) VALUES (?, 'anonymized', '', '', 0, ?, ?)")
             .bind_all(handle, now, now)
             .run());
  auto& s = db.stmt("SELECT id FROM volunteers WHERE handle = ?").bind(1, handle);
  if (!CW_TRY(s.step())) return fail(Error::internal("placeholder volunteer vanished"));
  return s.int64(0);
}

}  // namespace

date::sys_days retention_cutoff(const Clock& clock, int days) {
  return date::floor<date::days>(clock.now()) - date::days{days};
}

Result<RetentionResult> anonymize_before(store::Database& db, date::sys_days cutoff,
                                         const Clock& clock) {
  const std::string before = date::format("%F", cutoff);
  const std::int64_t now = clock.now().time_since_epoch().count();
  RetentionResult r;
  auto tx = CW_TRY(db.begin_immediate());

  // Assignments of old sessions, by session: which still name a person, and
  // which placeholder slots the session already uses.
  struct Row {
    Id id;
    Id session;
    bool anonymized;
    int slot;
  };
  std::vector<Row> rows;
  {
    auto& s = db.stmt(
        "SELECT a.id, a.session_id, v.handle FROM assignments a "
        "JOIN sessions s ON s.id = a.session_id JOIN volunteers v ON v.id = a.volunteer_id "
        "WHERE s.date < ? ORDER BY a.session_id, a.id");
    s.bind(1, before);
    while (CW_TRY(s.step())) {
      const std::string handle = s.text(2);
      const bool anon = handle.starts_with(kAnonymizedHandlePrefix);
      const int slot = anon ? std::stoi(handle.substr(kAnonymizedHandlePrefix.size())) : 0;
      rows.push_back({s.int64(0), s.int64(1), anon, slot});
    }
  }
  std::map<Id, std::set<int>> used;
  for (const auto& row : rows) {
    if (row.anonymized) used[row.session].insert(row.slot);
  }
  std::map<int, Id> placeholders;
  for (const auto& row : rows) {
    if (row.anonymized) continue;
    auto& taken = used[row.session];
    int slot = 1;
    while (taken.contains(slot)) ++slot;
    taken.insert(slot);
    if (!placeholders.contains(slot)) placeholders[slot] = CW_TRY(placeholder(db, slot, now));
    CW_TRY(db.stmt("UPDATE assignments SET volunteer_id = ?, updated = ? WHERE id = ?")
               .bind_all(placeholders[slot], now, row.id)
               .run());
    CW_TRY(db.stmt("UPDATE assignment_events SET actor = 'volunteer' "
                   "WHERE assignment_id = ? AND actor LIKE 'volunteer:%'")
               .bind(1, row.id)
               .run());
    ++r.assignments;
  }

  CW_TRY(db.stmt("UPDATE reports SET volunteer_id = NULL WHERE volunteer_id IS NOT NULL AND "
                 "session_id IN (SELECT id FROM sessions WHERE date < ?)")
             .bind(1, before)
             .run());
  r.reports = db.changes();
  CW_TRY(db.stmt("DELETE FROM forbidden_pairs WHERE session_id IN "
                 "(SELECT id FROM sessions WHERE date < ?)")
             .bind(1, before)
             .run());
  r.forbidden = db.changes();
  const std::int64_t cutoff_s =
      std::chrono::duration_cast<std::chrono::seconds>(cutoff.time_since_epoch()).count();
  CW_TRY(db.stmt("DELETE FROM outbox WHERE state IN ('sent', 'failed', 'dropped') AND created < ?")
             .bind(1, cutoff_s)
             .run());
  r.messages = db.changes();

  if (r.assignments + r.reports + r.forbidden + r.messages > 0) {
    CW_TRY(db.stmt("INSERT INTO audit_log (at, actor, action, subject, detail) "
                   "VALUES (?, 'retention', 'anonymize', ?, ?)")
               .bind_all(now, "before " + before,
                         std::to_string(r.assignments) + " assignments, " +
                             std::to_string(r.reports) + " reports, " +
                             std::to_string(r.forbidden) + " forbidden pairs, " +
                             std::to_string(r.messages) + " messages")
               .run());
  }
  CW_TRY(tx.commit());
  return r;
}

}  // namespace cw::app
