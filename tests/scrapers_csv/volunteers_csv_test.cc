// Behaviour of the volunteers list importer against a real SQLite file.
#include "scrapers/csv/volunteers_csv.h"

#include <fstream>
#include <sstream>

#include "core/text.h"
#include "csv_test_support.h"
#include "store/repos.h"

namespace cw::testing {
namespace {

using scrapers::import_volunteers_csv;

constexpr const char* kVolunteerHeader =
    "id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,active\n";

class VolunteersCsv : public CsvDbTest {
 protected:
  Result<ImportRun> import(const std::string& path) {
    return import_volunteers_csv(*db_, path, clock_);
  }

  nlohmann::json import_fixture(const std::string& name) {
    const auto result = import(fixture_path(name + ".csv"));
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
    out["volunteers"] = volunteers_json(*db_);
    return out;
  }

  void expect_fixture(const std::string& name) {
    expect_matches_fixture(name, import_fixture(name));
  }
};

TEST_F(VolunteersCsv, ImportsEveryFieldAsTheSpecSays) { expect_fixture("volunteers-good"); }
TEST_F(VolunteersCsv, RejectsBadRowsWithTheirReasonsAndLines) {
  expect_fixture("volunteers-bad-rows");
}
TEST_F(VolunteersCsv, ResumesAfterUnterminatedQuote) {
  expect_fixture("volunteers-unterminated-quote");
}
TEST_F(VolunteersCsv, RejectsInvalidUtf8AndNulBytesNamingTheField) {
  expect_fixture("volunteers-invalid-utf8");
}
TEST_F(VolunteersCsv, RejectsEmptyFileAsWholeFileError) { expect_fixture("volunteers-empty"); }
TEST_F(VolunteersCsv, RejectsBomOnlyFileAsWholeFileError) { expect_fixture("volunteers-bom-only"); }

TEST_F(VolunteersCsv, RejectsHeaderWithMissingColumnAndWritesNothing) {
  expect_fixture("volunteers-missing-column");
  const auto r = import(fixture_path("volunteers-missing-column.csv"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("volunteers-missing-column.csv: line 1: missing column "
                                   "'blackouts'"),
            std::string::npos);
  EXPECT_EQ(count_rows(*db_, "volunteers"), 0);
}

TEST_F(VolunteersCsv, RejectsHeaderWithUnknownColumnAndWritesNothing) {
  expect_fixture("volunteers-unknown-column");
  const auto r = import(fixture_path("volunteers-unknown-column.csv"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("line 1, column 13 'shoe_size': unknown column"),
            std::string::npos);
  EXPECT_EQ(count_rows(*db_, "volunteers"), 0);
}

TEST_F(VolunteersCsv, NeverEchoesNamesOrContactDetails) {
  const auto path = fixture_path("volunteers-bad-rows.csv");
  const auto r = import(path);
  ASSERT_TRUE(r) << r.error().message;
  const auto text = r->to_json();
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  int checked = 0;
  while (std::getline(in, line)) {
    const auto fields = split(line, ',');
    for (std::size_t i = 1; i <= 3 && i < fields.size(); ++i) {
      if (fields[i].empty()) continue;
      EXPECT_EQ(text.find(fields[i]), std::string::npos) << "message repeats '" << fields[i] << "'";
      ++checked;
    }
  }
  EXPECT_GT(checked, 30);
}

TEST_F(VolunteersCsv, ReimportingSameFileLeavesEverythingUnchanged) {
  const auto path = fixture_path("volunteers-good.csv");
  ASSERT_TRUE(import(path));
  const auto before = volunteers_json(*db_);
  const auto r = import(path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows_read, 4);
  EXPECT_EQ(r->unchanged, 4);
  EXPECT_EQ(r->added + r->updated + r->rejected_total(), 0);
  EXPECT_EQ(volunteers_json(*db_), before);
}

TEST_F(VolunteersCsv, ChangedRowUpdatesInPlace) {
  ASSERT_TRUE(import(write_file("a.csv", std::string(kVolunteerHeader) +
                                             "v1,Ana,ana@example.org,,watcher,CHI,,,mon,,,yes\n"
                                             "v2,Bo,bo@example.org,,watcher,HOU,,,tue,,,yes\n")));
  const auto r = import(write_file("b.csv", std::string(kVolunteerHeader) +
                                                "v1,Ana,ana@example.org,,lead,SFR,,1,fri-pm,,,no\n"
                                                "v2,Bo,bo@example.org,,watcher,HOU,,,tue,,,yes\n"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->updated, 1);
  EXPECT_EQ(r->unchanged, 1);
  EXPECT_EQ(count_rows(*db_, "volunteers"), 2);
  const auto v = store::VolunteerRepo(*db_).find_by_handle("v1");
  ASSERT_TRUE(v && *v);
  EXPECT_EQ((*v)->role, Role::lead);
  EXPECT_EQ((*v)->sites, std::vector<std::string>{"SFR"});
  EXPECT_EQ((*v)->max_per_week, 1);
  EXPECT_FALSE((*v)->active);
  EXPECT_TRUE((*v)->availability.weekly(4, Half::pm));
  EXPECT_FALSE((*v)->availability.weekly(0, Half::am));
}

TEST_F(VolunteersCsv, FailedRunLeavesEarlierDataIntact) {
  ASSERT_TRUE(import(fixture_path("volunteers-good.csv")));
  const auto before = volunteers_json(*db_);
  const auto r = import(fixture_path("volunteers-missing-column.csv"));
  ASSERT_FALSE(r);
  EXPECT_EQ(volunteers_json(*db_), before);
  const auto run = last_recorded_run(*db_);
  EXPECT_EQ(run.state, RunState::failed);
  EXPECT_EQ(run.source, "volunteers");
  EXPECT_EQ(run.error, r.error().message);
}

TEST_F(VolunteersCsv, SkipsTenMegabyteLineWithoutBufferingIt) {
  const auto path = (dir_ / "huge.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << kVolunteerHeader << "v1,Ana,ana@example.org,,watcher,CHI,,,mon,,,yes\n";
    out << "v2,";
    const std::string block(std::size_t{64} * 1024, 'x');
    for (int i = 0; i < 160; ++i) out << block;
    out << ",bo@example.org,,watcher,HOU,,,tue,,,yes\nv3,Chen,chen@example.org,,lead,SFR,,,,,,\n";
  }
  const auto r = import(path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows_read, 3);
  EXPECT_EQ(r->added, 2);
  ASSERT_EQ(r->rejected.count("record-too-long"), 1u);
  EXPECT_EQ(r->rejected.at("record-too-long").lines, std::vector<std::int64_t>{3});
}

TEST_F(VolunteersCsv, CannotOpenMissingFileIsRecordedAsFailed) {
  const auto r = import((dir_ / "missing.csv").string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::io);
  EXPECT_EQ(last_recorded_run(*db_).state, RunState::failed);
}

}  // namespace
}  // namespace cw::testing
