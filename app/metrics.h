// The domain counts /metrics exposes (DESIGN.md §9: imports, hearings,
// sessions covered/uncovered, outbox depth and failures, fetch health), as a
// read model.
//
// store::metrics_snapshot() counts them in one read transaction. On a nationwide
// database those counts scan large tables (half a million hearings, every
// session ever held), so a scrape every 15 s must not redo them when nothing
// changed: MetricsCache keeps the last snapshot and recounts only when the
// database changed since. It holds its own read-only connection, which
// never writes, so `PRAGMA data_version` on it moves exactly when any other
// connection (the daemon's jobs, the pages, the CLI) commits. The one count
// that moves with the clock rather than the data (outbox messages now due)
// is an indexed range count, taken on every call.
//
// Reads only. Thread-safe (one scrape at a time).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/db.h"
#include "store/read_models.h"

namespace cw::app {

class MetricsCache {
 public:
  // The database file the daemon serves; opened on first use.
  explicit MetricsCache(std::string path) : path_(std::move(path)) {}

  Result<store::MetricsSnapshot> snapshot(Instant now);
  // How many times the counts were taken in full (for tests).
  int recounts() const;

 private:
  mutable std::mutex mutex_;
  std::string path_;
  std::unique_ptr<store::Database> db_;
  std::optional<std::int64_t> version_;  // data_version of the cached snapshot
  store::MetricsSnapshot cached_;
  int recounts_ = 0;
};

}  // namespace cw::app
