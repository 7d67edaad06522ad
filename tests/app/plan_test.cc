// Planning as a diff on a real SQLite file: preview reads only, apply stores
// exactly the previewed diff, invite moves proposals on.
#include "app/plan.h"

#include <gtest/gtest.h>

#include "app/assignments.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

class Plan : public AppTest {
 protected:
  app::PlanRequest week() const { return {app_day(0), app_day(6), false}; }
  std::int64_t total_changes() { return sqlite3_total_changes64(db->raw()); }
};

TEST_F(Plan, PreviewIsADiffAndWritesNothing) {
  session(0);
  session(1);
  volunteer("v1", "Ana");
  const auto writes = total_changes();
  auto d = app::preview_plan(*db, week());
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(total_changes(), writes);
  EXPECT_EQ(d->sessions, 2);
  ASSERT_EQ(d->added.size(), 2u);
  EXPECT_EQ(d->added[0].handle, "v1");
  EXPECT_TRUE(d->removed.empty());
  EXPECT_EQ(d->kept, 0);
  EXPECT_TRUE(d->unfilled.empty());
  // Two sessions: 2 * 100 seat value - 5 load penalty.
  EXPECT_EQ(d->objective, 195);
  EXPECT_EQ(audit_count(), 0);
}

TEST_F(Plan, ApplyStoresTheProposalsAndTheNextPreviewKeepsThem) {
  session(0);
  session(1);
  volunteer("v1", "Ana");
  auto applied = app::apply_plan(*db, clock, app::Actor::system("matcher"), week());
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->added.size(), 2u);
  EXPECT_EQ(audit_count(), 1);
  auto again = app::preview_plan(*db, week());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->added.empty());
  EXPECT_TRUE(again->removed.empty());
  EXPECT_EQ(again->kept, 2);
  EXPECT_EQ(again->objective, 195 + 2 * 3);  // +3 per pair kept from the previous plan
}

TEST_F(Plan, ADiffRemovesAProposalThePlanNoLongerWants) {
  const Id monday = session(0);
  const Id ana = volunteer("v1", "Ana"), bo = volunteer("v2", "Bo", Role::lead);
  // Bo was assigned by hand and then ruled out (which cancels his seat): the
  // plan adds Ana.
  ASSERT_TRUE(app::assign(*db, clock, coordinator, monday, bo));
  ASSERT_TRUE(app::forbid(*db, clock, coordinator, monday, bo));
  auto d = app::preview_plan(*db, week());
  ASSERT_TRUE(d);
  ASSERT_EQ(d->added.size(), 1u);
  EXPECT_EQ(d->added[0].volunteer, ana);
  // Now Ana is proposed, then becomes unavailable: the preview removes her.
  ASSERT_TRUE(app::apply_plan(*db, clock, app::Actor::system("matcher"), week()));
  Volunteer v = *store::VolunteerRepo(*db).find(ana).value();
  v.active = false;
  put(v);
  auto after = app::preview_plan(*db, week());
  ASSERT_TRUE(after);
  ASSERT_EQ(after->removed.size(), 1u);
  EXPECT_EQ(after->removed[0].volunteer, ana);
  ASSERT_EQ(after->unfilled.size(), 1u);
  EXPECT_EQ(after->unfilled[0].session, monday);
}

TEST_F(Plan, PinnedAndConfirmedAssignmentsAreFixed) {
  const Id monday = session(0);
  const Id ana = volunteer("v1", "Ana");
  volunteer("v2", "Bo");
  auto a = app::assign(*db, clock, coordinator, monday, ana, app::Pin::yes);
  ASSERT_TRUE(a);
  auto d = app::preview_plan(*db, week());
  ASSERT_TRUE(d);
  ASSERT_EQ(d->assignments.size(), 1u);
  EXPECT_TRUE(d->assignments[0].fixed);
  EXPECT_EQ(d->assignments[0].volunteer, ana);
  EXPECT_EQ(d->kept, 1);
}

TEST_F(Plan, InviteMovesProposalsOfTheRangeOnlyOnce) {
  session(0);
  session(8);  // next week: outside the range
  volunteer("v1", "Ana");
  ASSERT_TRUE(
      app::apply_plan(*db, clock, app::Actor::system("matcher"), {app_day(0), app_day(13), false}));
  auto n = app::invite(*db, clock, coordinator, app_day(0), app_day(6));
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
  auto again = app::invite(*db, clock, coordinator, app_day(0), app_day(6));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  auto all = store::AssignmentRepo(*db).list(app_day(0), app_day(13));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].state, AssignmentState::invited);
  EXPECT_EQ((*all)[1].state, AssignmentState::proposed);
}

TEST_F(Plan, ARangeThatEndsBeforeItStartsIsRefused) {
  EXPECT_FALSE(app::preview_plan(*db, {app_day(3), app_day(1), false}));
}

}  // namespace
}  // namespace cw::testing
