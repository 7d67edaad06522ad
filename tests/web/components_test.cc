// The page components: forms, CSV export, URLs, pager, coverage chart, shell.
#include <gtest/gtest.h>

#include "web/catalog_pages.h"
#include "web/chart.h"
#include "web/csv_export.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/url.h"

namespace cw::web {
namespace {

const char* kPayload = "\"><script>alert(1)</script>";

TEST(Forms, LabelsTheControlAndTiesTheErrorToIt) {
  Html h;
  input_field(h, {.name = "name", .label = "Name", .value = kPayload, .error = "Name is required"});
  const std::string s = h.str();
  EXPECT_NE(s.find("<label for=\"f-name\">Name</label>"), std::string::npos) << s;
  EXPECT_NE(s.find("aria-describedby=\"f-name-error\""), std::string::npos) << s;
  EXPECT_NE(s.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(s.find("id=\"f-name-error\">Name is required"), std::string::npos);
  EXPECT_EQ(s.find("<script>"), std::string::npos);
  EXPECT_NE(s.find("value=\"&quot;&gt;&lt;script&gt;"), std::string::npos) << s;
}

TEST(Forms, PostButtonCarriesCsrfHiddenFieldsAndConfirmation) {
  Html h;
  post_button(h, {.action = "/assignments/7/unassign",
                  .label = "Unassign",
                  .csrf = "tok\"en",
                  .hidden = {{"back", kPayload}},
                  .confirm = "Sure?"});
  const std::string s = h.str();
  EXPECT_NE(s.find("method=\"post\" action=\"/assignments/7/unassign\" data-confirm=\"Sure?\""),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("name=\"csrf\" value=\"tok&quot;en\""), std::string::npos) << s;
  EXPECT_EQ(s.find("<script>"), std::string::npos);
}

TEST(Forms, SelectMarksTheCurrentValue) {
  Html h;
  select_field(h, {.name = "site", .label = "Site", .value = "HOU"},
               {{"CHI", "Chicago"}, {"HOU", "Houston"}});
  EXPECT_NE(h.str().find("<option value=\"HOU\" selected>Houston</option>"), std::string::npos);
  EXPECT_NE(h.str().find("<option value=\"CHI\">Chicago</option>"), std::string::npos);
}

TEST(CsvExport, DefusesFormulasAndQuotes) {
  EXPECT_EQ(csv_cell("Courtroom 3"), "Courtroom 3");
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+1 555"), "'+1 555");
  EXPECT_EQ(csv_cell("-2"), "'-2");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("line\nbreak"), "\"line\nbreak\"");
  CsvWriter w;
  w.row({"a", "=b"});
  EXPECT_EQ(w.str(), "a,'=b\r\n");
}

TEST(Url, EncodesAndKeepsFiltersWhenPaging) {
  EXPECT_EQ(url_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  Query q;
  q.add("site", "HOU").add("from", "").add("coverage", "uncovered");
  EXPECT_EQ(q.url("/sessions"), "/sessions?site=HOU&coverage=uncovered");
  q.set("site", "CHI");
  EXPECT_EQ(q.url("/sessions"), "/sessions?coverage=uncovered&site=CHI");
  EXPECT_EQ(Query().url("/x"), "/x");
}

TEST(Pager, LinksBothWaysAndHidesWhenThereIsOnePage) {
  Html none;
  pager(none, Lang::en, PageRequest{1, 50}, false, "/sessions", Query());
  EXPECT_EQ(none.str(), "");
  Html h;
  pager(h, Lang::en, PageRequest{2, 50}, true, "/sessions", Query().add("site", "HOU"));
  EXPECT_NE(h.str().find("href=\"/sessions?site=HOU\">Previous"), std::string::npos) << h.str();
  EXPECT_NE(h.str().find("href=\"/sessions?site=HOU&amp;page=3\">Next"), std::string::npos)
      << h.str();
  EXPECT_EQ(PageRequest({3, 50}).offset(), 100);
}

TEST(CoverageChart, ClassifiesCellsAndWritesTheSameFiguresInSvgAndTable) {
  EXPECT_EQ(cell_state({0, 0}), CellState::none);
  EXPECT_EQ(cell_state({2, 2}), CellState::ok);
  EXPECT_EQ(cell_state({3, 1}), CellState::partial);
  EXPECT_EQ(cell_state({2, 0}), CellState::uncovered);
  const LocalDate d0 = date::local_days{date::year{2026} / 12 / 7};  // a Monday
  CoverageChart c{{d0, d0 + date::days{1}}, {{"HOU", "Houston <court>", {{3, 1}, {0, 0}}}}};
  Html svg;
  coverage_svg(svg, Lang::en, c);
  EXPECT_NE(svg.str().find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.str().find("<title id=\"chart-title\">"), std::string::npos);
  EXPECT_NE(svg.str().find(">1/3</text>"), std::string::npos);
  EXPECT_NE(svg.str().find("class=\"c-part\""), std::string::npos);
  EXPECT_NE(svg.str().find(">Mo 07</text>"), std::string::npos) << svg.str();
  Html table;
  coverage_table(table, Lang::es, c);
  EXPECT_NE(table.str().find("/sessions?site=HOU&amp;from=2026-12-07&amp;to=2026-12-07"),
            std::string::npos)
      << table.str();
  EXPECT_NE(table.str().find("Houston &lt;court&gt;"), std::string::npos);
  EXPECT_NE(table.str().find("ma 08"), std::string::npos);
}

TEST(Layout, ShellHasSkipLinkMainLandmarkNavAndLogout) {
  Html h;
  const Shell s{
      .lang = Lang::es, .nav = Nav::sessions, .user = "Ana <b>", .csrf = "c1", .here = "/sessions"};
  page_begin(h, s, "Sesiones");
  page_end(h, s);
  const std::string out = h.str();
  EXPECT_NE(out.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_NE(out.find("<a class=\"skip\" href=\"#main\">"), std::string::npos);
  EXPECT_NE(out.find("<main id=\"main\""), std::string::npos);
  EXPECT_NE(out.find("<a href=\"/sessions\" aria-current=\"page\">Sesiones</a>"), std::string::npos)
      << out;
  EXPECT_NE(out.find("action=\"/logout\""), std::string::npos);
  EXPECT_NE(out.find("Ana &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(out.find("style="), std::string::npos);  // the CSP forbids inline styles
  EXPECT_EQ(out.find("<script>"), std::string::npos);
}

TEST(Layout, AnonymousShellHasNoNavigation) {
  Html h;
  page_begin(h, Shell{}, "x");
  EXPECT_EQ(h.str().find("<nav"), std::string::npos);
  EXPECT_EQ(h.str().find("/logout"), std::string::npos);
}

TEST(PageCatalog, EveryKeyIsTranslated) {
  const auto en = page_catalog(Lang::en);
  const auto es = page_catalog(Lang::es);
  ASSERT_EQ(en.size(), es.size());
  for (std::size_t i = 0; i < en.size(); ++i) {
    EXPECT_FALSE(en[i].value.empty()) << en[i].key;
    EXPECT_FALSE(es[i].value.empty()) << es[i].key;
    EXPECT_TRUE(has_entry(Lang::es, en[i].key)) << en[i].key;
  }
}

}  // namespace
}  // namespace cw::web
