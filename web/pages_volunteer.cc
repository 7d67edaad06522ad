// One volunteer: GET /volunteers/{id} shows the details form, the
// availability grid editor, the calendar-feed and self-service links (with
// rotation) and, for admins, erasure. GET /volunteers/new and POST
// /volunteers create one. Changes go through app/volunteers.h (audit log,
// one transaction); a refused change re-renders the form with per-field
// messages, a saved one answers 303 back to the page.
//   POST /volunteers/{id}                details
//   POST /volunteers/{id}/availability   grid, blackouts, extra
//   POST /volunteers/{id}/links          which=feed|page  (issues or rotates)
//   POST /volunteers/{id}/erase          admin only
#include <httplib.h>

#include <functional>
#include <utility>

#include "app/volunteer_self.h"
#include "app/volunteers.h"
#include "store/repos.h"
#include "store/token_repo.h"
#include "web/desk.h"
#include "web/desk_routes.h"
#include "web/forms.h"
#include "web/server.h"
#include "web/url.h"
#include "web/volunteer_form.h"

namespace cw::web {
namespace {

constexpr const char* kHandlePattern = R"(/volunteers/(.+))";

std::string page_url(const Volunteer& v) { return "/volunteers/" + url_encode(v.handle); }

struct Links {
  std::optional<std::string> feed, page;
};

// A GET reads the key and never creates it: with no key there is no live
// link to show (issuing one, a POST, creates the key).
Result<Links> live_links(WebServer& server, store::Database& db, Id id) {
  const auto secret =
      CW_TRY(store::TokenSecret::load(store::TokenSecret::path_for(server.pool().path())));
  Links l;
  if (!secret) return l;
  store::TokenRepo tokens(db);
  const std::string subject = std::to_string(id);
  l.feed = CW_TRY(tokens.live(*secret, store::TokenPurpose::feed_volunteer, subject));
  l.page = CW_TRY(tokens.live(*secret, store::TokenPurpose::volunteer_link, subject));
  return l;
}

// Absolute, so the coordinator can paste it into a message to the volunteer:
// public_url, or the address the daemon listens on.
std::string base_url(const WebServer& server) {
  std::string b = public_base_url(server.options());
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b;
}

void link_row(Html& h, Lang lang, const Shell& shell, const Volunteer& v, const char* which,
              const char* label_key, const std::optional<std::string>& url) {
  const std::string id = std::string("link-") + which;
  h.raw("<li><strong>").text(tr(lang, label_key)).raw("</strong><br>");
  if (url) {
    h.raw("<code id=\"").text(id).raw("\">").text(*url).raw("</code> ");
    h.raw("<button type=\"button\" class=\"secondary\" data-copy=\"").text(id).raw("\">");
    h.text(tr(lang, "vol.copy")).raw("</button>");
  } else {
    h.raw("<span class=\"muted\">").text(tr(lang, "vol.no_link")).raw("</span>");
  }
  post_button(h, {.action = page_url(v) + "/links",
                  .label = tr(lang, url ? "vol.rotate" : "vol.create_link"),
                  .csrf = shell.csrf,
                  .hidden = {{"which", which}},
                  .confirm = url ? tr(lang, "vol.rotate_confirm") : std::string_view{},
                  .css = "secondary",
                  .aria_label = std::string(tr(lang, url ? "vol.rotate" : "vol.create_link")) +
                                " — " + std::string(tr(lang, label_key))});
  h.raw("</li>");
}

void links_section(Html& h, Lang lang, const Shell& shell, WebServer& server, store::Database& db,
                   const Volunteer& v) {
  h.raw("<h2 id=\"links\">").text(tr(lang, "vol.links")).raw("</h2><p class=\"muted\">");
  h.text(tr(lang, "vol.links_intro")).raw("</p>");
  auto links = live_links(server, db, v.id);
  if (!links) {
    error_summary(h, tr(lang, "form.error"), error_text(lang, links.error()));
    return;
  }
  const std::string base = base_url(server);
  std::optional<std::string> feed, page;
  if (links->feed) feed = base + "/feeds/v/" + *links->feed + ".ics";
  if (links->page) page = base + "/v/" + *links->page;
  h.raw("<ul class=\"plain\">");
  link_row(h, lang, shell, v, "feed", "vol.feed_link", feed);
  link_row(h, lang, shell, v, "page", "vol.page_link", page);
  h.raw("</ul>");
}

struct View {
  Volunteer v = {};
  FieldErrors details_errors = {};
  FieldErrors availability_errors = {};
  const httplib::Request* raw_availability = nullptr;
  std::string error = {};  // a refusal from app/
};

void render_volunteer(WebServer& server, const httplib::Request& req, httplib::Response& res,
                      const Principal& me, store::Database& db, const View& view, int status) {
  const Shell shell = desk_shell(req, me, Nav::volunteers);
  const Lang lang = shell.lang;
  const Volunteer& v = view.v;
  const bool creating = v.id == 0;
  Html h;
  const std::string title =
      creating ? std::string(tr(lang, "vol.new")) : v.name + " (" + v.handle + ")";
  page_begin(h, shell, title);
  h.raw("<p class=\"small\"><a href=\"/volunteers\">").text(tr(lang, "vol.back")).raw("</a></p>");
  h.raw("<h1>").text(title).raw("</h1>");
  done_flash(h, lang, req);
  if (!view.error.empty()) error_summary(h, tr(lang, "form.error"), view.error);
  if (!view.details_errors.empty() || !view.availability_errors.empty()) {
    error_summary(h, tr(lang, "form.error"), tr(lang, "vol.fix_fields"));
  }
  h.raw("<h2 id=\"details\">").text(tr(lang, "vol.details")).raw("</h2>");
  h.raw("<form class=\"stack\" method=\"post\" action=\"");
  h.text(creating ? std::string("/volunteers") : page_url(v))
      .raw("\" aria-labelledby=\"details\">");
  csrf_field(h, shell.csrf);
  details_fields(h, lang, v, view.details_errors, creating);
  if (creating) availability_fields(h, lang, v, view.availability_errors, view.raw_availability);
  h.raw("<div><button type=\"submit\">").text(tr(lang, creating ? "vol.create" : "vol.save"));
  h.raw("</button></div></form>");
  if (!creating) {
    h.raw("<h2 id=\"availability\">").text(tr(lang, "vol.availability")).raw("</h2>");
    h.raw("<form class=\"stack\" method=\"post\" action=\"").text(page_url(v));
    h.raw("/availability\" aria-labelledby=\"availability\">");
    csrf_field(h, shell.csrf);
    availability_fields(h, lang, v, view.availability_errors, view.raw_availability);
    h.raw("<div><button type=\"submit\">").text(tr(lang, "vol.save_availability"));
    h.raw("</button></div></form>");
    links_section(h, lang, shell, server, db, v);
    if (me.role == UserRole::admin) {
      h.raw("<h2>").text(tr(lang, "vol.erase")).raw("</h2><p>").text(tr(lang, "vol.erase_intro"));
      h.raw("</p>");
      post_button(h, {.action = page_url(v) + "/erase",
                      .label = tr(lang, "vol.erase"),
                      .csrf = shell.csrf,
                      .confirm = tr(lang, "vol.erase_confirm"),
                      .css = "danger"});
    }
  }
  page_end(h, shell);
  send_page(res, shell, std::move(h), status);
}

// The stored volunteer of the route's handle; answers 404 itself when missing.
std::optional<Volunteer> find(const httplib::Request& req, httplib::Response& res,
                              const Principal& me, store::Database& db) {
  auto v = store::VolunteerRepo(db).find_by_handle(req.matches[1].str());
  if (v && *v) return std::move(*v);
  const Shell shell = desk_shell(req, me, Nav::volunteers);
  Html h;
  page_begin(h, shell, tr(shell.lang, "vol.title"));
  error_summary(
      h, tr(shell.lang, "form.error"),
      v ? std::string(tr(shell.lang, "vol.not_found")) : error_text(shell.lang, v.error()));
  page_end(h, shell);
  send_page(res, shell, std::move(h), v ? 404 : 500);
  return std::nullopt;
}

app::Actor editor_actor(const Principal& me) { return app::Actor::coordinator(me.name); }

}  // namespace

void add_volunteer_pages(WebServer& server) {
  server.page_get(
      "/volunteers/new", "volunteer_new_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::volunteers));
        render_volunteer(server, req, res, me, **lease, View{}, 200);
      });

