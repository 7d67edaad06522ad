// GET /sessions/{id} — one session: its facts (hearings, types, languages,
// detained count), the assigned volunteers with their states and actions
// (unassign, pin, forbid), the eligible candidates ranked, and why each other
// volunteer of the site is not eligible. The POSTs call app/assignments.h and
// answer 303 back here; a refused change (a broken hard constraint: 409)
// re-renders the page with the coordinator-readable message.
//   POST /sessions/{id}/assign   volunteer=HANDLE [pin=1]
//   POST /sessions/{id}/forbid   volunteer=HANDLE
//   POST /sessions/{id}/allow    volunteer=HANDLE
//   POST /sessions/{id}/unassign assignment=ID
//   POST /sessions/{id}/pin      assignment=ID pinned=1|0
#include <httplib.h>

#include <charconv>

#include "app/assignments.h"
#include "app/session_detail.h"
#include "core/text.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/language_names.h"
#include "web/server.h"
#include "web/session_view.h"
#include "web/url.h"

namespace cw::web {
namespace {

Id id_of(std::string_view s) {
  Id id = 0;
  if (std::from_chars(s.data(), s.data() + s.size(), id).ec != std::errc{} || id < 0) return 0;
  return id;
}

std::string session_url(Id id) { return "/sessions/" + std::to_string(id); }

void facts(Html& h, Lang lang, const app::SessionDetail& d) {
  const Session& s = d.summary.session;
  std::vector<std::string> types;
  types.reserve(s.types.size());
  for (const auto t : s.types) {
    types.emplace_back(tr(lang, "type." + std::string(to_string(t))));
  }
  const std::pair<const char*, std::string> rows[] = {
      {"col.site", s.key.site + " — " + d.site_name},
      {"col.time", format_time(s.start) + "–" + format_time(s.end)},
      {"col.hearings", std::to_string(s.hearings)},
      {"col.types", join_list(types)},
      {"col.languages", language_list(lang, s.languages)},
      {"col.detained", std::to_string(s.detained_hearings)},
      {"col.seats", std::to_string(s.need())},
  };
  h.raw("<dl class=\"facts\">");
  for (const auto& [key, value] : rows) {
    h.raw("<div><dt>").text(tr(lang, key)).raw("</dt><dd>").text(value).raw("</dd></div>");
  }
  h.raw("</dl><p>");
  coverage_badge(h, lang, d.summary);
  if (d.summary.reason) h.raw(" ").text(phrase_text(lang, d.summary.why, *d.summary.reason));
  h.raw("</p>");
}

void assigned(Html& h, Lang lang, const Shell& shell, const app::SessionDetail& d) {
  const Id sid = d.summary.session.id;
  h.raw("<h2>").text(tr(lang, "detail.assigned")).raw("</h2>");
  if (d.summary.assignments.empty()) {
    h.raw("<p>").text(tr(lang, "detail.nobody")).raw("</p>");
    return;
  }
  h.raw("<ul class=\"plain\">");
  for (const auto& a : d.summary.assignments) {
    const std::string aid = std::to_string(a.id);
    h.raw("<li id=\"assignment-").text(aid).raw("\"><a href=\"/volunteers/");
    h.text(url_encode(a.volunteer)).raw("\">").text(a.name).raw("</a> <span class=\"muted\">(");
    h.text(a.volunteer).raw(", ").text(tr(lang, "role." + std::string(to_string(a.role))));
    h.raw(")</span> ");
    state_badge(h, lang, a.state);
    if (a.pinned)
      h.raw(" <span class=\"badge none\">").text(tr(lang, "detail.pinned")).raw("</span>");
    const bool live = a.state != AssignmentState::declined && a.state != AssignmentState::cancelled;
    if (live) {
      const std::string who = " " + a.name;
      h.raw("<div class=\"actions\">");
      post_button(
          h, {.action = session_url(sid) + "/pin",
              .label = tr(lang, a.pinned ? "detail.unpin" : "detail.pin"),
              .csrf = shell.csrf,
              .hidden = {{"assignment", aid}, {"pinned", a.pinned ? "0" : "1"}},
              .css = "secondary",
              .aria_label = std::string(tr(lang, a.pinned ? "detail.unpin" : "detail.pin")) + who});
      post_button(h, {.action = session_url(sid) + "/unassign",
                      .label = tr(lang, "detail.unassign"),
                      .csrf = shell.csrf,
                      .hidden = {{"assignment", aid}},
                      .css = "secondary",
                      .aria_label = std::string(tr(lang, "detail.unassign")) + who});
      post_button(h, {.action = session_url(sid) + "/forbid",
                      .label = tr(lang, "detail.forbid"),
                      .csrf = shell.csrf,
                      .hidden = {{"volunteer", a.volunteer}},
                      .confirm = tr(lang, "detail.forbid_confirm"),
                      .css = "danger",
                      .aria_label = std::string(tr(lang, "detail.forbid")) + who});
      h.raw("</div>");
    }
    h.raw("</li>");
  }
  h.raw("</ul>");
}

void candidates(Html& h, Lang lang, const Shell& shell, const app::SessionDetail& d) {
  const Id sid = d.summary.session.id;
  h.raw("<h2 id=\"candidates\">").text(tr(lang, "detail.candidates")).raw("</h2>");
  if (d.candidates.empty()) {
    h.raw("<p>").text(tr(lang, "detail.no_candidates")).raw("</p>");
    return;
  }
  h.raw("<ol class=\"plain\" aria-labelledby=\"candidates\">");
  for (const auto& c : d.candidates) {
    h.raw("<li><a href=\"/volunteers/").text(url_encode(c.volunteer)).raw("\">").text(c.name);
    h.raw("</a> <span class=\"muted\">(").text(c.volunteer).raw(", ");
    h.text(tr(lang, "role." + std::string(to_string(c.role)))).raw(") · ");
    h.text(std::to_string(c.week_load)).raw("/").text(std::to_string(c.max_per_week)).raw(" ");
    h.text(tr(lang, "detail.this_week"));
    if (c.speaks_language) h.raw(" · ").text(tr(lang, "detail.speaks"));
    h.raw("</span>");
    post_button(h, {.action = session_url(sid) + "/assign",
                    .label = tr(lang, "detail.assign"),
                    .csrf = shell.csrf,
                    .hidden = {{"volunteer", c.volunteer}},
                    .aria_label = std::string(tr(lang, "detail.assign")) + " " + c.name});
    h.raw("</li>");
  }
  h.raw("</ol>");
}

void others(Html& h, Lang lang, const Shell& shell, const app::SessionDetail& d) {
  if (d.others.empty()) return;
  const Id sid = d.summary.session.id;
  h.raw("<h2 id=\"others\">").text(tr(lang, "detail.others")).raw("</h2><ul class=\"plain\" ");
  h.raw("aria-labelledby=\"others\">");
  for (const auto& o : d.others) {
    h.raw("<li><a href=\"/volunteers/").text(url_encode(o.volunteer)).raw("\">").text(o.name);
    h.raw("</a> <span class=\"muted\">(").text(o.volunteer).raw(")</span> — ");
    h.text(phrase_text(lang, o.phrase, o.message));
    if (o.rule == "forbidden") {
      post_button(h, {.action = session_url(sid) + "/allow",
                      .label = tr(lang, "detail.allow"),
                      .csrf = shell.csrf,
                      .hidden = {{"volunteer", o.volunteer}},
                      .css = "secondary",
                      .aria_label = std::string(tr(lang, "detail.allow")) + " " + o.name});
    }
    h.raw("</li>");
  }
  h.raw("</ul>");
}

// The manual assign form: any volunteer by handle (the check decides).
void assign_form(Html& h, Lang lang, const Shell& shell, Id sid, const std::string& volunteer) {
  h.raw("<h2 id=\"assign\">").text(tr(lang, "detail.assign_by_hand")).raw("</h2>");
  h.raw("<form class=\"inline\" method=\"post\" action=\"").text(session_url(sid));
  h.raw("/assign\" aria-labelledby=\"assign\">");
  csrf_field(h, shell.csrf);
  input_field(h, {.name = "volunteer",
                  .label = tr(lang, "detail.handle"),
                  .value = volunteer,
                  .hint = tr(lang, "detail.handle_hint"),
                  .required = true});
  checkbox_field(h, "pin", tr(lang, "detail.pin_it"), false);
  h.raw("<button type=\"submit\">").text(tr(lang, "detail.assign")).raw("</button></form>");
}

void render_detail(WebServer& server, const httplib::Request& req, httplib::Response& res,
                   const Principal& me, const std::string& error, int status) {
  const Shell shell = desk_shell(req, me, Nav::sessions);
  const Lang lang = shell.lang;
  const Id sid = id_of(req.matches[1].str());
  auto lease = server.pool().acquire();
  if (!lease) return send_unavailable(res, shell);
  auto d = app::session_detail(**lease, sid);
  Html h;
  if (!d || !*d) {
    page_begin(h, shell, tr(lang, "sessions.title"));
    error_summary(h, tr(lang, "form.error"),
                  d ? std::string(tr(lang, "detail.not_found")) : error_text(lang, d.error()));
    page_end(h, shell);
    return send_page(res, shell, std::move(h), d ? 404 : 500);
  }
  const auto& s = (*d)->summary.session;
  std::string title = format_date(s.key.date) + " " + std::string(half_name(lang, s.key.half)) +
                      " · " + s.key.site + " · " + s.key.location;
  page_begin(h, shell, title);
  h.raw("<p class=\"small\"><a href=\"/sessions\">").text(tr(lang, "detail.back")).raw("</a></p>");
  h.raw("<h1>").text(title).raw("</h1>");
  if (!s.key.judge.empty()) h.raw("<p>").text(s.key.judge).raw("</p>");
  done_flash(h, lang, req);
  if (!error.empty()) error_summary(h, tr(lang, "detail.refused"), error);
  facts(h, lang, **d);
  assigned(h, lang, shell, **d);
  if (s.status == SessionStatus::active) {
    candidates(h, lang, shell, **d);
    others(h, lang, shell, **d);
    assign_form(h, lang, shell, sid, error.empty() ? "" : req.get_param_value("volunteer"));
  }
  page_end(h, shell);
  send_page(res, shell, std::move(h), status);
}

using Action = Result<void> (*)(WebServer&, const httplib::Request&, const Principal&, Id);

// Registers POST /sessions/{id}/NAME: runs the action, 303 back on success.
void action(WebServer& server, const char* name, const char* done, Action act) {
  server.page_post(std::string(R"(/sessions/(.+)/)") + name, std::string("session_") + name,
                   UserRole::coordinator,
                   [&server, done, act](const httplib::Request& req, httplib::Response& res,
                                        const Principal& me) {
                     const Id sid = id_of(req.matches[1].str());
                     if (auto r = act(server, req, me, sid); !r) {
                       const Lang lang = desk_shell(req, me, Nav::sessions).lang;
                       return render_detail(server, req, res, me, error_text(lang, r.error()),
                                            error_status(r.error()));
                     }
                     redirect_see_other(res, done_url(session_url(sid), done));
                   });
}

app::Actor detail_actor(const Principal& me) { return app::Actor::coordinator(me.name); }

Result<Id> volunteer_of(store::Database& db, const httplib::Request& req) {
  return app::volunteer_id(db, trim(req.get_param_value("volunteer")));
}

Result<store::Pool::Lease> lease_of(WebServer& server) { return server.pool().acquire(); }

}  // namespace

void add_session_detail_page(WebServer& server) {
  server.page_get(R"(/sessions/(.+))", "session_page", UserRole::coordinator,
                  [&server](const httplib::Request& req, httplib::Response& res,
                            const Principal& me) { render_detail(server, req, res, me, {}, 200); });

  action(server, "assign", "assigned",
         [](WebServer& server, const httplib::Request& req, const Principal& me,
            Id sid) -> Result<void> {
           auto db = lease_of(server);
           if (!db) return fail(db.error());
           const Id vid = CW_TRY(volunteer_of(**db, req));
           const auto pin = req.get_param_value("pin") == "1" ? app::Pin::yes : app::Pin::no;
           CW_TRY(app::assign(**db, server.clock(), detail_actor(me), sid, vid, pin));
           return {};
         });
  action(server, "forbid", "forbidden",
         [](WebServer& server, const httplib::Request& req, const Principal& me,
            Id sid) -> Result<void> {
           auto db = lease_of(server);
           if (!db) return fail(db.error());
           const Id vid = CW_TRY(volunteer_of(**db, req));
           return app::forbid(**db, server.clock(), detail_actor(me), sid, vid);
         });
  action(server, "allow", "allowed",
         [](WebServer& server, const httplib::Request& req, const Principal& me,
            Id sid) -> Result<void> {
           auto db = lease_of(server);
           if (!db) return fail(db.error());
           const Id vid = CW_TRY(volunteer_of(**db, req));
           return app::allow(**db, server.clock(), detail_actor(me), sid, vid);
         });
  action(
      server, "unassign", "unassigned",
      [](WebServer& server, const httplib::Request& req, const Principal& me, Id) -> Result<void> {
        auto db = lease_of(server);
        if (!db) return fail(db.error());
        return app::unassign(**db, server.clock(), detail_actor(me),
                             id_of(req.get_param_value("assignment")));
      });
  action(
      server, "pin", "pinned",
      [](WebServer& server, const httplib::Request& req, const Principal& me, Id) -> Result<void> {
        auto db = lease_of(server);
        if (!db) return fail(db.error());
        const auto pin = req.get_param_value("pinned") == "1" ? app::Pin::yes : app::Pin::no;
        return app::pin(**db, server.clock(), detail_actor(me),
                        id_of(req.get_param_value("assignment")), pin);
      });
}

}  // namespace cw::web
