// Who is asking: sign-in sessions, API tokens, CSRF and roles for HTTP routes
// (DESIGN.md §8 Auth, §11).
//
// Routes are registered through WebServer (web/server.h): page_get/page_post
// for HTML pages (no session → 303 to /login), api_get/api_post/api_delete
// for the JSON API (no credentials → 401, JSON errors), get/post for the few
// routes that need no login. A registered handler runs only for an
// authenticated Principal whose role is at least the route's; on a
// state-changing route a cookie-authenticated request must also carry the
// session's CSRF token (form field "csrf" or header X-CSRF-Token), compared
// in constant time. Bearer API tokens need no CSRF. A volunteer's page or
// feed token is not a credential here (401).
//
// The Authenticator owns what lives between requests: the login throttle,
// the bound on concurrent password checks, and each session's last activity
// in memory, so that a GET never writes to the database (activity is stored
// on state-changing requests). Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/accounts.h"
#include "core/clock.h"
#include "core/user.h"
#include "store/pool.h"
#include "web/login_throttle.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace cw::web {

// enum class UserRole { coordinator, admin }; admin ⊇ coordinator (core/user.h).
using UserRole = cw::UserRole;

struct Principal {
  Id user_id = 0;
  std::string name;
  UserRole role = UserRole::coordinator;
  std::string csrf;  // the session's CSRF token (empty for bearer)
  bool via_bearer = false;
  std::string locale;  // "en" or "es": language-switch cookie, else the user's own, else
                       // Accept-Language
};

using AuthedHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const Principal&)>;

// How a route is protected, as recorded in the route registry.
enum class RouteAccess { open, page, api };
std::string_view to_string(RouteAccess a);

struct RouteInfo {
  std::string method;  // GET, POST, DELETE
  std::string pattern;
  std::string name;
  RouteAccess access = RouteAccess::open;
  UserRole min_role = UserRole::coordinator;  // meaningless for open routes
};

inline constexpr std::string_view kSessionCookie = "cw_session";
inline constexpr std::string_view kLoginCsrfCookie = "cw_login";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kCsrfField = "csrf";

// The value of one cookie of the request, or "" when absent.
std::string cookie_value(const httplib::Request& req, std::string_view name);
// Constant-time comparison of two secrets (the length is not secret).
bool same_secret(std::string_view a, std::string_view b);

enum class Change { none, state };  // does the route change state (needs CSRF)?

class Authenticator {
 public:
  Authenticator(store::Pool& pool, const Clock& clock, bool secure_cookies);

  // Wraps a handler with authentication, role and CSRF checks.
  std::function<void(const httplib::Request&, httplib::Response&)> guard(RouteAccess access,
                                                                         Change change,
                                                                         UserRole min_role,
                                                                         AuthedHandler h);

  // The principal of the request's session cookie, or nullopt (never writes).
  std::optional<Principal> session_principal(const httplib::Request& req);

  enum class LoginResult { signed_in, refused, unavailable };
  struct Login {
    LoginResult result = LoginResult::refused;
    app::NewSession session;  // when signed_in
  };
  // Checks a sign-in attempt from `client` (web/server.h client_address).
  // A wrong password, an unknown or disabled user, a locked account and a
  // throttled client are all `refused`: callers must answer them alike.
  Login login(std::string_view username, std::string_view password, const std::string& client);
  // Ends the session of the request's cookie, if any.
  void logout(const httplib::Request& req);

  // Set-Cookie values for the session cookie and for clearing it.
  std::string session_cookie(std::string_view token) const;
  std::string clear_session_cookie() const;
  // Set-Cookie value of the pre-session CSRF cookie of the login form.
  std::string login_csrf_cookie(std::string_view token) const;
  std::string clear_login_csrf_cookie() const;

  LoginThrottle& throttle() { return throttle_; }

 private:
  enum class Verdict { ok, no_credentials, forbidden, bad_csrf, unavailable };
  struct Checked {
    Verdict verdict = Verdict::no_credentials;
    Principal principal;
  };
  Checked check(const httplib::Request& req, Change change, UserRole min_role);
  Checked check_bearer(const httplib::Request& req, UserRole min_role);
  // The request's session: nullopt without a valid one, an error when the
  // database cannot be read (so the caller answers 503, not "sign in").
  Result<std::optional<std::pair<Principal, Id>>> find_session(const httplib::Request& req);
  void note_activity(Id session_id, Instant at);
  std::optional<Instant> activity(Id session_id);

  store::Pool& pool_;
  const Clock& clock_;
  bool secure_cookies_;
  LoginThrottle throttle_;
  std::counting_semaphore<64> hashing_{2};  // Argon2id takes 64 MiB per check
  std::mutex mutex_;
  std::unordered_map<Id, Instant> seen_;  // session id → last activity not yet stored
};

}  // namespace cw::web
