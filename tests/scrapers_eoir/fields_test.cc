// Unit tests of the field rules (null-like values, dates, the EOIR time
// notation) and of the row splitter's ADJ_MSG repair.
#include "scrapers/eoir/fields.h"

#include <gtest/gtest.h>

#include "scrapers/eoir/table.h"

namespace cw::scrapers::eoir {
namespace {

std::string t(std::string_view raw) {
  const auto v = parse_eoir_time(raw);
  return v ? format_time(*v) : "none";
}

TEST(EoirTime, ReadsOneThirtyAsAfternoon) {
  EXPECT_EQ(t("0130"), "13:30");
  EXPECT_EQ(t("130"), "13:30");
  EXPECT_EQ(t("1:30"), "13:30");
  EXPECT_EQ(t("0530"), "17:30");
  EXPECT_EQ(t("0100"), "13:00");
}

TEST(EoirTime, ReadsMorningForms) {
  EXPECT_EQ(t("0830"), "08:30");
  EXPECT_EQ(t("830"), "08:30");
  EXPECT_EQ(t("8:30"), "08:30");
  EXPECT_EQ(t("08:30"), "08:30");
  EXPECT_EQ(t(" 0600 "), "06:00");
  EXPECT_EQ(t("1200"), "12:00");
  EXPECT_EQ(t("1345"), "13:45");
}

TEST(EoirTime, RejectsZeroEmptyAndGarbage) {
  for (const auto* bad : {"0000", "", "  ", "N/A", "b6", "???", "99", "2561", "1260", "ab:cd",
                          "12:5", "123:45", "0:00", "12345", "-130", "+830"}) {
    EXPECT_EQ(t(bad), "none") << "'" << bad << "'";
  }
}

TEST(EoirNulls, RecognisesNullLikeTokens) {
  for (const auto* v : {"", "N/A", "n/a", "b6", "B6", "?", "????"}) {
    EXPECT_TRUE(is_null_like(v)) << v;
    EXPECT_TRUE(is_null_like_code(v)) << v;
  }
  EXPECT_FALSE(is_null_like("0"));
  EXPECT_TRUE(is_null_like_code("0"));
  EXPECT_TRUE(is_null_like_code("000"));
  EXPECT_FALSE(is_null_like_code("0A"));
  EXPECT_FALSE(is_null_like("b66"));
  EXPECT_EQ(clean_value("  N/A "), "");
  EXPECT_EQ(clean_code(" 00 "), "");
  EXPECT_EQ(clean_value(" 00 "), "00");
  EXPECT_EQ(clean_code(" SP  "), "SP");
}

TEST(EoirText, LowercasesLatin1Capitals) {
  EXPECT_EQ(lower_latin1("CR\xC9OLE \xD7 Q"), "cr\xE9ole \xD7 q");
}

TEST(EoirDate, TakesTheDatePartOnly) {
  const auto d = parse_eoir_date("2026-03-10 14:00:00.000");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2026-03-10");
  EXPECT_EQ(format_date(*parse_eoir_date("2026-03-10")), "2026-03-10");
  EXPECT_EQ(format_date(*parse_eoir_date(" 2024-02-29 ")), "2024-02-29");
  EXPECT_EQ(day_number(*parse_eoir_date("1970-01-01")), 0);
}

TEST(EoirDate, RefusesImpossibleDates) {
  for (const auto* bad : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-3-5",
                          "03/10/2026", "", "N/A", "2026-03-10X", "20260310"}) {
    EXPECT_FALSE(parse_eoir_date(bad)) << bad;
  }
}

TEST(EoirRowSplitter, JoinsSurplusFieldsBackIntoTheFreeTextColumn) {
  RowSplitter s(5, 2);  // a b MSG c d
  const auto f = s.split("a\tb\tx\ty\tz\tc\td");
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0], "a");
  EXPECT_EQ(f[1], "b");
  EXPECT_EQ(f[2], "x\ty\tz");
  EXPECT_EQ(f[3], "c");
  EXPECT_EQ(f[4], "d");
  EXPECT_EQ(s.raw_fields(), 7u);
}

TEST(EoirRowSplitter, PadsShortRows) {
  RowSplitter s(5, 2);
  const auto f = s.split("a\tb");
  EXPECT_EQ(f[1], "b");
  EXPECT_EQ(f[2], "");
  EXPECT_EQ(f[4], "");
  EXPECT_EQ(s.split("")[0], "");
}

TEST(EoirRowSplitter, FreeTextAsFirstOrLastColumn) {
  RowSplitter first(3, 0);
  auto f = first.split("m\tn\tb\tc");
  EXPECT_EQ(f[0], "m\tn");
  EXPECT_EQ(f[2], "c");
  RowSplitter last(3, 2);
  f = last.split("a\tb\tm\tn\t");
  EXPECT_EQ(f[2], "m\tn\t");
  RowSplitter none(2, std::nullopt);
  f = none.split("a\tb\tc");
  EXPECT_EQ(f[1], "b");
}

TEST(EoirHeader, FindsColumnsInAnyCase) {
  const auto h = TableHeader::parse("\xEF\xBB\xBFIdnSchedule\t adj_date \tX");
  EXPECT_EQ(h.find("IDNSCHEDULE"), 0u);
  EXPECT_EQ(h.find("ADJ_DATE"), 1u);
  EXPECT_FALSE(h.find("ADJ_MSG"));
}

}  // namespace
}  // namespace cw::scrapers::eoir
