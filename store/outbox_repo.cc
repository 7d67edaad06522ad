#include "store/outbox_repo.h"

#include <algorithm>

#include "store/epoch.h"

namespace cw::store {
namespace {

constexpr const char* kOutboxColumns =
    "o.id, o.idem_key, o.channel, o.recipient, o.kind, o.due, o.state, o.attempts, "
    "o.next_attempt, o.last_error, o.subject, o.volunteer_id, o.assignment_id, o.session_id, "
    "o.version, o.locale, o.payload, o.created, o.sent_at";

OutboxRow read_outbox_row(const Statement& q) {
  OutboxRow r;
  r.id = q.int64(0);
  r.idem_key = q.text(1);
  r.channel = q.text(2);
  r.recipient = q.text(3);
  r.kind = q.text(4);
  r.due = instant(q.int64(5));
  r.state = q.text(6);
  r.attempts = q.int32(7);
  if (auto n = q.opt_int64(8)) r.next_attempt = instant(*n);
  r.last_error = q.text(9);
  r.subject = q.text(10);
  r.volunteer = q.opt_int64(11);
  r.assignment = q.opt_int64(12);
  r.session = q.opt_int64(13);
  r.version = q.int32(14);
  r.locale = q.text(15);
  r.payload = q.text(16);
  r.created = instant(q.int64(17));
  if (auto s = q.opt_int64(18)) r.sent_at = instant(*s);
  return r;
}

Result<std::vector<OutboxRow>> read_outbox_rows(Statement& q) {
  std::vector<OutboxRow> out;
  while (CW_TRY(q.step())) out.push_back(read_outbox_row(q));
  return out;
}

Result<bool> changed_one(Database& db, Statement& q) {
  CW_TRY(q.run());
  return db.changes() == 1;
}

}  // namespace

Result<bool> OutboxRepo::insert(const OutboxRow& r, Instant now) {
  auto& q = db_.stmt(
      "INSERT OR IGNORE INTO outbox (idem_key, channel, recipient, kind, due, state, subject, "
      "volunteer_id, assignment_id, session_id, version, locale, payload, created, updated) "
      "VALUES (?,?,?,?,?,'pending',?,?,?,?,?,?,?,?,?)");
  q.bind_all(r.idem_key, r.channel, r.recipient, r.kind, seconds(r.due), r.subject, r.volunteer,
             r.assignment, r.session, r.version, r.locale, r.payload, seconds(now), seconds(now));
  return changed_one(db_, q);
}

Result<bool> OutboxRepo::drop(Id id, const std::string& reason, Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'dropped', last_error = ?, updated = ? "
      "WHERE id = ? AND state = 'pending'");
  q.bind_all(reason, seconds(now), id);
  return changed_one(db_, q);
}

Result<std::optional<OutboxRow>> OutboxRepo::find(Id id) {
  auto& q = db_.stmt(std::string("SELECT ") + kOutboxColumns + " FROM outbox o WHERE o.id = ?");
  q.bind(1, id);
  auto rows = CW_TRY(read_outbox_rows(q));
  if (rows.empty()) return std::optional<OutboxRow>{};
  return std::optional<OutboxRow>(std::move(rows.front()));
}

Result<std::vector<OutboxRow>> OutboxRepo::list(const OutboxFilter& f) {
  auto& q = db_.stmt(std::string("SELECT ") + kOutboxColumns +
                     " FROM outbox o WHERE (?1 IS NULL OR o.state = ?1) "
                     "AND (?2 IS NULL OR o.volunteer_id = ?2) ORDER BY o.due, o.id LIMIT ?3");
  q.bind(1, f.state).bind(2, f.volunteer).bind(3, f.limit);
  return read_outbox_rows(q);
}

