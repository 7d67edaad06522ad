// Imports and closures keep the sessions current in the same use case: no
// read ever has to sync them.
#include "app/imports.h"

#include <gtest/gtest.h>

#include <fstream>

#include "app/assignments.h"
#include "app/closures.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

constexpr const char* kImportHeader =
    "key,date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n";

class Imports : public AppTest {
 protected:
  app::ImportOutcome import(const std::string& rows) {
    std::ofstream(dir.file("h.csv")) << kImportHeader << rows;
    auto r = app::import_hearings_csv(*db, clock, dir.file("h.csv"));
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : app::ImportOutcome{};
  }
  std::vector<Session> sessions() {
    auto s = store::SessionRepo(*db).list({});
    EXPECT_TRUE(s);
    return s ? *s : std::vector<Session>{};
  }
};

TEST_F(Imports, AnImportCreatesMovesAndCancelsSessionsOfTheDaysItTouched) {
  const auto first = import(
      "k1,2026-03-02,09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n"
      "k2,2026-09-14,09:00,,CHI,Room 1,Judge B,master,,no,A2,,\n");
  EXPECT_EQ(first.run.state, RunState::ok);
  EXPECT_EQ(first.sessions.added, 2);  // six months apart: no fixed window
  ASSERT_EQ(sessions().size(), 2u);
  const Id monday = sessions()[0].id;
  auto a = app::assign(*db, clock, coordinator, monday, volunteer("v1", "Ana"));
  ASSERT_TRUE(a);

  // k1 moves to Tuesday: Monday's session is cancelled with its assignment.
  const auto moved = import(
      "k1,2026-03-03,09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n"
      "k2,2026-09-14,09:00,,CHI,Room 1,Judge B,master,,no,A2,,\n");
  EXPECT_EQ(moved.sessions.added, 1);
  EXPECT_EQ(moved.sessions.cancelled, 1);
  EXPECT_EQ(moved.sessions.assignments_cancelled, 1);
  const auto after = sessions();
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].id, monday);
  EXPECT_EQ(after[0].status, SessionStatus::cancelled);
  EXPECT_EQ(after[1].key.date, app_day(1));
  auto stored = store::AssignmentRepo(*db).find(a->id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->state, AssignmentState::cancelled);

  // The same file again changes nothing.
  const auto same = import(
      "k1,2026-03-03,09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n"
      "k2,2026-09-14,09:00,,CHI,Room 1,Judge B,master,,no,A2,,\n");
  EXPECT_EQ(same.sessions.added + same.sessions.updated + same.sessions.cancelled, 0);
}

TEST_F(Imports, AClosureCancelsTheSiteDaysSessionsAndAssignmentsAndLiftingRestoresThem) {
  import(
      "k1,2026-03-02,09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n"
      "k2,2026-03-02,13:00,,HOU,Courtroom 4,Judge B,master,,yes,A2,,\n");
  const auto before = sessions();
  ASSERT_EQ(before.size(), 2u);
  auto a = app::assign(*db, clock, coordinator, before[0].id, volunteer("v1", "Ana"));
  ASSERT_TRUE(a);

  auto partial = app::add_closure(*db, clock, coordinator, "hou", app_day(0),
                                  app::ClosureScope::detained_only_open, "staff");
  ASSERT_TRUE(partial) << partial.error().message;
  EXPECT_EQ(partial->site, "HOU");
  EXPECT_EQ(partial->hearings, 1);
  EXPECT_EQ(partial->sessions.cancelled, 1);  // the detained afternoon stays
  EXPECT_EQ(partial->sessions.assignments_cancelled, 1);

  auto lifted = app::lift_closure(*db, clock, coordinator, "HOU", app_day(0));
  ASSERT_TRUE(lifted) << lifted.error().message;
  EXPECT_EQ(lifted->hearings, 1);
  EXPECT_EQ(lifted->sessions.restored, 1);
  for (const auto& s : sessions()) EXPECT_EQ(s.status, SessionStatus::active);

  // Closures outrank imports: re-importing the file does not reopen a closed day.
  ASSERT_TRUE(app::add_closure(*db, clock, coordinator, "HOU", app_day(0),
                               app::ClosureScope::whole_day, "snow"));
  import(
      "k1,2026-03-02,09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n"
      "k2,2026-03-02,13:00,,HOU,Courtroom 4,Judge B,master,,yes,A2,,\n");
  for (const auto& s : sessions()) EXPECT_EQ(s.status, SessionStatus::cancelled);

  EXPECT_EQ(app::lift_closure(*db, clock, coordinator, "HOU", app_day(1)).error().code,
            Errc::not_found);
  EXPECT_EQ(
      app::add_closure(*db, clock, coordinator, "XXX", app_day(0), app::ClosureScope::whole_day, "")
          .error()
          .message,
      "unknown site 'XXX'");
}

TEST_F(Imports, SourceKindsParseFromTheirNamesOnly) {
  EXPECT_EQ(app::parse_source_kind("ics").value(), app::SourceKind::ics);
  EXPECT_EQ(app::to_string(app::SourceKind::volunteers), "volunteers");
  auto bad = app::parse_source_kind("ICS");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "unknown source kind 'ICS': expected csv, eoir, ics, status or volunteers");
}

TEST_F(Imports, RecoveryClosesRunsLeftRunning) {
  ImportRun run;
  run.source = "csv";
  run.input = "h.csv";
  run.started = clock.now();
  store::ImportRunRepo runs(*db);
  ASSERT_TRUE(runs.start(run));
  auto r = app::recover_on_start(*db, clock, 60);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->runs_interrupted, 1);
  auto recent = runs.recent(1);
  ASSERT_TRUE(recent);
  EXPECT_EQ(recent->front().state, RunState::interrupted);
  EXPECT_EQ(app::recover_on_start(*db, clock, 60)->runs_interrupted, 0);
}

}  // namespace
}  // namespace cw::testing
