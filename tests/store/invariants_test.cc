// The application's invariants behind `db check` (store/invariants.h).
#include "store/invariants.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace cw::store {
namespace {

namespace fs = std::filesystem;

class InvariantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("cw-invariants-" + std::to_string(::getpid()) + ".db");
    fs::remove(path_);
    db_ = std::move(Database::open(path_.string()).value());
    ASSERT_TRUE(db_->exec(R"(
INSERT INTO sites VALUES ('CHI', 'Chicago', '', 'America/Chicago', 'immigration_court');
INSERT INTO sessions (id, site, location, judge, date, half, start_min, end_min, hearings,
                      detained_hearings, created, updated)
  VALUES (1, 'CHI', 'Room 1', 'J', '2026-12-01', 'am', 540, 720, 3, 1, 0, 0);
INSERT INTO import_runs (id, source, input, started, finished, state)
  VALUES (1, 'csv', 'x.csv', 0, 5, 'ok'), (2, 'csv', 'x.csv', 6, NULL, 'running');
)"));
  }
  void TearDown() override {
    db_.reset();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path_.string() + s);
  }
  std::vector<std::string> broken() {
    std::vector<std::string> out;
    const auto found = check_invariants(*db_).value();
    out.reserve(found.size());
    for (const auto& v : found) out.push_back(v.rule + " " + v.example);
    return out;
  }

  fs::path path_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(InvariantsTest, ConsistentDataPasses) { EXPECT_TRUE(broken().empty()); }

TEST_F(InvariantsTest, EachBrokenRuleIsNamedWithRowIds) {
  ASSERT_TRUE(db_->exec(R"(
UPDATE import_runs SET finished = 9 WHERE id = 2;
INSERT INTO sessions (id, site, location, judge, date, half, start_min, end_min, hearings,
                      detained_hearings, created, updated)
  VALUES (7, 'CHI', 'Room 2', 'J', '2026-02-30', 'am', 540, 720, 3, 1, 0, 0),
         (8, 'CHI', 'Room 3', 'J', '2026-12-01', 'am', 720, 540, 1, 2, 0, 0);
INSERT INTO volunteers (id, handle, name, email, active, created, updated)
  VALUES (4, '~anonymized-1', 'anonymized', 'ana@example.org', 0, 0, 0);
INSERT INTO assignments (id, session_id, volunteer_id, state, created, updated)
  VALUES (3, 1, 4, 'maybe', 0, 0);
INSERT INTO closures (id, site, date, status, source, created_at)
  VALUES (5, 'CHI', '12/01/2026', 'closed', 'manual', 0);
)"));
  EXPECT_EQ(broken(), (std::vector<std::string>{
                          "import-run-state import_runs 2", "session-values sessions 7, 8",
                          "assignment-state assignments 3", "anonymized-placeholder volunteers 4",
                          "closure-values closures 5"}));
}

TEST_F(InvariantsTest, ALiveCountThatDisagreesWithTheAssignmentsIsNamed) {
  ASSERT_TRUE(db_->exec(R"(
INSERT INTO volunteers (id, handle, name, created, updated) VALUES (1, 'v1', 'Ana', 0, 0);
INSERT INTO assignments (session_id, volunteer_id, state, created, updated)
  VALUES (1, 1, 'confirmed', 0, 0);
)"));
  EXPECT_TRUE(broken().empty());  // the trigger counted it
  ASSERT_TRUE(db_->exec("UPDATE sessions SET live = 0 WHERE id = 1"));
  EXPECT_EQ(broken(), (std::vector<std::string>{"session-live-count sessions 1"}));
}

}  // namespace
}  // namespace cw::store
