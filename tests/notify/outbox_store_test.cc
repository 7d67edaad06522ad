// The planner and the outbox against a real SQLite file, with a fake clock.
#include <gtest/gtest.h>

#include "../store/temp_db.h"
#include "core/clock.h"
#include "notify/plan_source.h"
#include "store/outbox_repo.h"
#include "store/session_repos.h"

namespace cw::notify {
namespace {

using cw::testing::TempDir;

Instant at(int y, unsigned mo, unsigned d, int h) {
  return date::sys_days{date::year{y} / mo / d} + std::chrono::hours{h};
}

class OutboxStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::move(*store::Database::open(dir.file("cw.db")));
    cw::testing::add_site(*db, "CHI", "America/Chicago");
    Volunteer v;
    v.handle = "v0001";
    v.name = "Rosa";
    v.email = "rosa@example.org";
    v.sites = {"CHI"};
    ASSERT_TRUE(store::VolunteerRepo(*db).upsert(v, clock.now()));
    volunteer = (*store::VolunteerRepo(*db).find_by_handle("v0001"))->id;
    Session s;
    s.key = {"CHI", "Courtroom 5", "Judge Ada", *parse_iso_date("2027-06-10"), Half::am};
    s.start = TimeOfDay{9 * 60};
    s.end = TimeOfDay{12 * 60};
    s.hearings = 3;
    s.sequence = 1;
    session = *store::SessionRepo(*db).insert(s, clock.now());
    store::AssignmentRepo a(*db);
    assignment = *a.create(session, volunteer, AssignmentState::proposed, false, {"matcher", ""},
                           clock.now());
    ASSERT_TRUE(a.transition(assignment, AssignmentState::invited, {"ana", ""}, clock.now()));
  }

  std::vector<store::OutboxRow> rows(const char* state = nullptr) {
    store::OutboxFilter f;
    if (state) f.state = state;
    return *store::OutboxRepo(*db).list(f);
  }

  void move_session(int start_min) {
    auto s = **store::SessionRepo(*db).find(session);
    s.start = TimeOfDay{start_min};
    s.sequence += 1;
    ASSERT_TRUE(store::SessionRepo(*db).update(s, clock.now()));
  }

  TempDir dir;
  FakeClock clock{at(2027, 6, 4, 16)};
  std::unique_ptr<store::Database> db;
  NotifyConfig config;
  Id volunteer = 0, session = 0, assignment = 0;
};

TEST_F(OutboxStore, PlanningTwiceWritesNothingNew) {
  auto first = plan_outbox(*db, config, clock.now());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->added, 2);  // invitation + confirm-request
  clock.advance(std::chrono::minutes{1});
  auto second = plan_outbox(*db, config, clock.now());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->dropped, 0);
  EXPECT_EQ(rows().size(), 2u);
}

TEST_F(OutboxStore, ClaimTakesOnlyDueMessagesOnceAndMarksThemSending) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  store::OutboxRepo outbox(*db);
  auto claimed = outbox.claim(clock.now(), 10, {"email"});
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].kind, "invitation");
  EXPECT_EQ((*claimed)[0].attempts, 1);
  EXPECT_EQ(rows("sending").size(), 1u);
  EXPECT_TRUE(outbox.claim(clock.now(), 10, {"email"})->empty());
  EXPECT_TRUE(outbox.claim(clock.now(), 10, {"webhook"})->empty());
}

TEST_F(OutboxStore, AMovedSessionIsNeverSentStale) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  move_session(13 * 60);
  store::OutboxRepo outbox(*db);
  // Before the planner has run again, the worker cannot take the stale message.
  EXPECT_TRUE(outbox.claim(clock.now(), 10, {"email"})->empty());
  auto counts = plan_outbox(*db, config, clock.now());
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->dropped, 2);
  EXPECT_EQ(counts->added, 2);
  auto claimed = outbox.claim(clock.now(), 10, {"email"});
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].idem_key, "a" + std::to_string(assignment) + "/invitation/1/s2/email");
  EXPECT_NE((*claimed)[0].payload.find("\"13:00\""), std::string::npos);
}

