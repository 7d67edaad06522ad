// The page shell shared by every HTML page (coordinator desk, login,
// volunteer pages) and the reply helpers around it.
//
// A page is built into an Html buffer between page_begin() and page_end():
// page_begin writes the document head (same-origin /static/app.css and
// /static/app.js only: the CSP forbids inline script and style attributes),
// a skip link to #main, the header, and opens <main id="main">. The header
// shows the brand and, for a signed-in coordinator (Shell::user not empty),
// the navigation with aria-current on the current section, the language
// switch (POST /locale, sets a cookie) and the logout form (POST /logout with
// the csrf field). Volunteer pages pass Shell{.nav = Nav::none} and an empty
// user: brand and language switch only.
//
// CSS classes of /static/app.css (web/static/app.css) for reuse:
//   layout    .muted .small .sr-only .actions .facts (dl of dt/dd in divs) ul.plain
//   messages  .flash (role=status) .error-box (role=alert) .field-error
//   tables    .scroll (wrap a wide table; focusable region) td.num tr.added tr.removed
//   badges    .badge.ok|.warn|.bad|.none (always with text, never colour alone)
//   forms     form.stack .field .hint .check .inline .filters fieldset
//             button.secondary button.danger .grid-editor (availability)
//   chart     .chart .legend (web/chart.h)   pager .pager (web/pager.h)
// Form controls with labels and errors: web/forms.h.
//
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "web/html.h"
#include "web/i18n.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace cw::web {

// Sections of the coordinator desk, in navigation order.
enum class Nav { none, dashboard, sessions, plan, volunteers, imports, closures, reports, audit };

struct Shell {
  Lang lang = Lang::en;
  Nav nav = Nav::none;
  std::string user = {};  // display name of the signed-in coordinator; empty: no nav, no logout
  std::string csrf = {};  // the session's CSRF token, for the logout and language forms
  std::string here = {};  // path (and query) of this page: where the language switch returns
};

// Writes <!doctype html> … <main id="main">. `title` is the page's own title;
// the document title appends " · courtwatch".
void page_begin(Html& h, const Shell& shell, std::string_view title);
// Closes <main>, writes the footer and closes the document.
void page_end(Html& h, const Shell& shell);

// The language of a request without a signed-in user: the cw_lang cookie set
// by the language switch, else Accept-Language.
Lang page_lang(const httplib::Request& req);
// The cookie value, if the request carries a valid one (it outranks the
// user's stored locale, since it is the latest explicit choice).
bool lang_cookie(const httplib::Request& req, Lang& out);

// Sends a finished page: text/html, Cache-Control no-store, Content-Language.
void send_page(httplib::Response& res, const Shell& shell, Html&& h, int status = 200);
// 503 when no database connection can be had: the layout (it needs no
// database) around a short notice in the shell's language, to try again in a
// minute; Retry-After 60. The JSON API answers api::send_unavailable().
void send_unavailable(httplib::Response& res, const Shell& shell);
// The same for a request without a signed-in user (sign-in check, volunteer
// pages, /readyz): the language of page_lang(req), no navigation.
void send_unavailable(const httplib::Request& req, httplib::Response& res);
// 303 See Other to `location` (a local path), the answer to a successful POST.
void redirect_see_other(httplib::Response& res, std::string_view location);

}  // namespace cw::web
