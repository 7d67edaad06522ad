// The tolerant EOIR status-page parser and the court-name mapping.
#include "scrapers/status/status_page.h"

#include <gtest/gtest.h>

#include "scrapers/status/court_names.h"

namespace cw::scrapers::status {
namespace {

TEST(StatusPage, ClassifiesTheStatusesEoirWrites) {
  EXPECT_EQ(classify_status("Open"), CourtStatus::open);
  EXPECT_EQ(classify_status(" OPEN "), CourtStatus::open);
  EXPECT_EQ(classify_status("Closed"), CourtStatus::closed);
  EXPECT_EQ(classify_status("Closed due to inclement weather"), CourtStatus::closed);
  EXPECT_EQ(classify_status("Open to hear detained cases only"), CourtStatus::partial);
  EXPECT_EQ(classify_status("Open for detained hearings only"), CourtStatus::partial);
  EXPECT_EQ(classify_status("Delayed opening at 10 a.m."), CourtStatus::open);
  EXPECT_EQ(classify_status("Under review"), CourtStatus::unknown);
  EXPECT_EQ(classify_status(""), CourtStatus::unknown);
}

TEST(StatusPage, DecodesEntities) {
  EXPECT_EQ(decode_entities("A &amp; B &lt;C&gt; &#8211; &#x2014; &nbsp;x"),
            "A & B <C> \xE2\x80\x93 \xE2\x80\x94 \xC2\xA0x");
  EXPECT_EQ(decode_entities("&bogus; & &#; &#xZZ; &#99999999;"),
            "&bogus; & &#; &#xZZ; &#99999999;");
}

TEST(StatusPage, ReadsTableRowsAndSkipsHeaders) {
  const auto page = parse_status_page(
      "<p>Status as of March 9, 2026</p><table><tr><th>Court</th><th>Status</th></tr>\n"
      "<tr><td>Chicago</td><td>Closed</td></tr>\n<tr><td>Houston<td>Open</table>");
  ASSERT_TRUE(page.date);
  EXPECT_EQ(format_date(*page.date), "2026-03-09");
  ASSERT_EQ(page.entries.size(), 2u);
  EXPECT_EQ(page.entries[0].court, "Chicago");
  EXPECT_EQ(page.entries[0].kind, CourtStatus::closed);
  EXPECT_EQ(page.entries[0].line, 2);
  EXPECT_EQ(page.entries[1].court, "Houston");  // unclosed cells still count
  EXPECT_EQ(page.entries[1].kind, CourtStatus::open);
}

TEST(StatusPage, ReadsCourtStatusLinesOutsideTables) {
  const auto page = parse_status_page(
      "Updated 3/10/2026\nChicago: Closed<br>Houston \xE2\x80\x93 Open to hear detained cases "
      "only\nCall us: we answer\n");
  ASSERT_TRUE(page.date);
  EXPECT_EQ(format_date(*page.date), "2026-03-10");
  ASSERT_EQ(page.entries.size(), 2u);
  EXPECT_EQ(page.entries[0].court, "Chicago");
  EXPECT_EQ(page.entries[1].court, "Houston");
  EXPECT_EQ(page.entries[1].kind, CourtStatus::partial);
  EXPECT_EQ(page.entries[1].line, 2);
}

TEST(StatusPage, IgnoresScriptStyleAndComments) {
  const auto page = parse_status_page(
      "<script>x='<tr><td>A</td><td>Closed</td></tr>'</script><style>td{}</style>"
      "<!-- <tr><td>B</td><td>Closed</td></tr> -->");
  EXPECT_TRUE(page.entries.empty());
  EXPECT_FALSE(page.date);
}

TEST(CourtNames, MapsNamesCitiesAliasesAndCodes) {
  const std::vector<Site> sites = {
      {"CHI", "Chicago Immigration Court", "", "America/Chicago", SiteKind::immigration_court},
      {"CHI-ERO", "Chicago Field Office (ICE ERO)", "", "America/Chicago",
       SiteKind::ice_field_office},
      {"ATD", "Atlanta - Ted Turner Drive Immigration Court", "", "America/New_York",
       SiteKind::immigration_court},
      {"ATL", "Atlanta - W. Peachtree Street Immigration Court", "", "America/New_York",
       SiteKind::immigration_court},
      {"ANN", "Annandale Immigration Court", "", "America/New_York", SiteKind::immigration_court},
      {"WAS", "Annandale Immigration Court", "", "America/New_York", SiteKind::immigration_court},
      {"POO", "Portland Immigration Court", "", "America/Los_Angeles", SiteKind::immigration_court},
      {"POR", "Portland Immigration Court", "", "America/Los_Angeles", SiteKind::immigration_court},
      {"SFR", "San Francisco Immigration Court", "", "America/Los_Angeles",
       SiteKind::immigration_court}};
  const CourtNames names(sites);
  auto code = [&](std::string_view n) { return names.find(n).value_or("<none>"); };
  EXPECT_EQ(code("Chicago Immigration Court"), "CHI");
  EXPECT_EQ(code("CHICAGO"), "CHI");
  EXPECT_EQ(code("chi"), "CHI");
  EXPECT_EQ(code("Atlanta \xE2\x80\x93 Ted Turner Drive"), "ATD");
  EXPECT_EQ(code("Atlanta (Peachtree Street)"), "ATL");
  EXPECT_EQ(code("Arlington"), "ANN");
  EXPECT_EQ(code("Annandale"), "ANN");
  EXPECT_EQ(code("Portland"), "POO");
  EXPECT_EQ(code("The San Francisco Immigration Court"), "SFR");
  EXPECT_EQ(code("Atlanta"), "<none>");
  EXPECT_EQ(code("Springfield"), "<none>");
  EXPECT_EQ(code("Chicago Field Office"), "<none>");
}

}  // namespace
}  // namespace cw::scrapers::status
