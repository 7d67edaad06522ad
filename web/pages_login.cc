// GET /login, POST /login, POST /logout (DESIGN.md §8 Auth).
//
// The sign-in form carries a pre-session CSRF token bound to a cookie
// (cw_login, Path=/login, HttpOnly, SameSite=Strict): POST /login is accepted
// only when the form field equals the cookie. Every refused sign-in — wrong
// password, unknown or disabled user, locked account, throttled address —
// gets the same status and the same page. Nothing here logs a password,
// token or session id.
#include <httplib.h>

#include "store/token_repo.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/server.h"

namespace cw::web {
namespace {

// The login form's CSRF token: the one of the request's cookie when it is
// well formed (so a refused attempt renders the same page again), else new.
std::string login_csrf(const httplib::Request& req, bool& is_new) {
  std::string token = cookie_value(req, kLoginCsrfCookie);
  is_new = !store::well_formed_token(token);
  if (is_new) token = store::random_token();
  return token;
}

std::string render_login(Lang lang, std::string_view csrf, std::string_view message_key) {
  const Shell shell{.lang = lang, .nav = Nav::none, .user = {}, .csrf = {}, .here = "/login"};
  Html h;
  page_begin(h, shell, tr(lang, "login.title"));
  h.raw("<h1>").text(tr(lang, "login.title")).raw("</h1>");
  if (!message_key.empty()) {
    h.raw("<p class=\"error-box\" role=\"alert\">").text(tr(lang, message_key)).raw("</p>");
  }
  h.raw("<form class=\"stack\" method=\"post\" action=\"/login\">");
  h.raw("<input type=\"hidden\" name=\"csrf\" value=\"").text(csrf).raw("\">");
  h.raw("<div class=\"field\"><label for=\"username\">").text(tr(lang, "login.username"));
  h.raw("</label><input id=\"username\" name=\"username\" autocomplete=\"username\" ");
  h.raw("autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"64\" required></div>");
  h.raw("<div class=\"field\"><label for=\"password\">").text(tr(lang, "login.password"));
  h.raw("</label><input id=\"password\" name=\"password\" type=\"password\" ");
  h.raw("autocomplete=\"current-password\" required></div>");
  h.raw("<div class=\"actions\"><button type=\"submit\">").text(tr(lang, "login.submit"));
  h.raw("</button></div></form>");
  page_end(h, shell);
  return h.take();
}

void send_form(WebServer& server, const httplib::Request& req, httplib::Response& res, int status,
               std::string_view message_key) {
  bool is_new = false;
  const std::string csrf = login_csrf(req, is_new);
  if (is_new) res.set_header("Set-Cookie", server.auth().login_csrf_cookie(csrf));
  const Lang lang = page_lang(req);
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Language", std::string(lang_code(lang)));
  res.set_content(render_login(lang, csrf, message_key), "text/html; charset=utf-8");
}

}  // namespace

void add_login_routes(WebServer& server) {
  server.get("/login", "login_page",
             [&server](const httplib::Request& req, httplib::Response& res) {
               if (server.auth().session_principal(req)) {
                 res.status = 303;
                 res.set_header("Location", "/");
                 return;
               }
               send_form(server, req, res, 200, "");
             });

  server.post("/login", "login", [&server](const httplib::Request& req, httplib::Response& res) {
    const std::string cookie = cookie_value(req, kLoginCsrfCookie);
    if (!store::well_formed_token(cookie) || !same_secret(req.get_param_value("csrf"), cookie)) {
      return send_form(server, req, res, 403, "login.expired");
    }
    const auto login =
        server.auth().login(req.get_param_value("username"), req.get_param_value("password"),
                            client_address(req, server.options()));
    switch (login.result) {
      case Authenticator::LoginResult::signed_in:
        res.status = 303;
        res.set_header("Location", "/");
        res.set_header("Cache-Control", "no-store");
        res.set_header("Set-Cookie", server.auth().session_cookie(login.session.token));
        res.set_header("Set-Cookie", server.auth().clear_login_csrf_cookie());
        return;
      case Authenticator::LoginResult::refused:
        return send_form(server, req, res, 401, "login.failed");
      case Authenticator::LoginResult::unavailable:
        return send_form(server, req, res, 503, "login.unavailable");
    }
  });

  server.page_post(
      "/logout", "logout", UserRole::coordinator,
      [&server](const httplib::Request& req, httplib::Response& res, const Principal&) {
        server.auth().logout(req);
        res.status = 303;
        res.set_header("Location", "/login");
        res.set_header("Cache-Control", "no-store");
        res.set_header("Set-Cookie", server.auth().clear_session_cookie());
      });
}

}  // namespace cw::web