Result<std::vector<OutboxRow>> OutboxRepo::for_planning(LocalDate from, Instant since) {
  auto& q = db_.stmt(std::string("SELECT ") + kOutboxColumns +
                     " FROM outbox o LEFT JOIN sessions s ON s.id = o.session_id "
                     "WHERE (o.assignment_id IS NOT NULL AND s.date >= ?) "
                     "OR (o.kind IN ('digest', 'alert') AND o.created >= ?) ORDER BY o.id");
  q.bind_all(format_date(from), seconds(since));
  return read_outbox_rows(q);
}

Result<std::vector<OutboxRow>> OutboxRepo::claim(Instant now, int limit,
                                                 const std::vector<std::string>& channels) {
  std::string wanted = ",";
  for (const auto& c : channels) wanted += c + ",";
  auto tx = CW_TRY(db_.begin_immediate());
  // A message about a session goes only while the session is as planned
  // (same sequence, still active); a cancellation only needs the session.
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated = ?1 "
      "WHERE id IN (SELECT o.id FROM outbox o LEFT JOIN sessions s ON s.id = o.session_id "
      "WHERE o.state = 'pending' AND o.due <= ?1 AND coalesce(o.next_attempt, 0) <= ?1 "
      "AND (o.session_id IS NULL OR o.kind = 'cancellation' "
      "OR (s.sequence = o.version AND s.status = 'active')) "
      "AND instr(?3, ',' || o.channel || ',') > 0 "
      "ORDER BY o.due, o.id LIMIT ?2) RETURNING id");
  q.bind(1, seconds(now)).bind(2, limit).bind(3, wanted);
  std::vector<Id> ids;
  while (CW_TRY(q.step())) ids.push_back(q.int64(0));
  CW_TRY(tx.commit());
  std::vector<OutboxRow> out;
  out.reserve(ids.size());
  for (const Id id : ids) {
    if (auto row = CW_TRY(find(id))) out.push_back(std::move(*row));
  }
  std::sort(out.begin(), out.end(), [](const OutboxRow& a, const OutboxRow& b) {
    return a.due != b.due ? a.due < b.due : a.id < b.id;
  });
  return out;
}

Result<void> OutboxRepo::release(Id id, Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'pending', attempts = max(0, attempts - 1), updated = ? "
      "WHERE id = ? AND state = 'sending'");
  q.bind_all(seconds(now), id);
  return q.run();
}

Result<void> OutboxRepo::mark_sent(Id id, Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'sent', sent_at = ?1, last_error = '', next_attempt = NULL, "
      "updated = ?1 WHERE id = ?2");
  q.bind(1, seconds(now)).bind(2, id);
  return q.run();
}

Result<void> OutboxRepo::mark_retry(Id id, Instant next, const std::string& error, Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'pending', next_attempt = ?, last_error = ?, updated = ? "
      "WHERE id = ?");
  q.bind_all(seconds(next), error, seconds(now), id);
  return q.run();
}

Result<void> OutboxRepo::mark_failed(Id id, const std::string& error, Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'failed', last_error = ?, next_attempt = NULL, updated = ? "
      "WHERE id = ?");
  q.bind_all(error, seconds(now), id);
  return q.run();
}

Result<bool> OutboxRepo::retry(Id id, Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'pending', due = min(due, ?1), attempts = 0, "
      "next_attempt = NULL, updated = ?1 WHERE id = ?2 AND state IN ('failed', 'dropped')");
  q.bind(1, seconds(now)).bind(2, id);
  return changed_one(db_, q);
}

Result<int> OutboxRepo::recover_sending(Instant now) {
  auto& q = db_.stmt(
      "UPDATE outbox SET state = 'pending', last_error = 'interrupted while sending', "
      "updated = ? WHERE state = 'sending'");
  q.bind(1, seconds(now));
  CW_TRY(q.run());
  return db_.changes();
}

Result<std::map<std::string, std::int64_t>> OutboxRepo::counts() {
  auto& q = db_.stmt("SELECT state, count(*) FROM outbox GROUP BY state");
  std::map<std::string, std::int64_t> out;
  while (CW_TRY(q.step())) out[q.text(0)] = q.int64(1);
  return out;
}

}  // namespace cw::store
