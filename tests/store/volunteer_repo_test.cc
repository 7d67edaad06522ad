#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::TempDir;

LocalDate volunteer_day(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

Volunteer sample_volunteer() {
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
  v.availability.blackouts.push_back({volunteer_day(2026, 12, 24), volunteer_day(2026, 12, 31)});
  v.availability.extra.push_back({volunteer_day(2026, 12, 5), Half::am});
  return v;
}

TEST(VolunteerRepo, RoundTripsEveryField) {
  TempDir dir;
  auto db = Database::open(dir.file("v.db")).value();
  cw::testing::add_site(*db, "CHI", "America/Chicago");
  cw::testing::add_site(*db, "HOU", "America/Chicago");
  VolunteerRepo repo(*db);
  const Instant now = date::sys_days{date::year{2026} / 11 / 26};
  ASSERT_EQ(repo.upsert(sample_volunteer(), now).value(), UpsertOutcome::added);
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
  EXPECT_EQ(back->availability.blackouts[0].last, volunteer_day(2026, 12, 31));
  ASSERT_EQ(back->availability.extra.size(), 1u);
  EXPECT_EQ(back->availability.extra[0], (HalfDay{volunteer_day(2026, 12, 5), Half::am}));
}

TEST(VolunteerRepo, ReimportIsUnchangedAndAChangeReplacesLists) {
  TempDir dir;
  auto db = Database::open(dir.file("v.db")).value();
  cw::testing::add_site(*db, "CHI", "America/Chicago");
  cw::testing::add_site(*db, "HOU", "America/Chicago");
  VolunteerRepo repo(*db);
  const Instant now = date::sys_days{date::year{2026} / 11 / 26};
  ASSERT_TRUE(repo.upsert(sample_volunteer(), now));
  EXPECT_EQ(repo.upsert(sample_volunteer(), now).value(), UpsertOutcome::unchanged);
  auto changed = sample_volunteer();
  changed.sites = {"CHI"};
  changed.availability.blackouts.clear();
  EXPECT_EQ(repo.upsert(changed, now).value(), UpsertOutcome::updated);
  const auto back = repo.find_by_handle("v0001").value();
  EXPECT_EQ(back->sites, std::vector<std::string>{"CHI"});
  EXPECT_TRUE(back->availability.blackouts.empty());
  EXPECT_EQ(repo.all().value().size(), 1u);
}

TEST(VolunteerRepo, AllReadsEachVolunteersOwnDetailsAsFindDoes) {
  TempDir dir;
  auto db = Database::open(dir.file("v.db")).value();
  cw::testing::add_site(*db, "CHI", "America/Chicago");
  cw::testing::add_site(*db, "HOU", "America/Chicago");
  VolunteerRepo repo(*db);
  const Instant now = date::sys_days{date::year{2026} / 11 / 26};
  auto ana = sample_volunteer();  // handle v0001
  ana.availability.blackouts.insert(ana.availability.blackouts.begin(),
                                    {volunteer_day(2027, 1, 10), volunteer_day(2027, 1, 12)});
  auto bo = sample_volunteer();
  bo.handle = "v0002";
  bo.name = "Bo";
  bo.sites = {"HOU"};
  bo.languages = {"haitian creole", "french"};
  bo.availability.blackouts = {{volunteer_day(2026, 12, 1), volunteer_day(2026, 12, 2)}};
  bo.availability.extra = {{volunteer_day(2026, 12, 9), Half::pm},
                           {volunteer_day(2026, 12, 9), Half::am}};
  auto cy = sample_volunteer();  // nothing but the required fields
  cy.handle = "v0000";
  cy.name = "Cy";
  cy.sites = {"CHI"};
  cy.languages.clear();
  cy.availability.blackouts.clear();
  cy.availability.extra.clear();
  for (const auto& v : {ana, bo, cy}) ASSERT_TRUE(repo.upsert(v, now));
  const auto all = repo.all().value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].handle, "v0000");  // by handle
  for (const auto& v : all) {
    const auto one = repo.find(v.id).value();
    ASSERT_TRUE(one) << v.handle;
    EXPECT_EQ(v.sites, one->sites) << v.handle;
    EXPECT_EQ(v.languages, one->languages) << v.handle;
    ASSERT_EQ(v.availability.blackouts.size(), one->availability.blackouts.size()) << v.handle;
    for (std::size_t i = 0; i < v.availability.blackouts.size(); ++i) {
      EXPECT_EQ(v.availability.blackouts[i].first, one->availability.blackouts[i].first);
      EXPECT_EQ(v.availability.blackouts[i].last, one->availability.blackouts[i].last);
    }
    EXPECT_EQ(v.availability.extra, one->availability.extra) << v.handle;
  }
  EXPECT_EQ(all[1].availability.blackouts.size(), 2u);  // Ana: both, in date order
  EXPECT_EQ(all[1].availability.blackouts[0].first, volunteer_day(2026, 12, 24));
  EXPECT_EQ(all[2].languages, (std::vector<std::string>{"french", "haitian creole"}));
  EXPECT_EQ(all[2].availability.extra[0], (HalfDay{volunteer_day(2026, 12, 9), Half::am}));
  EXPECT_TRUE(all[0].languages.empty());
  EXPECT_TRUE(all[0].availability.blackouts.empty());
}

}  // namespace
}  // namespace cw::store
