// HTTP tests of sign-in, sessions, CSRF, roles and API tokens against a real
// WebServer on loopback and a real SQLite file, with a fake clock.
#include <fstream>
#include <regex>

#include "auth_fixture.h"
#include "store/token_repo.h"

namespace cw::web {
namespace {

using std::chrono::minutes;
using testing::AuthServerTest;
using testing::Browser;
using testing::kPassword;
using testing::kStart;
using testing::sample_path;
using testing::set_cookie;

// Test-only routes that need the admin role, so that a coordinator on an
// admin route is checked for pages and the API alike.
void add_admin_routes(WebServer& s) {
  s.page_get("/test/admin-page", "test_admin_page", UserRole::admin,
             [](const httplib::Request&, httplib::Response& res, const Principal& p) {
               res.set_content("admin page for " + p.name, "text/plain");
             });
  s.api_post("/test/admin", "test_admin", UserRole::admin,
             [](const httplib::Request&, httplib::Response& res, const Principal& p) {
               res.set_content("{\"admin\": \"" + p.name + "\"}", "application/json");
             });
}

bool is_open_by_design(const RouteInfo& r) {
  if (r.pattern == "/login" || r.pattern == "/healthz" || r.pattern == "/readyz") return true;
  if (r.method != "GET") return r.pattern.starts_with("/v/");  // volunteer forms: own CSRF
  for (const char* prefix : {"/static/", "/feeds/", "/v/"}) {
    if (r.pattern.starts_with(prefix)) return true;
  }
  return false;
}

httplib::Result send(httplib::Client& c, const RouteInfo& r, const httplib::Headers& h,
                     const httplib::Params& form = {}) {
  const std::string path = sample_path(r.pattern);
  if (r.method == "GET") return c.Get(path, h);
  if (r.method == "DELETE") return c.Delete(path, h);
  return c.Post(path, h, form);
}

TEST_F(AuthServerTest, OnlyTheDesignatedRoutesAnswerWithoutALogin) {
  start();
  ASSERT_FALSE(server_->routes().empty());
  auto c = client();
  int guarded = 0;
  for (const auto& r : server_->routes()) {
    const std::string path = sample_path(r.pattern);
    ASSERT_TRUE(std::regex_match(path, std::regex(r.pattern))) << r.pattern;
    if (r.access == RouteAccess::open) {
      EXPECT_TRUE(is_open_by_design(r)) << r.method << " " << r.pattern << " needs no login";
      continue;
    }
    ++guarded;
    const auto res = send(c, r, {});
    ASSERT_TRUE(res) << r.pattern;
    if (r.access == RouteAccess::page) {
      EXPECT_EQ(res->status, 303) << r.method << " " << r.pattern;
      EXPECT_EQ(res->get_header_value("Location"), "/login") << r.pattern;
    } else {
      EXPECT_EQ(res->status, 401) << r.method << " " << r.pattern;
      EXPECT_NE(res->body.find("\"code\": \"unauthenticated\""), std::string::npos) << res->body;
      EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("application/json"));
    }
  }
  EXPECT_GE(guarded, 3);  // at least /, /logout and /metrics
}

TEST_F(AuthServerTest, EveryStateChangingRouteRefusesAMissingOrWrongCsrfToken) {
  start({}, add_admin_routes);
  const Browser root = login("root");
  auto c = client();
  int checked = 0;
  for (const auto& r : server_->routes()) {
    if (r.method == "GET" || r.access == RouteAccess::open) continue;
    ++checked;
    const httplib::Headers cookie{{"Cookie", root.cookie}};
    auto res = send(c, r, cookie);
    ASSERT_TRUE(res) << r.pattern;
    EXPECT_EQ(res->status, 403) << "no CSRF token: " << r.method << " " << r.pattern;
    const std::string wrong = root.csrf.substr(1) + (root.csrf[0] == 'a' ? "b" : "a");
    res = send(c, r, cookie, {{"csrf", wrong}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "wrong form CSRF: " << r.method << " " << r.pattern;
    res = send(c, r, {{"Cookie", root.cookie}, {"X-CSRF-Token", wrong}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "wrong header CSRF: " << r.method << " " << r.pattern;
    if (r.access == RouteAccess::api) {
      EXPECT_NE(res->body.find("\"code\": \"bad-csrf\""), std::string::npos) << res->body;
    }
  }
  EXPECT_GE(checked, 2);  // /logout and the admin test route
  // The session survived all that: the right token works.
  const auto ok = c.Post("/test/admin", {{"Cookie", root.cookie}, {"X-CSRF-Token", root.csrf}}, "",
                         "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "{\"admin\": \"root\"}");
}

TEST_F(AuthServerTest, TheLoginFormNeedsItsOwnCsrfCookie) {
  start();
  auto c = client();
  httplib::Params form{
      {"csrf", "abcdefghijklmnopqrstuvwxyz"}, {"username", "ana"}, {"password", kPassword}};
  auto res = c.Post("/login", form);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(set_cookie(res, std::string(kSessionCookie)), "");
  res = c.Post(
      "/login", {{"Cookie", "cw_login=abcdefghijklmnopqrstuvwxyz"}},
      httplib::Params{
          {"csrf", "bcdefghijklmnopqrstuvwxyza"}, {"username", "ana"}, {"password", kPassword}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(AuthServerTest, AWrongPasswordIsRefusedWithoutASession) {
  start();
  const auto res = post_login("ana", "not the password");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_NE(res->body.find("Wrong user name or password"), std::string::npos);
  EXPECT_EQ(set_cookie(res, std::string(kSessionCookie)), "");
  auto& q = db_->stmt("SELECT count(*) FROM auth_sessions");
  ASSERT_TRUE(q.step().value());
  EXPECT_EQ(q.int64(0), 0);
  q.reset();
}

TEST_F(AuthServerTest, ALockedAccountAnswersExactlyLikeAWrongPassword) {
  ServerOptions opts;
  opts.trusted_proxy = "127.0.0.1";  // each attempt from its own address
  start(opts);
  std::string cookie;
  const auto wrong = post_login("ana", "not the password", "203.0.113.1", &cookie);
  ASSERT_TRUE(wrong);
  for (int i = 2; i <= 5; ++i) {
    ASSERT_EQ(
        post_login("ana", "nope nope nope", "203.0.113." + std::to_string(i), &cookie)->status,
        401);
  }
  const auto locked = post_login("ana", kPassword, "203.0.113.9", &cookie);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, wrong->status);
  EXPECT_EQ(locked->body, wrong->body);
  EXPECT_EQ(set_cookie(locked, std::string(kSessionCookie)), "");
  // Another account is not affected, and the lock ends after 15 minutes.
  EXPECT_EQ(post_login("root", kPassword, "203.0.113.10")->status, 303);
  clock_.advance(minutes(15));
  EXPECT_EQ(post_login("ana", kPassword, "203.0.113.11")->status, 303);
}

TEST_F(AuthServerTest, AThrottledAddressAnswersExactlyLikeAWrongPassword) {
  ServerOptions opts;
  opts.trusted_proxy = "127.0.0.1";
  start(opts);
  std::string cookie;
  const auto wrong = post_login("user0", "not the password", "198.51.100.7", &cookie);
  ASSERT_TRUE(wrong);
  for (int i = 1; i < 20; ++i) {  // one try per name: no account is locked
    ASSERT_EQ(post_login("user" + std::to_string(i), "x", "198.51.100.7", &cookie)->status, 401);
  }
  const auto throttled = post_login("ana", kPassword, "198.51.100.7", &cookie);
  ASSERT_TRUE(throttled);
  EXPECT_EQ(throttled->status, wrong->status);
  EXPECT_EQ(throttled->body, wrong->body);
  EXPECT_EQ(post_login("ana", kPassword, "198.51.100.8")->status, 303);
}

TEST_F(AuthServerTest, SessionsEndAfterThirtyIdleMinutes) {
  start();
  const Browser b = login("ana");
  clock_.advance(minutes(29));
  EXPECT_EQ(get("/", b)->status, 200);
  clock_.advance(minutes(29));  // 58 minutes after login, 29 after the last request
  EXPECT_EQ(get("/", b)->status, 200);
  clock_.advance(minutes(31));
  const auto res = get("/", b);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/login");
}

TEST_F(AuthServerTest, SessionsEndTwelveHoursAfterLoginWhateverTheActivity) {
  start();
  const Browser b = login("ana");
  for (int i = 0; i < 35; ++i) {  // every 20 minutes for 11 h 40 min
    clock_.advance(minutes(20));
    ASSERT_EQ(get("/", b)->status, 200) << i;
  }
  clock_.advance(minutes(19));
  EXPECT_EQ(get("/", b)->status, 200);
  clock_.advance(minutes(1));
  EXPECT_EQ(get("/", b)->status, 303);
}

TEST_F(AuthServerTest, ACoordinatorOnAnAdminRouteGets403) {
  start({}, add_admin_routes);
  const Browser ana = login("ana");
  auto c = client();
  auto res = get("/test/admin-page", ana);
  EXPECT_EQ(res->status, 403);
  res = c.Post("/test/admin", {{"Cookie", ana.cookie}, {"X-CSRF-Token", ana.csrf}}, "",
               "application/json");
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(res->body.find("\"code\": \"forbidden\""), std::string::npos);
  res = c.Post("/test/admin", {{"Authorization", "Bearer " + api_token("ana")}}, "",
               "application/json");
  EXPECT_EQ(res->status, 403);
  res = c.Post("/test/admin", {{"Authorization", "Bearer " + api_token("root")}}, "",
               "application/json");
  EXPECT_EQ(res->status, 200);
  const Browser root = login("root");
  EXPECT_EQ(get("/test/admin-page", root)->body, "admin page for root");
}

TEST_F(AuthServerTest, ABearerTokenStopsWorkingWhenRevoked) {
  start();
  const auto issued = app::create_api_token(*db_, clock_, "test", "ana").value();
  auto c = client();
  const httplib::Headers bearer{{"Authorization", "Bearer " + issued.token}};
  EXPECT_EQ(c.Get("/metrics", bearer)->status, 200);
  EXPECT_EQ(c.Get("/", bearer)->status, 200);  // pages accept it too
  ASSERT_TRUE(app::revoke_api_token(*db_, clock_, "test", issued.id));
  const auto res = c.Get("/metrics", bearer);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer realm=\"courtwatch\"");
}

TEST_F(AuthServerTest, AVolunteerOrFeedTokenIsNotACredential) {
  start();
  const auto secret = store::TokenSecret::load_or_create(dir_.file("key")).value();
  store::TokenRepo tokens(*db_);
  const auto link =
      tokens.issue(secret, store::TokenPurpose::volunteer_link, "1", store::Rotation::keep, kStart)
          .value();
  const auto feed =
      tokens.issue(secret, store::TokenPurpose::feed_open, "", store::Rotation::keep, kStart)
          .value();
  auto c = client();
  for (const std::string& t : {link, feed}) {
    EXPECT_EQ(c.Get("/metrics", httplib::Headers{{"Authorization", "Bearer " + t}})->status, 401);
    // Nor as a session cookie.
    EXPECT_EQ(c.Get("/", httplib::Headers{{"Cookie", "cw_session=" + t}})->status, 303);
  }
  // A bad bearer token is not rescued by a good cookie.
  const Browser ana = login("ana");
  const httplib::Headers both{{"Authorization", "Bearer " + link}, {"Cookie", ana.cookie}};
  EXPECT_EQ(c.Get("/metrics", both)->status, 401);
  EXPECT_EQ(c.Get("/metrics", {{"Cookie", ana.cookie}})->status, 200);
}

TEST_F(AuthServerTest, LogoutEndsTheSessionAndClearsTheCookie) {
  start();
  const Browser b = login("ana");
  auto c = client();
  const auto res = c.Post("/logout", {{"Cookie", b.cookie}}, httplib::Params{{"csrf", b.csrf}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/login");
  std::string attrs;
  EXPECT_EQ(set_cookie(res, std::string(kSessionCookie), &attrs), "");
  EXPECT_NE(attrs.find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(get("/", b)->status, 303);
}

TEST_F(AuthServerTest, SessionCookieIsHttpOnlyStrictAndSecureBehindHttps) {
  start();
  auto res = post_login("ana", kPassword);
  std::string attrs;
  ASSERT_NE(set_cookie(res, std::string(kSessionCookie), &attrs), "");
  EXPECT_NE(attrs.find("; HttpOnly"), std::string::npos) << attrs;
  EXPECT_NE(attrs.find("; SameSite=Strict"), std::string::npos) << attrs;
  EXPECT_NE(attrs.find("; Path=/"), std::string::npos) << attrs;
  EXPECT_EQ(attrs.find("Secure"), std::string::npos) << attrs;
  stop();
  ServerOptions opts;
  opts.secure_cookies = true;
  start(opts);
  res = post_login("ana", kPassword);
  ASSERT_NE(set_cookie(res, std::string(kSessionCookie), &attrs), "");
  EXPECT_TRUE(attrs.ends_with("; Secure")) << attrs;
}

TEST_F(AuthServerTest, TheLoginPageIsLabelledScriptFreeAndSpeaksSpanish) {
  start();
  auto c = client();
  auto res = c.Get("/login");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  for (const char* part : {"<label for=\"username\">User name</label>", "id=\"username\"",
                           "<label for=\"password\">Password</label>", "type=\"password\"",
                           "name=\"csrf\"", "<html lang=\"en\"", "name=\"viewport\""}) {
    EXPECT_NE(res->body.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(res->body.find("<script>"), std::string::npos);  // no inline script
  EXPECT_EQ(res->body.find("style="), std::string::npos);
  res = c.Get("/login", {{"Accept-Language", "es-MX,es;q=0.9"}});
  EXPECT_NE(res->body.find("Iniciar sesión"), std::string::npos);
  EXPECT_NE(res->body.find("<label for=\"password\">Contraseña</label>"), std::string::npos);
  // Signed in, /login sends you home.
  const Browser b = login("ana");
  res = get("/login", b);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/");
}

// Hashes the database and its WAL: any write shows.
std::string file_state(const std::string& db_path) {
  std::string out;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream f(db_path + suffix, std::ios::binary);
    out += std::string(std::istreambuf_iterator<char>(f), {});
  }
  return std::to_string(std::hash<std::string>{}(out));
}

TEST_F(AuthServerTest, AuthenticatedGetsNeverWriteTheDatabase) {
  start();
  const Browser b = login("ana");
  const std::string token = api_token("ana");
  const std::string before = file_state(db_path_);
  clock_.advance(minutes(10));
  auto c = client();
  EXPECT_EQ(get("/", b)->status, 200);
  EXPECT_EQ(get("/metrics", b)->status, 200);
  EXPECT_EQ(get("/login", b)->status, 303);
  EXPECT_EQ(c.Get("/", {{"Authorization", "Bearer " + token}})->status, 200);
  EXPECT_EQ(c.Get("/")->status, 303);
  EXPECT_EQ(file_state(db_path_), before);
}

}  // namespace
}  // namespace cw::web
