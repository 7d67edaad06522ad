// Cell value parsers shared by the CSV importers.
#include "scrapers/csv/csv_values.h"

#include <gtest/gtest.h>

#include "scrapers/csv/availability_text.h"

namespace cw::scrapers::csv {
namespace {

std::string date_text(std::string_view s) {
  const auto d = parse_sheet_date(s);
  return d ? format_date(*d) : "-";
}

std::string time_text(std::string_view s) {
  const auto t = parse_sheet_time(s);
  return t ? format_time(*t) : "-";
}

TEST(CsvValues, ReadsIsoAndUsDates) {
  EXPECT_EQ(date_text("2026-11-26"), "2026-11-26");
  EXPECT_EQ(date_text("11/26/2026"), "2026-11-26");
  EXPECT_EQ(date_text("1/5/2027"), "2027-01-05");
  EXPECT_EQ(date_text("01/05/2027"), "2027-01-05");
  EXPECT_EQ(date_text("2/29/2028"), "2028-02-29");
}

TEST(CsvValues, RefusesImpossibleOrAmbiguousDates) {
  for (const char* bad :
       {"2026-13-01", "2026-02-29", "2/30/2026", "12/01/26", "2026-12-1", "-001-12-01",
        "+026-12-01", "2026/12/01", "1/5/+202", "", "12//2026", "2026-1 -01", "１/５/２０２６"}) {
    EXPECT_EQ(date_text(bad), "-") << bad;
  }
}

TEST(CsvValues, ReadsTwentyFourHourTwelveHourAndFourDigitTimes) {
  EXPECT_EQ(time_text("09:00"), "09:00");
  EXPECT_EQ(time_text("9:00"), "09:00");
  EXPECT_EQ(time_text("23:59"), "23:59");
  EXPECT_EQ(time_text("9:30 AM"), "09:30");
  EXPECT_EQ(time_text("1:30pm"), "13:30");
  EXPECT_EQ(time_text("1:30 Pm"), "13:30");
  EXPECT_EQ(time_text("12:15 PM"), "12:15");
  EXPECT_EQ(time_text("12:05 am"), "00:05");
  EXPECT_EQ(time_text("0930"), "09:30");
  EXPECT_EQ(time_text("1330"), "13:30");
}

TEST(CsvValues, ReadsFourDigitTimesAsTwentyFourHourNotEoirAfternoon) {
  // EOIR writes 1:30 PM as "0130"; a spreadsheet's "0130" is 01:30.
  EXPECT_EQ(time_text("0130"), "01:30");
  EXPECT_EQ(time_text("0000"), "00:00");
}

TEST(CsvValues, RefusesMalformedTimes) {
  for (const char* bad : {"24:00", "2400", "13:00 PM", "0:30 AM", "930", "9:3", "9:300", "noon",
                          "9 AM", "9:60", "-9:00", "09:00:00", "", "AM", "9:30 A.M."}) {
    EXPECT_EQ(time_text(bad), "-") << bad;
  }
}

TEST(CsvValues, ReadsYesNoFlagsCaseInsensitively) {
  for (const char* yes : {"yes", "YES", "true", "True", "1", " yes "}) {
    EXPECT_EQ(parse_yes_no(yes), true) << yes;
  }
  for (const char* no : {"no", "No", "false", "FALSE", "0"}) EXPECT_EQ(parse_yes_no(no), false);
  for (const char* bad : {"", "y", "n", "2", "maybe"}) EXPECT_EQ(parse_yes_no(bad), std::nullopt);
}

TEST(CsvValues, ShowsValuesShortAndWithoutControlCharacters) {
  EXPECT_EQ(shown_value("abc"), "'abc'");
  EXPECT_EQ(shown_value("a\nb\x01"), "'a?b?'");
  const std::string long_value = std::string(39, 'x') + "ñ" + std::string(10, 'y');
  EXPECT_EQ(shown_value(long_value), "'" + std::string(39, 'x') + "…'");
}

TEST(AvailabilityText, ReadsHalfDaysAndBareWeekdays) {
  const auto grid = parse_weekly_grid("mon-am  WED\tthu-PM");
  ASSERT_TRUE(grid);
  std::array<bool, 14> want{};
  want[0] = true;            // mon am
  want[4] = want[5] = true;  // wed both
  want[7] = true;            // thu pm
  EXPECT_EQ(*grid, want);
  EXPECT_TRUE(parse_weekly_grid(""));
}

TEST(AvailabilityText, NamesTheBadToken) {
  EXPECT_EQ(parse_weekly_grid("mon-am monday").error(), "monday");
  EXPECT_EQ(parse_weekly_grid("tue-eve").error(), "tue-eve");
  EXPECT_EQ(parse_weekly_grid("mon,tue").error(), "mon,tue");
  EXPECT_EQ(parse_weekly_grid("-am").error(), "-am");
}

TEST(AvailabilityText, ReadsBlackoutDatesAndInclusiveRanges) {
  const auto b = parse_blackouts("2027-01-05; 2026-12-24..2026-12-31;2027-01-05;");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->size(), 2u);
  EXPECT_EQ(format_date((*b)[0].first), "2026-12-24");
  EXPECT_EQ(format_date((*b)[0].last), "2026-12-31");
  EXPECT_EQ(format_date((*b)[1].first), "2027-01-05");
  EXPECT_EQ(format_date((*b)[1].last), "2027-01-05");
  EXPECT_EQ(parse_blackouts("2026-12-31..2026-12-24").error(), "2026-12-31..2026-12-24");
  EXPECT_EQ(parse_blackouts("12/24/2026").error(), "12/24/2026");
  EXPECT_EQ(parse_blackouts("2026-12-24..").error(), "2026-12-24..");
}

TEST(AvailabilityText, ReadsExtraHalfDays) {
  const auto e = parse_extra_half_days("2026-12-03:pm;2026-12-02:AM;2026-12-03:pm");
  ASSERT_TRUE(e);
  ASSERT_EQ(e->size(), 2u);
  EXPECT_EQ(format_date((*e)[0].date), "2026-12-02");
  EXPECT_EQ((*e)[0].half, Half::am);
  EXPECT_EQ((*e)[1].half, Half::pm);
  EXPECT_EQ(parse_extra_half_days("2026-12-02").error(), "2026-12-02");
  EXPECT_EQ(parse_extra_half_days("2026-12-02:eve").error(), "2026-12-02:eve");
}

TEST(AvailabilityText, FormatsWhatItParses) {
  const auto grid = parse_weekly_grid("mon wed-am fri-pm sun").value();
  EXPECT_EQ(format_weekly_grid(grid), "mon wed-am fri-pm sun");
  EXPECT_EQ(parse_weekly_grid(format_weekly_grid(grid)).value(), grid);
  EXPECT_EQ(format_weekly_grid({}), "");
  const auto blackouts = parse_blackouts("2026-12-24..2026-12-31;2027-01-05").value();
  EXPECT_EQ(format_blackouts(blackouts), "2026-12-24..2026-12-31;2027-01-05");
  const auto extra = parse_extra_half_days("2026-12-02:am;2026-12-03:pm").value();
  EXPECT_EQ(format_extra_half_days(extra), "2026-12-02:am;2026-12-03:pm");
  const auto again = parse_extra_half_days(format_extra_half_days(extra)).value();
  EXPECT_EQ(again, extra);
}

}  // namespace
}  // namespace cw::scrapers::csv
