// Reasons for unfilled seats, computed from the data.
#include "scheduler/explain.h"

#include <gtest/gtest.h>

#include "tests/scheduler/builders.h"

namespace cw::scheduler {
namespace {

using testing::make_session;
using testing::make_volunteer;

std::string only_reason(const MatchInput& in) {
  const auto u = explain_unfilled(in, match(in));
  EXPECT_EQ(u.size(), 1u);
  return u.empty() ? "" : u[0].reason;
}

TEST(Explain, NamesTheSiteWhenNobodyListsIt) {
  MatchInput in;
  in.sessions = {make_session({.site = "HOU"})};
  in.volunteers = {make_volunteer("a")};
  EXPECT_EQ(only_reason(in), "no volunteer lists HOU");
}

TEST(Explain, NamesTheWeekdayAndHalfWhenNobodyIsAvailable) {
  MatchInput in;
  in.sessions = {make_session({.site = "HOU", .day = 1})};  // Tuesday morning
  in.volunteers = {make_volunteer("a", {"HOU"}), make_volunteer("b", {"HOU"})};
  in.volunteers[0].availability.set_weekly(1, Half::am, false);
  in.volunteers[1].active = false;
  EXPECT_EQ(only_reason(in), "no active volunteer for HOU on Tuesday mornings");
}

TEST(Explain, SaysEveryoneIsBlackedOut) {
  MatchInput in;
  in.sessions = {make_session({.day = 2, .half = Half::pm})};
  in.volunteers = {make_volunteer("a")};
  in.volunteers[0].availability.blackouts = {{testing::day(0), testing::day(6)}};
  EXPECT_EQ(only_reason(in),
            "1 volunteer for CHI on Wednesday afternoons, blacked out on 2026-03-04");
}

TEST(Explain, CountsEligibleVolunteersAtTheirWeeklyCap) {
  MatchInput in;
  for (int d = 0; d < 4; ++d) in.sessions.push_back(make_session({.day = d}));
  in.volunteers = {make_volunteer("a", {"CHI"}, Role::watcher, 1),
                   make_volunteer("b", {"CHI"}, Role::watcher, 1),
                   make_volunteer("c", {"CHI"}, Role::watcher, 1)};
  EXPECT_EQ(only_reason(in), "3 eligible, all at their weekly cap");
}

TEST(Explain, CountsEligibleVolunteersBookedElsewhereThatHalfDay) {
  MatchInput in;
  in.sessions = {make_session({.individual = true}),
                 make_session({.individual = true, .judge = "Judge B"}),
                 make_session({.judge = "Judge C"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  EXPECT_EQ(only_reason(in), "2 eligible, all booked elsewhere that half-day");
}

TEST(Explain, SaysTraineesNeedANonTrainee) {
  MatchInput in;
  in.sessions = {make_session({.detained = true})};
  in.volunteers = {make_volunteer("t", {"CHI"}, Role::trainee)};
  const auto u = explain_unfilled(in, match(in));
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].seats, 2);
  EXPECT_EQ(u[0].reason, "1 eligible, trainees, who need a non-trainee in the session");
}

TEST(Explain, SaysDeclinedOrForbidden) {
  MatchInput in;
  in.sessions = {make_session({})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b")};
  in.excluded = {{0, 0}, {1, 0}};
  EXPECT_EQ(only_reason(in), "2 eligible, 2 declined or forbidden by a coordinator");
}

TEST(Explain, MixesReasonsWithCounts) {
  MatchInput in;
  in.sessions = {make_session({.detained = true, .individual = true}),
                 make_session({.judge = "Judge B"})};
  in.volunteers = {make_volunteer("a"), make_volunteer("b"),
                   make_volunteer("c", {"CHI"}, Role::watcher, 0)};
  // a and b fill the detained session; c has a cap of zero.
  EXPECT_EQ(only_reason(in), "3 eligible: 2 booked elsewhere that half-day, 1 at their weekly cap");
}

}  // namespace
}  // namespace cw::scheduler
