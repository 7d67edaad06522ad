#include "core/domain.h"

#include <gtest/gtest.h>

namespace cw {
namespace {

LocalDate domain_day(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

TEST(Domain, ParsesEveryNameItPrints) {
  for (auto t : {HearingType::master, HearingType::individual, HearingType::bond,
                 HearingType::check_in, HearingType::other}) {
    EXPECT_EQ(parse_hearing_type(to_string(t)).value(), t);
  }
  for (auto r : {Role::trainee, Role::watcher, Role::lead}) {
    EXPECT_EQ(parse_role(to_string(r)).value(), r);
  }
  EXPECT_EQ(to_string(HearingType::check_in), "check-in");
}

TEST(Domain, UnknownNameErrorListsTheChoices) {
  const auto r = parse_role("captain");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "unknown role 'captain' (expected one of: trainee, watcher, lead)");
}

TEST(Domain, DefaultDurationsFollowTheModel) {
  EXPECT_EQ(default_duration(HearingType::individual), std::chrono::minutes{180});
  EXPECT_EQ(default_duration(HearingType::master), std::chrono::minutes{60});
  EXPECT_EQ(default_duration(HearingType::check_in), std::chrono::minutes{60});
}

TEST(Domain, SessionNeedAndWeightFollowTheModel) {
  Session s;
  EXPECT_EQ(s.need(), 1);
  EXPECT_EQ(s.weight(), 1);
  s.detained = true;
  s.individual = true;
  s.big = true;
  EXPECT_EQ(s.need(), 2);
  EXPECT_EQ(s.weight(), 7);  // 1 + 3 + 2 + 1
}

TEST(Domain, AvailabilityCombinesGridBlackoutsAndExtras) {
  Availability a;
  a.set_weekly(0, Half::am, true);  // Mondays, mornings
  a.blackouts.push_back({domain_day(2026, 12, 21), domain_day(2026, 12, 31)});
  a.extra.push_back({domain_day(2026, 12, 22), Half::pm});
  EXPECT_TRUE(a.available(domain_day(2026, 11, 30), Half::am));  // a Monday
  EXPECT_FALSE(a.available(domain_day(2026, 11, 30), Half::pm));
  EXPECT_FALSE(a.available(domain_day(2026, 12, 1), Half::am));   // a Tuesday
  EXPECT_FALSE(a.available(domain_day(2026, 12, 28), Half::am));  // Monday, blacked out
  EXPECT_TRUE(a.available(domain_day(2027, 1, 4), Half::am));     // after the range
  EXPECT_TRUE(a.available(domain_day(2026, 12, 22), Half::pm));   // extra wins over blackout
}

}  // namespace
}  // namespace cw
