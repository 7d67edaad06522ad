// Reasons for unfilled seats, computed from the data: which kind of reason
// (the phrase key) with which values. Their words, in English and Spanish,
// are tested with the patterns (tests/app/unfilled_text_test.cc).
#include "scheduler/explain.h"

#include <gtest/gtest.h>

#include "tests/scheduler/builders.h"

namespace cw::scheduler {
namespace {

using testing::make_session;
using testing::make_volunteer;

Phrase only_reason(const MatchInput& in, const Plan& plan) {
  const auto u = explain_unfilled(in, plan);
  EXPECT_EQ(u.size(), 1u);
  return u.empty() ? Phrase{} : u[0].why;
}
Phrase only_reason(const MatchInput& in) { return only_reason(in, match(in)); }

std::string value(const Phrase& p, std::string_view name) {
  for (const auto& [n, v] : p.args) {
    if (n == name) return v;
  }
  return "(none)";
}

TEST(Explain, NamesTheSiteWhenNobodyListsIt) {
  MatchInput in;
  in.sessions = {make_session({.site = "HOU"})};
  in.volunteers = {make_volunteer("a")};
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.no-site");
  EXPECT_EQ(value(p, "site"), "HOU");
}

TEST(Explain, NamesTheWeekdayAndHalfWhenNobodyIsAvailable) {
  MatchInput in;
  in.sessions = {make_session({.site = "HOU", .day = 1})};  // Tuesday morning
  in.volunteers = {make_volunteer("a", {"HOU"}), make_volunteer("b", {"HOU"})};
  in.volunteers[0].availability.set_weekly(1, Half::am, false);
  in.volunteers[1].active = false;
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.none-available");
  EXPECT_EQ(value(p, "site"), "HOU");
  EXPECT_EQ(value(p, "weekday"), "tue");
  EXPECT_EQ(value(p, "half"), "am");
}

TEST(Explain, SaysNobodyIsActive) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("a")};
  in.volunteers[0].active = false;
  EXPECT_EQ(only_reason(in).key, "unfilled.none-active");
}

TEST(Explain, SaysEveryoneIsBlackedOut) {
  MatchInput in;
  in.sessions = {make_session({.day = 2, .half = Half::pm})};
  in.volunteers = {make_volunteer("a")};
  in.volunteers[0].availability.blackouts = {{testing::day(0), testing::day(6)}};
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.blacked-out");
  EXPECT_EQ(value(p, "count"), "1");
  EXPECT_EQ(value(p, "weekday"), "wed");
  EXPECT_EQ(value(p, "half"), "pm");
  EXPECT_EQ(value(p, "date"), "2026-03-04");
}

TEST(Explain, CountsEligibleVolunteersAtTheirWeeklyCap) {
  MatchInput in;
  for (int d = 0; d < 4; ++d) in.sessions.push_back(make_session({.day = d}));
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 1),
                   make_volunteer("b", {"CHI"}, Role::watcher, 1),
                   make_volunteer("c", {"CHI"}, Role::watcher, 1)};
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.eligible.all");
  EXPECT_EQ(value(p, "first"), "capped");
  EXPECT_EQ(value(p, "eligible"), "3");
  EXPECT_EQ(value(p, "capped"), "3");
}

TEST(Explain, CountsEligibleVolunteersBookedElsewhereThatHalfDay) {
  MatchInput in;
  in.sessions = {make_session({.individual = true}),
                 make_session({.individual = true, .judge = "Judge B"}),
                 make_session({.judge = "Judge C"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.eligible.all");
  EXPECT_EQ(value(p, "first"), "booked");
  EXPECT_EQ(value(p, "booked"), "2");
}

TEST(Explain, SaysTraineesNeedANonTrainee) {
  MatchInput in;
  in.sessions = {make_session({.detained = true})};
  in.volunteers = {make_volunteer("t", {"CHI"}, Role::trainee)};
  const auto u = explain_unfilled(in, match(in));
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].seats, 2);
  EXPECT_EQ(u[0].why.key, "unfilled.eligible.all");
  EXPECT_EQ(value(u[0].why, "first"), "trainee");
}

TEST(Explain, SaysDeclinedOrForbidden) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.excluded = {{0, 0}, {1, 0}};
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.declined");
  EXPECT_EQ(value(p, "eligible"), "2");
  EXPECT_EQ(value(p, "declined"), "2");
}

