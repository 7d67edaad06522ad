// sessions.live, the count of a session's live assignments kept by triggers
// (schema migration 5), through every path that writes assignments: each
// assignment state and every change between two states (the live set taken
// from core's is_live(), not from the triggers' text), a move to another
// session, deletion and the cascade of a volunteer's erasure, and the use
// cases — assign, unassign, pin, forbid, claim, confirm, decline, plan and
// re-plan, invite, a closure that cancels the session, retention — each
// checked against the expected number and against `db check`'s rule.
#include <gtest/gtest.h>

#include "app/assignments.h"
#include "app/closures.h"
#include "app/plan.h"
#include "app/retention.h"
#include "app/volunteer_self.h"
#include "store/invariants.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

using app::Actor;
using app::Pin;

class LiveCount : public AppTest {
 protected:
  int live(Id session) {
    auto& q = db->stmt("SELECT live FROM sessions WHERE id = ?");
    q.bind(1, session);
    EXPECT_TRUE(q.step().value_or(false));
    const int n = q.int32(0);
    q.reset();
    return n;
  }
  // `db check` finds nothing wrong (its rule recounts every session).
  void expect_consistent() {
    const auto broken = store::check_invariants(*db);
    ASSERT_TRUE(broken) << broken.error().message;
    for (const auto& v : *broken) ADD_FAILURE() << v.rule << ": " << v.example;
  }
  void sql(const std::string& text) {
    const auto ok = db->exec(text);
    ASSERT_TRUE(ok) << ok.error().message << ": " << text;
  }
};

TEST_F(LiveCount, EveryStateAndEveryChangeBetweenTwoStates) {
  const Id s = session(0), t = session(1), v = volunteer("v1", "Ana");
  for (const auto from : kAllAssignmentStates) {
    for (const auto to : kAllAssignmentStates) {
      SCOPED_TRACE(std::string(to_string(from)) + " -> " + std::string(to_string(to)));
      sql("INSERT INTO assignments (id, session_id, volunteer_id, state, created, updated) "
          "VALUES (1, " +
          std::to_string(s) + ", " + std::to_string(v) + ", '" + std::string(to_string(from)) +
          "', 0, 0)");
      EXPECT_EQ(live(s), is_live(from) ? 1 : 0);
      sql("UPDATE assignments SET state = '" + std::string(to_string(to)) + "' WHERE id = 1");
      EXPECT_EQ(live(s), is_live(to) ? 1 : 0);
      // Moved to another session: the count follows it.
      sql("UPDATE assignments SET session_id = " + std::to_string(t) + " WHERE id = 1");
      EXPECT_EQ(live(s), 0);
      EXPECT_EQ(live(t), is_live(to) ? 1 : 0);
      expect_consistent();
      sql("DELETE FROM assignments WHERE id = 1");
      EXPECT_EQ(live(t), 0);
    }
  }
  expect_consistent();
}

TEST_F(LiveCount, ErasingAVolunteerCountsTheCascade) {
  const Id s = session(0, Half::am, /*detained=*/true);
  const Id ana = volunteer("v1", "Ana"), bo = volunteer("v2", "Bo");
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, ana));
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, bo));
  EXPECT_EQ(live(s), 2);
  ASSERT_TRUE(app::erase_volunteer(*db, clock, Actor::of_volunteer(bo, "v2"), bo));
  EXPECT_EQ(live(s), 1);
  expect_consistent();
}

TEST_F(LiveCount, TheAssignmentUseCases) {
  const Id s = session(0, Half::am, /*detained=*/true);
  const Id ana = volunteer("v1", "Ana"), bo = volunteer("v2", "Bo"), cy = volunteer("v3", "Cy");
  auto a = app::assign(*db, clock, coordinator, s, ana);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(live(s), 1);
  ASSERT_TRUE(app::pin(*db, clock, coordinator, a->id, Pin::yes));
  EXPECT_EQ(live(s), 1);
  ASSERT_TRUE(app::confirm(*db, clock, Actor::of_volunteer(ana, "v1"), a->id));
  EXPECT_EQ(live(s), 1);
  auto b = app::claim(*db, clock, Actor::of_volunteer(bo, "v2"), s);
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(live(s), 2);
  ASSERT_TRUE(app::decline(*db, clock, Actor::of_volunteer(bo, "v2"), b->id));
  EXPECT_EQ(live(s), 1);
  ASSERT_TRUE(app::unassign(*db, clock, coordinator, a->id));
  EXPECT_EQ(live(s), 0);
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, ana));  // the cancelled pair comes back
  EXPECT_EQ(live(s), 1);
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, bo));  // declined: invited again
  EXPECT_EQ(live(s), 2);
  ASSERT_TRUE(app::forbid(*db, clock, coordinator, s, bo));
  EXPECT_EQ(live(s), 1);
  ASSERT_TRUE(app::allow(*db, clock, coordinator, s, bo));
  EXPECT_EQ(live(s), 1);
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, cy));
  EXPECT_EQ(live(s), 2);
  expect_consistent();
}

TEST_F(LiveCount, PlanReplanInviteAndAClosure) {
  for (const char* h : {"v1", "v2", "v3", "v4"}) volunteer(h, h);
  const Id open = session(0, Half::am, /*detained=*/true), other = session(0, Half::pm);
  const app::PlanRequest range{app_day(0), app_day(6)};
  const auto first = app::apply_plan(*db, clock, app::Actor::system("matcher"), range);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(live(open), 2);
  EXPECT_EQ(live(other), 1);
  // A re-plan after one proposal was unassigned by hand fills the seat again.
  const auto proposals = store::AssignmentRepo(*db).for_session(other).value();
  ASSERT_EQ(proposals.size(), 1u);
  ASSERT_TRUE(app::unassign(*db, clock, coordinator, proposals[0].id));
  EXPECT_EQ(live(other), 0);
  ASSERT_TRUE(app::apply_plan(*db, clock, app::Actor::system("matcher"), range));
  EXPECT_EQ(live(other), 1);
  expect_consistent();
  ASSERT_EQ(app::invite(*db, clock, coordinator, app_day(0), app_day(6)).value_or(-1), 3);
  EXPECT_EQ(live(open), 2);
  EXPECT_EQ(live(other), 1);
  // A closure cancels the site-day's sessions and their live assignments.
  const auto closed = app::add_closure(*db, clock, coordinator, "HOU", app_day(0),
                                       app::ClosureScope::whole_day, "snow");
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(live(open), 0);
  EXPECT_EQ(live(other), 0);
  expect_consistent();
}

TEST_F(LiveCount, RetentionMovesAssignmentsWithoutChangingTheCount) {
  const Id s = session(0, Half::am, /*detained=*/true);
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, volunteer("v1", "Ana")));
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, volunteer("v2", "Bo")));
  clock.advance(std::chrono::hours{24 * 200});
  const auto r = app::anonymize_before(*db, app::retention_cutoff(clock, 90), clock);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->assignments, 2);
  EXPECT_EQ(live(s), 2);
  expect_consistent();
}

}  // namespace
}  // namespace cw::testing