  server.page_post(
      "/volunteers", "volunteer_create", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        const Lang lang = desk_shell(req, me, Nav::volunteers).lang;
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::volunteers));
        View view;
        view.v = read_details(req, Volunteer{}, lang, view.details_errors);
        view.v = read_availability(req, view.v, lang, view.availability_errors);
        view.raw_availability = &req;
        if (!view.details_errors.empty() || !view.availability_errors.empty()) {
          return render_volunteer(server, req, res, me, **lease, view, 422);
        }
        if (auto r = app::create_volunteer(**lease, server.clock(), editor_actor(me), view.v); !r) {
          view.error = error_text(lang, r.error());
          return render_volunteer(server, req, res, me, **lease, view, error_status(r.error()));
        }
        redirect_see_other(res, done_url(page_url(view.v), "vol_created"));
      });

  server.page_get(
      kHandlePattern, "volunteer_page", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal& me) {
        auto lease = server.pool().acquire();
        if (!lease) return send_unavailable(res, desk_shell(req, me, Nav::volunteers));
        auto v = find(req, res, me, **lease);
        if (v) render_volunteer(server, req, res, me, **lease, View{.v = *v}, 200);
      });

  // The POSTs on one stored volunteer: find it (404 page when missing), run
  // the change; a refusal re-renders the page, success answers 303.
  using Change = std::function<void(const httplib::Request&, httplib::Response&, const Principal&,
                                    store::Database&, const Volunteer&, Lang)>;
  const auto volunteer_post = [&server](const char* suffix, const char* name, UserRole role,
                                        Change change) {
    server.page_post(std::string(kHandlePattern) + suffix, name, role,
                     [&server, change = std::move(change)](
                         const httplib::Request& req, httplib::Response& res, const Principal& me) {
                       const Lang lang = desk_shell(req, me, Nav::volunteers).lang;
                       auto lease = server.pool().acquire();
                       if (!lease)
                         return send_unavailable(res, desk_shell(req, me, Nav::volunteers));
                       if (auto v = find(req, res, me, **lease))
                         change(req, res, me, **lease, *v, lang);
                     });
  };
  // Saves `view.v` through app/ and lands on `done`, or re-renders.
  const auto save = [&server](const httplib::Request& req, httplib::Response& res,
                              const Principal& me, store::Database& db, View& view, Lang lang,
                              const std::string& done) {
    if (!view.details_errors.empty() || !view.availability_errors.empty()) {
      return render_volunteer(server, req, res, me, db, view, 422);
    }
    if (auto r = app::update_volunteer(db, server.clock(), editor_actor(me), view.v); !r) {
      view.error = error_text(lang, r.error());
      return render_volunteer(server, req, res, me, db, view, error_status(r.error()));
    }
    redirect_see_other(res, done);
  };

  volunteer_post("/availability", "volunteer_availability", UserRole::coordinator,
                 [save](const httplib::Request& req, httplib::Response& res, const Principal& me,
                        store::Database& db, const Volunteer& v, Lang lang) {
                   View view;
                   view.v = read_availability(req, v, lang, view.availability_errors);
                   view.raw_availability = &req;
                   save(req, res, me, db, view, lang,
                        done_url(page_url(v), "availability_saved") + "#availability");
                 });
  volunteer_post("/links", "volunteer_links", UserRole::coordinator,
                 [&server](const httplib::Request& req, httplib::Response& res, const Principal& me,
                           store::Database& db, const Volunteer& v, Lang lang) {
                   const auto purpose = req.get_param_value("which") == "page"
                                            ? store::TokenPurpose::volunteer_link
                                            : store::TokenPurpose::feed_volunteer;
                   auto r = app::rotate_volunteer_link(
                       db, server.clock(), editor_actor(me),
                       store::TokenSecret::path_for(server.pool().path()), v.id, purpose);
                   if (!r) {
                     return render_volunteer(server, req, res, me, db,
                                             View{.v = v, .error = error_text(lang, r.error())},
                                             error_status(r.error()));
                   }
                   redirect_see_other(res, done_url(page_url(v), "link_rotated") + "#links");
                 });
  volunteer_post("/erase", "volunteer_erase", UserRole::admin,
                 [&server](const httplib::Request& req, httplib::Response& res, const Principal& me,
                           store::Database& db, const Volunteer& v, Lang lang) {
                   if (auto r = app::erase_volunteer(db, server.clock(), editor_actor(me), v.id);
                       !r) {
                     return render_volunteer(server, req, res, me, db,
                                             View{.v = v, .error = error_text(lang, r.error())},
                                             error_status(r.error()));
                   }
                   redirect_see_other(res, done_url("/volunteers", "vol_erased"));
                 });
  // The bare path last: its pattern would also match the suffixed ones.
  volunteer_post("", "volunteer_save", UserRole::coordinator,
                 [save](const httplib::Request& req, httplib::Response& res, const Principal& me,
                        store::Database& db, const Volunteer& v, Lang lang) {
                   View view;
                   view.v = read_details(req, v, lang, view.details_errors);
                   save(req, res, me, db, view, lang, done_url(page_url(v), "vol_saved"));
                 });
}

}  // namespace cw::web
