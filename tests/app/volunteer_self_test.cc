// The volunteer self-service use cases on a real SQLite file with a fake
// clock: what the page shows (judged in the site's zone), availability edits,
// reports (only after the session ended, only for one's own session, edited
// in place) and erasure, each with its audit entry; a refusal changes nothing.
#include "app/volunteer_self.h"

#include "app/assignments.h"
#include "app/report_overview.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

using app::Actor;

struct VolunteerSelfTest : AppTest {
  void SetUp() override {
    AppTest::SetUp();
    ana = volunteer("v0001", "Ana", Role::watcher, 5);  // the cap is not what these tests refuse on
    ben = volunteer("v0002", "Ben");
    me = Actor::of_volunteer(ana, "v0001");
  }
  Id assign_as(Id session, Id who, AssignmentState state) {
    return store::AssignmentRepo(*db)
        .create(session, who, state, false, {"test", ""}, clock.now())
        .value();
  }
  // Monday (day 0) 12:00 in Houston: the morning session is over, the afternoon not begun.
  void monday_noon() {
    clock.set(date::sys_days{app_day(0).time_since_epoch()} + std::chrono::hours{18});
  }
  std::int64_t data_changes() {
    auto& q = db->stmt("SELECT total_changes()");
    EXPECT_TRUE(q.step().value());
    const auto n = q.int64(0);
    q.reset();
    return n;
  }
  Id ana = 0, ben = 0;
  Actor me;
};

TEST_F(VolunteerSelfTest, PageSplitsUpcomingAndEndedInTheSiteZoneAndOffersOnlyClaimableSessions) {
  const Id morning = session(0, Half::am, false, "Courtroom 1");
  const Id afternoon = session(0, Half::pm, false, "Courtroom 2");
  const Id clash = session(1, Half::am, false, "Courtroom 3");
  const Id mine_tuesday = session(1, Half::am, false, "Courtroom 4");
  const Id open = session(2, Half::pm, false, "Courtroom 5");
  const Id started = session(0, Half::pm, false, "Courtroom 6");
  const Id chicago = session(2, Half::am, false, "Room 1", "CHI");  // not one of Ana's sites
  const Id a_morning = assign_as(morning, ana, AssignmentState::confirmed);
  assign_as(afternoon, ana, AssignmentState::invited);
  assign_as(mine_tuesday, ana, AssignmentState::proposed);
  monday_noon();
  clock.advance(std::chrono::minutes{90});  // 13:30: the afternoon sessions have started
  const auto before = data_changes();
  const auto page = app::volunteer_page(*db, ana, clock.now()).value();
  EXPECT_EQ(data_changes(), before);
  ASSERT_EQ(page.upcoming.size(), 2u);
  EXPECT_EQ(page.upcoming[0].at.session.id, afternoon);
  EXPECT_EQ(page.upcoming[1].at.session.id, mine_tuesday);
  ASSERT_EQ(page.ended.size(), 1u);
  EXPECT_EQ(page.ended[0].entry.assignment, a_morning);
  EXPECT_FALSE(page.ended[0].report);
  std::vector<Id> claimable;
  claimable.reserve(page.claimable.size());
  for (const auto& o : page.claimable) claimable.push_back(o.at.session.id);
  EXPECT_EQ(claimable, std::vector<Id>{open});  // clash: same morning; started; other site
  (void)clash;
  (void)started;
  (void)chicago;
  EXPECT_EQ(app::volunteer_page(*db, 9999, clock.now()).error().code, Errc::not_found);
}

TEST_F(VolunteerSelfTest, TheClashOfARefusedClaimIsTheLiveSessionThatHalfDay) {
  const Id mine = session(1, Half::am, false, "Courtroom 1");
  const Id other = session(1, Half::am, false, "Courtroom 2");
  assign_as(mine, ana, AssignmentState::invited);
  const auto refused = app::claim(*db, clock, me, other);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rule, "double-booked");
  const auto clash = app::clashing_session(*db, ana, other).value();
  ASSERT_TRUE(clash);
  EXPECT_EQ(clash->at.session.id, mine);
  EXPECT_FALSE(app::clashing_session(*db, ben, other).value());
}

TEST_F(VolunteerSelfTest, AvailabilityReplacesTheGridAndEditsBlackouts) {
  app::AvailabilityChange change;
  change.grid[0] = true;  // Monday morning only
  change.add = DateRange{app_day(3), app_day(5)};
  ASSERT_TRUE(app::set_availability(*db, clock, me, change));
  auto v = store::VolunteerRepo(*db).find(ana).value().value();
  EXPECT_TRUE(v.availability.weekly(0, Half::am));
  EXPECT_FALSE(v.availability.weekly(0, Half::pm));
  ASSERT_EQ(v.availability.blackouts.size(), 1u);
  EXPECT_EQ(v.availability.blackouts[0].last, app_day(5));
  EXPECT_EQ(audit_count(), 1);
  EXPECT_EQ(store::AuditRepo(*db).list(1)->entries[0].actor, "volunteer:v0001");

  change.add.reset();
  change.remove = {DateRange{app_day(3), app_day(5)}};
  ASSERT_TRUE(app::set_availability(*db, clock, me, change));
  EXPECT_TRUE(store::VolunteerRepo(*db).find(ana).value()->availability.blackouts.empty());

  change.add = DateRange{app_day(5), app_day(3)};
  EXPECT_EQ(app::set_availability(*db, clock, me, change).error().code, Errc::invalid_input);
  EXPECT_EQ(app::set_availability(*db, clock, coordinator, change).error().code,
            Errc::invalid_input);
  EXPECT_EQ(audit_count(), 2);
}

