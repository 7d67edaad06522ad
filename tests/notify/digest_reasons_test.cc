// The digest's reasons for unfilled seats: the matcher's preview runs once
// per digest run, whatever the number of coordinators, and each digest words
// it in its coordinator's language.
#include <gtest/gtest.h>

#include <vector>

#include "notify/digest_source.h"
#include "tests/store/temp_db.h"
#include "tests/support/utc.h"

namespace cw::notify {
namespace {

using cw::testing::TempDir;

class DigestReasons : public ::testing::Test {
 protected:
  void SetUp() override { db = std::move(*store::Database::open(dir.file("cw.db"))); }

  // A preview that counts its runs; session 7 lacks a volunteer who speaks `lang`.
  DigestWords counting() {
    return DigestWords(
        [this](store::Database&, Instant) -> Result<std::map<Id, Phrase>> {
          ++previews;
          if (fail_next) {
            fail_next = false;
            return fail(Error::database("database is locked"));
          }
          return std::map<Id, Phrase>{{7, Phrase{"no-speaker", {}}.arg("lang", "mixteco")}};
        },
        [](std::string_view locale, const Phrase& p) {
          return std::string(locale) + ":" + p.key + ":" + p.args.at(0).second;
        });
  }

  Coordinator coordinator(int i, const char* locale) {
    Coordinator c;
    c.name = "Coordinator " + std::to_string(i);
    c.email = "c" + std::to_string(i) + "@example.org";
    c.locale = locale;
    return c;
  }

  TempDir dir;
  std::unique_ptr<store::Database> db;
  int previews = 0;
  bool fail_next = false;
  const Instant now = test_support::utc("2027-03-15T11:00:00Z");
};

TEST_F(DigestReasons, ThePreviewRunsOnceForEveryCoordinatorOfARun) {
  // Two worker threads' copies of the daemon's one DigestWords share its memo.
  const std::vector<DigestWords> workers(2, counting());
  const char* locales[] = {"en", "es", "en", "es", "es"};
  for (int i = 0; i < 5; ++i) {
    const auto& r = workers[i % 2];
    ASSERT_TRUE(
        load_digest(*db, coordinator(i, locales[i]), now + std::chrono::seconds(20 * i), r));
  }
  EXPECT_EQ(previews, 1);
}

TEST_F(DigestReasons, EachCoordinatorGetsTheWordsOfTheirLanguage) {
  const DigestWords reasons = counting();
  const auto en = reasons.reasons(*db, now, "en");
  const auto es = reasons.reasons(*db, now + std::chrono::seconds(5), "es");
  ASSERT_TRUE(en && es);
  EXPECT_EQ(en->at(7), "en:no-speaker:mixteco");
  EXPECT_EQ(es->at(7), "es:no-speaker:mixteco");
  EXPECT_EQ(previews, 1);
}

TEST_F(DigestReasons, ALaterRunOrANewDayPreviewsAgain) {
  const DigestWords reasons = counting();
  ASSERT_TRUE(reasons.reasons(*db, now, "en"));
  ASSERT_TRUE(reasons.reasons(*db, now + DigestWords::kFresh - std::chrono::seconds(1), "en"));
  EXPECT_EQ(previews, 1);
  ASSERT_TRUE(reasons.reasons(*db, now + DigestWords::kFresh, "en"));
  EXPECT_EQ(previews, 2);
  // 23:59:30 and 00:00:10 are half a minute apart but cover other days.
  const Instant late = test_support::utc("2027-03-15T23:59:30Z");
  ASSERT_TRUE(reasons.reasons(*db, late, "en"));
  ASSERT_TRUE(reasons.reasons(*db, late + std::chrono::seconds(40), "en"));
  EXPECT_EQ(previews, 4);
}

TEST_F(DigestReasons, AFailedPreviewIsNotKept) {
  const DigestWords reasons = counting();
  fail_next = true;
  EXPECT_FALSE(reasons.reasons(*db, now, "en"));
  const auto again = reasons.reasons(*db, now + std::chrono::seconds(1), "en");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), 1u);
  EXPECT_EQ(previews, 2);
}

TEST_F(DigestReasons, WithoutAPreviewThereAreNoReasons) {
  const DigestWords none;
  EXPECT_FALSE(none);
  const auto r = none.reasons(*db, now, "es");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
}

}  // namespace
}  // namespace cw::notify
