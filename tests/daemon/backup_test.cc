// Backups, rotation, restore and the daemon lock (daemon/backup.h).
#include "daemon/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "store/db.h"

namespace cw::daemon {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cw-backup-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "live.db").string();
    auto db = store::Database::open(db_path_);
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(db_->exec("INSERT INTO audit_log (at, actor, action) VALUES (1, 't', 'one')"));
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }
  static int rows(const std::string& path) {
    auto db = store::Database::open(path, store::OpenMode::read_only);
    EXPECT_TRUE(db) << path;
    auto& s = (*db)->stmt("SELECT count(*) FROM audit_log");
    EXPECT_TRUE(s.step().value());
    return s.int32(0);
  }
  std::vector<std::string> backups() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_ / "b"))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{Instant{std::chrono::seconds{1'800'000'000}}};  // 2027-01-15T08:00:00Z
};

TEST_F(BackupTest, WritesAVerifiedSelfContainedCopyNamedByTime) {
  const auto path = write_backup(*db_, (dir_ / "b").string(), 3, clock_);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(fs::path(*path).filename(), "courtwatch-20270115T080000Z.db");
  EXPECT_EQ(backups(), std::vector<std::string>{"courtwatch-20270115T080000Z.db"});  // no -wal
  EXPECT_EQ(rows(*path), 1);
  EXPECT_TRUE(verify_database_file(*path));
}

TEST_F(BackupTest, KeepsTheNewestNAndNothingElseIsTouched) {
  fs::create_directories(dir_ / "b");
  std::ofstream(dir_ / "b" / "notes.txt") << "mine";
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(write_backup(*db_, (dir_ / "b").string(), 3, clock_));
    clock_.advance(24h);
  }
  EXPECT_EQ(backups(), (std::vector<std::string>{"courtwatch-20270117T080000Z.db",
                                                 "courtwatch-20270118T080000Z.db",
                                                 "courtwatch-20270119T080000Z.db", "notes.txt"}));
}

TEST_F(BackupTest, VerifyRejectsACorruptOrForeignFile) {
  const auto path = write_backup(*db_, (dir_ / "b").string(), 3, clock_).value();
  fs::resize_file(path, fs::file_size(path) / 2);  // a copy cut short
  const auto bad = verify_database_file(path);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find(path), std::string::npos);
  std::ofstream(dir_ / "text.db") << "not a database";
  EXPECT_FALSE(verify_database_file((dir_ / "text.db").string()));
  EXPECT_FALSE(verify_database_file((dir_ / "missing.db").string()));
}

TEST_F(BackupTest, RestoreRefusesWhileADaemonHoldsTheDatabase) {
  const auto path = write_backup(*db_, (dir_ / "b").string(), 3, clock_).value();
  auto daemon = DaemonLock::acquire(db_path_, DaemonLock::Mode::shared);
  ASSERT_TRUE(daemon);
  auto second = DaemonLock::acquire(db_path_, DaemonLock::Mode::shared);
  EXPECT_TRUE(second);  // two daemons may share a database
  const auto refused = restore_backup(path, db_path_, clock_);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("running courtwatch serve"), std::string::npos);
  EXPECT_EQ(rows(db_path_), 1);
}

TEST_F(BackupTest, RestoreReplacesTheDatabaseAndKeepsTheOldOne) {
  const auto path = write_backup(*db_, (dir_ / "b").string(), 3, clock_).value();
  ASSERT_TRUE(db_->exec("INSERT INTO audit_log (at, actor, action) VALUES (2, 't', 'two')"));
  db_.reset();
  const auto ok = restore_backup(path, db_path_, clock_);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(rows(db_path_), 1);
  EXPECT_EQ(rows(db_path_ + ".before-restore-20270115T080000Z"), 2);
  EXPECT_FALSE(fs::exists(db_path_ + ".restore-partial"));
  // While restoring, a daemon cannot start; afterwards it can.
  EXPECT_TRUE(DaemonLock::acquire(db_path_, DaemonLock::Mode::shared));
}

// Commits that are only in the old database's -wal stay in the kept copy.
// Here a reader's snapshot keeps a checkpoint from folding the last commit
// into the file (before, restore ignored the failed checkpoint and deleted
// the -wal, so the kept copy lost that commit).
TEST_F(BackupTest, RestoreKeepsTheOldDatabasesUncheckpointedCommits) {
  const auto path = write_backup(*db_, (dir_ / "b").string(), 3, clock_).value();
  ASSERT_TRUE(db_->exec("PRAGMA wal_autocheckpoint=0"));
  auto reader = store::Database::open(db_path_, store::OpenMode::read_only);
  ASSERT_TRUE(reader);
  ASSERT_TRUE((*reader)->exec("BEGIN"));
  auto& seen = (*reader)->stmt("SELECT count(*) FROM audit_log");
  ASSERT_TRUE(seen.step().value());
  EXPECT_EQ(seen.int32(0), 1);
  seen.reset();
  ASSERT_TRUE(db_->exec("INSERT INTO audit_log (at, actor, action) VALUES (2, 't', 'two')"));
  ASSERT_GT(fs::file_size(db_path_ + "-wal"), 0u);
  const auto ok = restore_backup(path, db_path_, clock_);
  ASSERT_TRUE(ok) << ok.error().message;
  // Read the kept copy while the old connections are still open: closing the
  // last one would checkpoint into the file it had open (now the kept one).
  EXPECT_EQ(rows(db_path_ + ".before-restore-20270115T080000Z"), 2);
  EXPECT_EQ(rows(db_path_), 1);
  (*reader)->exec("ROLLBACK").value();
}

TEST_F(BackupTest, RestoreOfABadFileChangesNothing) {
  std::ofstream(dir_ / "bad.db") << "not a database";
  db_.reset();
  EXPECT_FALSE(restore_backup((dir_ / "bad.db").string(), db_path_, clock_));
  EXPECT_EQ(rows(db_path_), 1);
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().string().find("before-restore"), std::string::npos) << e.path();
  }
}

}  // namespace
}  // namespace cw::daemon
