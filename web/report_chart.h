// The chart of the coordinators' reports page: per site, one group of bars
// per ISO week — reports filed, reports that saw ICE present, people
// detained — drawn as an inline SVG (no script, no external file) with
// role="img", <title> and <desc>; the page's table carries the same figures
// as the accessible alternative. Every bar has its number written beside it,
// so colour is never the only cue. Size grows with sites × weeks only.
// Stateless; thread-safe.
#pragma once

#include <string_view>

#include "app/report_overview.h"
#include "web/html.h"
#include "web/i18n.h"

namespace cw::web {

// `label(key)` gives the words: "chart.reports", "chart.ice", "chart.detained",
// "chart.title", "chart.week_of".
void reports_svg(Html& h, const app::ReportOverview& o,
                 std::string_view (*label)(Lang, std::string_view), Lang lang);

}  // namespace cw::web
