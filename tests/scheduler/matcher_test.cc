// Hand-made instances, one per constraint and objective term of matching.md.
#include "scheduler/matcher.h"

#include <gtest/gtest.h>

#include "scheduler/plan_check.h"
#include "tests/scheduler/builders.h"

namespace cw::scheduler {
namespace {

using testing::make_session;
using testing::make_volunteer;

std::vector<Pair> new_pairs(const Plan& p) {
  std::vector<Pair> out;
  out.reserve(p.assignments.size());
  for (const auto& a : p.assignments) out.push_back({a.volunteer, a.session});
  return out;
}

Plan run(const MatchInput& in) {
  Plan p = match(in);
  EXPECT_EQ(check_plan(in, p.assignments), std::vector<std::string>{});
  EXPECT_EQ(p.objective, score_plan(in, p.assignments));
  return p;
}

TEST(Matcher, FillsTheFirstSeatWorthOneHundredTimesWeight) {
  MatchInput in;
  in.sessions = {make_session({.individual = true})};  // w = 3
  in.volunteers = {make_volunteer("v1")};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}}));
  EXPECT_EQ(p.objective, 300);
  EXPECT_EQ(p.bound, p.objective);
}

TEST(Matcher, NeverPlacesATraineeAlone) {
  MatchInput in;
  in.sessions = {make_session({.detained = true})};
  in.volunteers = {make_volunteer("t1", {"CHI"}, Role::trainee)};
  const Plan p = run(in);
  EXPECT_TRUE(p.assignments.empty());
  EXPECT_EQ(p.objective, 0);
}

TEST(Matcher, NeverPlacesATraineeInASingleSeatSession) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("w1"), make_volunteer("t1", {"CHI"}, Role::trainee)};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}}));
}

TEST(Matcher, PlacesATraineeBesideANonTraineeInADetainedSession) {
  MatchInput in;
  in.sessions = {make_session({.detained = true})};  // w = 4
  in.volunteers = {make_volunteer("w1"), make_volunteer("t1", {"CHI"}, Role::trainee)};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}, {1, 0}}));
  EXPECT_EQ(p.objective, 400 + 160);
}

// A second seat of a detained session (40·4 = 160) beats the first seat of
// a weight-1 session (100) ...
TEST(Matcher, PrefersSecondDetainedSeatOverFirstSeatOfWeightOne) {
  MatchInput in;
  in.sessions = {make_session({.detained = true}), make_session({.judge = "Judge B"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.excluded = {{1, 1}};  // b can only watch the detained session
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}, {1, 0}}));
  EXPECT_EQ(p.objective, 400 + 160);
}

// ... but not the first seat of a weight-3 individual session (300).
TEST(Matcher, PrefersFirstSeatOfWeightThreeOverSecondDetainedSeat) {
  MatchInput in;
  in.sessions = {make_session({.detained = true}),
                 make_session({.individual = true, .judge = "Judge B"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.excluded = {{1, 1}};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{1, 0}, {0, 1}}));
  EXPECT_EQ(p.objective, 400 + 300);
}

TEST(Matcher, BigSessionWeighsOneMore) {
  MatchInput in;
  in.sessions = {make_session({}), make_session({.big = true, .judge = "Judge B"})};
  in.volunteers = {make_volunteer("a")};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 1}}));
  EXPECT_EQ(p.objective, 200);
}

TEST(Matcher, PutsAVolunteerInOneSessionPerHalfDay) {
  MatchInput in;
  in.sessions = {make_session({}), make_session({.judge = "Judge B"}),
                 make_session({.half = Half::pm})};
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 5)};
  const Plan p = run(in);
  EXPECT_EQ(p.assignments.size(), 2u);
  EXPECT_EQ(p.objective, 200 - 5);
}

TEST(Matcher, RespectsTheWeeklyCapPerIsoWeek) {
  MatchInput in;
  in.sessions = {make_session({.day = 0}), make_session({.day = 1}), make_session({.day = 7})};
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 1)};
  const Plan p = run(in);
  ASSERT_EQ(p.assignments.size(), 2u);  // one in each ISO week
  EXPECT_EQ(p.assignments[1].session, 2);
}

TEST(Matcher, NeverExceedsNeed) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  EXPECT_EQ(run(in).assignments.size(), 1u);
}

TEST(Matcher, RewardsASharedLanguageWithTen) {
  MatchInput in;
  in.sessions = {make_session({.languages = {"spanish"}})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.volunteers[1].languages = {"french", "spanish"};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{1, 0}}));
  EXPECT_EQ(p.objective, 110);
}

TEST(Matcher, RewardsThePreviousPlanWithThree) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.previous = {{1, 0}};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{1, 0}}));
  EXPECT_EQ(p.objective, 103);
}

TEST(Matcher, SpreadsLoadBecauseOfTheConvexPenalty) {
  MatchInput in;
  in.sessions = {make_session({}), make_session({.half = Half::pm})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.excluded = {{1, 0}};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}, {1, 1}}));
  EXPECT_EQ(p.objective, 200);  // a in both would be 200 - 5
}

