#include "core/time.h"

#include <gtest/gtest.h>

namespace cw {
namespace {

using date::days;
using std::chrono::hours;
using std::chrono::minutes;

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

Zone zone(const char* name) { return find_zone(name).value(); }

// Expected instants are written as literal UTC readings, worked out by hand
// from each zone's rules, not computed by the code under test.
Instant utc(int y, unsigned m, unsigned d, int h, int min) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} + hours{h} + minutes{min};
}

TEST(TimeModel, ChicagoSummerAndWinterOffsets) {
  auto r = resolve(zone("America/Chicago"), ymd(2026, 7, 1), minutes{9 * 60});
  EXPECT_EQ(r.kind, LocalKind::unique);
  EXPECT_EQ(r.instant, utc(2026, 7, 1, 14, 0));  // CDT = UTC-5
  r = resolve(zone("America/Chicago"), ymd(2026, 12, 1), minutes{9 * 60});
  EXPECT_EQ(r.instant, utc(2026, 12, 1, 15, 0));  // CST = UTC-6
}

TEST(TimeModel, ChicagoFallBackOneThirtyIsAmbiguousAndResolvedEarliest) {
  // 2026-11-01: clocks go from 02:00 CDT back to 01:00 CST; 01:30 happens twice.
  const auto r = resolve(zone("America/Chicago"), ymd(2026, 11, 1), minutes{90});
  EXPECT_EQ(r.kind, LocalKind::ambiguous);
  EXPECT_EQ(r.instant, utc(2026, 11, 1, 6, 30));  // the first 01:30, still CDT (UTC-5)
}

TEST(TimeModel, ChicagoSpringForwardTwoThirtyIsNonexistentAndMapsToTransition) {
  // 2026-03-08: clocks jump from 02:00 CST to 03:00 CDT; 02:30 never happens.
  const auto r = resolve(zone("America/Chicago"), ymd(2026, 3, 8), minutes{150});
  EXPECT_EQ(r.kind, LocalKind::nonexistent);
  EXPECT_EQ(r.instant, utc(2026, 3, 8, 8, 0));  // the transition: 03:00 CDT
}

TEST(TimeModel, PhoenixHasNoDstOnChicagoChangeDays) {
  const Zone phx = zone("America/Phoenix");
  auto r = resolve(phx, ymd(2026, 11, 1), minutes{90});
  EXPECT_EQ(r.kind, LocalKind::unique);
  EXPECT_EQ(r.instant, utc(2026, 11, 1, 8, 30));  // MST = UTC-7 all year
  r = resolve(phx, ymd(2026, 3, 8), minutes{150});
  EXPECT_EQ(r.kind, LocalKind::unique);
  EXPECT_EQ(r.instant, utc(2026, 3, 8, 9, 30));
}

TEST(TimeModel, GuamHasNoDstAndIsAheadOfUtc) {
  const Zone guam = zone("Pacific/Guam");
  auto r = resolve(guam, ymd(2026, 11, 1), minutes{90});
  EXPECT_EQ(r.kind, LocalKind::unique);
  EXPECT_EQ(r.instant, utc(2026, 10, 31, 15, 30));  // ChST = UTC+10: previous UTC day
  r = resolve(guam, ymd(2026, 3, 8), minutes{150});
  EXPECT_EQ(r.kind, LocalKind::unique);
  EXPECT_EQ(r.instant, utc(2026, 3, 7, 16, 30));
}

TEST(TimeModel, NewYorkFallBackAndSpringForward) {
  const Zone ny = zone("America/New_York");
  auto r = resolve(ny, ymd(2026, 11, 1), minutes{90});
  EXPECT_EQ(r.kind, LocalKind::ambiguous);
  EXPECT_EQ(r.instant, utc(2026, 11, 1, 5, 30));  // first pass, EDT = UTC-4
  r = resolve(ny, ymd(2026, 3, 8), minutes{150});
  EXPECT_EQ(r.kind, LocalKind::nonexistent);
  EXPECT_EQ(r.instant, utc(2026, 3, 8, 7, 0));
}

TEST(TimeModel, ToLocalRoundTripsOutsideTransitions) {
  const Zone chi = zone("America/Chicago");
  const auto r = resolve(chi, ymd(2026, 11, 2), minutes{9 * 60 + 15});
  EXPECT_EQ(to_local(chi, r.instant), date::local_days{ymd(2026, 11, 2)} + minutes{9 * 60 + 15});
  EXPECT_EQ(local_day(chi, utc(2026, 11, 3, 3, 0)), ymd(2026, 11, 2));  // 21:00 CST the day before
}

TEST(TimeModel, DoesNotDependOnHostTimeZone) {
  setenv("TZ", "Asia/Kolkata", 1);
  tzset();
  const auto r = resolve(zone("America/Chicago"), ymd(2026, 7, 1), minutes{9 * 60});
  EXPECT_EQ(r.instant, utc(2026, 7, 1, 14, 0));
  unsetenv("TZ");
  tzset();
}

TEST(TimeModel, RejectsUnknownZone) {
  const auto z = find_zone("America/Atlantis");
  ASSERT_FALSE(z);
  EXPECT_NE(z.error().message.find("America/Atlantis"), std::string::npos);
}

TEST(TimeModel, HalfDaySplitsAtNoon) {
  EXPECT_EQ(half_of(minutes{11 * 60 + 59}), Half::am);
  EXPECT_EQ(half_of(minutes{12 * 60}), Half::pm);
  EXPECT_EQ(half_of(minutes{0}), Half::am);
}

TEST(TimeModel, ParsesAndFormatsIsoDatesAndTimes) {
  EXPECT_EQ(parse_iso_date("2026-02-28").value(), ymd(2026, 2, 28));
  EXPECT_FALSE(parse_iso_date("2026-02-29"));  // not a leap year
  EXPECT_FALSE(parse_iso_date("2026-2-28"));
  EXPECT_FALSE(parse_iso_date("2026-02-28x"));
  EXPECT_FALSE(parse_iso_date(""));
  EXPECT_EQ(format_date(ymd(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(parse_hh_mm("9:05").value(), minutes{545});
  EXPECT_EQ(parse_hh_mm("23:59").value(), minutes{1439});
  EXPECT_FALSE(parse_hh_mm("24:00"));
  EXPECT_FALSE(parse_hh_mm("12:60"));
  EXPECT_FALSE(parse_hh_mm("1230"));
  EXPECT_EQ(format_time(minutes{13 * 60 + 5}), "13:05");
  EXPECT_EQ(format_instant(utc(2026, 3, 8, 8, 0)), "2026-03-08T08:00:00Z");
}

TEST(TimeModel, IsoWeekStartsOnMonday) {
  EXPECT_EQ(weekday_index(ymd(2026, 11, 23)), 0);  // a Monday
  EXPECT_EQ(weekday_index(ymd(2026, 11, 29)), 6);  // a Sunday
  EXPECT_EQ(iso_week_start(ymd(2026, 11, 29)), ymd(2026, 11, 23));
  EXPECT_EQ(iso_week_start(ymd(2026, 11, 30)), ymd(2026, 11, 30));
  EXPECT_EQ(iso_week_start(ymd(2027, 1, 1)), ymd(2026, 12, 28));  // crosses the year
}

}  // namespace
}  // namespace cw