TEST(Explain, SaysEveryEligibleVolunteerIsAlreadyIn) {
  MatchInput in;
  in.sessions = {make_session({.detained = true})};
  in.volunteers = {make_volunteer("a")};
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.all-assigned");
  EXPECT_EQ(value(p, "already"), "1");
}

TEST(Explain, MixesReasonsWithCounts) {
  MatchInput in;
  in.sessions = {make_session({.detained = true, .individual = true}),
                 make_session({.judge = "Judge B"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b"),
                   make_volunteer("c", {"CHI"}, Role::watcher, 0)};
  // a and b fill the detained session; c has a cap of zero.
  const auto p = only_reason(in);
  EXPECT_EQ(p.key, "unfilled.eligible.mixed");
  EXPECT_EQ(value(p, "first"), "booked");
  EXPECT_EQ(value(p, "booked"), "2");
  EXPECT_EQ(value(p, "capped"), "1");
  EXPECT_EQ(value(p, "trainee"), "0");
  EXPECT_EQ(value(p, "loaded"), "0");
  EXPECT_EQ(value(p, "unplaced"), "0");
}

// Issue 8: "1 eligible, free but not placed: the load penalty outweighs the
// seat" while the only eligible volunteer had 1 of 3 sessions that week. The
// plan explained was the stored one (a coordinator had unassigned her), not
// the optimizer's: one more session costs 5·1 = 5 against a seat worth 100,
// so the penalty cannot be the cause. She is free and worth the seat.
TEST(Explain, AFreeVolunteerWorthTheSeatIsNotBlamedOnTheLoadPenalty) {
  MatchInput in;
  in.sessions = {make_session({.day = 0}), make_session({.day = 1})};
  in.volunteers = {make_volunteer("ana", {"CHI"}, Role::watcher, 3)};
  Plan stored;
  stored.assignments = {{0, 1, false}};  // Tuesday kept, Monday unassigned by hand
  const auto p = only_reason(in, stored);
  EXPECT_EQ(p.key, "unfilled.eligible.all");
  EXPECT_EQ(value(p, "eligible"), "1");
  EXPECT_EQ(value(p, "first"), "unplaced");
  EXPECT_EQ(value(p, "loaded"), "0");
  // The optimizer agrees: it seats her in both.
  EXPECT_EQ(match(in).assignments.size(), 2u);
}

// The penalty does outweigh a seat once a volunteer has many sessions: one
// volunteer free every half-day of a fortnight (cap not binding) is placed
// while 100 > 5·L, and the sessions left over say so.
TEST(Explain, SaysTheLoadPenaltyOutweighsTheSeatOnlyWhenItDoes) {
  MatchInput in;
  for (int d = 0; d < 14; ++d) {
    in.sessions.push_back(make_session({.day = d, .half = Half::am}));
    in.sessions.push_back(make_session({.day = d, .half = Half::pm}));
  }
  in.volunteers = {make_volunteer("ana", {"CHI"}, Role::watcher, 14)};
  const Plan plan = match(in);
  ASSERT_GE(plan.assignments.size(), 20u);
  ASSERT_LT(plan.assignments.size(), 28u);
  const auto unfilled = explain_unfilled(in, plan);
  ASSERT_EQ(unfilled.size(), 28u - plan.assignments.size());
  for (const auto& u : unfilled) {
    EXPECT_EQ(u.why.key, "unfilled.eligible.all");
    EXPECT_EQ(value(u.why, "first"), "loaded");
  }
}

}  // namespace
}  // namespace cw::scheduler
