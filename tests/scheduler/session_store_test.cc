// SessionRepo and AssignmentRepo on a real SQLite file: session identity,
// the assignment lifecycle and its event log, pins, forbids and proposals.
#include <gtest/gtest.h>

#include "scheduler/sessions.h"
#include "store/session_repos.h"
#include "tests/scheduler/builders.h"
#include "tests/store/temp_db.h"

namespace cw::store {
namespace {

const Instant kNow{std::chrono::seconds{1772442000}};  // 2026-03-02

class SessionStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db = Database::open(dir.file("s.db")).value();
    cw::testing::add_site(*db, "CHI", "America/Chicago");
    for (const char* handle : {"v1", "v2", "v3"}) {
      Volunteer v = scheduler::testing::make_volunteer(handle);
      ASSERT_TRUE(VolunteerRepo(*db).upsert(v, kNow));
      volunteers.push_back(VolunteerRepo(*db).find_by_handle(handle).value()->id);
    }
    for (int d = 0; d < 3; ++d) {
      Session s = scheduler::testing::make_session({.day = d, .detained = d == 0});
      sessions.push_back(SessionRepo(*db).insert(s, kNow).value());
    }
  }
  std::vector<AssignmentEvent> events_of(Id a) { return AssignmentRepo(*db).events(a).value(); }

  cw::testing::TempDir dir;
  std::unique_ptr<Database> db;
  std::vector<Id> volunteers, sessions;
  const LocalDate from = scheduler::testing::day(0), to = scheduler::testing::day(13);
};

TEST_F(SessionStore, RoundTripsSessionsWithDerivedFlags) {
  Session s = scheduler::testing::make_session({.day = 5, .individual = true});
  s.hearings = 12;
  s.detained_hearings = 2;
  s.languages = {"mam", "spanish"};
  s.types = {HearingType::master, HearingType::individual};
  s.id = SessionRepo(*db).insert(s, kNow).value();
  const auto back = SessionRepo(*db).find(s.id).value().value();
  EXPECT_EQ(back.key, s.key);
  EXPECT_TRUE(back.detained);
  EXPECT_TRUE(back.big);
  EXPECT_TRUE(back.individual);
  EXPECT_EQ(back.languages, s.languages);
  EXPECT_EQ(back.types, s.types);
  EXPECT_EQ(back.weight(), 1 + 3 + 2 + 1);
}

TEST_F(SessionStore, ReconciledUpdatesKeepTheIdAndRaiseTheSequence) {
  auto stored = SessionRepo(*db).list({.from = from, .to = to}).value();
  ASSERT_EQ(stored.size(), 3u);
  auto changes = scheduler::reconcile(stored, {});  // every hearing gone
  for (const auto& c : changes) ASSERT_TRUE(SessionRepo(*db).update(c.session, kNow));
  const auto after = SessionRepo(*db).list({.from = from, .to = to}).value();
  ASSERT_EQ(after.size(), 3u);  // cancelled, not deleted
  EXPECT_EQ(after[0].id, stored[0].id);
  EXPECT_EQ(after[0].status, SessionStatus::cancelled);
  EXPECT_EQ(after[0].sequence, 1);
  EXPECT_TRUE(
      SessionRepo(*db).list({.from = from, .to = to, .include_cancelled = false}).value().empty());
}

TEST_F(SessionStore, RecordsEveryLifecycleStepWithWhoAndWhy) {
  AssignmentRepo repo(*db);
  const Id a = repo.create(sessions[0], volunteers[0], AssignmentState::proposed, false,
                           {"matcher", "plan"}, kNow)
                   .value();
  ASSERT_TRUE(repo.transition(a, AssignmentState::invited, {"notify", "e-mail sent"}, kNow));
  ASSERT_TRUE(repo.transition(a, AssignmentState::confirmed, {"volunteer", "link"}, kNow));
  const auto refused = repo.transition(a, AssignmentState::proposed, {"matcher", ""}, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::conflict);
  const auto ev = events_of(a);
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(ev[0].from_state, "");
  EXPECT_EQ(ev[0].to_state, "proposed");
  EXPECT_EQ(ev[1].actor, "notify");
  EXPECT_EQ(ev[2].from_state, "invited");
  EXPECT_EQ(ev[2].to_state, "confirmed");
  EXPECT_EQ(ev[2].reason, "link");
  EXPECT_EQ(ev[2].at, kNow);
}

