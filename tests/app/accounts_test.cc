#include "app/accounts.h"

#include <gtest/gtest.h>

#include "../store/temp_db.h"
#include "app/audit_text.h"
#include "store/audit_repo.h"
#include "store/token_repo.h"

namespace cw::app {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const Instant kStart = date::sys_days{date::year{2026} / 11 / 26} + hours(9);
constexpr const char* kPassword = "correct horse battery";

struct AccountsTest : ::testing::Test {
  void SetUp() override { db = store::Database::open(dir.file("a.db")).value(); }
  User add(const std::string& name, UserRole role = UserRole::coordinator) {
    auto u = add_user(*db, clock, "cli:test", {name, kPassword, role, ""});
    EXPECT_TRUE(u) << (u ? "" : u.error().message);
    return u.value_or(User{});
  }
  // The rows as stored, every column.
  std::string audit_dump() {
    std::string out;
    auto& q = db->stmt(
        "SELECT actor || ' ' || action || ' ' || subject || ' ' || detail "
        "FROM audit_log ORDER BY id");
    while (q.step().value()) out += q.text(0) + "\n";
    return out;
  }
  // The entries as the audit page words them in English, oldest first.
  std::string audit_words() {
    auto page = store::AuditRepo(*db).list(100);
    EXPECT_TRUE(page);
    std::string out;
    for (const auto& e : page.value_or(store::AuditPage{}).entries) {
      const auto w = app::audit_words(e);
      out.insert(0, e.actor + " " + e.action + " " + worded("en", w.subject) + " " +
                        worded("en", w.detail) + "\n");
    }
    return out;
  }
  cw::testing::TempDir dir;
  std::unique_ptr<store::Database> db;
  FakeClock clock{kStart};
};

TEST_F(AccountsTest, RefusesEmptyShortAndBadInputsSayingWhy) {
  auto r = add_user(*db, clock, "t", {"ana", "", UserRole::admin, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the password is empty");
  r = add_user(*db, clock, "t", {"ana", "short", UserRole::admin, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the password is too short: it needs at least 10 characters");
  r = add_user(*db, clock, "t", {"ana maría", kPassword, UserRole::admin, ""});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'ana maría' may only contain"), std::string::npos);
  r = add_user(*db, clock, "t", {"ana", kPassword, UserRole::admin, "fr"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'fr'"), std::string::npos);
  EXPECT_TRUE(list_users(*db).value().empty());  // nothing half-written
  EXPECT_EQ(audit_dump(), "");
}

TEST_F(AccountsTest, StoresAnArgon2idHashAndChecksPasswords) {
  const User ana = add("Ana", UserRole::admin);
  EXPECT_EQ(ana.name, "ana");  // folded
  auto& q = db->stmt("SELECT password_hash FROM users");
  ASSERT_TRUE(q.step().value());
  EXPECT_TRUE(q.text(0).starts_with("$argon2id$")) << q.text(0);
  q.reset();
  EXPECT_TRUE(check_password(*db, "ana", kPassword).value());
  EXPECT_TRUE(check_password(*db, "ANA", kPassword).value());
  EXPECT_FALSE(check_password(*db, "ana", "correct horse battery!").value());
  EXPECT_FALSE(check_password(*db, "nobody", kPassword).value());
  const auto dup = add_user(*db, clock, "t", {"ana", kPassword, UserRole::admin, ""});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, Errc::conflict);
}

TEST_F(AccountsTest, SessionsExpireAfterIdleTimeAndAbsoluteAge) {
  const User ana = add("ana");
  const auto s = start_session(*db, clock, ana).value();
  EXPECT_TRUE(find_session(*db, clock, s.token).value());
  clock.advance(minutes(29));
  EXPECT_TRUE(find_session(*db, clock, s.token).value());
  clock.advance(minutes(2));  // 31 minutes without activity
  EXPECT_FALSE(find_session(*db, clock, s.token).value());

  // Activity (stored or reported by the caller) keeps it alive, but never
  // past 12 hours.
  clock.set(kStart);
  const auto t = start_session(*db, clock, ana).value();
  const Id id = find_session(*db, clock, t.token).value()->id;
  for (int i = 1; i < 36; ++i) {
    clock.advance(minutes(20));
    if (i % 2 == 0) {
      ASSERT_TRUE(touch_session(*db, id, clock.now()));
      ASSERT_TRUE(find_session(*db, clock, t.token).value()) << i;
    } else {
      const Instant seen = clock.now() - minutes(1);
      ASSERT_TRUE(find_session(*db, clock, t.token, [&](Id) { return seen; }).value()) << i;
    }
  }
  clock.set(kStart + hours(12) - std::chrono::seconds(1));
  ASSERT_TRUE(touch_session(*db, id, clock.now()));
  EXPECT_TRUE(find_session(*db, clock, t.token).value());
  clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(find_session(*db, clock, t.token).value());
}

TEST_F(AccountsTest, DisablingEndsSessionsAndRevokesTokens) {
  const User bo = add("bo");
  const auto s = start_session(*db, clock, bo).value();
  const auto tok = create_api_token(*db, clock, "cli:test", "bo").value();
  EXPECT_EQ(user_for_api_token(*db, tok.token).value()->name, "bo");
  const auto d = disable_user(*db, clock, "cli:test", "bo").value();
  EXPECT_EQ(d.sessions_ended, 1);
  EXPECT_EQ(d.tokens_revoked, 1);
  EXPECT_FALSE(find_session(*db, clock, s.token).value());
  EXPECT_FALSE(user_for_api_token(*db, tok.token).value());
  EXPECT_FALSE(check_password(*db, "bo", kPassword).value());
  const auto again = create_api_token(*db, clock, "cli:test", "bo");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("disabled"), std::string::npos);
  EXPECT_EQ(disable_user(*db, clock, "t", "nobody").error().code, Errc::not_found);
}

TEST_F(AccountsTest, OnlyLiveApiTokensOfEnabledUsersAuthenticate) {
  add("ana");
  const auto tok = create_api_token(*db, clock, "cli:test", "ana").value();
  EXPECT_TRUE(user_for_api_token(*db, tok.token).value());
  // A volunteer's page link is a token of another purpose: not a credential.
  const auto link =
      store::TokenRepo(*db).issue_random(store::TokenPurpose::volunteer_link, "1", kStart);
  EXPECT_FALSE(user_for_api_token(*db, link.value().token).value());
  ASSERT_TRUE(revoke_api_token(*db, clock, "cli:test", tok.id));
  EXPECT_FALSE(user_for_api_token(*db, tok.token).value());
  EXPECT_EQ(revoke_api_token(*db, clock, "cli:test", tok.id).error().code, Errc::conflict);
  EXPECT_EQ(revoke_api_token(*db, clock, "cli:test", link->id).error().code, Errc::not_found);
  const auto listed = list_api_tokens(*db).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].user, "ana");
  EXPECT_TRUE(listed[0].revoked);
}

TEST_F(AccountsTest, EveryChangeIsAuditedWithoutSecrets) {
  const User ana = add("ana", UserRole::admin);
  const auto s = start_session(*db, clock, ana).value();
  const auto tok = create_api_token(*db, clock, "cli:root", "ana").value();
  ASSERT_TRUE(revoke_api_token(*db, clock, "cli:root", tok.id));
  ASSERT_TRUE(end_session(*db, clock, s.token));
  ASSERT_TRUE(disable_user(*db, clock, "cli:root", "ana"));
  const std::string log = audit_dump();
  EXPECT_EQ(audit_words(),
            "cli:test user.add ana role: admin\n"
            "ana login ana \n"
            "cli:root api-token.create token " +
                std::to_string(tok.id) +
                " for ana \n"
                "cli:root api-token.revoke token " +
                std::to_string(tok.id) +
                " \n"
                "ana logout ana \n"
                "cli:root user.disable ana \n");
  for (const std::string& secret : {std::string(kPassword), s.token, s.csrf, tok.token}) {
    EXPECT_EQ(log.find(secret), std::string::npos);
  }
}

}  // namespace
}  // namespace cw::app
