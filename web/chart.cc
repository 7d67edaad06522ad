#include "web/chart.h"

#include <string>

#include "web/url.h"

namespace cw::web {
namespace {

constexpr int kLabelW = 84;
constexpr int kCellW = 46;
constexpr int kCellH = 28;
constexpr int kHeadH = 34;

const char* state_class(CellState s) {
  switch (s) {
    case CellState::ok:
      return "c-ok";
    case CellState::partial:
      return "c-part";
    case CellState::uncovered:
      return "c-bad";
    case CellState::none:
      break;
  }
  return "c-none";
}

const char* state_key(CellState s) {
  switch (s) {
    case CellState::ok:
      return "chart.ok";
    case CellState::partial:
      return "chart.partial";
    case CellState::uncovered:
      return "chart.uncovered";
    case CellState::none:
      break;
  }
  return "chart.none";
}

// "Tu 08": weekday abbreviation from the catalog and the day of month.
std::string day_label(Lang lang, LocalDate d) {
  static constexpr const char* kKeys[] = {"wd.mon", "wd.tue", "wd.wed", "wd.thu",
                                          "wd.fri", "wd.sat", "wd.sun"};
  const auto ymd = date::year_month_day{d};
  std::string out(tr(lang, kKeys[weekday_index(d)]));
  out += ' ';
  const unsigned day = static_cast<unsigned>(ymd.day());
  if (day < 10) out += '0';
  out += std::to_string(day);
  return out;
}

std::string cell_text(const CoverageCell& c) {
  if (c.sessions == 0) return "–";
  return std::to_string(c.covered) + "/" + std::to_string(c.sessions);
}

}  // namespace

CellState cell_state(const CoverageCell& c) {
  if (c.sessions == 0) return CellState::none;
  if (c.covered >= c.sessions) return CellState::ok;
  if (c.covered == 0) return CellState::uncovered;
  return CellState::partial;
}

void coverage_legend(Html& h, Lang lang) {
  h.raw("<ul class=\"legend\">");
  for (const auto s : {CellState::ok, CellState::partial, CellState::uncovered, CellState::none}) {
    h.raw("<li><span class=\"badge ");
    h.text(s == CellState::ok          ? "ok"
           : s == CellState::partial   ? "warn"
           : s == CellState::uncovered ? "bad"
                                       : "none");
    h.raw("\">").text(tr(lang, state_key(s))).raw("</span></li>");
  }
  h.raw("</ul>");
}

void coverage_svg(Html& h, Lang lang, const CoverageChart& c) {
  const int width = kLabelW + kCellW * static_cast<int>(c.days.size());
  const int height = kHeadH + kCellH * static_cast<int>(c.rows.size()) + 2;
  const std::string w = std::to_string(width);
  const std::string ht = std::to_string(height);
  h.raw("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ");
  h.text(w).raw(" ").text(ht).raw("\" width=\"").text(w).raw("\" height=\"").text(ht);
  h.raw("\" aria-labelledby=\"chart-title chart-desc\">");
  h.raw("<title id=\"chart-title\">").text(tr(lang, "chart.title")).raw("</title>");
  h.raw("<desc id=\"chart-desc\">").text(tr(lang, "chart.desc")).raw("</desc>");
  for (std::size_t d = 0; d < c.days.size(); ++d) {
    const int x = kLabelW + kCellW * static_cast<int>(d) + kCellW / 2;
    h.raw("<text class=\"day\" text-anchor=\"middle\" x=\"").text(std::to_string(x));
    h.raw("\" y=\"22\">").text(day_label(lang, c.days[d])).raw("</text>");
  }
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    const auto& row = c.rows[r];
    const int y = kHeadH + kCellH * static_cast<int>(r);
    h.raw("<text x=\"4\" y=\"").text(std::to_string(y + 18)).raw("\">").text(row.site);
    h.raw("</text>");
    for (std::size_t d = 0; d < row.days.size() && d < c.days.size(); ++d) {
      const auto& cell = row.days[d];
      const int x = kLabelW + kCellW * static_cast<int>(d);
      h.raw("<rect class=\"").text(state_class(cell_state(cell))).raw("\" x=\"");
      h.text(std::to_string(x + 1)).raw("\" y=\"").text(std::to_string(y + 1));
      h.raw("\" width=\"").text(std::to_string(kCellW - 2)).raw("\" height=\"");
      h.text(std::to_string(kCellH - 2)).raw("\" rx=\"3\"/>");
      h.raw("<text text-anchor=\"middle\" x=\"").text(std::to_string(x + kCellW / 2));
      h.raw("\" y=\"").text(std::to_string(y + 18)).raw("\">").text(cell_text(cell));
      h.raw("</text>");
    }
  }
  h.raw("</svg>");
}

void coverage_table(Html& h, Lang lang, const CoverageChart& c) {
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"cov-caption\">");
  h.raw("<table><caption id=\"cov-caption\">").text(tr(lang, "chart.table_caption"));
  h.raw("</caption><thead><tr><th scope=\"col\">").text(tr(lang, "col.site")).raw("</th>");
  for (const auto d : c.days) {
    h.raw("<th scope=\"col\" class=\"num\"><abbr title=\"").text(format_date(d)).raw("\">");
    h.text(day_label(lang, d)).raw("</abbr></th>");
  }
  h.raw("</tr></thead><tbody>");
  for (const auto& row : c.rows) {
    h.raw("<tr><th scope=\"row\"><abbr title=\"").text(row.name).raw("\">").text(row.site);
    h.raw("</abbr></th>");
    for (std::size_t d = 0; d < row.days.size() && d < c.days.size(); ++d) {
      const auto& cell = row.days[d];
      h.raw("<td class=\"num\">");
      if (cell.sessions == 0) {
        h.raw("<span class=\"muted\">–</span>");
      } else {
        const std::string day = format_date(c.days[d]);
        const std::string href =
            Query().add("site", row.site).add("from", day).add("to", day).url("/sessions");
        h.raw("<a href=\"").text(href).raw("\">").text(cell_text(cell));
        h.raw("<span class=\"sr-only\"> ")
            .text(tr(lang, "chart.sessions_covered"))
            .raw("</span></a>");
      }
      h.raw("</td>");
    }
    h.raw("</tr>");
  }
  h.raw("</tbody></table></div>");
}

}  // namespace cw::web
