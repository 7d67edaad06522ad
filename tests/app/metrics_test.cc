// store::metrics_snapshot() and app::MetricsCache on a real SQLite file: the
// counts /metrics shows, and that a scrape recounts only after a commit by
// another connection (PRAGMA data_version on the cache's own connection).
#include "app/metrics.h"

#include <gtest/gtest.h>

#include "app/assignments.h"
#include "store/outbox_repo.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

std::int64_t count_of(const std::vector<store::LabelledCount>& rows, const std::string& label) {
  for (const auto& r : rows) {
    if (r.label == label) return r.count;
  }
  return 0;
}

class Metrics : public AppTest {
 protected:
  void outbox(const std::string& key, Instant due) {
    store::OutboxRow r;
    r.idem_key = key;
    r.channel = "email";
    r.recipient = "ana@example.org";
    r.kind = "reminder";
    r.due = due;
    auto inserted = store::OutboxRepo(*db).insert(r, clock.now());
    ASSERT_TRUE(inserted && *inserted) << (inserted ? "duplicate" : inserted.error().message);
  }
};

TEST_F(Metrics, CountsSessionsByCoverageVolunteersAndTheDueOutbox) {
  const Id plain = session(0), detained = session(1, Half::am, true), empty = session(2);
  const Id ana = volunteer("v1", "Ana"), bo = volunteer("v2", "Bo");
  ASSERT_TRUE(app::assign(*db, clock, coordinator, plain, ana));
  ASSERT_TRUE(app::assign(*db, clock, coordinator, detained, bo));
  outbox("past", clock.now() - std::chrono::hours{1});
  outbox("future", clock.now() + std::chrono::hours{5});
  auto m = store::metrics_snapshot(*db, clock.now());
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(count_of(m->sessions_by_coverage, "covered"), 1);    // plain: 1 of 1
  EXPECT_EQ(count_of(m->sessions_by_coverage, "partial"), 1);    // detained: 1 of 2
  EXPECT_EQ(count_of(m->sessions_by_coverage, "uncovered"), 1);  // empty
  EXPECT_EQ(m->volunteers_active, 2);
  EXPECT_EQ(count_of(m->outbox_by_state, "pending"), 2);
  EXPECT_EQ(m->outbox_due, 1);
  (void)empty;
}

TEST_F(Metrics, TheCacheRecountsOnlyAfterACommitAndKeepsTheDueCountCurrent) {
  session(0);
  outbox("later", clock.now() + std::chrono::hours{2});
  app::MetricsCache cache(db->path());
  auto first = cache.snapshot(clock.now());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(cache.recounts(), 1);
  EXPECT_EQ(count_of(first->sessions_by_coverage, "uncovered"), 1);
  EXPECT_EQ(first->outbox_due, 0);

  // Nothing committed: the counts are reused, but the due count follows the clock.
  clock.advance(std::chrono::hours{3});
  auto second = cache.snapshot(clock.now());
  ASSERT_TRUE(second);
  EXPECT_EQ(cache.recounts(), 1);
  EXPECT_EQ(second->outbox_due, 1);

  // A commit on another connection (the daemon's jobs, the pages) is seen.
  session(1);
  ASSERT_TRUE(app::assign(*db, clock, coordinator, session(2), volunteer("v1", "Ana")));
  auto third = cache.snapshot(clock.now());
  ASSERT_TRUE(third);
  EXPECT_EQ(cache.recounts(), 2);
  EXPECT_EQ(count_of(third->sessions_by_coverage, "uncovered"), 2);
  EXPECT_EQ(count_of(third->sessions_by_coverage, "covered"), 1);
  EXPECT_EQ(third->volunteers_active, 1);
  ASSERT_TRUE(cache.snapshot(clock.now()));
  EXPECT_EQ(cache.recounts(), 2);
}

TEST_F(Metrics, TheCacheReportsAMissingDatabase) {
  app::MetricsCache cache(dir.file("missing.db"));
  EXPECT_FALSE(cache.snapshot(clock.now()));
}

}  // namespace
}  // namespace cw::testing
