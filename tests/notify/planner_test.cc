#include "notify/planner.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plan_fixtures.h"

namespace cw::notify {
namespace {

using testing::at;
using testing::find_kind;
using testing::World;
using S = AssignmentState;

struct DueCase {
  const char* zone;
  const char* session_day;
  const char* expected;  // UTC
};

// The confirm-request goes at 18:00 site-local the day before.
class ConfirmRequestDue : public ::testing::TestWithParam<DueCase> {};

TEST_P(ConfirmRequestDue, IsSixPmSiteLocalTheDayBefore) {
  const auto& c = GetParam();
  World w(c.zone, c.session_day, 9 * 60, S::invited, at("2027-03-01T17:00:00Z"));
  w.assignment().invited_at = at("2027-03-01T16:00:00Z");
  const auto plan = w.plan();
  auto r = find_kind(plan, "confirm-request");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_instant(r->due), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    DstAndZones, ConfirmRequestDue,
    ::testing::Values(
        // Spring forward 2027-03-14: the day before is the changeover day itself.
        DueCase{"America/Chicago", "2027-03-15", "2027-03-14T23:00:00Z"},
        DueCase{"America/New_York", "2027-03-15", "2027-03-14T22:00:00Z"},
        DueCase{"America/Phoenix", "2027-03-15", "2027-03-15T01:00:00Z"},
        DueCase{"Pacific/Guam", "2027-03-15", "2027-03-14T08:00:00Z"},
        // The day before the changeover: still standard time.
        DueCase{"America/Chicago", "2027-03-14", "2027-03-14T00:00:00Z"},
        // Fall back 2027-11-07.
        DueCase{"America/Chicago", "2027-11-08", "2027-11-08T00:00:00Z"},
        DueCase{"America/New_York", "2027-11-08", "2027-11-07T23:00:00Z"},
        DueCase{"America/Phoenix", "2027-11-08", "2027-11-08T01:00:00Z"},
        DueCase{"Pacific/Guam", "2027-11-08", "2027-11-07T08:00:00Z"},
        DueCase{"America/Chicago", "2027-11-07", "2027-11-06T23:00:00Z"}));

// The reminder goes at 07:00 site-local on the morning of the session.
class ReminderDue : public ::testing::TestWithParam<DueCase> {};

TEST_P(ReminderDue, IsSevenAmSiteLocalTheSameDay) {
  const auto& c = GetParam();
  World w(c.zone, c.session_day, 9 * 60, S::confirmed, at("2027-03-01T17:00:00Z"));
  const auto plan = w.plan();
  auto r = find_kind(plan, "reminder");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_instant(r->due), c.expected);
  EXPECT_FALSE(find_kind(plan, "confirm-request"));
  EXPECT_FALSE(find_kind(plan, "invitation"));
}

INSTANTIATE_TEST_SUITE_P(
    DstAndZones, ReminderDue,
    ::testing::Values(DueCase{"America/Chicago", "2027-03-14", "2027-03-14T12:00:00Z"},
                      DueCase{"America/Chicago", "2027-03-13", "2027-03-13T13:00:00Z"},
                      DueCase{"America/New_York", "2027-03-15", "2027-03-15T11:00:00Z"},
                      DueCase{"America/Phoenix", "2027-03-15", "2027-03-15T14:00:00Z"},
                      DueCase{"Pacific/Guam", "2027-03-15", "2027-03-14T21:00:00Z"},
                      DueCase{"America/Chicago", "2027-11-07", "2027-11-07T13:00:00Z"},
                      DueCase{"America/Chicago", "2027-11-06", "2027-11-06T12:00:00Z"},
                      DueCase{"America/New_York", "2027-11-08", "2027-11-08T12:00:00Z"},
                      DueCase{"America/Phoenix", "2027-11-08", "2027-11-08T14:00:00Z"},
                      DueCase{"Pacific/Guam", "2027-11-08", "2027-11-07T21:00:00Z"}));

TEST(Planner, InvitationGoesAtOnceOutsideQuietHours) {
  // 11:00 CDT.
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  const auto plan = w.plan();
  auto r = find_kind(plan, "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->due, at("2027-06-04T16:00:00Z"));
  EXPECT_EQ(r->idem_key, "a11/invitation/1/s1/email");
  EXPECT_EQ(r->recipient, "rosa@example.org");
  EXPECT_EQ(r->version, 1);
  EXPECT_TRUE(find_kind(plan, "confirm-request"));
}

TEST(Planner, QuietHoursHoldAnInvitationUntilSevenSiteLocal) {
  // 22:30 CDT on June 4 → 07:00 CDT on June 5.
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-05T03:30:00Z"));
  auto r = find_kind(w.plan(), "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_instant(r->due), "2027-06-05T12:00:00Z");
}

TEST(Planner, QuietHoursAreConfigurable) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-05T03:30:00Z"));
  w.in.rules.quiet = {TimeOfDay{23 * 60}, TimeOfDay{6 * 60}};
  auto r = find_kind(w.plan(), "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->due, at("2027-06-05T03:30:00Z"));
  w.in.rules.quiet = {TimeOfDay{22 * 60}, TimeOfDay{8 * 60}};
  r = find_kind(w.plan(), "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_instant(r->due), "2027-06-05T13:00:00Z");
}

TEST(Planner, QuietHoursBeforeMidnightEndNextMorningAndAfterMidnightTheSameMorning) {
  // 02:00 CDT on June 5 → 07:00 CDT the same day.
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-05T07:00:00Z"));
  auto r = find_kind(w.plan(), "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_instant(r->due), "2027-06-05T12:00:00Z");
}

// Sends the invitation, then moves the session; returns the change planned.
store::OutboxRow change_after_move(World& w) {
  w.plan_and_apply("sent");
  w.session().start = TimeOfDay{13 * 60};
  w.session().end = TimeOfDay{16 * 60};
  w.session().sequence = 2;
  const auto plan = w.plan();
  auto r = find_kind(plan, "change");
  if (!r) throw std::runtime_error("no change planned");
  EXPECT_FALSE(find_kind(plan, "invitation"));
  return *r;
}

TEST(Planner, ChangeWithinTwelveHoursIgnoresQuietHours) {
  // Session at 09:00 CDT June 10 = 14:00Z; now 23:00 CDT June 9, 10 h before.
  World w("America/Chicago", "2027-06-10", 9 * 60, S::confirmed, at("2027-06-09T16:00:00Z"));
  w.assignment().assignment.state = S::invited;
  w.plan_and_apply("sent");
  w.assignment().assignment.state = S::confirmed;
  w.in.now = at("2027-06-10T04:00:00Z");
  w.session().start = TimeOfDay{10 * 60};
  w.session().sequence = 2;
  auto r = find_kind(w.plan(), "change");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->due, at("2027-06-10T04:00:00Z"));
}

TEST(Planner, ChangeFurtherAheadWaitsOutQuietHours) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-08T16:00:00Z"));
  w.in.now = at("2027-06-08T16:00:00Z");
  w.plan_and_apply("sent");
  w.in.now = at("2027-06-09T04:00:00Z");  // 23:00 CDT, 34 h before
  w.session().start = TimeOfDay{10 * 60};
  w.session().sequence = 2;
  auto r = find_kind(w.plan(), "change");
  ASSERT_TRUE(r);
  EXPECT_EQ(format_instant(r->due), "2027-06-09T12:00:00Z");
}

TEST(Planner, ChangeSaysOldAndNew) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  const auto r = change_after_move(w);
  EXPECT_EQ(r.idem_key, "a11/change/2/s2/email");
  const auto payload = nlohmann::json::parse(r.payload);
  EXPECT_EQ(payload["old"]["start"], "09:00");
  EXPECT_EQ(payload["session"]["start"], "13:00");
  EXPECT_EQ(payload["session"]["sequence"], 2);
}

TEST(Planner, ReplanningPlansNothingNew) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  const auto first = w.plan_and_apply();
  EXPECT_EQ(first.add.size(), 2u);  // invitation + confirm-request
  w.in.now += std::chrono::minutes{5};
  const auto second = w.plan();
  EXPECT_TRUE(second.add.empty());
  EXPECT_TRUE(second.drop.empty());
  w.set_state("invitation", "sent");
  const auto third = w.plan();
  EXPECT_TRUE(third.add.empty());
  EXPECT_TRUE(third.drop.empty());
}

TEST(Planner, MoveBeforeSendingReplacesThePendingInvitation) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply();
  const Id old_id = w.existing("invitation")->id;
  w.session().start = TimeOfDay{13 * 60};
  w.session().sequence = 2;
  const auto plan = w.plan();
  ASSERT_EQ(plan.drop.size(), 2u);  // invitation and confirm-request at sequence 1
  EXPECT_TRUE(plan.drop[0].id == old_id || plan.drop[1].id == old_id);
  EXPECT_NE(plan.drop[0].reason.find("session changed"), std::string::npos);
  auto r = find_kind(plan, "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->idem_key, "a11/invitation/1/s2/email");
  EXPECT_FALSE(find_kind(plan, "change"));  // the volunteer never heard of 09:00
}

TEST(Planner, CancellationBeforeSendingDropsWithoutNotice) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply();
  w.session().status = SessionStatus::cancelled;
  w.session().sequence = 2;
  w.assignment().assignment.state = S::cancelled;
  const auto plan = w.plan();
  EXPECT_TRUE(plan.add.empty());
  ASSERT_EQ(plan.drop.size(), 2u);
  EXPECT_EQ(plan.drop[0].reason, "session cancelled");
}

