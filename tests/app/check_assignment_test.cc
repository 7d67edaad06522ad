// check_assignment() against a real SQLite file: one test per rule code of
// DESIGN §8, each with the message a coordinator reads.
#include <gtest/gtest.h>

#include "app/assignments.h"
#include "app/refusal_text.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

class CheckAssignment : public AppTest {
 protected:
  // The rule code of a refused check ("" when allowed), message in `message`.
  std::string rule(Id s, Id v) {
    auto r = app::check_assignment(*db, s, v);
    if (r) return "";
    message = r.error().message;
    spanish = worded(r.error().phrase, &app::PhrasePattern::es);
    // The English pattern filled is the message itself: one wording.
    EXPECT_EQ(worded(r.error().phrase, &app::PhrasePattern::en), message);
    EXPECT_EQ(r.error().code, Errc::conflict);
    return r.error().rule.empty() ? "(no rule: " + r.error().message + ")" : r.error().rule;
  }
  void assign(Id s, Id v) {
    auto a = app::assign(*db, clock, coordinator, s, v);
    ASSERT_TRUE(a) << a.error().message;
  }
  // The phrase worded by the pattern of one language, "" when none matches.
  static std::string worded(const Phrase& p, std::string_view app::PhrasePattern::*lang) {
    for (const auto& row : app::refusal_patterns()) {
      if (row.key == p.key) return fill(row.*lang, p);
    }
    return "";
  }
  std::string message, spanish;
};

TEST_F(CheckAssignment, AllowsAnEligibleVolunteerInAnEmptySession) {
  EXPECT_EQ(rule(session(0), volunteer("v1", "Ana")), "");
}

TEST_F(CheckAssignment, RefusesAPairACoordinatorForbade) {
  const Id s = session(0), v = volunteer("v1", "Ana");
  ASSERT_TRUE(app::forbid(*db, clock, coordinator, s, v));
  EXPECT_EQ(rule(s, v), "forbidden");
  EXPECT_EQ(message,
            "a coordinator has ruled out Ana for HOU Courtroom 3 on 2026-03-02 (morning); allow "
            "the pair first");
  EXPECT_EQ(spanish,
            "un coordinador descartó a Ana para HOU Courtroom 3 el 2026-03-02 (mañana); vuelva a "
            "permitirlo primero");
  ASSERT_TRUE(app::allow(*db, clock, coordinator, s, v));
  EXPECT_EQ(rule(s, v), "");
}

TEST_F(CheckAssignment, RefusesAVolunteerOfAnotherSite) {
  const Id s = session(0, Half::am, false, "Courtroom 1", "CHI");
  EXPECT_EQ(rule(s, volunteer("v1", "Ana")), "wrong-site");
  EXPECT_EQ(message, "Ana does not watch at CHI (sites: HOU)");
  EXPECT_EQ(spanish, "Ana no observa en CHI (sedes: HOU)");
}

TEST_F(CheckAssignment, RefusesAHalfDayOutsideTheGridBlackoutsAndInactiveVolunteers) {
  Volunteer v;
  v.handle = "v1";
  v.name = "Ana";
  v.sites = {"HOU"};
  v.availability.set_weekly(1, Half::am, true);  // Tuesday mornings only
  v.availability.blackouts = {{app_day(8), app_day(8)}};
  const Id id = put(v);
  const Id monday = session(0), tuesday = session(1), next_tuesday = session(8);
  EXPECT_EQ(rule(monday, id), "not-available");
  EXPECT_EQ(message, "Ana is not available on Monday mornings");
  EXPECT_EQ(spanish, "Ana no está disponible los lunes por la mañana");
  EXPECT_EQ(rule(tuesday, id), "");
  EXPECT_EQ(rule(next_tuesday, id), "not-available");
  EXPECT_EQ(message, "Ana is away on 2026-03-10 (a blackout date)");
  EXPECT_EQ(spanish, "Ana no está el 2026-03-10 (fecha de ausencia)");
  v.availability.extra = {{app_day(0), Half::am}};  // an extra half-day counts
  put(v);
  EXPECT_EQ(rule(monday, id), "");
  v.active = false;
  put(v);
  EXPECT_EQ(rule(tuesday, id), "not-available");
  EXPECT_EQ(message, "Ana is not active");
  EXPECT_EQ(spanish, "Ana no está activo en este momento");
}

