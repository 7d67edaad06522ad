#include "web/report_chart.h"

#include <algorithm>
#include <map>

namespace cw::web {
namespace {

constexpr int kBarWidth = 14;
constexpr int kGap = 4;
constexpr int kGroupGap = 18;
constexpr int kHeight = 120;  // plot area
constexpr int kTop = 18;      // room for numbers above bars
constexpr int kBottom = 30;   // room for week labels
constexpr int kLeft = 8;

struct Series {
  std::string_view css;
  int app::WeekTotals::*value;
};
constexpr Series kSeries[] = {{"bar-reports", &app::WeekTotals::reports},
                              {"bar-ice", &app::WeekTotals::ice_present},
                              {"bar-detained", &app::WeekTotals::detained}};

std::string num(int n) { return std::to_string(n); }

void site_chart(Html& h, const std::string& site, const std::vector<app::WeekTotals>& weeks,
                std::string_view (*label)(Lang, std::string_view), Lang lang) {
  int top = 1;
  for (const auto& w : weeks) {
    for (const auto& s : kSeries) top = std::max(top, w.*(s.value));
  }
  const int group = 3 * kBarWidth + 2 * kGap;
  const int width = kLeft + static_cast<int>(weeks.size()) * (group + kGroupGap);
  const int height = kTop + kHeight + kBottom;
  h.raw("<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"chart-")
      .text(site)
      .raw("-t chart-")
      .text(site)
      .raw("-d\" viewBox=\"0 0 ")
      .text(num(width))
      .raw(" ")
      .text(num(height))
      .raw("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
  h.raw("<title id=\"chart-").text(site).raw("-t\">").text(label(lang, "chart.title"));
  h.raw(" — ").text(site).raw("</title><desc id=\"chart-").text(site).raw("-d\">");
  for (const auto& w : weeks) {
    h.text(label(lang, "chart.week_of")).raw(" ").text(format_date(w.week)).raw(": ");
    h.text(num(w.reports)).raw(" ").text(label(lang, "chart.reports")).raw(", ");
    h.text(num(w.ice_present)).raw(" ").text(label(lang, "chart.ice")).raw(", ");
    h.text(num(w.detained)).raw(" ").text(label(lang, "chart.detained")).raw(". ");
  }
  h.raw("</desc>");
  int x = kLeft;
  for (const auto& w : weeks) {
    for (int i = 0; i < 3; ++i) {
      const int value = w.*(kSeries[i].value);
      const int bar = value * kHeight / top;
      const int bx = x + i * (kBarWidth + kGap);
      h.raw("<rect class=\"").text(kSeries[i].css).raw("\" x=\"").text(num(bx)).raw("\" y=\"");
      h.text(num(kTop + kHeight - bar)).raw("\" width=\"").text(num(kBarWidth));
      h.raw("\" height=\"").text(num(std::max(bar, 1))).raw("\"></rect>");
      h.raw("<text x=\"").text(num(bx + kBarWidth / 2)).raw("\" y=\"");
      h.text(num(kTop + kHeight - bar - 4)).raw("\" text-anchor=\"middle\">").text(num(value));
      h.raw("</text>");
    }
    h.raw("<text x=\"").text(num(x)).raw("\" y=\"").text(num(kTop + kHeight + 18)).raw("\">");
    h.text(format_date(w.week).substr(5)).raw("</text>");
    x += group + kGroupGap;
  }
  h.raw("</svg><figcaption>").text(site).raw("</figcaption></figure>");
}

}  // namespace

void reports_svg(Html& h, const app::ReportOverview& o,
                 std::string_view (*label)(Lang, std::string_view), Lang lang) {
  std::map<std::string, std::vector<app::WeekTotals>> by_site;
  for (const auto& w : o.weeks) by_site[w.site].push_back(w);
  h.raw("<ul class=\"legend\"><li><span class=\"key bar-reports\"></span> ");
  h.text(label(lang, "chart.reports")).raw("</li><li><span class=\"key bar-ice\"></span> ");
  h.text(label(lang, "chart.ice")).raw("</li><li><span class=\"key bar-detained\"></span> ");
  h.text(label(lang, "chart.detained")).raw("</li></ul>");
  for (const auto& [site, weeks] : by_site) site_chart(h, site, weeks, label, lang);
}

}  // namespace cw::web
