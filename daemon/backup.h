// Backups and restore of the SQLite database (DESIGN.md §9), and the lock that
// tells `db restore` a daemon is using the database.
//
// write_backup(): an online copy with SQLite's backup API into `dir` as
// courtwatch-YYYYMMDDTHHMMSSZ.db, written to a .partial file, verified with
// PRAGMA integrity_check on the copy, then renamed into place; afterwards the
// oldest copies beyond `keep` are deleted (only files of that name pattern).
// restore_backup(): verifies FILE the same way (plus the schema version this
// build supports), refuses while a daemon holds the database (DaemonLock),
// keeps the replaced database as <db>.before-restore-STAMP, removes its -wal
// and -shm, and moves a verified copy into place.
//
// DaemonLock: `courtwatch serve` holds a shared flock(2) on <db>.lock for its
// whole life (several daemons may share a database; a crash releases it).
// restore takes it exclusively and fails if it cannot, and a daemon that
// starts during a restore refuses to start. Free functions, no shared state;
// thread-safe as long as each call has its own Database.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "store/db.h"

namespace cw::daemon {

// Writes and verifies one backup, then rotates; returns the new file's path.
Result<std::string> write_backup(store::Database& db, const std::string& dir, int keep,
                                 const Clock& clock);

// PRAGMA integrity_check and foreign_key_check on a database file, opened
// read-only; the error names the file and the problems.
Result<void> verify_database_file(const std::string& path);

// Replaces db_path by a verified copy of backup (see above).
Result<void> restore_backup(const std::string& backup, const std::string& db_path,
                            const Clock& clock);

class DaemonLock {
 public:
  enum class Mode { shared, exclusive };
  // Non-blocking; fails (Error::conflict) when the other mode holds it.
  static Result<DaemonLock> acquire(const std::string& db_path, Mode mode);
  DaemonLock(DaemonLock&& o) noexcept;
  DaemonLock& operator=(DaemonLock&&) = delete;
  DaemonLock(const DaemonLock&) = delete;
  ~DaemonLock();

 private:
  explicit DaemonLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace cw::daemon
