// CommitProbe (store/commit_probe.h) on a real WAL database: the header it
// reads stays put while nothing is committed and moves with every commit made
// through another connection, and an unreadable -shm file reads as nothing.
#include "store/commit_probe.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/store/temp_db.h"

namespace cw::store {
namespace {

TEST(CommitProbe, TheHeaderMovesWithEveryCommitAndOnlyThen) {
  cw::testing::TempDir dir;
  const std::string path = dir.file("p.db");
  auto reader = Database::open(path).value();
  auto writer = Database::open(path, OpenMode::read_write_existing).value();
  const auto probe = CommitProbe::open(path);
  ASSERT_TRUE(probe);
  ASSERT_TRUE(writer->exec("CREATE TABLE t (x INTEGER)"));
  auto before = probe->read();
  ASSERT_TRUE(before);
  for (int i = 0; i < 50; ++i) {
    // Reads and a transaction that writes nothing are no commit.
    ASSERT_TRUE(reader->exec("SELECT count(*) FROM t"));
    ASSERT_TRUE(writer->exec("BEGIN IMMEDIATE; COMMIT"));
    EXPECT_EQ(probe->read(), before) << i;
    ASSERT_TRUE(writer->exec("INSERT INTO t VALUES (" + std::to_string(i) + ")"));
    const auto after = probe->read();
    ASSERT_TRUE(after);
    EXPECT_NE(*after, *before) << i;
    before = after;
    if (i % 10 == 9) {
      // A checkpoint that empties the log may rewrite the header (a reader
      // then merely asks SQLite once); commits after it still move it.
      ASSERT_TRUE(writer->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
      before = probe->read();
      ASSERT_TRUE(before);
    }
  }
}

TEST(CommitProbe, NoSharedMemoryFileIsNoProbe) {
  cw::testing::TempDir dir;
  EXPECT_FALSE(CommitProbe::open(dir.file("missing.db")));
}

// The probe maps the header: a file too short to hold it (SQLite leaves a
// 3-byte one when it resets the file) must not be mapped, since reading
// past its end would raise SIGBUS.
TEST(CommitProbe, ASharedMemoryFileShorterThanTheHeaderIsNoProbe) {
  cw::testing::TempDir dir;
  const std::string path = dir.file("short.db");
  {
    std::ofstream shm(path + "-shm", std::ios::binary);
    shm << std::string(95, '\1');
  }
  EXPECT_FALSE(CommitProbe::open(path));
  {
    std::ofstream shm(path + "-shm", std::ios::binary | std::ios::app);
    shm << '\1';
  }
  // 96 bytes: two equal copies with isInit set: mapped and read whole.
  const auto probe = CommitProbe::open(path);
  ASSERT_TRUE(probe);
  const auto header = probe->read();
  ASSERT_TRUE(header);
  EXPECT_EQ((*header)[12], 1);
}

}  // namespace
}  // namespace cw::store
