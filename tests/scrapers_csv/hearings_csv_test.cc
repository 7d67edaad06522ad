// Behaviour of the coalition spreadsheet importer against a real SQLite file.
#include "scrapers/csv/hearings_csv.h"

#include <sys/resource.h>

#include <fstream>
#include <random>
#include <regex>

#include "csv_test_support.h"
#include "store/repos.h"

namespace cw::testing {
namespace {

using scrapers::HearingsCsvOptions;
using scrapers::import_hearings_csv;

constexpr const char* kHeader =
    "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n";

class HearingsCsv : public CsvDbTest {
 protected:
  Result<ImportRun> import(const std::string& path, const HearingsCsvOptions& opts = {}) {
    return import_hearings_csv(*db_, path, clock_, opts);
  }

  // Imports tests/fixtures/csv/<name>.csv into the fresh database and
  // returns what a reviewer needs to see: the outcome, the recorded run and
  // the stored hearings.
  nlohmann::json import_fixture(const std::string& name, const HearingsCsvOptions& opts = {}) {
    const auto result = import(fixture_path(name + ".csv"), opts);
    const auto recorded = last_recorded_run(*db_);
    nlohmann::json out;
    if (result) {
      out["result"] = "ok";
      EXPECT_EQ(stable_run_json(*result), stable_run_json(recorded));
      EXPECT_EQ(result->rows_read, result->added + result->updated + result->cancelled +
                                       result->unchanged + result->rejected_total());
    } else {
      out["result"] = {{"error", result.error().message}};
    }
    out["run"] = stable_run_json(recorded);
    out["hearings"] = hearings_json(*db_);
    return out;
  }

