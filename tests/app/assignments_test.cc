// The assignment use cases on a real SQLite file: what they store, what they
// write to the audit log, and that a refusal changes nothing.
#include "app/assignments.h"

#include <gtest/gtest.h>

#include "app/audit_text.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

using app::Actor;
using app::Pin;

class Assignments : public AppTest {
 protected:
  Assignment stored(Id id) {
    auto a = store::AssignmentRepo(*db).find(id);
    EXPECT_TRUE(a && *a);
    return (a && *a) ? **a : Assignment{};
  }
  store::AuditEntry last_audit() {
    auto page = store::AuditRepo(*db).list(1);
    EXPECT_TRUE(page && !page->entries.empty());
    return (page && !page->entries.empty()) ? page->entries[0] : store::AuditEntry{};
  }
};

TEST_F(Assignments, AssignStoresAPinnedProposalAndAuditsItByHandle) {
  const Id s = session(0), v = volunteer("v0001", "Ana Ruiz");
  auto a = app::assign(*db, clock, coordinator, s, v, Pin::yes);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->state, AssignmentState::proposed);
  EXPECT_TRUE(a->pinned);
  const auto entry = last_audit();
  EXPECT_EQ(entry.actor, "alice");
  EXPECT_EQ(entry.action, "assignment.assign");
  EXPECT_EQ(entry.subject, "assignment " + std::to_string(a->id));
  // Stored as values; worded in English and Spanish by the audit page's patterns.
  const auto words = app::audit_words(entry);
  EXPECT_EQ(app::worded("en", words.detail),
            "v0001 at HOU Courtroom 3 on 2026-03-02 (morning), proposed, pinned");
  EXPECT_EQ(app::worded("es", words.detail),
            "v0001 en HOU Courtroom 3 el 2026-03-02 (mañana), propuesta, fijada");
  EXPECT_EQ(app::worded("es", words.subject), "asignación " + std::to_string(a->id));
  EXPECT_EQ(entry.detail.find("Ana"), std::string::npos);  // a handle, never a name
  EXPECT_EQ(entry.at, clock.now());
}

TEST_F(Assignments, ARefusedAssignWritesNothing) {
  const Id s = session(0);
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, volunteer("v1", "Ana")));
  const auto audits = audit_count();
  const Id bo = volunteer("v2", "Bo");
  auto refused = app::assign(*db, clock, coordinator, s, bo);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rule, "session-full");
  EXPECT_EQ(audit_count(), audits);
  auto pair = store::AssignmentRepo(*db).find_pair(s, bo);
  ASSERT_TRUE(pair);
  EXPECT_FALSE(*pair);
}

TEST_F(Assignments, UnassignCancelsAndUnpinsOnceThenRefuses) {
  const Id s = session(0), v = volunteer("v1", "Ana");
  auto a = app::assign(*db, clock, coordinator, s, v, Pin::yes);
  ASSERT_TRUE(a);
  ASSERT_TRUE(app::unassign(*db, clock, coordinator, a->id));
  EXPECT_EQ(stored(a->id).state, AssignmentState::cancelled);
  EXPECT_FALSE(stored(a->id).pinned);
  EXPECT_EQ(last_audit().action, "assignment.unassign");
  auto again = app::unassign(*db, clock, coordinator, a->id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  // Assigning again brings the same row back as a proposal.
  auto back = app::assign(*db, clock, coordinator, s, v);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, a->id);
  EXPECT_EQ(back->state, AssignmentState::proposed);
}

TEST_F(Assignments, PinAndUnpinALiveAssignment) {
  auto a = app::assign(*db, clock, coordinator, session(0), volunteer("v1", "Ana"));
  ASSERT_TRUE(a);
  ASSERT_TRUE(app::pin(*db, clock, coordinator, a->id, Pin::yes));
  EXPECT_TRUE(stored(a->id).pinned);
  EXPECT_EQ(last_audit().action, "assignment.pin");
  ASSERT_TRUE(app::pin(*db, clock, coordinator, a->id, Pin::no));
  EXPECT_FALSE(stored(a->id).pinned);
  EXPECT_EQ(last_audit().action, "assignment.unpin");
}

