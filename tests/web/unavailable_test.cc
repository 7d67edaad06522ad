// No database connection (DESIGN.md §8): every page answers 503 with the
// layout and a notice in the reader's language, the JSON API its error
// object, the probe its status. The database file is missing, so every
// connection the pool tries to open fails.
#include <nlohmann/json.hpp>

#include "tests/web/auth_fixture.h"
#include "web/i18n.h"
#include "web/layout.h"

namespace cw::web::testing {
namespace {

class Unavailable : public AuthServerTest {
 protected:
  void SetUp() override {
    AuthServerTest::SetUp();
    db_path_ = dir_.file("missing.db");  // never created: read_write_existing fails
    start();
  }

  // A browser with a session cookie: checking it needs the database.
  httplib::Result page(const std::string& path, const std::string& accept,
                       const std::string& cookies = "") {
    return client().Get(path, {{"Accept-Language", accept},
                               {"Cookie", std::string(kSessionCookie) + "=abc" + cookies}});
  }

  static void expect_page(const httplib::Result& res, Lang lang) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(res->get_header_value("Content-Language"), lang_code(lang));
    EXPECT_EQ(res->get_header_value("Retry-After"), "60");
    EXPECT_NE(res->body.find("<html lang=\"" + std::string(lang_code(lang)) + "\">"),
              std::string::npos)
        << res->body;
    EXPECT_NE(res->body.find(std::string(tr(lang, "unavailable.body"))), std::string::npos)
        << res->body;
    const Lang other = lang == Lang::en ? Lang::es : Lang::en;
    EXPECT_EQ(res->body.find(std::string(tr(other, "unavailable.body"))), std::string::npos);
  }
};

TEST_F(Unavailable, APageAnswersInTheLanguageTheBrowserAsksFor) {
  expect_page(page("/imports", "es-MX,es;q=0.9"), Lang::es);
  expect_page(page("/imports", "en-US"), Lang::en);
  // The language switch's cookie outranks the header.
  expect_page(page("/", "en", "; cw_lang=es"), Lang::es);
}

TEST_F(Unavailable, AVolunteerPageAnswersInTheVolunteersLanguage) {
  expect_page(client().Get("/v/sometoken", {{"Accept-Language", "es"}}), Lang::es);
}

TEST_F(Unavailable, ThePagesAreTheSameWhateverThePath) {
  const auto a = page("/sessions", "es");
  const auto b = page("/imports", "es");
  expect_page(a, Lang::es);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->body, b->body);
}

TEST_F(Unavailable, TheApiKeepsItsErrorObject) {
  const auto res =
      client().Get("/api/v1/sessions", {{"Authorization", "Bearer x"}, {"Accept-Language", "es"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  const auto body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["error"]["code"], "unavailable");
  EXPECT_EQ(res->get_header_value("Retry-After"), "60");
}

TEST_F(Unavailable, TheProbeSaysNotReady) {
  const auto res = client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
}

TEST(UnavailablePage, KeepsTheSignedInCoordinatorsNavigation) {
  httplib::Response res;
  send_unavailable(res, Shell{.lang = Lang::es, .nav = Nav::imports, .user = "Ana", .csrf = "t"});
  EXPECT_EQ(res.status, 503);
  EXPECT_NE(res.body.find(std::string(tr(Lang::es, "nav.imports"))), std::string::npos);
  EXPECT_NE(res.body.find(std::string(tr(Lang::es, "unavailable.title"))), std::string::npos);
  EXPECT_NE(res.body.find("Ana"), std::string::npos);
}

}  // namespace
}  // namespace cw::web::testing
