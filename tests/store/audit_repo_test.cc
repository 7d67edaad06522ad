// The audit log: appended entries come back newest first, page by page.
#include "store/audit_repo.h"

#include <gtest/gtest.h>

#include "tests/store/temp_db.h"

namespace cw::testing {
namespace {

TEST(AuditRepo, ListsNewestFirstWithAKeysetCursor) {
  TempDir dir;
  auto db = store::Database::open(dir.file("t.db"));
  ASSERT_TRUE(db);
  store::AuditRepo audit(**db);
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(audit.append(Instant{std::chrono::seconds{1000 + i}}, "alice", "assignment.assign",
                             "assignment " + std::to_string(i), "detail"));
  }
  auto first = audit.list(2);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->entries.size(), 2u);
  EXPECT_EQ(first->entries[0].subject, "assignment 5");
  EXPECT_EQ(first->entries[1].subject, "assignment 4");
  EXPECT_EQ(first->entries[0].at, Instant{std::chrono::seconds{1005}});
  ASSERT_TRUE(first->next);
  auto second = audit.list(2, first->next);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->entries[0].subject, "assignment 3");
  auto last = audit.list(2, second->next);
  ASSERT_TRUE(last);
  ASSERT_EQ(last->entries.size(), 1u);
  EXPECT_EQ(last->entries[0].subject, "assignment 1");
  EXPECT_FALSE(last->next);
  // A page that ends exactly at the last entry has no next cursor either.
  auto exact = audit.list(5);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->entries.size(), 5u);
  EXPECT_FALSE(exact->next);
  EXPECT_FALSE(audit.list(0));
}

}  // namespace
}  // namespace cw::testing
