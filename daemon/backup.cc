#include "daemon/backup.h"

#include <date/date.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "store/db_files.h"
#include "store/schema.h"

namespace cw::daemon {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPrefix = "courtwatch-";
constexpr std::string_view kSuffix = ".db";

std::string stamp(const Clock& clock) { return date::format("%Y%m%dT%H%M%SZ", clock.now()); }

bool is_backup_name(const std::string& name) {
  // courtwatch-YYYYMMDDTHHMMSSZ.db
  return name.size() == kPrefix.size() + 16 + kSuffix.size() && name.starts_with(kPrefix) &&
         name.ends_with(kSuffix);
}

void remove_with_sidecars(const std::string& path) {
  std::error_code ec;
  for (const char* s : {"", "-wal", "-shm", "-journal"}) fs::remove(path + s, ec);
}

Result<void> rotate(const std::string& dir, int keep) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file(ec) && is_backup_name(name)) names.push_back(name);
  }
  if (ec) return fail(Error::io(dir + ": " + ec.message()));
  std::sort(names.begin(), names.end());  // the stamp sorts by time
  for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < names.size(); ++i) {
    fs::remove(fs::path(dir) / names[i], ec);
    if (ec) return fail(Error::io((fs::path(dir) / names[i]).string() + ": " + ec.message()));
  }
  return {};
}

}  // namespace

Result<void> verify_database_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return fail(Error::io(path + ": no such database file"));
  auto db = store::Database::open(path, store::OpenMode::read_only);
  if (!db) return fail(Error::database(path + ": not a readable database: " + db.error().message));
  if (auto ok = (*db)->check(); !ok) {
    return fail(Error::database(path + ": check failed:\n" + ok.error().message));
  }
  const int version = (*db)->user_version();
  if (version < 1 || version > store::schema_version()) {
    return fail(Error::unsupported(path + ": schema version " + std::to_string(version) +
                                   " is not a courtwatch database this build can use (1.." +
                                   std::to_string(store::schema_version()) + ")"));
  }
  return {};
}

Result<std::string> write_backup(store::Database& db, const std::string& dir, int keep,
                                 const Clock& clock) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(Error::io(dir + ": cannot create backup directory: " + ec.message()));
  std::string dest =
      (fs::path(dir) / (std::string(kPrefix) + stamp(clock) + std::string(kSuffix))).string();
  if (fs::exists(dest, ec)) return fail(Error::conflict(dest + ": already exists"));
  const std::string partial = dest + ".partial";
  remove_with_sidecars(partial);
  if (auto ok = db.backup_to(partial); !ok) {
    remove_with_sidecars(partial);
    return fail(ok.error());
  }
  {
    // A backup is one self-contained file: no -wal beside it.
    auto copy = store::Database::open(partial, store::OpenMode::read_write_existing);
    if (!copy || !store::use_rollback_journal(**copy)) {
      remove_with_sidecars(partial);
      return fail(Error::database(partial + ": cannot finish the backup copy"));
    }
  }
  if (auto ok = verify_database_file(partial); !ok) {
    remove_with_sidecars(partial);
    return fail(Error::database("backup failed verification: " + ok.error().message));
  }
  fs::rename(partial, dest, ec);
  if (ec) {
    remove_with_sidecars(partial);
    return fail(Error::io(dest + ": " + ec.message()));
  }
  CW_TRY(rotate(dir, keep));
  return dest;
}

Result<void> restore_backup(const std::string& backup, const std::string& db_path,
                            const Clock& clock) {
  CW_TRY(verify_database_file(backup));
  auto lock = DaemonLock::acquire(db_path, DaemonLock::Mode::exclusive);
  if (!lock) {
    return fail(Error::conflict(db_path + ": a running courtwatch serve uses this database; stop "
                                          "it first (systemctl stop courtwatch)"));
  }
  // Copy, then verify the copy, so what lands is exactly what was checked.
  const std::string incoming = db_path + ".restore-partial";
  remove_with_sidecars(incoming);
  std::error_code ec;
  fs::copy_file(backup, incoming, ec);
  if (ec) return fail(Error::io(incoming + ": " + ec.message()));
  if (auto ok = verify_database_file(incoming); !ok) {
    remove_with_sidecars(incoming);
    return ok;
  }
  if (fs::exists(db_path, ec)) {
    // The old database is kept with its write-ahead log (kept-wal), so the
    // copy is complete even when its last commits were never checkpointed
    // or it cannot be opened at all (a corrupt database is why one
    // restores). Its -shm is only an index of that log and is rebuilt.
    const std::string kept = db_path + ".before-restore-" + stamp(clock);
    for (const char* side : {"-wal", "-journal"}) {
      if (!fs::exists(db_path + side, ec)) continue;
      fs::rename(db_path + side, kept + side, ec);
      if (ec) {
        remove_with_sidecars(incoming);
        return fail(Error::io(db_path + side + ": cannot move aside: " + ec.message()));
      }
    }
    fs::rename(db_path, kept, ec);
    if (ec) {
      remove_with_sidecars(incoming);
      return fail(Error::io(db_path + ": cannot move aside: " + ec.message()));
    }
  }
  fs::remove(db_path + "-shm", ec);
  fs::rename(incoming, db_path, ec);
  if (ec) return fail(Error::io(db_path + ": " + ec.message()));
  return {};
}

Result<DaemonLock> DaemonLock::acquire(const std::string& db_path, Mode mode) {
  const std::string path = db_path + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Error::io(path + ": cannot open lock file"));
  if (flock(fd, (mode == Mode::shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
    ::close(fd);
    return fail(Error::conflict(path + ": locked"));
  }
  return DaemonLock(fd);
}

DaemonLock::DaemonLock(DaemonLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}

DaemonLock::~DaemonLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace cw::daemon
