#include "store/audit_repo.h"

namespace cw::store {

Result<Id> AuditRepo::append(Instant at, std::string_view actor, std::string_view action,
                             std::string_view subject, std::string_view detail) {
  auto& q =
      db_.stmt("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?,?,?,?,?)");
  q.bind_all(static_cast<std::int64_t>(at.time_since_epoch().count()), actor, action, subject,
             detail);
  CW_TRY(q.run());
  return db_.last_insert_rowid();
}

Result<AuditPage> AuditRepo::list(int limit, std::optional<Id> before) {
  if (limit < 1) return fail(Error::invalid("audit log page size must be at least 1"));
  auto& q = db_.stmt(
      "SELECT id, at, actor, action, subject, detail FROM audit_log "
      "WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2");
  q.bind(1, before);
  q.bind(2, static_cast<std::int64_t>(limit) + 1);
  AuditPage page;
  while (CW_TRY(q.step())) {
    page.entries.push_back({q.int64(0), Instant{std::chrono::seconds{q.int64(1)}}, q.text(2),
                            q.text(3), q.text(4), q.text(5)});
  }
  if (page.entries.size() > static_cast<std::size_t>(limit)) {
    page.entries.pop_back();
    page.next = page.entries.back().id;
  }
  return page;
}

}  // namespace cw::store
