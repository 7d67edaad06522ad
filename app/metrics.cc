#include "app/metrics.h"

#include "store/feed_rows.h"

namespace cw::app {

Result<store::MetricsSnapshot> MetricsCache::snapshot(Instant now) {
  std::lock_guard lock(mutex_);
  if (!db_) db_ = CW_TRY(store::Database::open(path_, store::OpenMode::read_only));
  // Read before counting: a commit that lands in between is counted now and
  // moves the version again, so it is counted again next time, never missed.
  const std::int64_t version = CW_TRY(store::data_version(*db_));
  if (version_ != version) {
    cached_ = CW_TRY(store::metrics_snapshot(*db_, now));
    version_ = version;
    ++recounts_;
  } else {
    cached_.outbox_due = CW_TRY(store::outbox_due(*db_, now));
  }
  return cached_;
}

int MetricsCache::recounts() const {
  std::lock_guard lock(mutex_);
  return recounts_;
}

}  // namespace cw::app
