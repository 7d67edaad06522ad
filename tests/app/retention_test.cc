// Retention (app/retention.h): old sessions keep their coverage, lose who.
#include "app/retention.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/audit_text.h"
#include "store/audit_repo.h"
#include "store/invariants.h"

namespace cw::app {
namespace {

namespace fs = std::filesystem;

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("cw-retention-" + std::to_string(::getpid()) + ".db");
    fs::remove(path_);
    db_ = std::move(store::Database::open(path_.string()).value());
    ASSERT_TRUE(db_->exec(R"(
INSERT INTO sites VALUES ('CHI', 'Chicago', '', 'America/Chicago', 'immigration_court');
INSERT INTO sessions (id, site, location, judge, date, half, start_min, end_min, hearings,
                      created, updated)
  VALUES (1, 'CHI', 'Room 1', 'J', '2026-08-01', 'am', 540, 720, 3, 0, 0),
         (2, 'CHI', 'Room 1', 'J', '2026-11-20', 'am', 540, 720, 3, 0, 0);
INSERT INTO volunteers (id, handle, name, email, phone, created, updated)
  VALUES (1, 'v0001', 'Ana Rivera', 'ana@example.org', '555', 0, 0),
         (2, 'v0002', 'Bo Chen', 'bo@example.org', '', 0, 0);
INSERT INTO assignments (id, session_id, volunteer_id, state, created, updated)
  VALUES (1, 1, 1, 'confirmed', 0, 0), (2, 1, 2, 'declined', 0, 0),
         (3, 2, 1, 'confirmed', 0, 0);
INSERT INTO assignment_events (assignment_id, at, from_state, to_state, actor)
  VALUES (1, 0, 'invited', 'confirmed', 'volunteer:v0001'), (2, 0, 'proposed', 'invited', 'maria'),
         (3, 0, 'invited', 'confirmed', 'volunteer:v0001');
INSERT INTO forbidden_pairs (session_id, volunteer_id, at) VALUES (1, 2, 0), (2, 2, 0);
INSERT INTO reports (session_id, volunteer_id, created, body)
  VALUES (1, 1, 0, 'ICE present'), (2, 1, 0, 'recent');
INSERT INTO outbox (idem_key, channel, recipient, kind, due, state, created)
  VALUES ('a', 'email', 'ana@example.org', 'invite', 0, 'sent', 1780000000),
         ('b', 'email', 'ana@example.org', 'invite', 0, 'pending', 1780000000),
         ('c', 'email', 'ana@example.org', 'invite', 0, 'sent', 1795000000);
)"));
  }
  void TearDown() override {
    db_.reset();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path_.string() + s);
  }
  std::string scalar(const std::string& sql) {
    auto& s = db_->stmt(sql);
    EXPECT_TRUE(s.step().value()) << sql;
    return s.is_null(0) ? "NULL" : s.text(0);
  }

  fs::path path_;
  std::unique_ptr<store::Database> db_;
  // 2026-12-01T12:00:00Z: with 90 days the cutoff is 2026-09-02.
  FakeClock clock_{Instant{std::chrono::seconds{1796126400}}};
};

TEST_F(RetentionTest, CutoffIsTodayMinusTheDays) {
  EXPECT_EQ(date::format("%F", retention_cutoff(clock_, 90)), "2026-09-02");
}

TEST_F(RetentionTest, OldSessionsKeepCoverageButLoseWho) {
  const auto r = anonymize_before(*db_, retention_cutoff(clock_, 90), clock_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->assignments, 2);
  EXPECT_EQ(r->reports, 1);
  EXPECT_EQ(r->forbidden, 1);
  EXPECT_EQ(r->messages, 1);
  // Session 1: the same states, now held by two placeholders.
  EXPECT_EQ(scalar("SELECT group_concat(v.handle || ':' || a.state, ' ') FROM assignments a "
                   "JOIN volunteers v ON v.id = a.volunteer_id WHERE a.session_id = 1 "
                   "ORDER BY a.id"),
            "~anonymized-1:confirmed ~anonymized-2:declined");
  EXPECT_EQ(scalar("SELECT count(*) FROM volunteers WHERE handle LIKE '~anonymized-%' "
                   "AND active = 0 AND email = '' AND phone = ''"),
            "2");
  EXPECT_EQ(scalar("SELECT actor FROM assignment_events WHERE assignment_id = 1"), "volunteer");
  EXPECT_EQ(scalar("SELECT actor FROM assignment_events WHERE assignment_id = 2"), "maria");
  EXPECT_EQ(scalar("SELECT volunteer_id FROM reports WHERE session_id = 1"), "NULL");
  EXPECT_EQ(scalar("SELECT body FROM reports WHERE session_id = 1"), "ICE present");
  // The recent session is untouched.
  EXPECT_EQ(scalar("SELECT volunteer_id FROM assignments WHERE id = 3"), "1");
  EXPECT_EQ(scalar("SELECT actor FROM assignment_events WHERE assignment_id = 3"),
            "volunteer:v0001");
  EXPECT_EQ(scalar("SELECT volunteer_id FROM reports WHERE session_id = 2"), "1");
  EXPECT_EQ(scalar("SELECT count(*) FROM forbidden_pairs"), "1");
  EXPECT_EQ(scalar("SELECT group_concat(idem_key) FROM outbox ORDER BY idem_key"), "b,c");
  const auto entries = store::AuditRepo(*db_).list(1).value().entries;
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "retention");
  EXPECT_EQ(worded("en", audit_words(entries[0]).detail),
            "2 assignments, 1 report, 1 forbidden pair, 1 message");
  EXPECT_EQ(worded("es", audit_words(entries[0]).detail),
            "2 asignaciones, 1 informe, 1 pareja descartada, 1 mensaje");
  EXPECT_TRUE(store::check_invariants(*db_).value().empty());
}

TEST_F(RetentionTest, RunningAgainChangesNothing) {
  ASSERT_TRUE(anonymize_before(*db_, retention_cutoff(clock_, 90), clock_));
  const auto again = anonymize_before(*db_, retention_cutoff(clock_, 90), clock_).value();
  EXPECT_EQ(again.assignments + again.reports + again.forbidden + again.messages, 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE actor = 'retention'"), "1");
}

TEST_F(RetentionTest, ALaterAssignmentOnAnAnonymizedSessionTakesAFreeSlot) {
  ASSERT_TRUE(anonymize_before(*db_, retention_cutoff(clock_, 90), clock_));
  ASSERT_TRUE(
      db_->exec("INSERT INTO assignments (session_id, volunteer_id, state, created, "
                "updated) VALUES (1, 1, 'confirmed', 0, 0)"));
  ASSERT_TRUE(anonymize_before(*db_, retention_cutoff(clock_, 90), clock_));
  EXPECT_EQ(scalar("SELECT count(DISTINCT volunteer_id) FROM assignments WHERE session_id = 1"),
            "3");
  EXPECT_EQ(scalar("SELECT count(*) FROM assignments a JOIN volunteers v ON v.id = a.volunteer_id "
                   "WHERE a.session_id = 1 AND v.handle NOT LIKE '~anonymized-%'"),
            "0");
}

TEST_F(RetentionTest, ALongerPeriodKeepsEverything) {
  const auto r = anonymize_before(*db_, retention_cutoff(clock_, 365), clock_).value();
  EXPECT_EQ(r.assignments + r.reports + r.forbidden + r.messages, 0);
}

}  // namespace
}  // namespace cw::app