TEST_F(SessionStore, ReplacingProposalsNeverTouchesInvitedOrConfirmed) {
  AssignmentRepo repo(*db);
  const Actor m{"matcher", "plan 1"};
  const Id old =
      repo.create(sessions[1], volunteers[0], AssignmentState::proposed, false, m, kNow).value();
  const Id inv =
      repo.create(sessions[0], volunteers[1], AssignmentState::invited, false, m, kNow).value();
  const Id conf =
      repo.create(sessions[2], volunteers[2], AssignmentState::confirmed, false, m, kNow).value();
  const auto counts =
      repo.replace_proposals(from, to, {{sessions[0], volunteers[0]}}, {"matcher", "plan 2"}, kNow)
          .value();
  EXPECT_EQ(counts.added, 1);
  EXPECT_EQ(counts.withdrawn, 1);
  EXPECT_EQ(repo.find(old).value()->state, AssignmentState::cancelled);
  EXPECT_EQ(events_of(old).back().reason, "not in the new plan");
  EXPECT_EQ(repo.find(inv).value()->state, AssignmentState::invited);
  EXPECT_EQ(repo.find(conf).value()->state, AssignmentState::confirmed);
  // Proposing the withdrawn pair again revives the same row.
  const auto again = repo.replace_proposals(from, to, {{sessions[1], volunteers[0]}}, m, kNow);
  EXPECT_EQ(again.value().added, 1);
  EXPECT_EQ(repo.find(old).value()->state, AssignmentState::proposed);
}

TEST_F(SessionStore, PinningCreatesAPinnedProposalThatSurvivesReplanning) {
  AssignmentRepo repo(*db);
  const Id a = repo.set_pinned(sessions[1], volunteers[2], true, {"alice", ""}, kNow).value();
  ASSERT_TRUE(repo.replace_proposals(from, to, {}, {"matcher", ""}, kNow));
  const auto pinned = repo.find(a).value().value();
  EXPECT_TRUE(pinned.pinned);
  EXPECT_EQ(pinned.state, AssignmentState::proposed);
  ASSERT_TRUE(repo.set_pinned(sessions[1], volunteers[2], false, {"alice", "changed mind"}, kNow));
  EXPECT_EQ(events_of(a).back().reason, "unpinned: changed mind");
}

TEST_F(SessionStore, ForbiddingCancelsTheLiveAssignmentAndIsListed) {
  AssignmentRepo repo(*db);
  const Id a = repo.create(sessions[0], volunteers[0], AssignmentState::invited, false,
                           {"matcher", ""}, kNow)
                   .value();
  ASSERT_TRUE(repo.forbid(sessions[0], volunteers[0], {"alice", ""}, kNow));
  EXPECT_EQ(repo.find(a).value()->state, AssignmentState::cancelled);
  EXPECT_EQ(events_of(a).back().actor, "alice");
  EXPECT_EQ(events_of(a).back().reason, "forbidden by a coordinator");
  const auto f = repo.forbidden(from, to).value();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (std::pair<Id, Id>{sessions[0], volunteers[0]}));
  ASSERT_TRUE(repo.allow(sessions[0], volunteers[0]));
  EXPECT_TRUE(repo.forbidden(from, to).value().empty());
}

TEST_F(SessionStore, CancellingASessionCancelsItsLiveAssignments) {
  AssignmentRepo repo(*db);
  const Actor m{"matcher", ""};
  const Id a =
      repo.create(sessions[0], volunteers[0], AssignmentState::confirmed, false, m, kNow).value();
  const Id d =
      repo.create(sessions[0], volunteers[1], AssignmentState::declined, false, m, kNow).value();
  EXPECT_EQ(repo.cancel_for_session(sessions[0], {"import", "gone"}, kNow).value(), 1);
  EXPECT_EQ(repo.find(a).value()->state, AssignmentState::cancelled);
  EXPECT_EQ(repo.find(d).value()->state, AssignmentState::declined);
}

}  // namespace
}  // namespace cw::store
