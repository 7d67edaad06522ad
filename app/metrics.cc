#include "app/metrics.h"

#include "store/session_repos.h"

namespace cw::app {
namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

Result<std::vector<LabelledCount>> labelled(store::Database& db, std::string_view sql) {
  std::vector<LabelledCount> out;
  auto& q = db.stmt(sql);
  while (CW_TRY(q.step())) out.push_back({q.text(0), q.int64(1)});
  return out;
}

Result<std::int64_t> single(store::Database& db, std::string_view sql,
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
      "SELECT CASE WHEN n = 0 THEN 'uncovered' WHEN n < need THEN 'partial' ELSE 'covered' END, "
      "count(*) FROM (SELECT CASE WHEN s.detained_hearings > 0 THEN 2 ELSE 1 END AS need, "
      "(SELECT count(*) FROM assignments a WHERE a.session_id = s.id AND a.state IN " +
      store::live_states_sql() + ") AS n FROM sessions s WHERE s.status = 'active') GROUP BY 1";
  return sql;
}

Result<std::int64_t> outbox_due(store::Database& db, Instant now) {
  return single(db, "SELECT count(*) FROM outbox WHERE state = 'pending' AND due <= ?",
                duration_cast<seconds>(now.time_since_epoch()).count());
}

Result<std::int64_t> data_version(store::Database& db) { return single(db, "PRAGMA data_version"); }

}  // namespace

Result<MetricsSnapshot> metrics_snapshot(store::Database& db, Instant now) {
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

Result<MetricsSnapshot> MetricsCache::snapshot(Instant now) {
  std::lock_guard lock(mutex_);
  if (!db_) db_ = CW_TRY(store::Database::open(path_, store::OpenMode::read_only));
  // Read before counting: a commit that lands in between is counted now and
  // moves the version again, so it is counted again next time, never missed.
  const std::int64_t version = CW_TRY(data_version(*db_));
  if (version_ != version) {
    cached_ = CW_TRY(metrics_snapshot(*db_, now));
    version_ = version;
    ++recounts_;
  } else {
    cached_.outbox_due = CW_TRY(outbox_due(*db_, now));
  }
  return cached_;
}

int MetricsCache::recounts() const {
  std::lock_guard lock(mutex_);
  return recounts_;
}

}  // namespace cw::app
