// GET / — a plain read-only page listing upcoming hearings per site.
//
// Shows what a coordinator needs to see at a glance and nothing private: no
// case reference, no respondent data. Dates are each site's local dates.
#include <httplib.h>

#include <map>

#include "store/repos.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/server.h"

namespace cw::web {
namespace {

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
    h.raw("</td><td>").text(x.language).raw("</td><td>");
    h.text(tr(lang, x.detained ? "yes" : "no")).raw("</td></tr>");
  }
  h.raw("</tbody></table></div></section>");
}

}  // namespace

void add_hearing_pages(WebServer& server) {
  server.page_get(
      "/", "hearings_page", UserRole::coordinator,
      [&server](const httplib::Request&, httplib::Response& res, const Principal& me) {
        const Lang lang = me.locale == "es" ? Lang::es : Lang::en;
        auto lease = server.pool().acquire();
        if (!lease) return send_error(res, 503, "database not reachable");
        store::SiteRepo sites(**lease);
        store::HearingRepo hearings(**lease);
        auto all_sites = sites.all();
        if (!all_sites) return send_error(res, 500, "cannot read sites");

        // Each site's "today" is its own local date.
        std::map<std::string, std::vector<Hearing>> by_site;
        const Instant now = server.clock().now();
        // Local dates differ from the UTC date by at most one day either way.
        const LocalDate utc_today{date::floor<date::days>(now).time_since_epoch()};
        store::HearingFilter filter{utc_today - date::days{1}, utc_today + date::days{15},
                                    std::nullopt, false};
        auto ok = hearings.each(filter, [&](const Hearing& h) { by_site[h.site].push_back(h); });
        if (!ok) return send_error(res, 500, "cannot read hearings");

        const Shell shell{
            .lang = lang, .nav = Nav::dashboard, .user = me.name, .csrf = me.csrf, .here = "/"};
        Html h;
        page_begin(h, shell, tr(lang, "hearings.title"));
        h.raw("<h1>").text(tr(lang, "hearings.title")).raw("</h1><p>");
        h.text(tr(lang, "hearings.intro")).raw(" ").text(tr(lang, "times.local")).raw("</p>");
        bool any = false;
        for (const auto& site : *all_sites) {
          auto it = by_site.find(site.code);
          if (it == by_site.end()) continue;
          auto zone = find_zone(site.timezone);
          if (!zone) continue;
          const LocalDate today = local_day(*zone, now);
          std::vector<Hearing> upcoming;
          for (auto& x : it->second) {
            if (x.date >= today && x.date < today + date::days{14})
              upcoming.push_back(std::move(x));
          }
          if (upcoming.empty()) continue;
          any = true;
          render_site(h, lang, site, upcoming);
        }
        if (!any) h.raw("<p>").text(tr(lang, "hearings.none")).raw("</p>");
        page_end(h, shell);
        send_page(res, shell, std::move(h));
      });
}

}  // namespace cw::web