TEST(Planner, CancellationAfterTheInvitationWentOutIsAnnounced) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply();
  w.set_state("invitation", "sent");
  w.session().status = SessionStatus::cancelled;
  w.session().sequence = 2;
  w.assignment().assignment.state = S::cancelled;
  w.assignment().cancel_event = 40;
  const auto plan = w.plan_and_apply();
  auto r = find_kind(plan, "cancellation");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->idem_key, "a11/cancellation/s2/s2/email");
  EXPECT_EQ(plan.drop.size(), 1u);  // the confirm-request
  EXPECT_TRUE(w.plan().add.empty());
}

TEST(Planner, UnassignedVolunteerIsToldOnce) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::confirmed, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply("sent");  // the reminder, say
  w.assignment().assignment.state = S::cancelled;
  w.assignment().cancel_event = 41;
  const auto plan = w.plan_and_apply("sent");
  auto r = find_kind(plan, "cancellation");
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->payload)["reason"], "unassigned");
  EXPECT_TRUE(w.plan().add.empty());
}

TEST(Planner, ConfirmingDropsThePendingConfirmRequestAndPlansTheReminder) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply();
  w.set_state("invitation", "sent");
  w.assignment().assignment.state = S::confirmed;
  const auto plan = w.plan();
  ASSERT_EQ(plan.drop.size(), 1u);
  EXPECT_EQ(plan.drop[0].reason, "assignment is confirmed");
  EXPECT_TRUE(find_kind(plan, "reminder"));
}

