#include "web/auth.h"

#include <httplib.h>
#include <sodium.h>

#include "core/log.h"
#include "core/text.h"
#include "web/api_json.h"
#include "web/i18n.h"
#include "web/layout.h"

namespace cw::web {
namespace {

constexpr auto kHashWait = std::chrono::seconds(10);
constexpr std::size_t kMaxTrackedSessions = 100000;

void json_error(httplib::Response& res, int status, std::string_view code,
                std::string_view message) {
  // code and message are fixed texts of this file: nothing to escape.
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(R"({"error": {"code": ")" + std::string(code) + R"(", "message": ")" +
                      std::string(message) + "\"}}\n",
                  "application/json; charset=utf-8");
}

void page_error(httplib::Response& res, int status, std::string_view message) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::string(message) + "\n", "text/plain; charset=utf-8");
}

std::string bearer_token(const httplib::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  if (h.size() < 7 || !iequals(std::string_view(h).substr(0, 7), "Bearer ")) return {};
  return std::string(trim(std::string_view(h).substr(7)));
}

std::string presented_csrf(const httplib::Request& req) {
  const std::string header(kCsrfHeader), field(kCsrfField);
  if (req.has_header(header)) return req.get_header_value(header);
  if (req.has_param(field)) return req.get_param_value(field);
  if (req.has_file(field)) return req.get_file_value(field).content;
  return {};
}

// The page language: the language switch's cookie (the latest explicit
// choice), else the user's own, else the browser's Accept-Language.
std::string locale_for(const httplib::Request& req, const User& user) {
  Lang chosen = Lang::en;
  if (lang_cookie(req, chosen)) return std::string(lang_code(chosen));
  if (!user.locale.empty()) return user.locale;
  return std::string(lang_code(negotiate(req.get_header_value("Accept-Language"))));
}

std::string account_key(std::string_view username) {
  std::string key = lower_ascii(trim(username));
  if (key.size() > 64) key.resize(64);
  return key;
}

}  // namespace

std::string_view to_string(RouteAccess a) {
  switch (a) {
    case RouteAccess::open:
      return "open";
    case RouteAccess::page:
      return "page";
    case RouteAccess::api:
      return "api";
  }
  return "open";
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  const auto count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    for (auto part : split(header, ';')) {
      part = trim(part);
      const auto eq = part.find('=');
      if (eq == std::string_view::npos || trim(part.substr(0, eq)) != name) continue;
      return std::string(trim(part.substr(eq + 1)));
    }
  }
  return {};
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Authenticator::Authenticator(store::Pool& pool, const Clock& clock, bool secure_cookies)
    : pool_(pool), clock_(clock), secure_cookies_(secure_cookies), throttle_(clock) {}

void Authenticator::note_activity(Id session_id, Instant at) {
  std::lock_guard lock(mutex_);
  if (seen_.size() >= kMaxTrackedSessions) {
    std::erase_if(seen_, [&](const auto& kv) { return kv.second + app::kSessionIdle <= at; });
  }
  if (seen_.size() < kMaxTrackedSessions) seen_[session_id] = at;
}