TEST_F(VolunteerSelfTest, AReportNeedsTheSessionToHaveEndedAndToBeMine) {
  const Id morning = session(0, Half::am);
  const Id afternoon = session(0, Half::pm, false, "Courtroom 9");
  const Id theirs = session(0, Half::am, false, "Courtroom 8");
  const Id declined = session(0, Half::am, false, "Courtroom 7");
  assign_as(morning, ana, AssignmentState::confirmed);
  assign_as(afternoon, ana, AssignmentState::confirmed);
  assign_as(theirs, ben, AssignmentState::confirmed);
  assign_as(declined, ana, AssignmentState::declined);
  monday_noon();
  const app::ReportAnswer seen{store::IcePresent::yes, 2, "two people taken"};
  EXPECT_EQ(app::file_report(*db, clock, me, afternoon, seen).error().code, Errc::conflict);
  EXPECT_EQ(app::file_report(*db, clock, me, theirs, seen).error().code, Errc::not_found);
  EXPECT_EQ(app::file_report(*db, clock, me, declined, seen).error().code, Errc::not_found);
  EXPECT_EQ(
      app::file_report(*db, clock, me, morning, {store::IcePresent::no, 1000, ""}).error().code,
      Errc::invalid_input);
  EXPECT_EQ(
      app::file_report(*db, clock, me, morning, {store::IcePresent::no, 0, std::string(2001, 'x')})
          .error()
          .code,
      Errc::invalid_input);
  EXPECT_EQ(audit_count(), 0);

  const auto first = app::file_report(*db, clock, me, morning, seen).value();
  EXPECT_EQ(first.version, 1);
  const auto again = app::file_report(*db, clock, me, morning, seen).value();
  EXPECT_FALSE(again.changed);
  const auto edited =
      app::file_report(*db, clock, me, morning, {store::IcePresent::no, 0, "fixed"}).value();
  EXPECT_EQ(edited.version, 2);
  EXPECT_EQ(audit_count(), 2);
  const auto alerts = store::ReportRepo(*db).alerts_since(clock.now() - std::chrono::hours{1});
  EXPECT_TRUE(alerts.value().empty());  // the edit says no ICE and nobody detained
  const auto page = app::volunteer_page(*db, ana, clock.now()).value();
  ASSERT_EQ(page.ended.size(), 1u);
  ASSERT_TRUE(page.ended[0].report);
  EXPECT_EQ(page.ended[0].report->notes, "fixed");
}

TEST_F(VolunteerSelfTest, ErasureIsAuditedByHandleAndOnlyForOneself) {
  const Id s = session(1);
  assign_as(s, ana, AssignmentState::confirmed);
  const Actor ben_actor = Actor::of_volunteer(ben, "v0002");
  EXPECT_EQ(app::erase_volunteer(*db, clock, ben_actor, ana).error().code, Errc::not_found);
  EXPECT_TRUE(store::VolunteerRepo(*db).find(ana).value());
  const auto counts = app::erase_volunteer(*db, clock, me, ana).value();
  EXPECT_EQ(counts.assignments, 1);
  EXPECT_FALSE(store::VolunteerRepo(*db).find(ana).value());
  const auto entry = store::AuditRepo(*db).list(1)->entries.at(0);
  EXPECT_EQ(entry.action, "volunteer.erase");
  EXPECT_EQ(entry.subject, "volunteer v0001");
  EXPECT_EQ(entry.detail.find("Ana"), std::string::npos);
}

TEST_F(VolunteerSelfTest, OverviewTotalsReportsPerSiteAndWeekWithQuietWeeksAsZero) {
  const Id monday = session(0);
  const Id next_week = session(14, Half::pm);
  assign_as(monday, ana, AssignmentState::confirmed);
  assign_as(monday, ben, AssignmentState::confirmed);
  assign_as(next_week, ana, AssignmentState::confirmed);
  clock.set(date::sys_days{app_day(20).time_since_epoch()});
  ASSERT_TRUE(app::file_report(*db, clock, me, monday, {store::IcePresent::yes, 2, ""}));
  ASSERT_TRUE(app::file_report(*db, clock, Actor::of_volunteer(ben, "v0002"), monday,
                               {store::IcePresent::unsure, 1, ""}));
  ASSERT_TRUE(app::file_report(*db, clock, me, next_week, {store::IcePresent::no, 0, ""}));
  const auto o = app::report_overview(*db, std::string("HOU"), app_day(2), app_day(15)).value();
  EXPECT_EQ(o.from, app_day(0));  // whole ISO weeks
  EXPECT_EQ(o.to, app_day(20));
  EXPECT_EQ(o.reports.size(), 3u);
  ASSERT_EQ(o.weeks.size(), 3u);
  EXPECT_EQ(o.weeks[0].reports, 2);
  EXPECT_EQ(o.weeks[0].ice_present, 1);
  EXPECT_EQ(o.weeks[0].detained, 3);
  EXPECT_EQ(o.weeks[1].reports, 0);  // a quiet week
  EXPECT_EQ(o.weeks[2].week, app_day(14));
  EXPECT_EQ(o.weeks[2].reports, 1);
  EXPECT_TRUE(app::report_overview(*db, std::string("CHI"), app_day(0), app_day(6))->weeks.empty());
  EXPECT_EQ(app::report_overview(*db, std::nullopt, app_day(6), app_day(0)).error().code,
            Errc::invalid_input);
}

}  // namespace
}  // namespace cw::testing