TEST(Planner, DeclineDropsEverythingPending) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::confirmed, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply();
  w.assignment().assignment.state = S::declined;
  const auto plan = w.plan();
  EXPECT_TRUE(plan.add.empty());
  EXPECT_EQ(plan.drop.size(), 1u);
}

TEST(Planner, ReinvitationAfterDeclineIsANewInvitation) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.plan_and_apply("sent");
  w.assignment().invite_round = 2;
  auto r = find_kind(w.plan(), "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->idem_key, "a11/invitation/2/s1/email");
}

TEST(Planner, NothingForStartedSessions) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::confirmed, at("2027-06-09T16:00:00Z"));
  w.plan_and_apply();
  w.in.now = at("2027-06-10T14:30:00Z");
  const auto plan = w.plan();
  EXPECT_TRUE(plan.add.empty());
  ASSERT_EQ(plan.drop.size(), 1u);
  EXPECT_EQ(plan.drop[0].reason, "session already started");
}

TEST(Planner, OptOutAndChannels) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.volunteer().channel = "none";
  EXPECT_TRUE(w.plan().add.empty());
  w.volunteer().channel = "both";
  EXPECT_EQ(w.plan().add.size(), 2u);  // no webhook configured: e-mail only
  w.in.webhook_enabled = true;
  const auto plan = w.plan();
  ASSERT_EQ(plan.add.size(), 4u);
  EXPECT_EQ(plan.add[1].idem_key, "a11/invitation/1/s1/webhook");
  EXPECT_EQ(plan.add[1].recipient, "v0003");
  w.volunteer().channel = "email";
  w.volunteer().active = false;
  EXPECT_TRUE(w.plan().add.empty());
}

