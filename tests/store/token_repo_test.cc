#include "store/token_repo.h"

#include <sys/stat.h>

#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::TempDir;

const Instant kNow = date::sys_days{date::year{2026} / 11 / 26};

struct TokenRepoTest : ::testing::Test {
  void SetUp() override {
    db = Database::open(dir.file("t.db")).value();
    secret = TokenSecret::load_or_create(TokenSecret::path_for(dir.file("t.db"))).value();
  }
  // Every stored value of the tokens table, as text, to look for leaks.
  std::string table_dump() {
    std::string out;
    auto& s = db->stmt("SELECT quote(token_hash) || purpose || subject FROM tokens");
    while (s.step().value()) out += s.text(0) + "\n";
    return out;
  }
  TempDir dir;
  std::unique_ptr<Database> db;
  std::optional<TokenSecret> secret;
};

TEST_F(TokenRepoTest, IssuingAgainReprintsTheSameTokenAndStoresOnlyItsHash) {
  TokenRepo repo(*db);
  const auto a = repo.issue(*secret, TokenPurpose::feed_volunteer, "7", Rotation::keep, kNow);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->size(), 26u);
  EXPECT_TRUE(well_formed_token(*a));
  EXPECT_EQ(repo.issue(*secret, TokenPurpose::feed_volunteer, "7", Rotation::keep, kNow).value(),
            *a);
  EXPECT_EQ(table_dump().find(*a), std::string::npos);
  const auto found = repo.lookup(*a).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->purpose, TokenPurpose::feed_volunteer);
  EXPECT_EQ(found->subject, "7");
}

TEST_F(TokenRepoTest, RotationRevokesTheOldTokenAtOnce) {
  TokenRepo repo(*db);
  const auto old =
      repo.issue(*secret, TokenPurpose::feed_site, "CHI", Rotation::keep, kNow).value();
  const auto fresh =
      repo.issue(*secret, TokenPurpose::feed_site, "CHI", Rotation::rotate, kNow).value();
  EXPECT_NE(old, fresh);
  EXPECT_FALSE(repo.lookup(old).value());
  EXPECT_TRUE(repo.lookup(fresh).value());
  EXPECT_EQ(repo.live(*secret, TokenPurpose::feed_site, "CHI").value(), fresh);
}

TEST_F(TokenRepoTest, PurposesAndSubjectsGetDistinctTokens) {
  TokenRepo repo(*db);
  const auto feed = repo.issue(*secret, TokenPurpose::feed_volunteer, "7", Rotation::keep, kNow);
  const auto link = repo.issue(*secret, TokenPurpose::volunteer_link, "7", Rotation::keep, kNow);
  const auto other = repo.issue(*secret, TokenPurpose::feed_volunteer, "8", Rotation::keep, kNow);
  EXPECT_NE(*feed, *link);
  EXPECT_NE(*feed, *other);
  EXPECT_EQ(repo.lookup(*link).value()->purpose, TokenPurpose::volunteer_link);
}

TEST_F(TokenRepoTest, UnknownAndMalformedTokensAreNotFound) {
  TokenRepo repo(*db);
  ASSERT_TRUE(repo.issue(*secret, TokenPurpose::feed_open, "", Rotation::keep, kNow));
  EXPECT_FALSE(repo.lookup("aaaaaaaaaaaaaaaaaaaaaaaaaa").value());
  EXPECT_FALSE(repo.lookup("").value());
  EXPECT_FALSE(repo.lookup("not a token at all; DROP TABLE tokens").value());
  EXPECT_FALSE(repo.lookup(std::string(10000, 'a')).value());
  EXPECT_FALSE(well_formed_token("AAAAAAAAAAAAAAAAAAAAAAAAAA"));  // upper case is not ours
}

TEST_F(TokenRepoTest, SecretFileIsPrivateAndStable) {
  struct stat st {};
  ASSERT_EQ(stat(TokenSecret::path_for(dir.file("t.db")).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = TokenSecret::load_or_create(TokenSecret::path_for(dir.file("t.db"))).value();
  EXPECT_EQ(again.derive(TokenPurpose::feed_open, "", 1),
            secret->derive(TokenPurpose::feed_open, "", 1));
}

TEST_F(TokenRepoTest, AReplacedSecretIsDetectedInsteadOfPrintingADeadUrl) {
  TokenRepo repo(*db);
  ASSERT_TRUE(repo.issue(*secret, TokenPurpose::feed_open, "", Rotation::keep, kNow));
  const auto other = TokenSecret::load_or_create(dir.file("other.key")).value();
  const auto r = repo.issue(other, TokenPurpose::feed_open, "", Rotation::keep, kNow);
  EXPECT_FALSE(r);
}

}  // namespace
}  // namespace cw::store

namespace cw::store {
namespace {

TEST_F(TokenRepoTest, MacsAreKeyedPerContextAndVerifiedExactly) {
  const auto token = "abcdefghijklmnopqrstuvwxyz";
  const std::string mac = secret->mac("volunteer-csrf", token);
  EXPECT_TRUE(well_formed_token(mac));
  EXPECT_NE(mac, token);
  EXPECT_EQ(secret->mac("volunteer-csrf", token), mac);
  EXPECT_NE(secret->mac("other", token), mac);
  EXPECT_NE(secret->mac("volunteer-csrf", "abcdefghijklmnopqrstuvwxy2"), mac);
  EXPECT_TRUE(secret->verify_mac("volunteer-csrf", token, mac));
  EXPECT_FALSE(secret->verify_mac("volunteer-csrf", token, mac.substr(0, 25)));
  EXPECT_FALSE(secret->verify_mac("volunteer-csrf", token, ""));
  EXPECT_FALSE(secret->verify_mac("other", token, mac));
  TempDir other_dir;
  const auto other = TokenSecret::load_or_create(other_dir.file("k")).value();
  EXPECT_NE(other.mac("volunteer-csrf", token), mac);
}

}  // namespace
}  // namespace cw::store
