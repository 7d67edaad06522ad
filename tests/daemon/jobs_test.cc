// The scheduler of `serve` (daemon/jobs.h): due sources by interval, one job
// at a time, unchanged sources skipped, failures retried sooner.
#include "daemon/jobs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/db.h"
#include "store/repos.h"

namespace cw::daemon {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class NoNetwork final : public scrapers::HttpFetcher {
 public:
  Result<scrapers::HttpResponse> get(const scrapers::HttpRequest& r) override {
    ++calls;
    return fail(Error::io(r.url + ": no network in this test"));
  }
  int calls = 0;
};

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cw-jobs-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto db = store::Database::open((dir_ / "t.db").string());
    ASSERT_TRUE(db);
    ASSERT_TRUE(store::SiteRepo(**db).upsert(
        {"CHI-ERO", "Chicago Field Office", "", "America/Chicago", SiteKind::ice_field_office}));
    std::ofstream(dir_ / "a.ics") << "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n"
                                     "DTSTART:20260305T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    config_.sources = {source("a", (dir_ / "a.ics").string(), ""),
                       source("web", "", "http://127.0.0.1:9/x.ics")};
  }
  void TearDown() override { fs::remove_all(dir_); }

  static SourceConfig source(std::string name, std::string path, std::string url) {
    SourceConfig s;
    s.name = std::move(name);
    s.kind = "ics";
    s.path = std::move(path);
    s.url = std::move(url);
    s.site = "CHI-ERO";
    s.interval = 1h;
    return s;
  }
  std::vector<std::string> states(const JobRunner& jobs) {
    std::vector<std::string> out;
    for (const auto& o : jobs.outcomes()) out.push_back(o.source + ":" + o.state);
    return out;
  }

  fs::path dir_;
  Config config_;
  FakeClock clock_{Instant{date::sys_days{date::year{2026} / 3 / 2}}};
};

TEST_F(JobsTest, RunsDueSourcesOneAtATimeAndSkipsUnchangedOnes) {
  auto fetcher = std::make_unique<NoNetwork>();
  auto* net = fetcher.get();
  JobRunner jobs((dir_ / "t.db").string(), clock_, std::move(fetcher));
  const auto t0 = std::chrono::steady_clock::now();
  jobs.tick(config_, t0);
  EXPECT_TRUE(jobs.busy() || !jobs.outcomes().empty());
  ASSERT_TRUE(jobs.drain_for(10s));
  jobs.tick(config_, t0 + 1s);  // reaps "a", starts "web"
  ASSERT_TRUE(jobs.drain_for(10s));
  jobs.tick(config_, t0 + 2s);  // reaps "web"; nothing else is due
  ASSERT_TRUE(jobs.drain_for(10s));
  EXPECT_EQ(states(jobs), (std::vector<std::string>{"a:ok", "web:failed"}));
  EXPECT_EQ(net->calls, 1);

  // Ten minutes later only the failed source is due again; an hour later
  // both, and the unchanged file is not re-imported.
  jobs.tick(config_, t0 + 11min);
  ASSERT_TRUE(jobs.drain_for(10s));
  EXPECT_EQ(net->calls, 2);
  jobs.tick(config_, t0 + 62min);
  ASSERT_TRUE(jobs.drain_for(10s));
  jobs.tick(config_, t0 + 62min + 1s);
  ASSERT_TRUE(jobs.drain_for(10s));
  EXPECT_EQ(states(jobs),
            (std::vector<std::string>{"a:ok", "web:failed", "web:failed", "a:unchanged"}));
}

TEST_F(JobsTest, SourcesRemovedFromTheConfigStop) {
  JobRunner jobs((dir_ / "t.db").string(), clock_, std::make_unique<NoNetwork>());
  Config none;
  jobs.tick(none, std::chrono::steady_clock::now());
  EXPECT_FALSE(jobs.busy());
  EXPECT_TRUE(jobs.outcomes().empty());
}

}  // namespace
}  // namespace cw::daemon
