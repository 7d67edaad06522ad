#include "web/layout.h"

#include <httplib.h>

#include <array>

#include "web/static_assets.h"

namespace cw::web {
namespace {

struct NavItem {
  Nav nav;
  const char* href;
  const char* key;
};

constexpr std::array<NavItem, 8> kNav{{
    {Nav::dashboard, "/", "nav.dashboard"},
    {Nav::sessions, "/sessions", "nav.sessions"},
    {Nav::plan, "/plan", "nav.plan"},
    {Nav::volunteers, "/volunteers", "nav.volunteers"},
    {Nav::imports, "/imports", "nav.imports"},
    {Nav::closures, "/closures", "nav.closures"},
    {Nav::reports, "/reports", "nav.reports"},
    {Nav::audit, "/audit", "nav.audit"},
}};

void write_nav(Html& h, const Shell& s) {
  h.raw("<nav class=\"nav\" aria-label=\"").text(tr(s.lang, "nav.label")).raw("\"><ul>");
  for (const auto& item : kNav) {
    h.raw("<li><a href=\"").text(item.href).raw("\"");
    if (item.nav == s.nav) h.raw(" aria-current=\"page\"");
    h.raw(">").text(tr(s.lang, item.key)).raw("</a></li>");
  }
  h.raw("</ul></nav>");
}

// One button that switches to the other language (a POST: it sets a cookie).
void write_language_switch(Html& h, const Shell& s) {
  const Lang other = s.lang == Lang::es ? Lang::en : Lang::es;
  h.raw("<form method=\"post\" action=\"/locale\">");
  h.raw("<input type=\"hidden\" name=\"csrf\" value=\"").text(s.csrf).raw("\">");
  h.raw("<input type=\"hidden\" name=\"back\" value=\"").text(s.here).raw("\">");
  h.raw("<button type=\"submit\" name=\"lang\" value=\"").text(lang_code(other)).raw("\" lang=\"");
  h.text(lang_code(other)).raw("\">").text(tr(other, "lang.self")).raw("</button></form>");
}

void write_account(Html& h, const Shell& s) {
  h.raw("<span class=\"who\"><span class=\"sr-only\">").text(tr(s.lang, "account.signed_in_as"));
  h.raw(" </span>").text(s.user).raw("</span>");
  h.raw("<form method=\"post\" action=\"/logout\">");
  h.raw("<input type=\"hidden\" name=\"csrf\" value=\"").text(s.csrf).raw("\">");
  h.raw("<button type=\"submit\">").text(tr(s.lang, "account.logout")).raw("</button></form>");
}

}  // namespace

void page_begin(Html& h, const Shell& s, std::string_view title) {
  h.raw("<!doctype html>\n<html lang=\"").text(lang_code(s.lang)).raw("\"><head>");
  h.raw("<meta charset=\"utf-8\">");
  h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  h.raw("<meta name=\"referrer\" content=\"no-referrer\">");
  h.raw("<link rel=\"icon\" href=\"data:,\">");  // no /favicon.ico request
  h.raw("<link rel=\"stylesheet\" href=\"").text(app_css_url()).raw("\">");
  h.raw("<script src=\"").text(app_js_url()).raw("\" defer></script>");
  h.raw("<title>").text(title).raw(" · courtwatch</title></head><body>");
  h.raw("<a class=\"skip\" href=\"#main\">").text(tr(s.lang, "skip")).raw("</a>");
  h.raw("<header class=\"top\"><div class=\"top-inner\">");
  // Only a signed-in coordinator has a desk to go back to; a volunteer's
  // page must not lead to the sign-in form.
  if (s.user.empty()) {
    h.raw("<span class=\"brand\">courtwatch</span>");
  } else {
    h.raw("<a class=\"brand\" href=\"/\">courtwatch</a>");
  }
  if (!s.user.empty()) write_nav(h, s);
  h.raw("<div class=\"tools\">");
  if (!s.csrf.empty()) write_language_switch(h, s);
  if (!s.user.empty()) write_account(h, s);
  h.raw("</div></div></header><main id=\"main\" tabindex=\"-1\">");
}

void page_end(Html& h, const Shell& s) {
  h.raw("</main><footer>").text(tr(s.lang, "footer")).raw("</footer></body></html>\n");
}

bool lang_cookie(const httplib::Request& req, Lang& out) {
  const std::string cookies = req.get_header_value("Cookie");
  for (std::size_t pos = 0; pos < cookies.size();) {
    std::size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string_view part(cookies.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part == "cw_lang=es" || part == "cw_lang=en") {
      out = part.ends_with("es") ? Lang::es : Lang::en;
      return true;
    }
    pos = end + 1;
  }
  return false;
}

Lang page_lang(const httplib::Request& req) {
  Lang l = Lang::en;
  if (lang_cookie(req, l)) return l;
  return negotiate(req.get_header_value("Accept-Language"));
}

void send_page(httplib::Response& res, const Shell& shell, Html&& h, int status) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Language", std::string(lang_code(shell.lang)));
  res.set_content(h.take(), "text/html; charset=utf-8");
}

void send_unavailable(httplib::Response& res, const Shell& shell) {
  Html h;
  page_begin(h, shell, tr(shell.lang, "unavailable.title"));
  h.raw("<h1>").text(tr(shell.lang, "unavailable.title")).raw("</h1><p>");
  h.text(tr(shell.lang, "unavailable.body")).raw("</p>");
  page_end(h, shell);
  res.set_header("Retry-After", "60");
  send_page(res, shell, std::move(h), 503);
}

void send_unavailable(const httplib::Request& req, httplib::Response& res) {
  send_unavailable(res, Shell{.lang = page_lang(req)});
}

void redirect_see_other(httplib::Response& res, std::string_view location) {
  res.status = 303;
  res.set_header("Location", std::string(location));
}

}  // namespace cw::web
