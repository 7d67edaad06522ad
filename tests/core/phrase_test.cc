#include "core/phrase.h"

#include <gtest/gtest.h>

namespace cw {
namespace {

TEST(Phrase, FillsNamedValuesVerbatim) {
  const auto p = Phrase{"k", {}}.arg("name", "Ana <b>").arg("place", "HOU Courtroom 3");
  EXPECT_EQ(fill("{name} is at {place}.", p), "Ana <b> is at HOU Courtroom 3.");
  EXPECT_EQ(fill("{place}{name}", p), "HOU Courtroom 3Ana <b>");
}

TEST(Phrase, PicksATextByValueWithAFallback) {
  auto p = Phrase{"k", {}}.arg("half", "pm").arg("n", "1");
  EXPECT_EQ(fill("that {half|am=morning|pm=afternoon}", p), "that afternoon");
  EXPECT_EQ(fill("{n} {n|1=session|*=sessions}", p), "1 session");
  p.args[1].second = "3";
  EXPECT_EQ(fill("{n} {n|1=session|*=sessions}", p), "3 sessions");
  // Without '*', an unmatched value shows as itself; an empty key matches "".
  EXPECT_EQ(fill("sites: {s|=none}", Phrase{}.arg("s", "HOU, CHI")), "sites: HOU, CHI");
  EXPECT_EQ(fill("sites: {s|=none}", Phrase{}.arg("s", "")), "sites: none");
}

TEST(Phrase, LeavesAnUnclosedBraceAndMissingArgumentsHarmless) {
  EXPECT_EQ(fill("a {b", Phrase{}), "a {b");
  EXPECT_EQ(fill("[{missing}]", Phrase{}), "[]");
}

TEST(Phrase, ListsThePlaceholdersOfAPattern) {
  EXPECT_EQ(placeholders("{b} and {a|x=1|*=2}, {b}"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(placeholders("no values").empty());
}

TEST(Phrase, FillsPlaceholdersInsideAChosenText) {
  const std::string pattern =
      "{n} eligible{b|0=|*=, {b} booked}{c|0=|*=, {c} {c|1=capped|*=all capped}}";
  auto p = Phrase{}.arg("n", "3").arg("b", "0").arg("c", "3");
  EXPECT_EQ(fill(pattern, p), "3 eligible, 3 all capped");
  p.args[1].second = "2";
  p.args[2].second = "1";
  EXPECT_EQ(fill(pattern, p), "3 eligible, 2 booked, 1 capped");
  EXPECT_EQ(placeholders(pattern), (std::vector<std::string>{"b", "c", "n"}));
  // A value is data: braces in it are not placeholders.
  EXPECT_EQ(fill("{x|a=1}", Phrase{}.arg("x", "{n}")), "{n}");
}

}  // namespace
}  // namespace cw
