// GET /closures — site-day closures (manual and from the EOIR status page)
// from a week ago on, with the form to enter one; POST /closures enters a
// closure (its hearings and sessions are cancelled by app/closures.h);
// POST /closures/lift lifts a manual one. Errors re-render_closures the form with what
// was typed; success answers 303 (Post/Redirect/Get).
#include <httplib.h>

#include "app/closures.h"
#include "store/repos.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/server.h"
#include "web/url.h"

namespace cw::web {
namespace {

struct ClosureForm {
  std::string site, date, scope = "closed", reason;
  std::string error;
};

Options site_options(store::Database& db, Lang lang) {
  Options out{{"", std::string(tr(lang, "closures.pick_site"))}};
  if (auto sites = store::SiteRepo(db).all()) {
    for (const auto& s : *sites) out.emplace_back(s.code, s.code + " — " + s.name);
  }
  return out;
}

void closure_form(Html& h, Lang lang, const Shell& shell, store::Database& db,
                  const ClosureForm& f) {
  h.raw("<h2 id=\"new-closure\">").text(tr(lang, "closures.new")).raw("</h2>");
  if (!f.error.empty()) error_summary(h, tr(lang, "form.error"), f.error);
  h.raw(
      "<form class=\"stack\" method=\"post\" action=\"/closures\" "
      "aria-labelledby=\"new-closure\">");
  csrf_field(h, shell.csrf);
  select_field(h,
               {.name = "site", .label = tr(lang, "col.site"), .value = f.site, .required = true},
               site_options(db, lang));
  input_field(h, {.name = "date",
                  .label = tr(lang, "col.date"),
                  .value = f.date,
                  .type = "date",
                  .hint = tr(lang, "date.hint"),
                  .required = true});
  select_field(h, {.name = "scope", .label = tr(lang, "closures.scope"), .value = f.scope},
               {{"closed", std::string(tr(lang, "closures.closed"))},
                {"partial", std::string(tr(lang, "closures.partial"))}});
  input_field(h, {.name = "reason",
                  .label = tr(lang, "closures.reason"),
                  .value = f.reason,
                  .hint = tr(lang, "closures.reason_hint")});
  h.raw("<div><button type=\"submit\">").text(tr(lang, "closures.submit"));
  h.raw("</button></div></form>");
}

void closure_list(Html& h, Lang lang, const Shell& shell, const std::vector<store::Closure>& list) {
  h.raw("<h2>").text(tr(lang, "closures.list")).raw("</h2>");
  if (list.empty()) {
    h.raw("<p>").text(tr(lang, "closures.none")).raw("</p>");
    return;
  }
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
  h.text(tr(lang, "closures.list")).raw("\"><table><thead><tr>");
  for (const char* k : {"col.date", "col.site", "closures.scope", "closures.reason",
                        "closures.source", "col.actions"}) {
    h.raw("<th scope=\"col\">").text(tr(lang, k)).raw("</th>");
  }
  h.raw("</tr></thead><tbody>");
  for (const auto& c : list) {
    const std::string day = format_date(c.date);
    h.raw("<tr><td>").text(day).raw("</td><td>").text(c.site).raw("</td><td>");
    h.text(
        tr(lang, c.kind == store::ClosureKind::partial ? "closures.partial" : "closures.closed"));
    h.raw("</td><td>").text(c.reason).raw("</td><td>").text(c.source).raw("</td><td>");
    if (c.source == "manual") {
      post_button(
          h, {.action = "/closures/lift",
              .label = tr(lang, "closures.lift"),
              .csrf = shell.csrf,
              .hidden = {{"site", c.site}, {"date", day}},
              .confirm = tr(lang, "closures.lift_confirm"),
              .css = "secondary",
              .aria_label = std::string(tr(lang, "closures.lift")) + " " + c.site + " " + day});
    }
    h.raw("</td></tr>");
  }
  h.raw("</tbody></table></div>");
}

void render_closures(WebServer& server, const httplib::Request& req, httplib::Response& res,
                     const Principal& me, const ClosureForm& form, int status) {
  const Shell shell = desk_shell(req, me, Nav::closures);
  const Lang lang = shell.lang;
  auto lease = server.pool().acquire();
  if (!lease) return send_unavailable(res, shell);
  Html h;
  page_begin(h, shell, tr(lang, "closures.title"));
  h.raw("<h1>").text(tr(lang, "closures.title")).raw("</h1><p>").text(tr(lang, "closures.intro"));
  h.raw("</p>");
  done_flash(h, lang, req);
  closure_form(h, lang, shell, **lease, form);
  auto list = app::list_closures(**lease, utc_today(server) - date::days{7});
  if (!list) {
    error_summary(h, tr(lang, "form.error"), error_text(lang, list.error()));
  } else {
    closure_list(h, lang, shell, *list);
  }
  page_end(h, shell);
  send_page(res, shell, std::move(h), status);
}

}  // namespace

void add_closure_pages(WebServer& server) {
  server.page_get(
      "/closures", "closures_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        render_closures(server, req, res, me, {}, 200);
      });

  server.page_post(
      "/closures", "closure_add", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Lang lang = desk_shell(req, me, Nav::closures).lang;
        ClosureForm f{req.get_param_value("site"),
                      req.get_param_value("date"),
                      req.get_param_value("scope"),
                      req.get_param_value("reason"),
                      {}};
        if (f.reason.size() > 500) f.reason.resize(500);
        const auto day = parse_iso_date(f.date);
        if (f.site.empty() || !day) {
          f.error = std::string(tr(lang, "closures.need_site_date"));
          return render_closures(server, req, res, me, f, 422);
        }
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::closures));
        const auto scope = f.scope == "partial" ? app::ClosureScope::detained_only_open
                                                : app::ClosureScope::whole_day;
        auto out = app::add_closure(**lease, server.clock(), app::Actor::coordinator(me.name),
                                    f.site, *day, scope, f.reason);
        if (!out) {
          f.error = error_text(lang, out.error());
          return render_closures(server, req, res, me, f, error_status(out.error()));
        }
        redirect_see_other(res, done_url("/closures", "closed"));
      });

  server.page_post(
      "/closures/lift", "closure_lift", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Lang lang = desk_shell(req, me, Nav::closures).lang;
        const auto day = parse_iso_date(req.get_param_value("date"));
        ClosureForm f;
        if (!day) {
          f.error = std::string(tr(lang, "closures.need_site_date"));
          return render_closures(server, req, res, me, f, 422);
        }
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::closures));
        auto out = app::lift_closure(**lease, server.clock(), app::Actor::coordinator(me.name),
                                     req.get_param_value("site"), *day);
        if (!out) {
          f.error = error_text(lang, out.error());
          return render_closures(server, req, res, me, f, error_status(out.error()));
        }
        redirect_see_other(res, done_url("/closures", "lifted"));
      });
}

}  // namespace cw::web