TEST(Matcher, PenalizesTheThirdSessionByTenMore) {
  MatchInput in;
  in.sessions = {make_session({.day = 0}), make_session({.day = 1}), make_session({.day = 2})};
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 3)};
  EXPECT_EQ(run(in).objective, 300 - 5 * 3);  // 5·L(L−1)/2 with L = 3
}

TEST(Matcher, KeepsFixedAssignmentsAndCountsThem) {
  MatchInput in;
  in.sessions = {make_session({}), make_session({.judge = "Judge B"}), make_session({.day = 1})};
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 2)};
  in.volunteers[0].active = false;  // a fixed pair stays even when no longer eligible
  in.fixed = {{0, 1}};
  const Plan p = run(in);
  ASSERT_EQ(p.assignments.size(), 1u);
  EXPECT_TRUE(p.assignments[0].fixed);
  EXPECT_EQ(p.objective, 100);
}

TEST(Matcher, FixedAssignmentsUseHalfDayWeekAndLoad) {
  MatchInput in;
  in.sessions = {make_session({}), make_session({.judge = "Judge B"}), make_session({.day = 1}),
                 make_session({.day = 2})};
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 2)};
  in.fixed = {{0, 1}};
  const Plan p = run(in);
  // Session 0 shares the fixed half-day; the cap of 2 allows one more.
  ASSERT_EQ(p.assignments.size(), 2u);
  EXPECT_NE(p.assignments[0].session, 0);
  EXPECT_EQ(p.objective, 200 - 5);
}

TEST(Matcher, FixedSeatTakesTheFirstSeatValue) {
  MatchInput in;
  in.sessions = {make_session({.detained = true})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.fixed = {{1, 0}};
  const Plan p = run(in);
  EXPECT_EQ(p.assignments.size(), 2u);
  EXPECT_EQ(p.objective, 400 + 160);
}

TEST(Matcher, GivesAFixedLoneTraineeANonTraineePartner) {
  MatchInput in;
  in.sessions = {make_session({.detained = true}),
                 make_session({.individual = true, .big = true, .judge = "Judge B"})};
  in.volunteers = {make_volunteer("t", {"CHI"}, Role::trainee), make_volunteer("w")};
  in.fixed = {{0, 0}};
  // w alone would rather take session 1 (400 > 160), but t needs a partner.
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}, {1, 0}}));
  EXPECT_EQ(p.objective, 400 + 160);
}

TEST(Matcher, DoesNotAssignDeclinedOrForbiddenPairs) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("a")};
  in.excluded = {{0, 0}};
  EXPECT_TRUE(run(in).assignments.empty());
}

TEST(Matcher, FollowsSitesGridBlackoutsExtraAndActiveFlag) {
  MatchInput in;
  in.sessions = {make_session({.day = 0}), make_session({.day = 1}),
                 make_session({.day = 2, .half = Half::pm}),
                 make_session({.site = "HOU", .day = 3}), make_session({.day = 4})};
  Volunteer a = make_volunteer("a", {"CHI"}, Role::watcher, 7);
  a.availability.grid.fill(false);
  a.availability.set_weekly(0, Half::am, true);  // Monday am: yes
  a.availability.set_weekly(1, Half::am, true);  // Tuesday am, but blacked out
  a.availability.blackouts = {{testing::day(1), testing::day(1)}};
  a.availability.extra = {{testing::day(2), Half::pm}};  // Wednesday pm as an extra
  a.availability.set_weekly(3, Half::am, true);          // Thursday: HOU is not a's site
  Volunteer off = make_volunteer("off");
  off.active = false;
  in.volunteers = {a, off};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}, {0, 2}}));
}

// The relaxation would put w into the language-matched session 1 and leave
// the trainee alone in session 0 (410 + 160); the best real plan is w with
// the trainee in session 0 (400 + 160).
TEST(Matcher, LeavesNoTraineeAloneEvenWhenTheRelaxationWould) {
  MatchInput in;
  in.sessions = {
      make_session({.detained = true}),
      make_session(
          {.individual = true, .big = true, .languages = {"spanish"}, .judge = "Judge B"})};
  in.volunteers = {make_volunteer("t", {"CHI"}, Role::trainee), make_volunteer("w")};
  in.volunteers[1].languages = {"spanish"};
  in.excluded = {{0, 1}};
  const Plan p = run(in);
  EXPECT_EQ(new_pairs(p), (std::vector<Pair>{{0, 0}, {1, 0}}));
  EXPECT_EQ(p.objective, 560);
  EXPECT_EQ(p.bound, 560);
}

// A trainee taking the second seat frees a watcher for a first seat
// elsewhere: 400 + 160 + 100, where placing watchers first would give 560.
TEST(Matcher, LetsATraineeFreeAWatcherForAnotherSession) {
  MatchInput in;
  in.sessions = {make_session({.detained = true}), make_session({.judge = "Judge B"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b"),
                   make_volunteer("t", {"CHI"}, Role::trainee)};
  in.excluded = {{1, 1}};
  const Plan p = run(in);
  EXPECT_EQ(p.objective, 660);
}

}  // namespace
}  // namespace cw::scheduler