TEST(Planner, SpanishVolunteerGetsSpanishSubject) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::invited, at("2027-06-04T16:00:00Z"));
  w.volunteer().locale = "es";
  auto r = find_kind(w.plan(), "invitation");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->locale, "es");
  EXPECT_EQ(r->subject,
            "Invitación a observar audiencias: XYZ Immigration Court, jue 10 jun 2027, "
            "09:00–12:00");
}

TEST(Planner, DigestAtFourPmInTheCoordinatorsZoneOncePerDay) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::proposed, at("2027-11-07T15:00:00Z"));
  w.in.coordinators.push_back({"Ana", "ana@example.org", "America/Phoenix", {}, "en"});
  w.in.coordinators.push_back({"Bo", "bo@example.org", "Pacific/Guam", {}, "es"});
  const auto plan = w.plan_and_apply();
  ASSERT_EQ(plan.add.size(), 2u);
  EXPECT_EQ(plan.add[0].idem_key, "digest/ana@example.org/2027-11-07");
  EXPECT_EQ(format_instant(plan.add[0].due), "2027-11-07T23:00:00Z");
  // In Guam it is already Nov 8, 01:00.
  EXPECT_EQ(plan.add[1].idem_key, "digest/bo@example.org/2027-11-08");
  EXPECT_EQ(format_instant(plan.add[1].due), "2027-11-08T06:00:00Z");
  EXPECT_TRUE(w.plan().add.empty());
}

TEST(Planner, AlertGoesToTheSitesCoordinatorsAtOnceEvenAtNight) {
  World w("America/Chicago", "2027-06-10", 9 * 60, S::confirmed, at("2027-06-11T04:00:00Z"));
  w.in.coordinators.push_back({"Ana", "ana@example.org", "America/Chicago", {"XYZ"}, "en"});
  w.in.coordinators.push_back({"Other", "o@example.org", "America/Chicago", {"HOU"}, "en"});
  w.in.rules.digest_at = TimeOfDay{3 * 60};  // keep the digest out of this test
  w.in.reports.push_back({5, 7, true, 0, at("2027-06-10T20:00:00Z")});
  w.in.reports.push_back({6, 7, false, 0, at("2027-06-10T20:00:00Z")});
  const auto plan = w.plan_and_apply();
  ASSERT_EQ(plan.add.size(), 1u);
  EXPECT_EQ(plan.add[0].idem_key, "report5/alert/ana@example.org");
  EXPECT_EQ(plan.add[0].due, at("2027-06-11T04:00:00Z"));
  EXPECT_TRUE(w.plan().add.empty());
}

TEST(Planner, SlotOfKey) {
  EXPECT_EQ(slot_of("a11/invitation/1/s3/email"), "a11/invitation/1");
  EXPECT_EQ(slot_of("digest/ana@example.org/2027-11-07"), "digest/ana@example.org/2027-11-07");
}

}  // namespace
}  // namespace cw::notify