  void expect_fixture(const std::string& name) {
    expect_matches_fixture(name, import_fixture(name));
  }
};

TEST_F(HearingsCsv, ImportsEverySpellingOfDatesTimesAndQuoting) { expect_fixture("hearings-good"); }
TEST_F(HearingsCsv, RejectsRowsWithUnknownSite) { expect_fixture("hearings-unknown-site"); }
TEST_F(HearingsCsv, RejectsImpossibleDates) { expect_fixture("hearings-bad-date"); }
TEST_F(HearingsCsv, RejectsBadStartAndEndTimes) { expect_fixture("hearings-bad-time"); }
TEST_F(HearingsCsv, RejectsBadFieldsWithTheirLineNumbers) { expect_fixture("hearings-bad-fields"); }
TEST_F(HearingsCsv, ResumesAfterUnterminatedQuote) {
  expect_fixture("hearings-unterminated-quote");
}
TEST_F(HearingsCsv, RejectsInvalidUtf8AndNulBytesNamingTheField) {
  expect_fixture("hearings-invalid-utf8");
}
TEST_F(HearingsCsv, UsesKeyColumnAsSourceKey) { expect_fixture("hearings-key-column"); }

TEST_F(HearingsCsv, RejectsHeaderWithMissingColumnAndWritesNothing) {
  expect_fixture("hearings-missing-column");
  const auto r = import(fixture_path("hearings-missing-column.csv"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_input);
  EXPECT_NE(r.error().message.find("hearings-missing-column.csv: line 1"), std::string::npos);
  EXPECT_NE(r.error().message.find("'judge'"), std::string::npos);
  EXPECT_EQ(count_rows(*db_, "hearings"), 0);
  const auto run = last_recorded_run(*db_);
  EXPECT_EQ(run.state, RunState::failed);
  EXPECT_EQ(run.failure.key, "run.fail.bad-header");
  EXPECT_EQ(run.failure.args.at(0),
            (std::pair<std::string, std::string>{"file", "hearings-missing-column.csv"}));
}

TEST_F(HearingsCsv, RejectsHeaderWithUnknownColumnAndWritesNothing) {
  expect_fixture("hearings-unknown-column");
  const auto r = import(fixture_path("hearings-unknown-column.csv"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("line 1, column 5 'courtroom'"), std::string::npos);
  EXPECT_EQ(count_rows(*db_, "hearings"), 0);
}

TEST_F(HearingsCsv, RejectsEmptyFileAsWholeFileError) {
  expect_fixture("hearings-empty");
  const auto r = import(fixture_path("hearings-empty.csv"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("empty file; expected header date,time,"), std::string::npos);
}

TEST_F(HearingsCsv, RejectsBomOnlyFileAsWholeFileError) { expect_fixture("hearings-bom-only"); }

TEST_F(HearingsCsv, MapsAliasedColumnNames) {
  const auto path = write_file("aliased.csv",
                               "Hearing Date,time,end_time,site,Courtroom,judge,type,language,"
                               "detained,case_ref,status,notes\n"
                               "2026-12-01,09:00,,CHI,Room 12,Judge A,master,,no,A1,,\n");
  HearingsCsvOptions opts;
  opts.column_aliases = {{"courtroom", "location"}, {" hearing date ", "DATE"}};
  const auto r = import(path, opts);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->added, 1);
  const auto h = store::HearingRepo(*db_).find_by_key("csv:A1|2026-12-01|09:00|CHI");
  ASSERT_TRUE(h && *h);
  EXPECT_EQ((*h)->location, "Room 12");
}

TEST_F(HearingsCsv, CannotOpenMissingFileIsRecordedAsFailed) {
  const auto r = import((dir_ / "no-such.csv").string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::io);
  EXPECT_NE(r.error().message.find("no-such.csv: cannot open"), std::string::npos);
  const auto run = last_recorded_run(*db_);
  EXPECT_EQ(run.state, RunState::failed);
  EXPECT_EQ(run.error, r.error().message);
  EXPECT_EQ(run.failure.key, "run.fail.file-missing");
  EXPECT_EQ(run.failure.args.at(0), (std::pair<std::string, std::string>{"file", "no-such.csv"}));
}

TEST_F(HearingsCsv, AFailedRunsStoredParametersNameNoCaseReferenceNorDirectory) {
  // A directory named like a case reference: the run's input keeps the path
  // (the CLI shows it); the failure's parameters hold only the file's name.
  const auto dir = dir_ / "A-201-301-401";
  std::filesystem::create_directories(dir);
  const auto r = import((dir / "h.csv").string());
  ASSERT_FALSE(r);
  auto& q = db_->stmt("SELECT failure FROM import_runs ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(q.step().value());
  const std::string stored = q.text(0);
  q.reset();
  EXPECT_EQ(stored, R"({"file":"h.csv","kind":"file-missing"})");
}

TEST_F(HearingsCsv, SkipsTenMegabyteLineWithoutBufferingIt) {
  const auto path = (dir_ / "huge.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << kHeader << "2026-12-01,09:00,,CHI,Room 1,Judge A,master,,no,A1,,\n";
    out << "2026-12-01,10:00,,CHI,Room 1,Judge A,master,,no,A2,,";
    const std::string block(64 * 1024, 'x');
    for (int i = 0; i < 160; ++i) out << block;  // 10 MiB of notes on one line
    out << "\n2026-12-01,11:00,,CHI,Room 1,Judge A,master,,no,A3,,\n";
  }
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  const auto r = import(path);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows_read, 3);
  EXPECT_EQ(r->added, 2);
  ASSERT_EQ(r->rejected.count("record-too-long"), 1u);
  EXPECT_EQ(r->rejected.at("record-too-long").lines, std::vector<std::int64_t>{3});
  EXPECT_EQ(r->first_error.at("record-too-long"),
            "huge.csv: line 3: record is longer than 65536 bytes; skipped to the end of the line");
  // Peak memory may not rise by anything near the line's 10 MiB (ru_maxrss is in KiB).
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 4 * 1024);
}

TEST_F(HearingsCsv, ReportsUnterminatedQuoteAtRecordLimitAndResumes) {
  std::string text = kHeader;
  text += "2026-12-01,08:00,,CHI,Room 1,Judge A,master,,no,A0,,\n";
  text += "2026-12-01,08:30,,CHI,\"Room 1,Judge A,master,,no,A1,,\n";  // never closed
  for (int i = 2; i < 30; ++i) {
    text += "2026-12-02,09:" + std::string(i < 10 ? "0" : "") + std::to_string(i) +
            ",,CHI,Room 1,Judge A,master,,no,A" + std::to_string(i) + ",,\n";
  }
  text += "2026-12-03,10:00,,CHI,\"Room 2, east\",Judge A,master,,no,A30,,\n";
  HearingsCsvOptions opts;
  opts.max_record_bytes = 256;
  const auto r = import(write_file("limit.csv", text), opts);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows_read, 31);
  EXPECT_EQ(r->added, 30);
  ASSERT_EQ(r->rejected.count("unterminated-quote"), 1u);
  EXPECT_EQ(r->rejected.at("unterminated-quote").lines, std::vector<std::int64_t>{3});
  const auto last = store::HearingRepo(*db_).find_by_key("csv:A30|2026-12-03|10:00|CHI");
  ASSERT_TRUE(last && *last);
  EXPECT_EQ((*last)->location, "Room 2, east");
}

TEST_F(HearingsCsv, EachRejectionRecordsTheColumnAtFault) {
  const auto date = import(fixture_path("hearings-bad-date.csv"));
  ASSERT_TRUE(date) << date.error().message;
  EXPECT_EQ(date->first_field.at("bad-date"), "date");
  const auto time = import(fixture_path("hearings-bad-time.csv"));
  ASSERT_TRUE(time) << time.error().message;
  for (const auto& [reason, field] : time->first_field) {
    EXPECT_EQ(field, reason == "bad-time" ? "time" : "end_time") << reason;
  }
  EXPECT_FALSE(time->first_field.empty());
}

TEST_F(HearingsCsv, NeverEchoesCaseReferences) {
  const std::regex case_ref("A[0-9]{3,4}");
  for (const char* name :
       {"hearings-bad-fields", "hearings-bad-date", "hearings-bad-time", "hearings-unknown-site",
        "hearings-unterminated-quote", "hearings-invalid-utf8", "hearings-key-column"}) {
    const auto r = import(fixture_path(std::string(name) + ".csv"));
    ASSERT_TRUE(r) << r.error().message;
    const auto text = r->to_json();
    EXPECT_FALSE(std::regex_search(text, case_ref)) << name << ": " << text;
    EXPECT_EQ(text.find("SECRET"), std::string::npos) << name;
  }
}

TEST_F(HearingsCsv, ReimportingSameFileLeavesEverythingUnchanged) {
  const auto path = fixture_path("hearings-good.csv");
  ASSERT_TRUE(import(path));
  const auto before = hearings_json(*db_);
  const auto changes = count_rows(*db_, "hearing_changes");
  clock_.advance(std::chrono::hours(1));
  const auto r = import(path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows_read, 7);
  EXPECT_EQ(r->unchanged, 7);
  EXPECT_EQ(r->added + r->updated + r->cancelled + r->rejected_total(), 0);
  EXPECT_EQ(hearings_json(*db_), before);
  EXPECT_EQ(count_rows(*db_, "hearing_changes"), changes);
}

TEST_F(HearingsCsv, ChangedRowUpdatesInPlace) {
  ASSERT_TRUE(import(write_file(
      "a.csv", std::string(kHeader) + "2026-12-01,09:00,,CHI,Room 1,Judge A,master,,no,A1,,\n"
                                      "2026-12-01,10:00,,CHI,Room 1,Judge A,master,,no,A2,,\n")));
  const auto first_change = count_rows(*db_, "hearing_changes");
  const auto r = import(write_file(
      "b.csv", std::string(kHeader) + "2026-12-01,09:00,10:30,CHI,Room 4,Judge A,master,,no,A1,,\n"
                                      "2026-12-01,10:00,,CHI,Room 1,Judge A,master,,no,A2,,\n"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->updated, 1);
  EXPECT_EQ(r->unchanged, 1);
  EXPECT_EQ(count_rows(*db_, "hearings"), 2);
  const auto hearings = hearings_json(*db_);
  EXPECT_EQ(hearings[0]["location"], "Room 4");
  EXPECT_EQ(hearings[0]["end_time"], "10:30");
  EXPECT_EQ(hearings[0]["version"], 2);
  EXPECT_EQ(hearings[1]["version"], 1);
  auto changes = store::HearingRepo(*db_).changes_since(first_change, 10);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().kind, "updated");
  EXPECT_EQ(changes->front().version, 2);
  EXPECT_EQ(changes->front().new_json, R"({"end_time":"10:30","location":"Room 4"})");
}

TEST_F(HearingsCsv, CancelledRowCancelsTheStoredHearing) {
  ASSERT_TRUE(import(write_file(
      "a.csv", std::string(kHeader) + "2026-12-01,09:00,,CHI,Room 1,Judge A,master,,no,A1,,\n")));
  const auto r = import(write_file(
      "b.csv",
      std::string(kHeader) + "2026-12-01,09:00,,CHI,Room 1,Judge A,master,,no,A1,Canceled,\n"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->cancelled, 1);
  const auto h = store::HearingRepo(*db_).find_by_key("csv:A1|2026-12-01|09:00|CHI");
  ASSERT_TRUE(h && *h);
  EXPECT_EQ((*h)->status, HearingStatus::cancelled);
  EXPECT_EQ((*h)->cancel_reason, "source");
}

TEST_F(HearingsCsv, FailedRunLeavesEarlierDataIntact) {
  ASSERT_TRUE(import(fixture_path("hearings-good.csv")));
  const auto before = hearings_json(*db_);
  const auto r = import(fixture_path("hearings-unknown-column.csv"));
  ASSERT_FALSE(r);
  EXPECT_EQ(hearings_json(*db_), before);
  const auto runs = store::ImportRunRepo(*db_).recent(5);
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].state, RunState::failed);
  EXPECT_EQ((*runs)[0].error, r.error().message);
  EXPECT_EQ((*runs)[1].state, RunState::ok);
}

TEST_F(HearingsCsv, DatabaseErrorMidFileRollsBackTheWholeRun) {
  ASSERT_TRUE(import(write_file(
      "a.csv", std::string(kHeader) + "2026-12-01,09:00,,CHI,Room 1,Judge A,master,,no,A1,,\n")));
  const auto before = hearings_json(*db_);
  // A store failure on the third row, after the first two were written.
  ASSERT_TRUE(
      db_->exec("CREATE TRIGGER fail_boom BEFORE INSERT ON hearings WHEN NEW.location = 'BOOM' "
                "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"));
  const auto r = import(write_file(
      "b.csv", std::string(kHeader) + "2026-12-01,09:00,,CHI,Room 9,Judge A,master,,no,A1,,\n" +
                   "2026-12-01,10:00,,CHI,Room 1,Judge A,master,,no,A2,,\n" +
                   "2026-12-01,11:00,,CHI,BOOM,Judge A,master,,no,A3,,\n"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::database);
  EXPECT_EQ(hearings_json(*db_), before);
  const auto run = last_recorded_run(*db_);
  EXPECT_EQ(run.state, RunState::failed);
  EXPECT_NE(run.error.find("disk on fire"), std::string::npos);
  EXPECT_EQ(run.added + run.updated, 0);
  EXPECT_TRUE(db_->check()) << "database left inconsistent";
}

TEST_F(HearingsCsv, SurvivesRandomBinaryInput) {
  std::mt19937 rng(20261126);
  static constexpr char kBytes[] = "\",\r\n\0\xff\xc3 aA1:/-";
  const std::string alphabet(kBytes, sizeof kBytes - 1);  // keeps the NUL
  for (int round = 0; round < 200; ++round) {
    std::string text = round % 2 ? kHeader : "";
    const int n = static_cast<int>(rng() % 2000);
    for (int i = 0; i < n; ++i) {
      text.push_back(rng() % 4 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng()));
    }
    HearingsCsvOptions opts;
    opts.max_record_bytes = 1 + rng() % 300;
    const auto r = import(write_file("fuzz.csv", text), opts);
    if (r) {
      EXPECT_EQ(r->rows_read,
                r->added + r->updated + r->cancelled + r->unchanged + r->rejected_total());
    }
  }
  EXPECT_TRUE(db_->check());
}

}  // namespace
}  // namespace cw::testing