TEST_F(Assignments, ForbidCancelsTheLiveAssignmentOfThePair) {
  const Id s = session(0), v = volunteer("v1", "Ana");
  auto a = app::assign(*db, clock, coordinator, s, v);
  ASSERT_TRUE(a);
  ASSERT_TRUE(app::forbid(*db, clock, coordinator, s, v));
  EXPECT_EQ(stored(a->id).state, AssignmentState::cancelled);
  EXPECT_EQ(last_audit().action, "pair.forbid");
  EXPECT_FALSE(app::allow(*db, clock, coordinator, s, volunteer("v2", "Bo")));
}

TEST_F(Assignments, AVolunteerClaimsAnOpenSessionAsConfirmed) {
  const Id s = session(0), v = volunteer("v1", "Ana");
  const Actor ana = Actor::of_volunteer(v, "v1");
  auto a = app::claim(*db, clock, ana, s);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->state, AssignmentState::confirmed);
  EXPECT_EQ(a->volunteer, v);
  EXPECT_EQ(last_audit().actor, "volunteer:v1");
  // The seat is taken now: the next volunteer hears why.
  const Id bo = volunteer("v2", "Bo");
  auto refused = app::claim(*db, clock, Actor::of_volunteer(bo, "v2"), s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rule, "session-full");
  // Only volunteers claim.
  EXPECT_FALSE(app::claim(*db, clock, coordinator, session(1)));
}

TEST_F(Assignments, ASessionThatHasTakenPlaceCannotBeClaimed) {
  const Id s = session(0), v = volunteer("v1", "Ana");
  clock.advance(std::chrono::hours{24 * 2});  // Tuesday noon UTC
  auto refused = app::claim(*db, clock, Actor::of_volunteer(v, "v1"), s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "HOU Courtroom 3 on 2026-03-02 (morning) has already taken place");
}

TEST_F(Assignments, AVolunteerConfirmsAndDeclinesOnlyTheirOwnAssignments) {
  const Id s = session(0), v = volunteer("v1", "Ana"), bo = volunteer("v2", "Bo");
  auto a = app::assign(*db, clock, coordinator, s, v, Pin::yes);
  ASSERT_TRUE(a);
  auto other = app::confirm(*db, clock, Actor::of_volunteer(bo, "v2"), a->id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, Errc::not_found);
  const Actor ana = Actor::of_volunteer(v, "v1");
  ASSERT_TRUE(app::confirm(*db, clock, ana, a->id));
  EXPECT_EQ(stored(a->id).state, AssignmentState::confirmed);
  ASSERT_TRUE(app::confirm(*db, clock, ana, a->id));  // a second click changes nothing
  ASSERT_TRUE(app::decline(*db, clock, ana, a->id));
  EXPECT_EQ(stored(a->id).state, AssignmentState::declined);
  EXPECT_FALSE(stored(a->id).pinned);
  EXPECT_EQ(last_audit().action, "assignment.decline");
  // Bo takes the freed seat; Ana changing her mind now meets the rules.
  ASSERT_TRUE(app::assign(*db, clock, coordinator, s, bo));
  auto late = app::confirm(*db, clock, ana, a->id);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().rule, "session-full");
  EXPECT_EQ(stored(a->id).state, AssignmentState::declined);
}

TEST_F(Assignments, ADeclinedPairAssignedAgainIsInvited) {
  const Id s = session(0), v = volunteer("v1", "Ana");
  auto a = app::assign(*db, clock, coordinator, s, v);
  ASSERT_TRUE(a);
  ASSERT_TRUE(app::decline(*db, clock, Actor::of_volunteer(v, "v1"), a->id));
  auto again = app::assign(*db, clock, coordinator, s, v);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->state, AssignmentState::invited);
}

TEST_F(Assignments, AVolunteerCannotAssign) {
  const Id v = volunteer("v1", "Ana");
  auto r = app::assign(*db, clock, Actor::of_volunteer(v, "v1"), session(0), v);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_input);
}

TEST_F(Assignments, VolunteerIdNamesAnUnknownHandle) {
  volunteer("v0001", "Ana");
  EXPECT_TRUE(app::volunteer_id(*db, "v0001"));
  auto missing = app::volunteer_id(*db, "v0009");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "no volunteer 'v0009'");
}

}  // namespace
}  // namespace cw::testing
