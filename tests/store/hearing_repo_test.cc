#include <nlohmann/json.hpp>

#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::TempDir;

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

Instant at(int day) { return date::sys_days{date::year{2026} / 11 / day}; }

Hearing sample() {
  Hearing h;
  h.source_key = "csv:A1|2026-12-01|09:00|CHI";
  h.site = "CHI";
  h.date = ymd(2026, 12, 1);
  h.start = std::chrono::minutes{9 * 60};
  h.location = "Courtroom 5";
  h.judge = "Judge A";
  h.type = HearingType::master;
  h.language = "spanish";
  h.case_ref = "A-123-456-789";
  return h;
}

struct HearingRepoTest : ::testing::Test {
  void SetUp() override {
    db = Database::open(dir.file("h.db")).value();
    cw::testing::add_site(*db, "CHI", "America/Chicago");
  }
  std::int64_t count(const char* sql) {
    auto& s = db->stmt(sql);
    EXPECT_TRUE(s.step().value());
    return s.int64(0);
  }
  TempDir dir;
  std::unique_ptr<Database> db;
};

TEST_F(HearingRepoTest, InsertsThenReportsUnchangedOnTheSameData) {
  HearingRepo repo(*db);
  EXPECT_EQ(repo.upsert(sample(), "csv", 0, at(1)).value(), UpsertOutcome::added);
  EXPECT_EQ(repo.upsert(sample(), "csv", 0, at(2)).value(), UpsertOutcome::unchanged);
  EXPECT_EQ(count("SELECT version FROM hearings"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM hearing_changes"), 1);  // only "new"
  EXPECT_EQ(count("SELECT last_seen FROM hearings"), at(2).time_since_epoch().count());
}

TEST_F(HearingRepoTest, MovedHearingIsUpdatedInPlaceWithVersionAndChange) {
  HearingRepo repo(*db);
  ASSERT_TRUE(repo.upsert(sample(), "csv", 0, at(1)));
  auto moved = sample();
  moved.start = std::chrono::minutes{13 * 60 + 30};
  moved.location = "Courtroom 7";
  EXPECT_EQ(repo.upsert(moved, "csv", 0, at(2)).value(), UpsertOutcome::updated);
  EXPECT_EQ(count("SELECT count(*) FROM hearings"), 1);
  EXPECT_EQ(count("SELECT version FROM hearings"), 2);
  const auto changes = repo.changes_since(0, 10).value();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].kind, "updated");
  EXPECT_EQ(changes[1].version, 2);
  const auto old_fields = nlohmann::json::parse(changes[1].old_json);
  const auto new_fields = nlohmann::json::parse(changes[1].new_json);
  EXPECT_EQ(old_fields, nlohmann::json({{"time", "09:00"}, {"location", "Courtroom 5"}}));
  EXPECT_EQ(new_fields, nlohmann::json({{"time", "13:30"}, {"location", "Courtroom 7"}}));
}

TEST_F(HearingRepoTest, ChangeLogNeverContainsTheCaseReference) {
  HearingRepo repo(*db);
  ASSERT_TRUE(repo.upsert(sample(), "csv", 0, at(1)));
  auto moved = sample();
  moved.case_ref = "A-999-999-999";
  moved.date = ymd(2026, 12, 2);
  ASSERT_TRUE(repo.upsert(moved, "csv", 0, at(2)));
  const auto changes = repo.changes_since(0, 10).value();
  for (const auto& c : changes) {
    EXPECT_EQ(c.old_json.find("A-"), std::string::npos);
    EXPECT_EQ(c.new_json.find("A-"), std::string::npos);
  }
}

