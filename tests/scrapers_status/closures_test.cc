// Closures: the repository and what closing and reopening a site-day does.
#include "scrapers/status/closures.h"

#include "store/repos.h"
#include "tests/scrapers_ics/import_env.h"

namespace cw::scrapers::status {
namespace {

using date::year;
using store::ClosureDays;
using store::ClosureKind;
using store::ClosureRepo;
constexpr LocalDate kDay{year{2026} / 3 / 9};
const Instant kNow = Instant{date::sys_days{kDay.time_since_epoch()}};

void add_hearing(test::ImportEnv& env, const std::string& key, const std::string& site,
                 LocalDate day, bool detained) {
  Hearing h;
  h.source_key = key;
  h.site = site;
  h.date = day;
  h.start = TimeOfDay{9 * 60};
  h.type = HearingType::master;
  h.detained = detained;
  ASSERT_TRUE(store::HearingRepo(env.db()).upsert(h, "test", 0, kNow));
}

std::string state(test::ImportEnv& env, const std::string& key) {
  const auto h = store::HearingRepo(env.db()).find_by_key(key);
  if (!h || !*h) return "<missing>";
  return std::string(to_string((*h)->status)) + ":" + (*h)->cancel_reason;
}

TEST(Closures, ClosedDayCancelsEveryHearingWithReasonClosure) {
  test::ImportEnv env;
  add_hearing(env, "a", "CHI", kDay, false);
  add_hearing(env, "b", "CHI", kDay, true);
  add_hearing(env, "c", "CHI", kDay + date::days{1}, false);
  EXPECT_EQ(*close_site_day(env.db(), "CHI", kDay, ClosureKind::closed, kNow), 2);
  EXPECT_EQ(state(env, "a"), "cancelled:closure");
  EXPECT_EQ(state(env, "b"), "cancelled:closure");
  EXPECT_EQ(state(env, "c"), "scheduled:");
  // The change log records the cancellation (it becomes a notice).
  const auto changes = store::HearingRepo(env.db()).changes_since(0, 100);
  ASSERT_TRUE(changes);
  EXPECT_EQ(std::count_if(changes->begin(), changes->end(),
                          [](const auto& c) { return c.kind == "cancelled"; }),
            2);
}

TEST(Closures, PartialClosureCancelsOnlyHearingsThatAreNotDetained) {
  test::ImportEnv env;
  add_hearing(env, "a", "HOU", kDay, false);
  add_hearing(env, "b", "HOU", kDay, true);
  EXPECT_EQ(*close_site_day(env.db(), "HOU", kDay, ClosureKind::partial, kNow), 1);
  EXPECT_EQ(state(env, "a"), "cancelled:closure");
  EXPECT_EQ(state(env, "b"), "scheduled:");
}

TEST(Closures, RemovingTheClosureRestoresItsHearingsOnly) {
  test::ImportEnv env;
  add_hearing(env, "a", "CHI", kDay, false);
  add_hearing(env, "gone", "CHI", kDay, false);
  ClosureRepo repo(env.db());
  ASSERT_TRUE(repo.put({"CHI", kDay, ClosureKind::closed, "snow", "manual", "ana", kNow}));
  ASSERT_TRUE(close_site_day(env.db(), "CHI", kDay, ClosureKind::closed, kNow));
  // The source cancelled this one for its own reasons in the meantime.
  auto h = **store::HearingRepo(env.db()).find_by_key("gone");
  h.cancel_reason = "source";
  ASSERT_TRUE(store::HearingRepo(env.db()).upsert(h, "test", 0, kNow));
  EXPECT_EQ(*repo.remove("CHI", kDay), 1);
  EXPECT_EQ(*reopen_site_day(env.db(), "CHI", kDay, kNow), 1);
  EXPECT_EQ(state(env, "a"), "scheduled:");
  EXPECT_EQ(state(env, "gone"), "cancelled:source");
}

TEST(Closures, AnotherSourcesClosureKeepsTheDayClosed) {
  test::ImportEnv env;
  add_hearing(env, "a", "CHI", kDay, false);
  ClosureRepo repo(env.db());
  ASSERT_TRUE(repo.put({"CHI", kDay, ClosureKind::closed, "", "manual", "", kNow}));
  ASSERT_TRUE(repo.put({"CHI", kDay, ClosureKind::closed, "", "eoir-status", "", kNow}));
  ASSERT_TRUE(close_site_day(env.db(), "CHI", kDay, ClosureKind::closed, kNow));
  EXPECT_EQ(*repo.remove("CHI", kDay, "manual"), 1);
  EXPECT_EQ(*reopen_site_day(env.db(), "CHI", kDay, kNow), 0);
  EXPECT_EQ(state(env, "a"), "cancelled:closure");
  const auto list = repo.list();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().source, "eoir-status");
}

TEST(Closures, DaysReportsTheStrongestClosurePerDate) {
  test::ImportEnv env;
  ClosureRepo repo(env.db());
  ASSERT_TRUE(repo.put({"CHI", kDay, ClosureKind::partial, "", "eoir-status", "", kNow}));
  ASSERT_TRUE(repo.put({"CHI", kDay, ClosureKind::closed, "", "manual", "", kNow}));
  ASSERT_TRUE(
      repo.put({"CHI", kDay + date::days{1}, ClosureKind::partial, "", "manual", "", kNow}));
  const auto days = repo.days("CHI", kDay, kDay + date::days{5});
  ASSERT_TRUE(days);
  EXPECT_EQ(*days, (ClosureDays{{kDay, ClosureKind::closed},
                                {kDay + date::days{1}, ClosureKind::partial}}));
}

}  // namespace
}  // namespace cw::scrapers::status