TEST_F(CheckAssignment, RefusesASecondSessionInTheSameHalfDay) {
  const Id first = session(0, Half::am, false, "Courtroom 3");
  const Id second = session(0, Half::am, false, "Courtroom 5");
  const Id v = volunteer("v1", "Ana");
  assign(first, v);
  EXPECT_EQ(rule(second, v), "double-booked");
  EXPECT_EQ(message, "Ana is already at HOU Courtroom 3 that morning");
  EXPECT_EQ(spanish, "Ana ya está en HOU Courtroom 3 esa mañana");
  EXPECT_EQ(rule(first, v), "double-booked");
  EXPECT_EQ(message, "Ana is already assigned to HOU Courtroom 3 on 2026-03-02 (morning)");
  EXPECT_EQ(spanish, "Ana ya tiene un puesto en HOU Courtroom 3 el 2026-03-02 (mañana)");
  EXPECT_EQ(rule(session(0, Half::pm), v), "");  // the afternoon is free
}

TEST_F(CheckAssignment, RefusesMoreThanTheWeeklyCapInOneIsoWeek) {
  const Id v = volunteer("v1", "Ana", Role::watcher, 2);
  assign(session(0), v);                         // Monday
  assign(session(2), v);                         // Wednesday
  EXPECT_EQ(rule(session(6), v), "weekly-cap");  // Sunday, same ISO week
  EXPECT_EQ(message, "Ana has reached the weekly cap of 2 sessions (week of 2026-03-02)");
  EXPECT_EQ(spanish, "Ana ya llegó al límite semanal de 2 sesiones (semana del 2026-03-02)");
  EXPECT_EQ(rule(session(7), v), "");  // next Monday, next week
}

TEST_F(CheckAssignment, RefusesASeatBeyondTheSessionsNeed) {
  const Id plain = session(0), detained = session(1, Half::am, true);
  assign(plain, volunteer("v1", "Ana"));
  EXPECT_EQ(rule(plain, volunteer("v2", "Bo")), "session-full");
  EXPECT_EQ(message, "HOU Courtroom 3 on 2026-03-02 (morning) already has its 1 volunteer");
  EXPECT_EQ(spanish,
            "HOU Courtroom 3 el 2026-03-02 (mañana) ya tiene el voluntario que necesita (1)");
  assign(detained, volunteer("v3", "Cy"));
  assign(detained, volunteer("v4", "Di"));  // need 2 when detained
  EXPECT_EQ(rule(detained, volunteer("v5", "Ed")), "session-full");
  EXPECT_EQ(message, "HOU Courtroom 3 on 2026-03-03 (morning) already has its 2 volunteers");
  EXPECT_EQ(spanish,
            "HOU Courtroom 3 el 2026-03-03 (mañana) ya tiene los voluntarios que necesita (2)");
}

TEST_F(CheckAssignment, RefusesATraineeWithoutANonTraineeBesideThem) {
  const Id s = session(0, Half::am, true);
  const Id trainee = volunteer("v1", "Tia", Role::trainee);
  EXPECT_EQ(rule(s, trainee), "trainee-alone");
  EXPECT_EQ(message,
            "Tia is a trainee and HOU Courtroom 3 on 2026-03-02 (morning) has no watcher or lead "
            "yet; assign one first");
  EXPECT_EQ(spanish,
            "Tia está en formación y HOU Courtroom 3 el 2026-03-02 (mañana) aún no tiene "
            "observador ni líder; asigne uno primero");
  assign(s, volunteer("v2", "Lee", Role::lead));
  EXPECT_EQ(rule(s, trainee), "");
}

TEST_F(CheckAssignment, CountsOnlyLiveAssignments) {
  const Id s = session(0);
  const Id v = volunteer("v1", "Ana");
  auto a = app::assign(*db, clock, coordinator, s, v);
  ASSERT_TRUE(a);
  ASSERT_TRUE(app::unassign(*db, clock, coordinator, a->id));
  EXPECT_EQ(rule(s, volunteer("v2", "Bo")), "");  // the cancelled seat is free again
}

TEST_F(CheckAssignment, NamesAMissingOrCancelledSessionWithoutARuleCode) {
  const Id v = volunteer("v1", "Ana");
  auto missing = app::check_assignment(*db, 999, v);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
  EXPECT_TRUE(missing.error().rule.empty());
  auto s = store::SessionRepo(*db).find(session(0));
  ASSERT_TRUE(s && *s);
  (*s)->status = SessionStatus::cancelled;
  ASSERT_TRUE(store::SessionRepo(*db).update(**s, clock.now()));
  auto cancelled = app::check_assignment(*db, (*s)->id, v);
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().message, "HOU Courtroom 3 on 2026-03-02 (morning) is cancelled");
  EXPECT_TRUE(cancelled.error().rule.empty());
}

}  // namespace
}  // namespace cw::testing