TEST_F(HearingRepoTest, CancellationIsCountedAndLogged) {
  HearingRepo repo(*db);
  ASSERT_TRUE(repo.upsert(sample(), "csv", 0, at(1)));
  auto cancelled = sample();
  cancelled.status = HearingStatus::cancelled;
  cancelled.cancel_reason = "source";
  EXPECT_EQ(repo.upsert(cancelled, "csv", 0, at(2)).value(), UpsertOutcome::cancelled);
  EXPECT_EQ(repo.changes_since(0, 10).value().back().kind, "cancelled");
  EXPECT_EQ(repo.upsert(sample(), "csv", 0, at(3)).value(), UpsertOutcome::updated);
  EXPECT_EQ(repo.changes_since(0, 10).value().back().kind, "restored");
}

TEST_F(HearingRepoTest, CancelUnseenOnlyTouchesTheWindowAndTheSource) {
  HearingRepo repo(*db);
  ImportRunRepo runs(*db);
  ImportRun first;
  first.source = "eoir";
  first.started = at(1);
  ASSERT_TRUE(runs.start(first));
  auto inside = sample();
  inside.source_key = "eoir:1";
  auto outside = sample();
  outside.source_key = "eoir:2";
  outside.date = ymd(2027, 3, 1);
  auto other_source = sample();
  ASSERT_TRUE(repo.upsert(inside, "eoir", first.id, at(1)));
  ASSERT_TRUE(repo.upsert(outside, "eoir", first.id, at(1)));
  ASSERT_TRUE(repo.upsert(other_source, "csv", first.id, at(1)));

  ImportRun second;
  second.source = "eoir";
  second.started = at(2);
  ASSERT_TRUE(runs.start(second));
  const auto n =
      repo.cancel_unseen("eoir", second.id, ymd(2026, 11, 26), ymd(2027, 1, 24), {}, at(2));
  EXPECT_EQ(n.value(), 1);
  EXPECT_EQ(repo.find_by_key("eoir:1").value()->status, HearingStatus::cancelled);
  EXPECT_EQ(repo.find_by_key("eoir:1").value()->cancel_reason, "vanished");
  EXPECT_EQ(repo.find_by_key("eoir:2").value()->status, HearingStatus::scheduled);
  EXPECT_EQ(repo.find_by_key(other_source.source_key).value()->status, HearingStatus::scheduled);
}

TEST_F(HearingRepoTest, RejectsAHearingAtAnUnknownSite) {
  HearingRepo repo(*db);
  auto h = sample();
  h.site = "XXX";
  const auto r = repo.upsert(h, "csv", 0, at(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::database);
}

TEST_F(HearingRepoTest, ListFiltersByDateSiteAndStatus) {
  HearingRepo repo(*db);
  cw::testing::add_site(*db, "HOU", "America/Chicago");
  for (int d = 1; d <= 5; ++d) {
    auto h = sample();
    h.source_key = "k" + std::to_string(d);
    h.date = ymd(2026, 12, static_cast<unsigned>(d));
    h.site = d % 2 ? "CHI" : "HOU";
    if (d == 3) h.status = HearingStatus::cancelled;
    ASSERT_TRUE(repo.upsert(h, "csv", 0, at(1)));
  }
  HearingFilter f{ymd(2026, 12, 2), ymd(2026, 12, 4), std::nullopt, true};
  EXPECT_EQ(repo.list(f).value().size(), 3u);
  f.site = "CHI";
  EXPECT_EQ(repo.list(f).value().size(), 1u);
  f.include_cancelled = false;
  EXPECT_EQ(repo.list(f).value().size(), 0u);
}

TEST_F(HearingRepoTest, ImportRunRoundTripsCountsAndRejects) {
  ImportRunRepo runs(*db);
  ImportRun run;
  run.source = "csv";
  run.input = "x.csv";
  run.started = at(1);
  ASSERT_TRUE(runs.start(run));
  run.rows_read = 10;
  run.added = 7;
  run.reject("bad-date", 4, "x.csv: line 4, field 'date': expected YYYY-MM-DD", "date");
  run.state = RunState::ok;
  run.finished = at(2);
  ASSERT_TRUE(runs.finish(run));
  const auto back = runs.recent(5).value();
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].to_json(), run.to_json());
}

}  // namespace
}  // namespace cw::store
