// A real SQLite file with two sites, a fake clock on Sunday 2026-03-01 and
// builders for sessions and volunteers, for the app/ use-case tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/actor.h"
#include "core/clock.h"
#include "store/audit_repo.h"
#include "store/session_repos.h"
#include "tests/store/temp_db.h"

namespace cw::testing {

// Day 0 = Monday 2026-03-02; the clock starts the day before at noon UTC.
inline LocalDate app_day(int offset) {
  return LocalDate{date::year{2026} / 3 / 2} + date::days{offset};
}

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir.file("t.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    db = std::move(*opened);
    add_site(*db, "HOU", "America/Chicago");
    add_site(*db, "CHI", "America/Chicago");
  }

  Id session(int day, Half half = Half::am, bool detained = false,
             const std::string& location = "Courtroom 3", const std::string& site = "HOU") {
    Session s;
    s.key = {site, location, "Judge A", app_day(day), half};
    s.start = half == Half::am ? TimeOfDay{9 * 60} : TimeOfDay{13 * 60};
    s.end = s.start + TimeOfDay{60};
    s.hearings = 1;
    s.detained_hearings = detained ? 1 : 0;
    s.detained = detained;
    s.types = {HearingType::master};
    auto id = store::SessionRepo(*db).insert(s, clock.now());
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  Id volunteer(const std::string& handle, const std::string& name, Role role = Role::watcher,
               int max_per_week = 2) {
    Volunteer v;
    v.handle = handle;
    v.name = name;
    v.role = role;
    v.sites = {"HOU"};
    v.max_per_week = max_per_week;
    v.availability.grid.fill(true);
    return put(v);
  }

  Id put(const Volunteer& v) {
    EXPECT_TRUE(store::VolunteerRepo(*db).upsert(v, clock.now()));
    auto found = store::VolunteerRepo(*db).find_by_handle(v.handle);
    EXPECT_TRUE(found && *found);
    return (found && *found) ? (*found)->id : 0;
  }

  std::int64_t audit_count() {
    auto page = store::AuditRepo(*db).list(1000);
    EXPECT_TRUE(page);
    return page ? static_cast<std::int64_t>(page->entries.size()) : -1;
  }

  TempDir dir;
  std::unique_ptr<store::Database> db;
  FakeClock clock{date::sys_days{date::year{2026} / 3 / 1} + std::chrono::hours{12}};
  app::Actor coordinator = app::Actor::coordinator("alice");
};

}  // namespace cw::testing
