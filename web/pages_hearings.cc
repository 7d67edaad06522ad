// GET /hearings — a plain read-only page listing upcoming hearings per site
// (the desk's dashboard is at /, web/desk_routes.h): one keyset page of 200
// from app::list_hearings (the next 14 days), so its size is bounded on a
// nationwide database.
//
// Shows what a coordinator needs to see at a glance and nothing private: no
// case reference, no respondent data. Dates are each site's local dates.
#include <httplib.h>

#include <map>

#include "app/queries.h"
#include "store/repos.h"
#include "web/desk.h"
#include "web/forms.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/language_names.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/server.h"

namespace cw::web {
namespace {

constexpr int kHearingPageSize = 200;

void render_site(Html& h, Lang lang, const Site& site, const std::vector<Hearing>& hearings) {
  h.raw("<section><h2>").text(site.name).raw(" <small>(").text(site.code).raw(")</small></h2>");
  h.raw("<p class=\"address\">").text(site.address).raw(" · ").text(site.timezone).raw("</p>");
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"").text(site.code);
  h.raw("\"><table><thead><tr><th>").text(tr(lang, "col.date")).raw("</th><th>");
  h.text(tr(lang, "col.time")).raw("</th><th>").text(tr(lang, "col.location")).raw("</th><th>");
  h.text(tr(lang, "col.judge")).raw("</th><th>").text(tr(lang, "col.type")).raw("</th><th>");
  h.text(tr(lang, "col.language")).raw("</th><th>").text(tr(lang, "col.detained"));
  h.raw("</th></tr></thead><tbody>");
  for (const auto& x : hearings) {
    h.raw("<tr><td>").text(format_date(x.date)).raw("</td><td>").text(format_time(x.start));
    if (x.stop) h.raw("–").text(format_time(*x.stop));
    h.raw("</td><td>").text(x.location).raw("</td><td>").text(x.judge).raw("</td><td>");
    h.text(tr(lang, std::string("type.") + std::string(to_string(x.type))));
    h.raw("</td><td>").text(language_name(lang, x.language)).raw("</td><td>");
    h.text(tr(lang, x.detained ? "yes" : "no")).raw("</td></tr>");
  }
  h.raw("</tbody></table></div></section>");
}

}  // namespace

void add_hearing_pages(WebServer& server) {
  server.page_get(
      "/hearings", "hearings_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Shell shell = desk_shell(req, me, Nav::sessions);
        const Lang lang = shell.lang;
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, shell);
        auto all_sites = store::SiteRepo(**lease).all();
        // One bounded page in (date, time, site) order, never the whole horizon.
        app::HearingQuery q;
        q.page.limit = kHearingPageSize;
        q.page.cursor = req.get_param_value("cursor");
        auto page = app::list_hearings(**lease, q, server.clock().now());
        if (!all_sites || !page) {
          const Error& e = all_sites ? page.error() : all_sites.error();
          Html h;
          page_begin(h, shell, tr(lang, "hearings.title"));
          error_summary(h, tr(lang, "form.error"), error_text(lang, e));
          page_end(h, shell);
          return send_page(res, shell, std::move(h), error_status(e));
        }
        std::map<std::string, std::vector<Hearing>> by_site;
        for (auto& x : page->items) by_site[x.site].push_back(std::move(x));
        Html h;
        page_begin(h, shell, tr(lang, "hearings.title"));
        h.raw("<h1>").text(tr(lang, "hearings.title")).raw("</h1><p>");
        h.text(tr(lang, "hearings.intro")).raw(" ").text(tr(lang, "times.local")).raw("</p>");
        for (const auto& site : *all_sites) {
          if (auto it = by_site.find(site.code); it != by_site.end()) {
            render_site(h, lang, site, it->second);
          }
        }
        if (by_site.empty()) h.raw("<p>").text(tr(lang, "hearings.none")).raw("</p>");
        cursor_pager(h, lang, req, page->next_cursor, "/hearings", Query());
        page_end(h, shell);
        send_page(res, shell, std::move(h));
      });
}

}  // namespace cw::web
