// The one import-run recorder: an ok run lands with its data, a failed run's
// data is rolled back and its record kept with the error, a run left running
// is closed as interrupted.
#include "store/import_recorder.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "tests/store/temp_db.h"

namespace cw::testing {
namespace {

class Recorder : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir.file("t.db"));
    ASSERT_TRUE(opened);
    db = std::move(*opened);
    add_site(*db, "HOU", "America/Chicago");
  }
  std::int64_t sites() {
    auto& q = db->stmt("SELECT count(*) FROM sites");
    EXPECT_TRUE(q.step().value_or(false));
    const auto n = q.int64(0);
    q.reset();
    return n;
  }
  ImportRun fresh() {
    ImportRun run;
    run.source = "csv";
    run.input = "h.csv";
    return run;
  }
  TempDir dir;
  std::unique_ptr<store::Database> db;
  FakeClock clock{Instant{std::chrono::seconds{1'800'000'000}}};
};

TEST_F(Recorder, AnOkRunLandsWithItsData) {
  auto run = store::record_import(*db, clock, fresh(), [&](ImportRun& r) -> Result<void> {
    r.rows_read = 1;
    r.added = 1;
    return store::SiteRepo(*db).upsert({"CHI", "Chicago", "x", "America/Chicago", {}});
  });
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->state, RunState::ok);
  EXPECT_EQ(sites(), 2);
  auto recent = store::ImportRunRepo(*db).recent(5);
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ(recent->front().state, RunState::ok);
  EXPECT_EQ(recent->front().added, 1);
}

TEST_F(Recorder, AFailedRunIsRolledBackAndRecordedWithItsError) {
  auto run = store::record_import(*db, clock, fresh(), [&](ImportRun& r) -> Result<void> {
    r.rows_read = 3;
    r.added = 1;
    CW_TRY(store::SiteRepo(*db).upsert({"CHI", "Chicago", "x", "America/Chicago", {}}));
    return fail(Error::io("h.csv: read error"));
  });
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().message, "h.csv: read error");
  EXPECT_EQ(sites(), 1);  // nothing the body wrote survives
  auto recent = store::ImportRunRepo(*db).recent(5);
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ(recent->front().state, RunState::failed);
  EXPECT_EQ(recent->front().error, "h.csv: read error");
  EXPECT_EQ(recent->front().rows_read, 3);  // what was read stays as a diagnostic
  EXPECT_EQ(recent->front().added, 0);
  // No phrase of its own: the kind of its Errc, for pages to word.
  EXPECT_EQ(recent->front().failure.key, "run.fail.io");
}

TEST_F(Recorder, AFailedRunKeepsItsKindAndParameters) {
  const auto why = failed_as(
      Error::io("https://courts.example.org/x?case=A-201-301: HTTP 503"),
      run_failure(RunFailure::http_status).arg("host", "courts.example.org").arg("status", "503"));
  ASSERT_TRUE(store::record_failed_run(*db, clock, fresh(), why));
  auto run = store::record_import(*db, clock, fresh(), [&](ImportRun&) -> Result<void> {
    return fail(failed_as(Error::io("h.csv: cannot open"),
                          run_failure(RunFailure::file_missing).arg("file", "h.csv")));
  });
  ASSERT_FALSE(run);
  const auto recent = store::ImportRunRepo(*db).recent(5).value();
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[1].error, why.message);  // the English text, for the CLI and the log
  EXPECT_EQ(recent[1].failure.key, "run.fail.http-status");
  EXPECT_EQ(recent[1].failure.args, (std::vector<std::pair<std::string, std::string>>{
                                        {"host", "courts.example.org"}, {"status", "503"}}));
  EXPECT_EQ(recent[0].failure.key, "run.fail.file-missing");
  EXPECT_EQ(recent[0].failure.args.at(0).second, "h.csv");
}

TEST_F(Recorder, ARunStoredWithoutAKindHasNone) {
  ASSERT_TRUE(
      db->exec("INSERT INTO import_runs (source, input, started, state, error) "
               "VALUES ('csv', 'h.csv', 1, 'failed', 'h.csv: read error')"));
  ASSERT_TRUE(
      db->exec("INSERT INTO import_runs (source, input, started, state, error, failure) "
               "VALUES ('csv', 'h.csv', 2, 'failed', 'x', '{\"kind\":\"no-such\"}')"));
  const auto recent = store::ImportRunRepo(*db).recent(5).value();
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_TRUE(recent[0].failure.key.empty());
  EXPECT_TRUE(recent[1].failure.key.empty());
  EXPECT_EQ(recent[1].error, "h.csv: read error");
}

TEST_F(Recorder, ARunLeftRunningIsClosedAsInterrupted) {
  ImportRun run = fresh();
  run.started = clock.now();
  store::ImportRunRepo runs(*db);
  ASSERT_TRUE(runs.start(run));
  ASSERT_TRUE(store::record_failed_run(*db, clock, fresh(), Error::io("HTTP 500")));
  auto closed = runs.close_interrupted(clock.now());
  ASSERT_TRUE(closed);
  EXPECT_EQ(*closed, 1);  // the failed one is left as it is
  auto recent = runs.recent(5);
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ(recent->at(0).state, RunState::failed);
  EXPECT_EQ(recent->at(0).error, "HTTP 500");
  EXPECT_EQ(recent->at(1).state, RunState::interrupted);
  EXPECT_EQ(recent->at(1).failure.key, "run.fail.interrupted");
  EXPECT_EQ(parse_run_state("interrupted").value(), RunState::interrupted);
  EXPECT_FALSE(parse_run_state("done"));
}

}  // namespace
}  // namespace cw::testing