std::optional<Instant> Authenticator::activity(Id session_id) {
  std::lock_guard lock(mutex_);
  const auto it = seen_.find(session_id);
  if (it == seen_.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<std::pair<Principal, Id>>> Authenticator::find_session(
    const httplib::Request& req) {
  const std::string token = cookie_value(req, kSessionCookie);
  if (token.empty()) return std::nullopt;
  auto db = CW_TRY(pool_.acquire());
  const auto session =
      app::find_session(*db, clock_, token, [this](Id id) { return activity(id); });
  if (!session) {
    log::error("cannot read a session: " + session.error().message);
    return fail(session.error());
  }
  if (!*session) return std::nullopt;
  const auto& s = **session;
  Principal p{s.user.id, s.user.name, s.user.role, s.csrf, false, locale_for(req, s.user)};
  return std::pair{std::move(p), s.id};
}

std::optional<Principal> Authenticator::session_principal(const httplib::Request& req) {
  auto found = find_session(req);
  if (!found || !*found) return std::nullopt;
  return std::move((*found)->first);
}

Authenticator::Checked Authenticator::check_bearer(const httplib::Request& req, UserRole min_role) {
  const std::string token = bearer_token(req);
  auto db = pool_.acquire();
  if (!db) return {Verdict::unavailable, {}};
  const auto user = app::user_for_api_token(**db, token);
  if (!user) return {Verdict::unavailable, {}};
  if (!*user) return {Verdict::no_credentials, {}};
  Principal p{(*user)->id, (*user)->name, (*user)->role,
              "",          true,          (*user)->locale.empty() ? "en" : (*user)->locale};
  if (!role_allows(p.role, min_role)) return {Verdict::forbidden, std::move(p)};
  return {Verdict::ok, std::move(p)};
}

Authenticator::Checked Authenticator::check(const httplib::Request& req, Change change,
                                            UserRole min_role) {
  // An Authorization header is the whole credential: a bad token is not
  // rescued by a cookie.
  if (req.has_header("Authorization")) return check_bearer(req, min_role);
  auto found = find_session(req);
  if (!found) return {Verdict::unavailable, {}};
  if (!*found) return {Verdict::no_credentials, {}};
  auto& [principal, session_id] = **found;
  if (!role_allows(principal.role, min_role)) return {Verdict::forbidden, std::move(principal)};
  if (change == Change::state && !same_secret(presented_csrf(req), principal.csrf)) {
    return {Verdict::bad_csrf, std::move(principal)};
  }
  const Instant now = clock_.now();
  note_activity(session_id, now);
  if (change == Change::state) {
    // The request writes anyway: store the activity with it.
    if (auto db = pool_.acquire(); db) {
      if (auto ok = app::touch_session(**db, session_id, now); !ok) {
        log::warning("cannot record session activity: " + ok.error().message);
      }
    }
  }
  return {Verdict::ok, std::move(principal)};
}

std::function<void(const httplib::Request&, httplib::Response&)> Authenticator::guard(
    RouteAccess access, Change change, UserRole min_role, AuthedHandler h) {
  return [this, access, change, min_role, h = std::move(h)](const httplib::Request& req,
                                                            httplib::Response& res) {
    const Checked c = check(req, change, min_role);
    const bool api = access == RouteAccess::api;
    switch (c.verdict) {
      case Verdict::ok:
        return h(req, res, c.principal);
      case Verdict::unavailable:
        return api ? api::send_unavailable(res) : send_unavailable(req, res);
      case Verdict::no_credentials:
        if (api) {
          res.set_header("WWW-Authenticate", "Bearer realm=\"courtwatch\"");
          return json_error(res, 401, "unauthenticated",
                            "sign in or send an API token (Authorization: Bearer TOKEN)");
        }
        res.status = 303;
        res.set_header("Location", "/login");
        res.set_header("Cache-Control", "no-store");
        return;
      case Verdict::forbidden: {
        const Lang lang = c.principal.locale == "es" ? Lang::es : Lang::en;
        return api ? json_error(res, 403, "forbidden", "this needs the admin role")
                   : page_error(res, 403, tr(lang, "auth.forbidden"));
      }
      case Verdict::bad_csrf: {
        const Lang lang = c.principal.locale == "es" ? Lang::es : Lang::en;
        return api ? json_error(res, 403, "bad-csrf",
                                "a missing or wrong X-CSRF-Token header; reload the page")
                   : page_error(res, 403, tr(lang, "auth.bad_csrf"));
      }
    }
  };
}

Authenticator::Login Authenticator::login(std::string_view username, std::string_view password,
                                          const std::string& client) {
  const std::string key = account_key(username);
  if (throttle_.blocked(client, key)) return {LoginResult::refused, {}};
  if (!hashing_.try_acquire_for(kHashWait)) return {LoginResult::unavailable, {}};
  auto db = pool_.acquire();
  Result<std::optional<User>> user = db ? app::check_password(**db, std::string(username), password)
                                        : Result<std::optional<User>>(fail(db.error()));
  hashing_.release();
  if (!user) {
    log::error("sign-in check failed: " + user.error().message);
    return {LoginResult::unavailable, {}};
  }
  if (!*user) {
    throttle_.record_failure(client, key);
    return {LoginResult::refused, {}};
  }
  throttle_.record_success(key);
  auto session = app::start_session(**db, clock_, **user);
  if (!session) {
    log::error("cannot start a session: " + session.error().message);
    return {LoginResult::unavailable, {}};
  }
  log::info("sign-in: " + (*user)->name);
  return {LoginResult::signed_in, std::move(*session)};
}

void Authenticator::logout(const httplib::Request& req) {
  const std::string token = cookie_value(req, kSessionCookie);
  if (token.empty()) return;
  auto db = pool_.acquire();
  if (!db) return;
  if (auto ok = app::end_session(**db, clock_, token); !ok) {
    log::error("cannot end a session: " + ok.error().message);
  }
}

std::string Authenticator::session_cookie(std::string_view token) const {
  return std::string(kSessionCookie) + "=" + std::string(token) +
         "; Path=/; HttpOnly; SameSite=Strict" + (secure_cookies_ ? "; Secure" : "");
}

std::string Authenticator::clear_session_cookie() const {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure_cookies_ ? "; Secure" : "");
}

std::string Authenticator::login_csrf_cookie(std::string_view token) const {
  return std::string(kLoginCsrfCookie) + "=" + std::string(token) +
         "; Path=/login; Max-Age=3600; HttpOnly; SameSite=Strict" +
         (secure_cookies_ ? "; Secure" : "");
}

std::string Authenticator::clear_login_csrf_cookie() const {
  return std::string(kLoginCsrfCookie) + "=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure_cookies_ ? "; Secure" : "");
}

}  // namespace cw::web
