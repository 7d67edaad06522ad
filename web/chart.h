// The coverage chart of the dashboard: sites × the next 14 days, drawn as an
// inline SVG (no script, no external file) plus the same figures as a table,
// which is the accessible alternative and the one with links.
//
// A cell shows "covered/sessions" for one site and day and is classed by
// state (all covered, partly, none covered, no sessions); colour is never the
// only cue (the text and the legend say it). The SVG has role="img" with
// <title> and <desc>. Size grows with sites × days only, never with hearings.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/time.h"
#include "web/html.h"
#include "web/i18n.h"

namespace cw::web {

struct CoverageCell {
  int sessions = 0;  // active sessions at the site that day
  int covered = 0;   // of those, sessions with every seat filled
};

struct CoverageRow {
  std::string site;  // code
  std::string name;
  std::vector<CoverageCell> days;  // one per CoverageChart::days entry
};

struct CoverageChart {
  std::vector<LocalDate> days;
  std::vector<CoverageRow> rows;
};

enum class CellState { none, ok, partial, uncovered };
CellState cell_state(const CoverageCell& c);

void coverage_svg(Html& h, Lang lang, const CoverageChart& c);
void coverage_table(Html& h, Lang lang, const CoverageChart& c);
// The legend (a list) shared by both.
void coverage_legend(Html& h, Lang lang);

}  // namespace cw::web