TEST_F(OutboxStore, ChangeAfterSendingSaysOldAndNew) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  store::OutboxRepo outbox(*db);
  auto claimed = *outbox.claim(clock.now(), 10, {"email"});
  ASSERT_TRUE(outbox.mark_sent(claimed[0].id, clock.now()));
  move_session(14 * 60);
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  store::OutboxFilter f;
  f.state = "pending";
  const auto pending = *outbox.list(f);
  ASSERT_EQ(pending.size(), 2u);  // the change, and the confirm-request at sequence 2
  const auto& change = pending[0];
  EXPECT_EQ(change.kind, "change");
  EXPECT_NE(change.payload.find("\"old\""), std::string::npos);
  EXPECT_NE(change.payload.find("\"09:00\""), std::string::npos);
  EXPECT_NE(change.payload.find("\"14:00\""), std::string::npos);
}

TEST_F(OutboxStore, CancelledSessionAfterInvitationPlansOneCancellation) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  store::OutboxRepo outbox(*db);
  auto claimed = *outbox.claim(clock.now(), 10, {"email"});
  ASSERT_TRUE(outbox.mark_sent(claimed[0].id, clock.now()));
  auto s = **store::SessionRepo(*db).find(session);
  s.status = SessionStatus::cancelled;
  s.sequence += 1;
  ASSERT_TRUE(store::SessionRepo(*db).update(s, clock.now()));
  ASSERT_TRUE(store::AssignmentRepo(*db).cancel_for_session(session, {"import", ""}, clock.now()));
  auto counts = plan_outbox(*db, config, clock.now());
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->added, 1);
  EXPECT_EQ(counts->dropped, 1);  // the confirm-request
  auto next = *outbox.claim(clock.now(), 10, {"email"});
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].kind, "cancellation");
  EXPECT_EQ(plan_outbox(*db, config, clock.now())->added, 0);
}

TEST_F(OutboxStore, CrashWhileSendingPutsMessagesBackAndRetryRevivesFailures) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  store::OutboxRepo outbox(*db);
  auto claimed = *outbox.claim(clock.now(), 10, {"email"});
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(*outbox.recover_sending(clock.now()), 1);
  claimed = *outbox.claim(clock.now(), 10, {"email"});
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].attempts, 2);
  ASSERT_TRUE(outbox.mark_failed(claimed[0].id, "smtp: 550", clock.now()));
  EXPECT_TRUE(outbox.claim(clock.now(), 10, {"email"})->empty());
  EXPECT_TRUE(*outbox.retry(claimed[0].id, clock.now()));
  EXPECT_FALSE(*outbox.retry(claimed[0].id, clock.now()));  // pending now
  EXPECT_EQ(outbox.claim(clock.now(), 10, {"email"})->size(), 1u);
}

TEST_F(OutboxStore, RetryWaitsForTheBackoff) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  store::OutboxRepo outbox(*db);
  auto claimed = *outbox.claim(clock.now(), 10, {"email"});
  ASSERT_TRUE(
      outbox.mark_retry(claimed[0].id, clock.now() + std::chrono::seconds{60}, "421", clock.now()));
  EXPECT_TRUE(outbox.claim(clock.now(), 10, {"email"})->empty());
  clock.advance(std::chrono::seconds{61});
  EXPECT_EQ(outbox.claim(clock.now(), 10, {"email"})->size(), 1u);
}

TEST_F(OutboxStore, ErasingTheVolunteerErasesTheirMessages) {
  ASSERT_TRUE(plan_outbox(*db, config, clock.now()));
  ASSERT_TRUE(db->exec("DELETE FROM assignments; DELETE FROM volunteers"));
  EXPECT_TRUE(rows().empty());
}

}  // namespace
}  // namespace cw::notify
