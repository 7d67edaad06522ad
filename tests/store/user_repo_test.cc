#include "store/user_repo.h"

#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::TempDir;

const Instant kUserNow = date::sys_days{date::year{2026} / 11 / 26};

struct UserRepoTest : ::testing::Test {
  void SetUp() override { db = Database::open(dir.file("u.db")).value(); }
  Id add(const std::string& name, UserRole role = UserRole::coordinator) {
    User u;
    u.name = name;
    u.role = role;
    u.created = kUserNow;
    return UserRepo(*db).insert(u, "$argon2id$stand-in").value();
  }
  TempDir dir;
  std::unique_ptr<Database> db;
};

TEST_F(UserRepoTest, StoresAndFindsUsersByNameAndId) {
  const Id ana = add("ana", UserRole::admin);
  add("bo");
  const auto row = UserRepo(*db).find_by_name("ana").value();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->user.id, ana);
  EXPECT_EQ(row->user.role, UserRole::admin);
  EXPECT_EQ(row->user.created, kUserNow);
  EXPECT_EQ(row->password_hash, "$argon2id$stand-in");
  EXPECT_EQ(UserRepo(*db).find(ana).value()->name, "ana");
  EXPECT_FALSE(UserRepo(*db).find_by_name("nobody").value());
  const auto all = UserRepo(*db).all().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].name, "bo");
}

TEST_F(UserRepoTest, ATakenNameIsAConflictNamingIt) {
  add("ana");
  User again;
  again.name = "ana";
  const auto r = UserRepo(*db).insert(again, "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::conflict);
  EXPECT_NE(r.error().message.find("'ana'"), std::string::npos);
}

TEST_F(UserRepoTest, SessionsAreFoundByTokenHashWithTheirUser) {
  const Id ana = add("ana");
  AuthSessionRepo sessions(*db);
  const auto id = sessions.insert(hash_token("tok-a"), ana, "csrf-a", kUserNow).value();
  const auto found = sessions.find(hash_token("tok-a")).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->user.name, "ana");
  EXPECT_EQ(found->csrf, "csrf-a");
  EXPECT_EQ(found->last_seen, kUserNow);
  EXPECT_FALSE(sessions.find(hash_token("tok-b")).value());

  ASSERT_TRUE(sessions.touch(id, kUserNow + std::chrono::minutes(5)));
  ASSERT_TRUE(sessions.touch(id, kUserNow + std::chrono::minutes(1)));  // never goes back
  EXPECT_EQ(sessions.find(hash_token("tok-a")).value()->last_seen,
            kUserNow + std::chrono::minutes(5));
  // The token itself is nowhere in the table.
  auto& dump = db->stmt("SELECT quote(token_hash) || csrf FROM auth_sessions");
  ASSERT_TRUE(dump.step().value());
  EXPECT_EQ(dump.text(0).find("tok-a"), std::string::npos);
  dump.reset();
}

TEST_F(UserRepoTest, SessionsEndPerUserAndPastTheirAbsoluteAge) {
  const Id ana = add("ana");
  const Id bo = add("bo");
  AuthSessionRepo sessions(*db);
  ASSERT_TRUE(sessions.insert(hash_token("a1"), ana, "c", kUserNow));
  ASSERT_TRUE(sessions.insert(hash_token("a2"), ana, "c", kUserNow + std::chrono::hours(1)));
  ASSERT_TRUE(sessions.insert(hash_token("b1"), bo, "c", kUserNow + std::chrono::hours(2)));
  EXPECT_EQ(sessions.remove_for_user(ana).value(), 2);
  EXPECT_FALSE(sessions.find(hash_token("a1")).value());
  EXPECT_EQ(sessions.remove_created_before(kUserNow + std::chrono::hours(2)).value(), 0);
  EXPECT_EQ(sessions.remove_created_before(kUserNow + std::chrono::hours(3)).value(), 1);
  EXPECT_FALSE(sessions.find(hash_token("b1")).value());
}

TEST_F(UserRepoTest, RandomTokensAreListedRevokedAndNeverStored) {
  TokenRepo tokens(*db);
  const auto a = tokens.issue_random(TokenPurpose::api, "1", kUserNow).value();
  const auto b = tokens.issue_random(TokenPurpose::api, "1", kUserNow).value();
  EXPECT_NE(a.token, b.token);
  EXPECT_TRUE(well_formed_token(a.token));
  const auto match = tokens.lookup(a.token).value();
  ASSERT_TRUE(match);
  EXPECT_EQ(match->purpose, TokenPurpose::api);
  EXPECT_EQ(match->id, a.id);
  EXPECT_TRUE(tokens.revoke(a.id, kUserNow).value());
  EXPECT_FALSE(tokens.revoke(a.id, kUserNow).value());  // already revoked
  EXPECT_FALSE(tokens.lookup(a.token).value());
  EXPECT_EQ(tokens.revoke_all(TokenPurpose::api, "1", kUserNow).value(), 1);
  EXPECT_FALSE(tokens.lookup(b.token).value());
  const auto rows = tokens.list(TokenPurpose::api).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].revoked && rows[1].revoked);
  auto& dump = db->stmt("SELECT group_concat(quote(token_hash) || subject) FROM tokens");
  ASSERT_TRUE(dump.step().value());
  EXPECT_EQ(dump.text(0).find(a.token), std::string::npos);
  EXPECT_EQ(dump.text(0).find(b.token), std::string::npos);
  dump.reset();
}

}  // namespace
}  // namespace cw::store
