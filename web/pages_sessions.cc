// GET /sessions — sessions with filters (site, date range, covered or not),
// keyset-paginated by app::list_sessions(); 50 per page.
#include <httplib.h>

#include "app/queries.h"
#include "core/text.h"
#include "store/repos.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/language_names.h"
#include "web/pager.h"
#include "web/server.h"
#include "web/session_view.h"
#include "web/url.h"

namespace cw::web {
namespace {

constexpr int kSessionPageSize = 50;

struct Filters {
  std::string site, from, to, coverage;
  Query query() const {
    return Query().add("site", site).add("from", from).add("to", to).add("coverage", coverage);
  }
};

Filters filters_of(const httplib::Request& req) {
  Filters f{upper_ascii(req.get_param_value("site")), req.get_param_value("from"),
            req.get_param_value("to"), req.get_param_value("coverage")};
  if (f.site.size() > 16) f.site.clear();
  if (f.coverage != "covered" && f.coverage != "uncovered") f.coverage.clear();
  if (!parse_iso_date(f.from)) f.from.clear();
  if (!parse_iso_date(f.to)) f.to.clear();
  return f;
}

void filter_form(Html& h, Lang lang, store::Database& db, const Filters& f) {
  h.raw("<form class=\"filters\" method=\"get\" action=\"/sessions\">");
  Options sites{{"", std::string(tr(lang, "filter.all_sites"))}};
  if (auto all = store::SiteRepo(db).all()) {
    for (const auto& s : *all) sites.emplace_back(s.code, s.code + " — " + s.name);
  }
  select_field(h, {.name = "site", .label = tr(lang, "col.site"), .value = f.site}, sites);
  input_field(h, {.name = "from",
                  .label = tr(lang, "filter.from"),
                  .value = f.from,
                  .type = "date",
                  .hint = tr(lang, "date.hint")});
  input_field(h, {.name = "to",
                  .label = tr(lang, "filter.to"),
                  .value = f.to,
                  .type = "date",
                  .hint = tr(lang, "date.hint")});
  select_field(h, {.name = "coverage", .label = tr(lang, "filter.coverage"), .value = f.coverage},
               {{"", std::string(tr(lang, "filter.any"))},
                {"uncovered", std::string(tr(lang, "filter.uncovered"))},
                {"covered", std::string(tr(lang, "filter.covered"))}});
  h.raw("<button type=\"submit\">").text(tr(lang, "filter.apply")).raw("</button></form>");
}

void sessions_table(Html& h, Lang lang, const std::vector<app::SessionSummary>& items) {
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
  h.text(tr(lang, "sessions.title")).raw("\"><table><thead><tr>");
  for (const char* k : {"col.session", "col.time", "col.hearings", "col.detained", "col.languages",
                        "col.assigned", "col.coverage"}) {
    h.raw("<th scope=\"col\">").text(tr(lang, k)).raw("</th>");
  }
  h.raw("</tr></thead><tbody>");
  for (const auto& s : items) {
    h.raw("<tr><td>");
    session_link(h, lang, s.session.id, s.session.key);
    h.raw("</td><td>").text(format_time(s.session.start)).raw("–").text(format_time(s.session.end));
    h.raw("</td><td class=\"num\">").text(std::to_string(s.session.hearings));
    h.raw("</td><td class=\"num\">").text(std::to_string(s.session.detained_hearings));
    h.raw("</td><td>").text(language_list(lang, s.session.languages)).raw("</td><td>");
    for (const auto& a : s.assignments) {
      h.text(a.volunteer).raw(" ");
      state_badge(h, lang, a.state);
      h.raw("<br>");
    }
    h.raw("</td><td>");
    coverage_badge(h, lang, s);
    if (s.reason) {
      h.raw("<br><span class=\"small muted\">").text(phrase_text(lang, s.why, *s.reason));
      h.raw("</span>");
    }
    h.raw("</td></tr>");
  }
  h.raw("</tbody></table></div>");
}

}  // namespace

void add_session_list_page(WebServer& server) {
  server.page_get(
      "/sessions", "sessions_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::sessions);
        const Lang lang = shell.lang;
        const Filters f = filters_of(req);
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        app::SessionQuery q;
        if (!f.from.empty()) q.from = *parse_iso_date(f.from);
        if (!f.to.empty()) q.to = *parse_iso_date(f.to);
        if (!f.site.empty()) q.site = f.site;
        if (!f.coverage.empty()) q.covered = f.coverage == "covered";
        q.page.limit = kSessionPageSize;
        q.page.cursor = req.get_param_value("cursor");
        auto page = app::list_sessions(**lease, q, server.clock().now());

        Html h;
        page_begin(h, shell, tr(lang, "sessions.title"));
        h.raw("<h1>").text(tr(lang, "sessions.title")).raw("</h1>");
        done_flash(h, lang, req);
        filter_form(h, lang, **lease, f);
        int status = 200;
        if (!page) {
          error_summary(h, tr(lang, "form.error"), error_text(lang, page.error()));
          status = error_status(page.error());
        } else if (page->items.empty()) {
          h.raw("<p>").text(tr(lang, "sessions.none")).raw("</p>");
        } else {
          sessions_table(h, lang, page->items);
          cursor_pager(h, lang, req, page->next_cursor, "/sessions", f.query());
        }
        h.raw("<p><a href=\"").text(f.query().url("/export/sessions.csv")).raw("\">");
        h.text(tr(lang, "export.sessions")).raw("</a></p>");
        page_end(h, shell);
        send_page(res, shell, std::move(h), status);
      });
}

}  // namespace cw::web
