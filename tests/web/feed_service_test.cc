// FeedService (web/feed_service.h) on a real WAL database written through a
// second connection, as another process would: polls with nothing committed
// reuse the body, and every commit shows at the very next poll — a changed
// session gives a new ETag, a revoked token nothing, a restored one the feed
// again — also when polls and commits alternate many times in a row and when
// several threads poll while commits land.
#include "web/feed_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "store/repos.h"
#include "store/session_repos.h"
#include "tests/store/temp_db.h"

namespace cw::web {
namespace {

// Whether the feed's event says it has `n` hearings (DESCRIPTION, unfolded;
// its newlines are written as "\n").
bool says_hearings(const std::string& body, int n) {
  std::string unfolded;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += body[i];
  }
  return unfolded.find("Hearings: " + std::to_string(n) + "\\n") != std::string::npos;
}

// 2026-03-02 12:00 UTC; the session is two days later.
const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{12};

class FeedServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    preload_zones();
    path = dir.file("f.db");
    writer = store::Database::open(path).value();
    cw::testing::add_site(*writer, "CHI", "America/Chicago");
    Session s;
    s.key = {"CHI", "Courtroom 1", "Judge A", LocalDate{date::year{2026} / 3 / 4}, Half::am};
    s.start = TimeOfDay{9 * 60};
    s.end = TimeOfDay{10 * 60};
    s.hearings = 3;
    s.types = {HearingType::master};
    session = store::SessionRepo(*writer).insert(s, kNow).value();
    const auto secret =
        store::TokenSecret::load_or_create(store::TokenSecret::path_for(path)).value();
    token = store::TokenRepo(*writer)
                .issue(secret, store::TokenPurpose::feed_site, "CHI", store::Rotation::keep, kNow)
                .value();
    service = std::make_unique<FeedService>(
        FeedServiceOptions{path, "https://watch.example.org", "Coordinator"}, clock);
  }

  std::shared_ptr<const FeedBody> poll() {
    auto feed = service->find(feeds::FeedKind::site, token, "CHI");
    EXPECT_TRUE(feed) << feed.error().message;
    return feed ? *feed : nullptr;
  }
  // Another hearing in the session: a change every feed of the site shows.
  void change(int hearings) {
    auto s = store::SessionRepo(*writer).find(session).value().value();
    s.hearings = hearings;
    ASSERT_TRUE(store::SessionRepo(*writer).update(s, kNow));
  }

  cw::testing::TempDir dir;
  std::string path;
  std::unique_ptr<store::Database> writer;
  Id session = 0;
  std::string token;
  FakeClock clock{kNow};
  std::unique_ptr<FeedService> service;
};

TEST_F(FeedServiceTest, PollsWithoutACommitReuseTheBody) {
  const auto first = poll();
  ASSERT_TRUE(first);
  EXPECT_NE(first->body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_EQ(first->last_modified_http.size(), 29u) << first->last_modified_http;
  for (int i = 0; i < 20; ++i) EXPECT_EQ(poll(), first);
}

TEST_F(FeedServiceTest, EveryCommitShowsAtTheNextPoll) {
  std::set<std::string> etags;
  auto last = poll();
  ASSERT_TRUE(last);
  etags.insert(last->etag);
  for (int i = 4; i < 60; ++i) {
    change(i);
    const auto now = poll();
    ASSERT_TRUE(now);
    EXPECT_NE(now->etag, last->etag) << "commit " << i << " not seen";
    EXPECT_TRUE(says_hearings(now->body, i)) << i;
    EXPECT_EQ(poll(), now);  // and then nothing moved
    etags.insert(now->etag);
    last = now;
  }
  EXPECT_EQ(etags.size(), 57u);
}

TEST_F(FeedServiceTest, ARevokedTokenOpensNothingAtTheNextPoll) {
  ASSERT_TRUE(poll());
  ASSERT_TRUE(poll());  // warm: answered without asking SQLite
  ASSERT_EQ(store::TokenRepo(*writer).revoke_all(store::TokenPurpose::feed_site, "CHI", kNow), 1);
  EXPECT_FALSE(poll());
  EXPECT_FALSE(poll());
}

TEST_F(FeedServiceTest, ThreadsPollingWhileCommitsLandNeverSeeAnOlderBody) {
  // A writer counts up; each poller must see the count never go back, and
  // the last value once the writer has stopped.
  std::atomic<int> committed{3};
  std::atomic<bool> stop{false};
  std::atomic<int> regressions{0};
  std::vector<std::thread> pollers;
  pollers.reserve(4);
  for (int t = 0; t < 4; ++t) {
    pollers.emplace_back([&] {
      int seen = 3;
      while (!stop.load()) {
        const int floor = committed.load();  // committed before this poll began
        auto feed = service->find(feeds::FeedKind::site, token, "CHI");
        if (!feed || !*feed) continue;
        int n = 0;
        for (int k = floor; k < floor + 200 && n == 0; ++k) {
          if (says_hearings((*feed)->body, k)) n = k;
        }
        if (n < floor || n < seen) ++regressions;
        seen = std::max(seen, n);
      }
    });
  }
  for (int i = 4; i < 104; ++i) {
    change(i);
    committed.store(i);
  }
  stop.store(true);
  for (auto& p : pollers) p.join();
  EXPECT_EQ(regressions.load(), 0);
  EXPECT_TRUE(says_hearings(poll()->body, 103));
}

}  // namespace
}  // namespace cw::web
