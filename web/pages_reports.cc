// GET /reports — observation reports filed by volunteers after their
// sessions (app::report_overview: the last 28 days by default, at one site
// when asked): totals per site and week, then every report with what was
// seen. The totals are drawn as an SVG chart per site (web/report_chart.h)
// and written as a table (the accessible alternative). Notes are the
// volunteer's free text, shown escaped. The report form itself is on the
// volunteer's page.
#include <httplib.h>

#include <algorithm>

#include "app/report_overview.h"
#include "core/text.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/report_chart.h"
#include "web/server.h"

namespace cw::web {
namespace {

constexpr int kReportDefaultDays = 28;
constexpr int kMaxReportDays = 92;

// The chart's words, from this page's catalog entries ("chart.title" is the
// dashboard's coverage chart).
std::string_view chart_label(Lang lang, std::string_view key) {
  if (key == "chart.title") return tr(lang, "rep.weeks");
  if (key == "chart.reports") return tr(lang, "rep.count");
  if (key == "chart.ice") return tr(lang, "rep.ice");
  if (key == "chart.detained") return tr(lang, "rep.detained");
  if (key == "chart.week_of") return tr(lang, "rep.week");
  return tr(lang, key);
}

void totals_table(Html& h, Lang lang, const std::vector<app::WeekTotals>& weeks) {
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"rep-weeks\">");
  h.raw("<table><caption id=\"rep-weeks\">")
      .text(tr(lang, "rep.weeks"))
      .raw("</caption><thead><tr>");
  for (const char* k : {"col.site", "rep.week", "rep.count", "rep.ice", "rep.detained"}) {
    h.raw("<th scope=\"col\">").text(tr(lang, k)).raw("</th>");
  }
  h.raw("</tr></thead><tbody>");
  for (const auto& w : weeks) {
    if (w.reports == 0) continue;
    h.raw("<tr><td>").text(w.site).raw("</td><td>").text(format_date(w.week));
    h.raw("</td><td class=\"num\">").text(std::to_string(w.reports)).raw("</td><td class=\"num\">");
    h.text(std::to_string(w.ice_present)).raw("</td><td class=\"num\">");
    h.text(std::to_string(w.detained)).raw("</td></tr>");
  }
  h.raw("</tbody></table></div>");
}

void report_list(Html& h, Lang lang, const std::vector<store::SiteReport>& reports) {
  h.raw("<h2>").text(tr(lang, "rep.list")).raw("</h2>");
  if (reports.empty()) {
    h.raw("<p>").text(tr(lang, "rep.none")).raw("</p>");
    return;
  }
  h.raw("<ul class=\"plain\">");
  for (const auto& r : reports) {
    h.raw("<li><a href=\"/sessions/").text(std::to_string(r.report.session)).raw("\">");
    h.text(format_date(r.date)).raw(" ").text(half_name(lang, r.half)).raw(" · ").text(r.site);
    h.raw(" · ").text(r.location).raw("</a> — ");
    h.text(r.volunteer_name.empty() ? std::string(tr(lang, "rep.anonymous")) : r.volunteer_name);
    h.raw("<br>");
    if (r.report.alert())
      h.raw("<span class=\"badge bad\">").text(tr(lang, "rep.alert")).raw("</span> ");
    h.text(tr(lang, "rep.ice")).raw(": ");
    h.text(tr(lang, "rep.ice_" + std::string(store::to_string(r.report.ice_present))));
    h.raw(" · ")
        .text(tr(lang, "rep.detained"))
        .raw(": ")
        .text(std::to_string(r.report.detained_count));
    if (!r.report.notes.empty()) {
      h.raw("<br><span class=\"muted\">").text(r.report.notes).raw("</span>");
    }
    h.raw("</li>");
  }
  h.raw("</ul>");
}

}  // namespace

void add_reports_page(WebServer& server) {
  server.page_get(
      "/reports", "reports_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::reports);
        const Lang lang = shell.lang;
        const LocalDate today = utc_today(server);
        LocalDate to = date_param(req, "to").value_or(today);
        LocalDate from = date_param(req, "from").value_or(to - date::days{kReportDefaultDays - 1});
        std::string error;
        if (to < from || to - from > date::days{kMaxReportDays}) {
          error = std::string(tr(lang, "rep.bad_range"));
          to = today;
          from = today - date::days{kReportDefaultDays - 1};
        }
        std::string site = upper_ascii(trim(req.get_param_value("site")));
        if (site.size() > 16) site.clear();
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        auto overview = app::report_overview(
            **lease, site.empty() ? std::nullopt : std::optional<std::string>(site), from, to);
        Html h;
        page_begin(h, shell, tr(lang, "nav.reports"));
        h.raw("<h1>").text(tr(lang, "nav.reports")).raw("</h1>");
        h.raw("<form class=\"filters\" method=\"get\" action=\"/reports\">");
        input_field(h, {.name = "site",
                        .label = tr(lang, "col.site"),
                        .value = site,
                        .hint = tr(lang, "vol.site_hint")});
        input_field(h, {.name = "from",
                        .label = tr(lang, "filter.from"),
                        .value = format_date(from),
                        .error = error,
                        .type = "date",
                        .hint = tr(lang, "date.hint")});
        input_field(h, {.name = "to",
                        .label = tr(lang, "filter.to"),
                        .value = format_date(to),
                        .type = "date",
                        .hint = tr(lang, "date.hint")});
        h.raw("<button type=\"submit\">").text(tr(lang, "filter.apply")).raw("</button></form>");
        int status = 200;
        if (!overview) {
          error_summary(h, tr(lang, "form.error"), error_text(lang, overview.error()));
          status = error_status(overview.error());
        } else {
          if (std::ranges::any_of(overview->weeks, [](const auto& w) { return w.reports > 0; })) {
            h.raw("<h2>").text(tr(lang, "rep.weeks")).raw("</h2>");
            reports_svg(h, *overview, &chart_label, lang);
          }
          totals_table(h, lang, overview->weeks);
          report_list(h, lang, overview->reports);
        }
        page_end(h, shell);
        send_page(res, shell, std::move(h), status);
      });
}

}  // namespace cw::web
