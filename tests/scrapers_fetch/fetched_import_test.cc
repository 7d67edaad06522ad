// Scheduled-import behaviour of a remote ICS source (fetch_state.h,
// fetched_import.h): unchanged sources are not re-imported, a failed fetch is
// a failed run and keeps the last good data.
#include "scrapers/fetch/fetched_import.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "scrapers/fetch/fetch_state.h"
#include "scrapers/ics/ics_import.h"
#include "store/repos.h"
#include "tests/scrapers_fetch/loopback_server.h"
#include "tests/scrapers_ics/import_env.h"

namespace cw::scrapers {
namespace {

using namespace std::chrono_literals;
using date::year;

constexpr LocalDate kAsOf{year{2026} / 3 / 2};

class FetchedImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.http().Get("/cal.ics", [this](const httplib::Request& req, httplib::Response& res) {
      ++calls_;
      if (status_ != 200) {
        res.status = status_;
        return;
      }
      if (use_etag_) {
        res.set_header("ETag", etag_);
        if (req.get_header_value("If-None-Match") == etag_) {
          res.status = 304;
          return;
        }
      }
      res.set_content(body_, "text/calendar");
    });
    server_.start();
  }

  Result<std::optional<ImportRun>> run_once() {
    const RemoteSource src{"partner-checkins", "ics", server_.url("/cal.ics")};
    return import_fetched(env_.db(), fetcher_, clock_, src, [&](std::string_view body) {
      IcsImportOptions o;
      o.input = src.url;
      o.site = "CHI-ERO";
      o.as_of = kAsOf;
      o.source = "ics:" + src.name;
      return import_ics_text(env_.db(), body, o, clock_);
    });
  }

  static std::string calendar(const std::string& uid) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid +
           "\r\nDTSTART:20260305T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }
  int runs() { return static_cast<int>(store::ImportRunRepo(env_.db()).recent(100)->size()); }

  test::ImportEnv env_;
  test::LoopbackServer server_;
  FakeClock clock_{Instant{date::sys_days{kAsOf.time_since_epoch()}} + 12h};
  CurlFetcher fetcher_{[] {
    FetchLimits l;
    l.backoff = 5ms;
    l.retries = 1;
    return l;
  }()};
  std::atomic<int> calls_{0};
  int status_ = 200;
  bool use_etag_ = true;
  std::string etag_ = "\"a\"";
  std::string body_ = calendar("one");
};

TEST_F(FetchedImportTest, NotModifiedIsNotReimported) {
  auto first = run_once();
  ASSERT_TRUE(first && *first) << (first ? "" : first.error().message);
  EXPECT_EQ((*first)->added, 1);
  auto second = run_once();
  ASSERT_TRUE(second);
  EXPECT_FALSE(*second);  // 304: nothing imported, no run recorded
  EXPECT_EQ(runs(), 1);
  const auto state = *store::FetchStateRepo(env_.db()).find("partner-checkins");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->etag, "\"a\"");
  EXPECT_TRUE(state->last_error.empty());
}

TEST_F(FetchedImportTest, SameContentWithoutValidatorsIsNotReimported) {
  use_etag_ = false;
  ASSERT_TRUE(run_once());
  auto second = run_once();
  ASSERT_TRUE(second);
  EXPECT_FALSE(*second);
  EXPECT_EQ(calls_, 2);
  body_ = calendar("two");
  auto third = run_once();
  ASSERT_TRUE(third && *third);
  EXPECT_EQ((*third)->added, 1);
  EXPECT_EQ((*third)->cancelled, 1);  // "one" left the calendar
}

TEST_F(FetchedImportTest, NotFoundIsAFailedRunAndKeepsTheLastGoodData) {
  ASSERT_TRUE(run_once());
  const auto before = env_.hearings_json();
  status_ = 404;
  auto failed = run_once();
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("HTTP 404"), std::string::npos);
  EXPECT_EQ(env_.hearings_json(), before);
  const auto recent = *store::ImportRunRepo(env_.db()).recent(1);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent.front().state, RunState::failed);
  EXPECT_NE(recent.front().error.find("HTTP 404"), std::string::npos);
  // Typed for pages: the kind, the host and the status, not the URL's path.
  EXPECT_EQ(recent.front().failure.key, "run.fail.http-status");
  EXPECT_EQ(recent.front().failure.args, (std::vector<std::pair<std::string, std::string>>{
                                             {"host", "127.0.0.1"}, {"status", "404"}}));
  const auto state = *store::FetchStateRepo(env_.db()).find("partner-checkins");
  EXPECT_NE(state->last_error.find("HTTP 404"), std::string::npos);
  EXPECT_EQ(state->etag, "\"a\"");  // validators of the last good fetch stay
  // Back up: the unchanged calendar is recognised, the error clears.
  status_ = 200;
  auto again = run_once();
  ASSERT_TRUE(again);
  EXPECT_TRUE((*store::FetchStateRepo(env_.db()).find("partner-checkins"))->last_error.empty());
}

TEST_F(FetchedImportTest, ABrokenCalendarIsRetriedNextTime) {
  body_ = "garbage";
  etag_ = "\"bad\"";
  ASSERT_FALSE(run_once());
  const auto failed = store::ImportRunRepo(env_.db()).recent(1)->front();
  EXPECT_EQ(failed.failure.key, "run.fail.not-a-calendar");
  EXPECT_EQ(failed.failure.args.at(0), (std::pair<std::string, std::string>{"file", "127.0.0.1"}));
  // Same ETag next time: still fetched and imported, because the failed
  // import did not store the validators.
  body_ = calendar("one");
  auto again = run_once();
  ASSERT_TRUE(again && *again) << (again ? "" : again.error().message);
  EXPECT_EQ((*again)->added, 1);
}

}  // namespace
}  // namespace cw::scrapers
