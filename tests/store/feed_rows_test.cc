// The feed digest moves with every write a feed body can depend on, and only
// with those; a rolled-back write leaves it where it was; a read error is an
// error, never a made-up digest.
#include "store/feed_rows.h"

#include <gtest/gtest.h>

#include "store/session_repos.h"
#include "tests/store/temp_db.h"

namespace cw::testing {
namespace {

TEST(FeedRows, DigestChangesWithTheDataAndFailsOnAReadError) {
  TempDir dir;
  auto db = store::Database::open(dir.file("t.db"));
  ASSERT_TRUE(db);
  add_site(**db, "HOU", "America/Chicago");
  Session s;
  s.key = {"HOU", "Courtroom 3", "Judge A", LocalDate{date::year{2026} / 3 / 2}, Half::am};
  s.start = TimeOfDay{9 * 60};
  s.end = TimeOfDay{10 * 60};
  s.hearings = 1;
  s.types = {HearingType::master};
  ASSERT_TRUE(store::SessionRepo(**db).insert(s, Instant{}));
  const auto before = store::feed_data_digest(**db);
  ASSERT_TRUE(before);
  s.key.location = "Courtroom 5";
  ASSERT_TRUE(store::SessionRepo(**db).insert(s, Instant{}));
  const auto after = store::feed_data_digest(**db);
  ASSERT_TRUE(after);
  EXPECT_NE(*before, *after);

  auto rows = store::feed_rows(**db, {LocalDate{date::year{2026} / 3 / 1}, {}, {}});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].site.timezone, "America/Chicago");
  EXPECT_EQ((*rows)[0].assigned, 0);

  // Every statement step is interrupted from now on: the digest must say so.
  sqlite3_progress_handler((*db)->raw(), 1, [](void*) { return 1; }, nullptr);
  const auto broken = store::feed_data_digest(**db);
  EXPECT_FALSE(broken);
  sqlite3_progress_handler((*db)->raw(), 0, nullptr, nullptr);
  EXPECT_TRUE(store::feed_data_digest(**db));
}

class FeedDigest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir_.file("t.db"));
    ASSERT_TRUE(opened);
    db_ = std::move(*opened);
    add_site(*db_, "HOU", "America/Chicago");
    ASSERT_TRUE(db_->exec(
        "INSERT INTO sessions (id, site, location, judge, date, half, start_min, end_min, "
        "hearings, status, created, updated) "
        "VALUES (1, 'HOU', 'Courtroom 3', 'Judge A', '2026-03-02', 'am', 540, 600, 1, 'active', "
        "0, 0);"
        "INSERT INTO volunteers (id, handle, name, email, created, updated) "
        "VALUES (7, 'v7', 'Ana', 'ana@example.org', 0, 0);"));
  }
  store::DataDigest digest() {
    auto d = store::feed_data_digest(*db_);
    EXPECT_TRUE(d) << d.error().message;
    return d ? *d : store::DataDigest{};
  }
  // The digest after `sql`, which must differ from the one before.
  void expect_moves(const std::string& sql) {
    const auto before = digest();
    ASSERT_TRUE(db_->exec(sql)) << sql;
    EXPECT_NE(before, digest()) << sql;
  }
  void expect_stays(const std::string& sql) {
    const auto before = digest();
    ASSERT_TRUE(db_->exec(sql)) << sql;
    EXPECT_EQ(before, digest()) << sql;
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(FeedDigest, MovesWithEveryWriteAFeedReadsAndNoOther) {
  expect_moves("UPDATE sessions SET location = 'Courtroom 5' WHERE id = 1");
  expect_moves("UPDATE sessions SET status = 'cancelled' WHERE id = 1");
  expect_moves(
      "INSERT INTO assignments (id, session_id, volunteer_id, state, pinned, created, updated) "
      "VALUES (1, 1, 7, 'proposed', 0, 0, 0)");
  expect_moves("UPDATE assignments SET state = 'confirmed' WHERE id = 1");
  expect_moves("DELETE FROM assignments");  // no WHERE: not the truncate shortcut
  expect_moves("UPDATE sites SET address = '2 Main St' WHERE code = 'HOU'");
  expect_moves(
      "INSERT INTO tokens (id, token_hash, purpose, subject, created) "
      "VALUES (1, x'00', 'feed-volunteer', '7', 0)");
  expect_moves(  // REPLACE deletes without the delete trigger; the insert one fires
      "INSERT OR REPLACE INTO tokens (id, token_hash, purpose, subject, created) "
      "VALUES (1, x'00', 'feed-volunteer', '8', 0)");
  expect_moves("UPDATE tokens SET revoked = 5 WHERE id = 1");
  expect_moves("DELETE FROM sessions WHERE id = 1");
  // Writes no feed reads: a volunteer's contact details, hearings, audit.
  expect_stays("UPDATE volunteers SET email = 'ana@example.net' WHERE id = 7");
  expect_stays("UPDATE tokens SET created = 9 WHERE id = 1");
}

TEST_F(FeedDigest, ARolledBackWriteLeavesItWhereItWas) {
  const auto before = digest();
  ASSERT_TRUE(db_->exec("BEGIN; UPDATE sessions SET judge = 'Judge B' WHERE id = 1"));
  EXPECT_NE(before, digest());
  ASSERT_TRUE(db_->exec("ROLLBACK"));
  EXPECT_EQ(before, digest());
}

}  // namespace
}  // namespace cw::testing
