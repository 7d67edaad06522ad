// app::run_source(): the rules the CLI and the scheduled jobs share — an
// unchanged local source is skipped only by the scheduler, a failed fetch is
// recorded and changes nothing, a file-only kind refuses a URL, and the
// column renames of the config reach the CSV importer.
#include "app/source_import.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/repos.h"
#include "tests/app/app_fixture.h"

namespace cw::testing {
namespace {

// Answers every request with one canned response (or error), counting calls.
class CannedFetcher final : public scrapers::HttpFetcher {
 public:
  explicit CannedFetcher(Result<scrapers::HttpResponse> r) : response_(std::move(r)) {}
  Result<scrapers::HttpResponse> get(const scrapers::HttpRequest&) override {
    ++calls;
    return response_;
  }
  int calls = 0;

 private:
  Result<scrapers::HttpResponse> response_;
};

scrapers::HttpResponse response(long status, std::string body) {
  scrapers::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

class SourceImport : public AppTest {
 protected:
  app::SourceSpec csv_file(const std::string& rows) {
    std::ofstream(dir.file("h.csv"))
        << "key,day,time,end_time,site,location,judge,type,language,detained,case_ref,status,"
           "notes\n"
        << rows;
    app::SourceSpec s;
    s.kind = app::SourceKind::csv;
    s.name = "coalition";
    s.path = dir.file("h.csv");
    s.csv_aliases = {{"day", "date"}};  // [import.csv.columns] day = "date"
    return s;
  }
  std::vector<ImportRun> runs() {
    auto r = store::ImportRunRepo(*db).recent(10);
    EXPECT_TRUE(r);
    return r ? *r : std::vector<ImportRun>{};
  }
  CannedFetcher unused{fail(Error::internal("no fetch expected"))};
};

TEST_F(SourceImport, TheSchedulerSkipsAnUnchangedFileTheCliDoesNot) {
  const auto spec = csv_file("k1,2026-03-02,09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n");
  auto first = app::run_source(*db, clock, unused, spec, app::Change::skip_unchanged);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(*first);
  EXPECT_EQ((*first)->run.added, 1);  // the alias made "day" the date column
  EXPECT_EQ((*first)->sessions.added, 1);

  auto again = app::run_source(*db, clock, unused, spec, app::Change::skip_unchanged);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(*again) << "an unchanged file is not imported again";
  EXPECT_EQ(runs().size(), 1u);

  auto forced = app::run_source(*db, clock, unused, spec, app::Change::always);
  ASSERT_TRUE(forced && *forced);
  EXPECT_EQ((*forced)->run.unchanged, 1);
  EXPECT_EQ(runs().size(), 2u);
  EXPECT_EQ(unused.calls, 0);
}

TEST_F(SourceImport, AFailedFetchIsRecordedAndChangesNothing) {
  CannedFetcher down{response(503, "")};
  app::SourceSpec s;
  s.kind = app::SourceKind::ics;
  s.name = "partner";
  s.url = "https://calendar.example.org/checkins.ics";
  s.site = "HOU";
  auto r = app::run_source(*db, clock, down, s, app::Change::always);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "https://calendar.example.org/checkins.ics: HTTP 503");
  EXPECT_EQ(down.calls, 1);
  const auto recorded = runs();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].state, RunState::failed);
  EXPECT_EQ(recorded[0].source, "ics");
  EXPECT_EQ(recorded[0].input, s.url);
  auto sessions = store::SessionRepo(*db).list({});
  ASSERT_TRUE(sessions);
  EXPECT_TRUE(sessions->empty());
}

TEST_F(SourceImport, AFileOnlyKindRefusesAUrl) {
  CannedFetcher ok{response(200, "key,date\n")};
  app::SourceSpec s;
  s.kind = app::SourceKind::eoir;
  s.name = "release";
  s.url = "https://example.org/release.zip";
  auto r = app::run_source(*db, clock, ok, s, app::Change::always);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "source 'release': a eoir source is read from a file, not a URL");
}

}  // namespace
}  // namespace cw::testing
