// GET / — the dashboard: coverage per site and day for the next 14 days (SVG
// chart plus the same figures as a table) and the uncovered sessions,
// detained first, each with why its seats are empty. Everything comes from
// app::dashboard() (app/queries.h); this file only renders. Its size grows
// with sites × days and a bounded list, never with hearings.
#include <httplib.h>

#include "app/queries.h"
#include "web/chart.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/server.h"
#include "web/session_view.h"

namespace cw::web {
namespace {

constexpr int kDays = 14;
constexpr int kUncoveredShown = 50;

CoverageChart chart_of(const app::Dashboard& d) {
  CoverageChart c{d.days, {}};
  c.rows.reserve(d.sites.size());
  for (const auto& s : d.sites) {
    CoverageRow row{s.site, s.name, {}};
    row.days.reserve(s.days.size());
    for (const auto& cell : s.days) {
      row.days.push_back({cell.sessions, cell.sessions - cell.uncovered});
    }
    c.rows.push_back(std::move(row));
  }
  return c;
}

void summary(Html& h, Lang lang, const app::Dashboard& d) {
  h.raw("<dl class=\"facts\"><div><dt>").text(tr(lang, "dash.uncovered")).raw("</dt><dd>");
  h.text(std::to_string(d.uncovered_total)).raw("</dd></div><div><dt>");
  h.text(tr(lang, "dash.uncovered_detained")).raw("</dt><dd>");
  h.text(std::to_string(d.uncovered_detained)).raw("</dd></div><div><dt>");
  h.text(tr(lang, "dash.sites")).raw("</dt><dd>").text(std::to_string(d.sites.size()));
  h.raw("</dd></div></dl>");
}

void uncovered_list(Html& h, Lang lang, const app::Dashboard& d) {
  h.raw("<h2 id=\"uncovered\">").text(tr(lang, "dash.uncovered_title")).raw("</h2>");
  if (d.uncovered.empty()) {
    h.raw("<p>").text(tr(lang, "dash.all_covered")).raw("</p>");
    return;
  }
  h.raw("<ul class=\"plain\" aria-labelledby=\"uncovered\">");
  for (const auto& s : d.uncovered) {
    h.raw("<li>");
    session_summary_line(h, lang, s);
    h.raw("</li>");
  }
  h.raw("</ul>");
  if (d.uncovered_total > static_cast<int>(d.uncovered.size())) {
    h.raw("<p><a href=\"/sessions?coverage=uncovered\">").text(tr(lang, "dash.all_uncovered"));
    h.raw(" (").text(std::to_string(d.uncovered_total)).raw(")</a></p>");
  }
}

}  // namespace

void add_dashboard_page(WebServer& server) {
  server.page_get(
      "/", "dashboard", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::dashboard);
        const Lang lang = shell.lang;
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        auto d = app::dashboard(**lease, server.clock().now(), kDays, kUncoveredShown);
        Html h;
        page_begin(h, shell, tr(lang, "dash.title"));
        h.raw("<h1>").text(tr(lang, "dash.title")).raw("</h1>");
        if (!d) {
          error_summary(h, tr(lang, "form.error"), error_text(lang, d.error()));
          page_end(h, shell);
          return send_page(res, shell, std::move(h), 500);
        }
        summary(h, lang, *d);
        uncovered_list(h, lang, *d);
        h.raw("<h2>").text(tr(lang, "chart.title")).raw("</h2>");
        if (d->sites.empty()) {
          h.raw("<p>").text(tr(lang, "dash.no_sessions")).raw("</p>");
        } else {
          const CoverageChart chart = chart_of(*d);
          coverage_legend(h, lang);
          h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
          h.text(tr(lang, "chart.title")).raw("\">");
          coverage_svg(h, lang, chart);
          h.raw("</div>");
          coverage_table(h, lang, chart);
        }
        h.raw("<p class=\"actions\"><a href=\"/export/coverage.csv\">");
        h.text(tr(lang, "export.coverage")).raw("</a><a href=\"/export/sessions.csv\">");
        h.text(tr(lang, "export.sessions")).raw("</a></p>");
        page_end(h, shell);
        send_page(res, shell, std::move(h));
      });
}

}  // namespace cw::web
