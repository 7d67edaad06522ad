// A WebServer on loopback over a real SQLite file with a fake clock, with
// helpers to sign in as a browser would (login form, cookies) and to call
// routes with a session cookie, a CSRF token or a bearer token.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <regex>
#include <thread>

#include "../store/temp_db.h"
#include "app/accounts.h"
#include "web/server.h"

namespace cw::web::testing {

inline const Instant kStart = date::sys_days{date::year{2026} / 11 / 26} + std::chrono::hours(9);
inline constexpr const char* kPassword = "correct horse battery";

struct Browser {
  std::string cookie;  // "cw_session=..."
  std::string csrf;
};

// The value of cookie `name` among the response's Set-Cookie headers
// (the whole header in *attributes), or "" when not set.
inline std::string set_cookie(const httplib::Result& res, const std::string& name,
                              std::string* attributes = nullptr) {
  const auto n = res->get_header_value_count("Set-Cookie");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string h = res->get_header_value("Set-Cookie", i);
    if (!h.starts_with(name + "=")) continue;
    if (attributes) *attributes = h;
    return h.substr(name.size() + 1, h.find(';') - name.size() - 1);
  }
  return {};
}

class AuthServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.file("w.db");
    db_ = store::Database::open(db_path_).value();
    add_user("ana", UserRole::coordinator);
    add_user("root", UserRole::admin);
  }
  void TearDown() override { stop(); }

  void add_user(const std::string& name, UserRole role) {
    ASSERT_TRUE(app::add_user(*db_, clock_, "test", {name, kPassword, role, ""}));
  }

  // Starts the server; `extra` may register more routes before it binds.
  void start(ServerOptions opts = {}, const std::function<void(WebServer&)>& extra = {}) {
    opts.port = 0;
    opts.threads = 8;
    server_ = std::make_unique<WebServer>(opts, db_path_, clock_);
    if (extra) extra(*server_);
    port_ = server_->bind().value();
    http_ = std::thread([this] { server_->run(); });
    ASSERT_TRUE(server_->wait_until_running(std::chrono::seconds(10)));
  }
  void stop() {
    if (!server_) return;
    server_->stop();
    http_.join();
    server_.reset();
  }

  httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20, 0);
    return c;
  }

  // GET /login, then POST /login as the form would. Returns the response.
  httplib::Result post_login(const std::string& user, const std::string& password,
                             const std::string& from = "", std::string* login_cookie = nullptr) {
    auto c = client();
    httplib::Headers h;
    if (!from.empty()) h.emplace("X-Forwarded-For", from);
    std::string cookie = login_cookie ? *login_cookie : "";
    if (cookie.empty()) {
      const auto page = c.Get("/login", h);
      EXPECT_TRUE(page);
      cookie = set_cookie(page, std::string(kLoginCsrfCookie));
      if (login_cookie) *login_cookie = cookie;
    }
    h.emplace("Cookie", std::string(kLoginCsrfCookie) + "=" + cookie);
    httplib::Params form{{"csrf", cookie}, {"username", user}, {"password", password}};
    return c.Post("/login", h, form);
  }

  Browser login(const std::string& user, const std::string& password = kPassword) {
    const auto res = post_login(user, password);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 303) << res->body;
    EXPECT_EQ(res->get_header_value("Location"), "/");
    Browser b;
    b.cookie = std::string(kSessionCookie) + "=" + set_cookie(res, std::string(kSessionCookie));
    auto& q = db_->stmt("SELECT csrf FROM auth_sessions ORDER BY id DESC LIMIT 1");
    EXPECT_TRUE(q.step().value());
    b.csrf = q.text(0);
    q.reset();
    return b;
  }

  httplib::Result get(const std::string& path, const Browser& b) {
    return client().Get(path, {{"Cookie", b.cookie}});
  }

  std::string api_token(const std::string& user) {
    return app::create_api_token(*db_, clock_, "test", user).value().token;
  }

  cw::testing::TempDir dir_;
  std::string db_path_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{kStart};
  std::unique_ptr<WebServer> server_;
  std::thread http_;
  int port_ = 0;
};

// A concrete path matching a route pattern: a group of plain alternatives
// such as "(confirm|decline)" becomes its first alternative, any other group
// ("(\\d+)", "([^/]+)") becomes "1". Groups are not nested in route patterns.
inline std::string sample_path(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += pattern[++i];
    } else if (c == '(') {
      const std::size_t close = pattern.find(')', i);
      const std::string group = pattern.substr(i + 1, close - i - 1);
      const bool literal =
          group.find_first_not_of("abcdefghijklmnopqrstuvwxyz-_|") == std::string::npos;
      out += literal ? group.substr(0, group.find('|')) : "1";
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace cw::web::testing
