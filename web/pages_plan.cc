// GET /plan — the matcher's proposal as a diff against the current plan;
// POST /plan/apply stores it; POST /plan/invite turns the proposals of the
// range into invitations (DESIGN.md §8). All rules are app/plan.h's; this
// file parses the range, calls, and renders.
//
// GET /plan shows the range form; ?preview=1 runs the matcher (read only) and
// shows what it would add and withdraw, what it keeps, and each seat it
// cannot fill with the reason. The apply form carries the same range.
#include <httplib.h>

#include <functional>
#include <utility>

#include "app/plan.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/server.h"
#include "web/url.h"

namespace cw::web {
namespace {

constexpr int kDefaultDays = 14;
constexpr int kMaxPlanDays = 62;

struct Range {
  LocalDate from;
  LocalDate to;
  std::string error;  // why the given range was not taken
};

Range range_of(const WebServer& server, const httplib::Request& req, Lang lang) {
  const LocalDate today = utc_today(server);
  Range r{date_param(req, "from").value_or(today),
          date_param(req, "to").value_or(today + date::days{kDefaultDays - 1}),
          {}};
  if (r.to < r.from || r.to - r.from > date::days{kMaxPlanDays}) {
    r.error = std::string(tr(lang, "plan.bad_range"));
    r.from = today;
    r.to = today + date::days{kDefaultDays - 1};
  }
  return r;
}

void range_form(Html& h, Lang lang, const Range& r) {
  h.raw("<form class=\"filters\" method=\"get\" action=\"/plan\">");
  input_field(h, {.name = "from",
                  .label = tr(lang, "filter.from"),
                  .value = format_date(r.from),
                  .error = r.error,
                  .type = "date",
                  .hint = tr(lang, "date.hint")});
  input_field(h, {.name = "to",
                  .label = tr(lang, "filter.to"),
                  .value = format_date(r.to),
                  .type = "date",
                  .hint = tr(lang, "date.hint")});
  hidden_field(h, "preview", "1");
  h.raw("<button type=\"submit\">").text(tr(lang, "plan.preview")).raw("</button></form>");
}

void seats_table(Html& h, Lang lang, const std::vector<app::PlannedSeat>& seats,
                 std::string_view caption, const char* row_class) {
  h.raw("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"").text(caption);
  h.raw("\"><table><caption>").text(caption).raw(" (").text(std::to_string(seats.size()));
  h.raw(")</caption><thead><tr><th scope=\"col\">").text(tr(lang, "col.session"));
  h.raw("</th><th scope=\"col\">").text(tr(lang, "col.volunteer")).raw("</th></tr></thead><tbody>");
  for (const auto& s : seats) {
    h.raw("<tr class=\"").text(row_class).raw("\"><td>");
    session_link(h, lang, s.session, s.key);
    h.raw("</td><td><a href=\"/volunteers/").text(url_encode(s.handle)).raw("\">").text(s.handle);
    h.raw("</a></td></tr>");
  }
  if (seats.empty()) {
    h.raw("<tr><td colspan=\"2\" class=\"muted\">").text(tr(lang, "plan.none")).raw("</td></tr>");
  }
  h.raw("</tbody></table></div>");
}

void unfilled_list(Html& h, Lang lang, const std::vector<app::UnfilledSeats>& unfilled) {
  h.raw("<h2>").text(tr(lang, "plan.unfilled")).raw(" (").text(std::to_string(unfilled.size()));
  h.raw(")</h2>");
  if (unfilled.empty()) {
    h.raw("<p>").text(tr(lang, "plan.all_filled")).raw("</p>");
    return;
  }
  h.raw("<ul class=\"plain\">");
  for (const auto& u : unfilled) {
    h.raw("<li>");
    session_link(h, lang, u.session, u.key);
    const Phrase seats = Phrase{}.arg("seats", std::to_string(u.seats));
    h.raw(" — <strong>").text(fill(tr(lang, "plan.seats_open"), seats));
    h.raw("</strong><br><span class=\"muted\">").text(phrase_text(lang, u.why, u.reason));
    h.raw("</span></li>");
  }
  h.raw("</ul>");
}

void apply_forms(Html& h, Lang lang, const Shell& shell, const Range& r) {
  const std::vector<std::pair<std::string, std::string>> range{{"from", format_date(r.from)},
                                                               {"to", format_date(r.to)}};
  h.raw("<div class=\"actions\">");
  post_button(h, {.action = "/plan/apply",
                  .label = tr(lang, "plan.apply"),
                  .csrf = shell.csrf,
                  .hidden = range});
  post_button(h, {.action = "/plan/invite",
                  .label = tr(lang, "plan.invite"),
                  .csrf = shell.csrf,
                  .hidden = range,
                  .confirm = tr(lang, "plan.invite_confirm"),
                  .css = "secondary"});
  h.raw("</div>");
}

void render_plan(WebServer& server, const httplib::Request& req, httplib::Response& res,
                 const Principal& me, const std::string& action_error) {
  const Shell shell = desk_shell(req, me, Nav::plan);
  const Lang lang = shell.lang;
  const Range r = range_of(server, req, lang);
  Html h;
  page_begin(h, shell, tr(lang, "plan.title"));
  h.raw("<h1>").text(tr(lang, "plan.title")).raw("</h1><p>").text(tr(lang, "plan.intro"));
  h.raw("</p>");
  done_flash(h, lang, req);
  if (const std::string n = req.get_param_value("n"); !n.empty() && n.size() < 8) {
    h.raw("<p class=\"muted\">").text(n).raw(" ").text(tr(lang, "plan.changed_count")).raw("</p>");
  }
  if (!action_error.empty()) error_summary(h, tr(lang, "form.error"), action_error);
  range_form(h, lang, r);
  int status = action_error.empty() ? 200 : 409;
  if (req.get_param_value("preview") == "1" && r.error.empty()) {
    auto lease = server.pool().acquire();
    if (!lease) return send_unavailable(res, shell);
    auto diff = app::preview_plan(**lease, app::PlanRequest{r.from, r.to});
    if (!diff) {
      error_summary(h, tr(lang, "form.error"), error_text(lang, diff.error()));
      status = error_status(diff.error());
    } else {
      h.raw("<dl class=\"facts\"><div><dt>").text(tr(lang, "plan.sessions")).raw("</dt><dd>");
      h.text(std::to_string(diff->sessions)).raw("</dd></div><div><dt>");
      h.text(tr(lang, "plan.added")).raw("</dt><dd>").text(std::to_string(diff->added.size()));
      h.raw("</dd></div><div><dt>").text(tr(lang, "plan.removed")).raw("</dt><dd>");
      h.text(std::to_string(diff->removed.size())).raw("</dd></div><div><dt>");
      h.text(tr(lang, "plan.kept")).raw("</dt><dd>").text(std::to_string(diff->kept));
      h.raw("</dd></div><div><dt>").text(tr(lang, "plan.objective")).raw("</dt><dd>");
      h.text(std::to_string(diff->objective)).raw("</dd></div></dl>");
      apply_forms(h, lang, shell, r);
      seats_table(h, lang, diff->added, tr(lang, "plan.added"), "added");
      seats_table(h, lang, diff->removed, tr(lang, "plan.removed"), "removed");
      unfilled_list(h, lang, diff->unfilled);
    }
  } else if (r.error.empty()) {
    apply_forms(h, lang, shell, r);
  }
  page_end(h, shell);
  send_page(res, shell, std::move(h), status);
}

std::string range_query(const Range& r) {
  return Query().add("from", format_date(r.from)).add("to", format_date(r.to)).url("").substr(1);
}

}  // namespace

void add_plan_pages(WebServer& server) {
  server.page_get("/plan", "plan_page", UserRole::coordinator,
                  [&server](const httplib::Request& req, httplib::Response& res,
                            const Principal& me) { render_plan(server, req, res, me, {}); });

  // Both POSTs: the range, one app/ call that returns the query of the
  // landing page, 303 there; a refusal re-renders the page with the message.
  using Act = std::function<Result<std::string>(store::Database&, const app::Actor&, const Range&)>;
  const auto range_post = [&server](const char* path, const char* name, Act act) {
    server.page_post(path, name, UserRole::coordinator,
                     [&server, act = std::move(act)](const httplib::Request& req,
                                                     httplib::Response& res, const Principal& me) {
                       const Lang lang = desk_shell(req, me, Nav::plan).lang;
                       const Range r = range_of(server, req, lang);
                       if (!r.error.empty()) return render_plan(server, req, res, me, r.error);
                       auto lease = server.pool().acquire();
                       if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::plan));
                       auto query = act(**lease, app::Actor::coordinator(me.name), r);
                       if (!query)
                         return render_plan(server, req, res, me, error_text(lang, query.error()));
                       redirect_see_other(res, "/plan?" + *query);
                     });
  };
  range_post(
      "/plan/apply", "plan_apply",
      [&server](store::Database& db, const app::Actor& who, const Range& r) -> Result<std::string> {
        const auto diff = CW_TRY(app::apply_plan(db, server.clock(), who, {r.from, r.to}));
        return "done=applied&" + range_query(r) +
               "&preview=1&n=" + std::to_string(diff.added.size());
      });
  range_post(
      "/plan/invite", "plan_invite",
      [&server](store::Database& db, const app::Actor& who, const Range& r) -> Result<std::string> {
        const int n = CW_TRY(app::invite(db, server.clock(), who, r.from, r.to));
        return "done=invited&" + range_query(r) + "&n=" + std::to_string(n);
      });
}

}  // namespace cw::web
