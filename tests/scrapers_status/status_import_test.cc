// `import status`: the HTML fixture imported into a database with hearings.
#include "scrapers/status/status_import.h"

#include "core/clock.h"
#include "scrapers/status/closures.h"
#include "store/repos.h"
#include "tests/scrapers_ics/import_env.h"

namespace cw {
namespace {

namespace fs = std::filesystem;
using date::year;
const fs::path kStatusRoot = fs::path(CW_FIXTURES) / "status";
constexpr LocalDate kDay{year{2026} / 3 / 9};

const FakeClock& status_clock() {
  static const FakeClock c(Instant{date::sys_days{kDay.time_since_epoch()}} +
                           std::chrono::hours(11));
  return c;
}

void add_hearing(test::ImportEnv& env, const std::string& key, const std::string& site,
                 LocalDate day, bool detained) {
  Hearing h;
  h.source_key = key;
  h.site = site;
  h.date = day;
  h.start = TimeOfDay{9 * 60};
  h.location = "Courtroom 1";
  h.type = HearingType::master;
  h.detained = detained;
  ASSERT_TRUE(store::HearingRepo(env.db()).upsert(h, "csv", 0, status_clock().now()));
}

void add_docket(test::ImportEnv& env) {
  add_hearing(env, "csv:chi-1", "CHI", kDay, false);
  add_hearing(env, "csv:chi-2", "CHI", kDay, true);
  add_hearing(env, "csv:chi-next-day", "CHI", kDay + date::days{1}, false);
  add_hearing(env, "csv:hou-free", "HOU", kDay, false);
  add_hearing(env, "csv:hou-detained", "HOU", kDay, true);
  add_hearing(env, "csv:atd-1", "ATD", kDay, false);
  add_hearing(env, "csv:atl-1", "ATL", kDay, false);
  add_hearing(env, "csv:ann-free", "ANN", kDay, false);
  add_hearing(env, "csv:nyc-1", "NYC", kDay, false);
  add_hearing(env, "csv:chi-ero", "CHI-ERO", kDay, false);
}

nlohmann::json closures_json(test::ImportEnv& env) {
  nlohmann::json out = nlohmann::json::array();
  const auto list = store::ClosureRepo(env.db()).list();
  if (!list) throw std::runtime_error(list.error().message);
  for (const auto& c : *list) {
    out.push_back({{"site", c.site},
                   {"date", format_date(c.date)},
                   {"status", to_string(c.kind)},
                   {"reason", c.reason},
                   {"source", c.source}});
  }
  return out;
}

ImportRun import(test::ImportEnv& env, const std::string& file,
                 std::optional<LocalDate> day = std::nullopt) {
  auto run =
      scrapers::import_status_file(env.db(), {(kStatusRoot / file).string(), day}, status_clock());
  if (!run) throw std::runtime_error(run.error().message);
  return *run;
}

TEST(StatusImport, NoticeMatchesExpected) {
  test::ImportEnv env;
  add_docket(env);
  const auto run = import(env, "notice-2026-03-09.html");
  const nlohmann::json actual = {{"run", test::ImportEnv::run_json(run)},
                                 {"closures", closures_json(env)},
                                 {"hearings", env.hearings_json()}};
  test::expect_matches_fixture(actual, kStatusRoot / "notice-2026-03-09.expected.json");
}

TEST(StatusImport, ClosedCancelsAllAndPartialOnlyNonDetained) {
  test::ImportEnv env;
  add_docket(env);
  import(env, "notice-2026-03-09.html");
  store::HearingRepo repo(env.db());
  auto st = [&](const char* key) {
    const auto h = **repo.find_by_key(key);
    return std::string(to_string(h.status)) + ":" + h.cancel_reason;
  };
  EXPECT_EQ(st("csv:chi-1"), "cancelled:closure");
  EXPECT_EQ(st("csv:chi-2"), "cancelled:closure");
  EXPECT_EQ(st("csv:chi-next-day"), "scheduled:");
  EXPECT_EQ(st("csv:hou-free"), "cancelled:closure");
  EXPECT_EQ(st("csv:hou-detained"), "scheduled:");
  EXPECT_EQ(st("csv:atd-1"), "cancelled:closure");
  EXPECT_EQ(st("csv:atl-1"), "scheduled:");
  EXPECT_EQ(st("csv:ann-free"), "cancelled:closure");
  EXPECT_EQ(st("csv:nyc-1"), "cancelled:closure");
  EXPECT_EQ(st("csv:chi-ero"), "scheduled:");  // the ICE office is not the court
}

TEST(StatusImport, ReimportChangesNothing) {
  test::ImportEnv env;
  add_docket(env);
  import(env, "notice-2026-03-09.html");
  const auto before = env.hearings_json();
  const auto again = import(env, "notice-2026-03-09.html");
  EXPECT_EQ(again.cancelled, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(env.hearings_json(), before);
}

TEST(StatusImport, ALaterOpenNoticeReopensTheCourt) {
  test::ImportEnv env;
  add_docket(env);
  import(env, "notice-2026-03-09.html");
  const auto page = env.dir() / "reopened.html";
  std::ofstream(page) << "<p>Updated March 9, 2026, 11:00 a.m.</p><table>"
                         "<tr><td>Chicago</td><td>Open</td></tr></table>";
  auto run = scrapers::import_status_file(env.db(), {page.string(), std::nullopt}, status_clock());
  ASSERT_TRUE(run);
  EXPECT_EQ(run->updated, 1);
  EXPECT_EQ((**store::HearingRepo(env.db()).find_by_key("csv:chi-1")).status,
            HearingStatus::scheduled);
}

TEST(StatusImport, DateFlagOverridesAndMissingDateFails) {
  test::ImportEnv env;
  add_docket(env);
  const auto page = env.dir() / "undated.html";
  std::ofstream(page) << "<table><tr><td>Chicago</td><td>Closed</td></tr></table>";
  auto failed =
      scrapers::import_status_file(env.db(), {page.string(), std::nullopt}, status_clock());
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("no date found"), std::string::npos);
  EXPECT_TRUE(closures_json(env).empty());
  auto run =
      scrapers::import_status_file(env.db(), {page.string(), kDay + date::days{1}}, status_clock());
  ASSERT_TRUE(run);
  EXPECT_EQ(run->cancelled, 1);  // csv:chi-next-day
}

}  // namespace
}  // namespace cw
