#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::TempDir;

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

Volunteer sample() {
  Volunteer v;
  v.handle = "v0001";
  v.name = "Ana";
  v.email = "ana@example.org";
  v.role = Role::lead;
  v.sites = {"HOU", "CHI"};
  v.languages = {"spanish"};
  v.max_per_week = 3;
  v.availability.set_weekly(0, Half::am, true);
  v.availability.set_weekly(2, Half::pm, true);
  v.availability.blackouts.push_back({ymd(2026, 12, 24), ymd(2026, 12, 31)});
  v.availability.extra.push_back({ymd(2026, 12, 5), Half::am});
  return v;
}

TEST(VolunteerRepo, RoundTripsEveryField) {
  TempDir dir;
  auto db = Database::open(dir.file("v.db")).value();
  cw::testing::add_site(*db, "CHI", "America/Chicago");
  cw::testing::add_site(*db, "HOU", "America/Chicago");
  VolunteerRepo repo(*db);
  const Instant now = date::sys_days{date::year{2026} / 11 / 26};
  ASSERT_EQ(repo.upsert(sample(), now).value(), UpsertOutcome::added);
  const auto back = repo.find_by_handle("v0001").value();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->sites, (std::vector<std::string>{"CHI", "HOU"}));
  EXPECT_EQ(back->languages, std::vector<std::string>{"spanish"});
  EXPECT_EQ(back->role, Role::lead);
  EXPECT_EQ(back->max_per_week, 3);
  EXPECT_TRUE(back->availability.weekly(0, Half::am));
  EXPECT_FALSE(back->availability.weekly(0, Half::pm));
  EXPECT_TRUE(back->availability.weekly(2, Half::pm));
  ASSERT_EQ(back->availability.blackouts.size(), 1u);
  EXPECT_EQ(back->availability.blackouts[0].last, ymd(2026, 12, 31));
  ASSERT_EQ(back->availability.extra.size(), 1u);
  EXPECT_EQ(back->availability.extra[0], (HalfDay{ymd(2026, 12, 5), Half::am}));
}

TEST(VolunteerRepo, ReimportIsUnchangedAndAChangeReplacesLists) {
  TempDir dir;
  auto db = Database::open(dir.file("v.db")).value();
  cw::testing::add_site(*db, "CHI", "America/Chicago");
  cw::testing::add_site(*db, "HOU", "America/Chicago");
  VolunteerRepo repo(*db);
  const Instant now = date::sys_days{date::year{2026} / 11 / 26};
  ASSERT_TRUE(repo.upsert(sample(), now));
  EXPECT_EQ(repo.upsert(sample(), now).value(), UpsertOutcome::unchanged);
  auto changed = sample();
  changed.sites = {"CHI"};
  changed.availability.blackouts.clear();
  EXPECT_EQ(repo.upsert(changed, now).value(), UpsertOutcome::updated);
  const auto back = repo.find_by_handle("v0001").value();
  EXPECT_EQ(back->sites, std::vector<std::string>{"CHI"});
  EXPECT_TRUE(back->availability.blackouts.empty());
  EXPECT_EQ(repo.all().value().size(), 1u);
}

}  // namespace
}  // namespace cw::store
