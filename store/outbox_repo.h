// The outbox: every notification, planned, sent or given up (DESIGN.md §7).
//
// A row is keyed by its idempotency key (assignment or session + kind +
// version + channel), so planning the same message twice inserts nothing.
// Its life: pending → sending → sent, or → failed (permanent error, or a
// retry limit), or pending → dropped (made stale before it went out).
// `version` is the session sequence the message was planned for: claim()
// hands out only messages whose session still has that sequence and status,
// so a message never leaves with a time or place that has since changed; the
// planner drops it and plans the replacement.
//
// Crash safety: claim() commits `sending` before the message is handed to a
// transport, and mark_sent() commits after the server accepted it. A process
// killed in between leaves `sending` rows; recover_sending() (at start-up)
// puts them back to pending, so they are sent again with the same
// Message-ID: at-least-once, and the duplicates are bounded by the messages
// in flight at the kill. Not thread-safe, like the Database it uses.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

struct OutboxRow {
  Id id = 0;
  std::string idem_key;
  std::string channel;    // email, webhook
  std::string recipient;  // e-mail address, or the volunteer handle for webhooks
  std::string kind;  // invitation, confirm-request, reminder, change, cancellation, digest, alert
  Instant due{};
  std::string state = "pending";  // pending, sending, sent, failed, dropped
  int attempts = 0;
  std::optional<Instant> next_attempt;
  std::string last_error;
  std::string subject;
  std::optional<Id> volunteer;
  std::optional<Id> assignment;
  std::optional<Id> session;
  int version = 0;  // the session sequence it was planned for
  std::string locale = "en";
  std::string payload = "{}";  // JSON facts it is rendered from (no case references)
  Instant created{};
  std::optional<Instant> sent_at;
};

struct OutboxFilter {
  std::optional<std::string> state;
  std::optional<Id> volunteer;
  int limit = 1000;
};

class OutboxRepo {
 public:
  explicit OutboxRepo(Database& db) : db_(db) {}

  // Inserts a pending message; false (and nothing written) when its key exists.
  Result<bool> insert(const OutboxRow& row, Instant now);
  // Pending → dropped with the reason in last_error; false if it was not pending.
  Result<bool> drop(Id id, const std::string& reason, Instant now);
  Result<std::optional<OutboxRow>> find(Id id);
  // Ordered by due time, then id.
  Result<std::vector<OutboxRow>> list(const OutboxFilter& f);
  // Every message about assignments of sessions dated on or after `from`
  // (for the planner), plus every digest and alert created since `since`.
  Result<std::vector<OutboxRow>> for_planning(LocalDate from, Instant since);

  // Moves up to `limit` due pending messages on one of `channels` (due and
  // next_attempt reached, session unchanged since planning) to sending,
  // counting an attempt, and returns them, earliest due first.
  Result<std::vector<OutboxRow>> claim(Instant now, int limit,
                                       const std::vector<std::string>& channels);
  // sending → pending without counting the attempt (claimed, never tried).
  Result<void> release(Id id, Instant now);
  Result<void> mark_sent(Id id, Instant now);
  // Back to pending, to be tried again at `next`.
  Result<void> mark_retry(Id id, Instant next, const std::string& error, Instant now);
  Result<void> mark_failed(Id id, const std::string& error, Instant now);
  // failed or dropped → pending, due now, attempts reset. False if the row is
  // in another state (conflict is reported by the caller).
  Result<bool> retry(Id id, Instant now);
  // sending → pending (after a crash); returns how many.
  Result<int> recover_sending(Instant now);
  // Rows per state, for /metrics and the CLI.
  Result<std::map<std::string, std::int64_t>> counts();

 private:
  Database& db_;
};

}  // namespace cw::store
