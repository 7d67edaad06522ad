// The feed digest reads every row or fails: a read error mid-way is an error,
// never a partial digest passed off as the data's.
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

}  // namespace
}  // namespace cw::testing
