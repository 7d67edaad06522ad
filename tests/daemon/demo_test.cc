#include "daemon/demo.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/sites_file.h"
#include "store/repos.h"

namespace cw::daemon {
namespace {

LocalDate demo_day(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

TEST(Demo, WeekdayTokensSkipWeekends) {
  // 2026-11-27 is a Friday.
  const auto text = expand_demo_template("@WD+0@,@WD+1@,@WD+5@", demo_day(2026, 11, 27)).value();
  EXPECT_EQ(text, "2026-11-27,2026-11-30,2026-12-04");
  // From a Saturday, @WD+0@ is the next Monday.
  EXPECT_EQ(expand_demo_template("@WD+0@", demo_day(2026, 11, 28)).value(), "2026-11-30");
}

TEST(Demo, BadTokensAreErrors) {
  EXPECT_FALSE(expand_demo_template("@WD+x@", demo_day(2026, 11, 27)));
  EXPECT_FALSE(expand_demo_template("@WD+3", demo_day(2026, 11, 27)));
}

TEST(SitesFile, TheShippedListHasEveryCourtAndFieldOfficeWithValidZones) {
  const auto sites = read_sites_file(std::string(CW_SOURCE_DIR) + "/config/sites.csv");
  ASSERT_TRUE(sites) << sites.error().message;
  int courts = 0, offices = 0;
  for (const auto& s : *sites) {
    (s.kind == SiteKind::ice_field_office ? offices : courts)++;
    EXPECT_FALSE(s.address.empty()) << s.code;
  }
  EXPECT_EQ(courts, 92);   // every base-city code in the reference table
  EXPECT_EQ(offices, 25);  // every ICE ERO field office
}

TEST(SitesFile, SyncWritesOnlyWhatChanged) {
  char tmpl[] = "/tmp/cw-sites-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string sites = std::string(CW_SOURCE_DIR) + "/config/sites.csv";
  auto db = store::Database::open(dir + "/s.db").value();
  EXPECT_EQ(sync_sites(*db, sites).value(), 117u);
  EXPECT_EQ(sync_sites(*db, sites).value(), 0u);  // unchanged: no write
  ASSERT_TRUE(db->exec("UPDATE sites SET timezone = 'UTC' WHERE code = 'CHI'"));
  EXPECT_EQ(sync_sites(*db, sites).value(), 1u);
  EXPECT_EQ(store::SiteRepo(*db).find("CHI").value()->timezone, "America/Chicago");
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cw::daemon
