#include "web/desk.h"

#include <httplib.h>

#include "core/log.h"
#include "web/forms.h"
#include "web/server.h"

namespace cw::web {

Shell desk_shell(const httplib::Request& req, const Principal& me, Nav nav) {
  Lang lang = me.locale == "es" ? Lang::es : Lang::en;
  lang_cookie(req, lang);  // the switch in the header outranks the stored locale
  return Shell{.lang = lang, .nav = nav, .user = me.name, .csrf = me.csrf, .here = req.target};
}

std::string error_text(Lang lang, const Error& e) {
  switch (e.code) {
    case Errc::invalid_input:
    case Errc::not_found:
    case Errc::conflict: {
      std::string text = phrase_text(lang, e.phrase, e.message);
      if (e.rule.empty()) return text;
      const std::string key = "rule." + e.rule;
      if (!has_entry(Lang::en, key)) return text;
      return std::string(tr(lang, key)) + ": " + text;
    }
    default:
      log::error("page action failed: " + e.message);
      return std::string(tr(lang, "error.generic"));
  }
}

int error_status(const Error& e) {
  switch (e.code) {
    case Errc::invalid_input:
      return 422;
    case Errc::not_found:
      return 404;
    case Errc::conflict:
      return 409;
    default:
      return 500;
  }
}

std::string_view half_name(Lang lang, Half half) {
  return tr(lang, half == Half::am ? "half.am" : "half.pm");
}

void session_link(Html& h, Lang lang, Id id, const SessionKey& key) {
  h.raw("<a href=\"/sessions/").text(std::to_string(id)).raw("\">").text(format_date(key.date));
  h.raw(" ").text(half_name(lang, key.half)).raw(" · ").text(key.site).raw(" · ");
  h.text(key.location.empty() ? std::string_view("—") : std::string_view(key.location));
  if (!key.judge.empty()) h.raw(" · ").text(key.judge);
  h.raw("</a>");
}

std::optional<LocalDate> date_param(const httplib::Request& req, const char* name) {
  const std::string v = req.get_param_value(name);
  if (v.empty()) return std::nullopt;
  auto d = parse_iso_date(v);
  if (!d) return std::nullopt;
  return *d;
}

LocalDate utc_today(const WebServer& server) {
  return LocalDate{date::floor<date::days>(server.clock().now()).time_since_epoch()};
}

void done_flash(Html& h, Lang lang, const httplib::Request& req) {
  const std::string key = req.get_param_value("done");
  if (key.empty() || key.size() > 40) return;
  const std::string full = "done." + key;
  if (!has_entry(Lang::en, full)) return;
  flash(h, tr(lang, full));
}

std::string done_url(std::string_view path, std::string_view key, std::string_view query) {
  std::string out(path);
  out += "?done=";
  out += key;
  if (!query.empty()) {
    out += '&';
    out += query;
  }
  return out;
}

}  // namespace cw::web

namespace cw::web {

namespace {

// `target` when it is a local path, else "/": never an open redirect or a
// header break.
std::string local_path(std::string target) {
  const bool local = target.starts_with('/') && !target.starts_with("//") &&
                     !target.starts_with("/\\") &&
                     target.find_first_of("\r\n") == std::string::npos;
  if (!local) return "/";
  return target;
}

}  // namespace

void add_locale_route(WebServer& server) {
  server.page_post("/locale", "locale", UserRole::coordinator,
                   [](const httplib::Request& req, httplib::Response& res, const Principal&) {
                     const bool es = req.get_param_value("lang") == "es";
                     const std::string back = local_path(req.get_param_value("back"));
                     res.set_header(
                         "Set-Cookie",
                         es ? "cw_lang=es; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly"
                            : "cw_lang=en; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly");
                     redirect_see_other(res, back);
                   });
}

}  // namespace cw::web
