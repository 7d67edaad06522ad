// Feed revalidations answered on HttpServer's event loop (web/http_server.h,
// web/routes_feeds.cc), through a WebServer over real sockets: a 304 from the
// loop is the pool's 304 byte for byte (and a cached feed's 200 the pool's
// 200), and every request the loop must not answer (an unknown, revoked or
// rotated token, HEAD,
// pipelined or split requests, a poll after a commit, a client over the miss
// limit) gets exactly the pool's answer. answered_on_event_loop() tells which
// of the two answered.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "raw_client.h"
#include "store/repos.h"
#include "store/session_repos.h"
#include "store/token_repo.h"
#include "tests/store/temp_db.h"
#include "web/server.h"

namespace cw::web {
namespace {

using rawhttp::get;
using rawhttp::Raw;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

const Instant kFeedNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{12};

// The value of a response header ("" when absent).
std::string header_of(const std::string& response, const std::string& name) {
  const auto head = response.substr(0, response.find("\r\n\r\n"));
  const auto at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  const auto begin = at + name.size() + 4;
  return head.substr(begin, head.find("\r\n", begin) - begin);
}

class FeedLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    preload_zones();
    const std::string path = dir.file("f.db");
    writer = store::Database::open(path).value();
    cw::testing::add_site(*writer, "CHI", "America/Chicago");
    Session s;
    s.key = {"CHI", "Courtroom 1", "Judge A", LocalDate{date::year{2026} / 3 / 4}, Half::am};
    s.start = TimeOfDay{9 * 60};
    s.end = TimeOfDay{10 * 60};
    s.hearings = 3;
    s.types = {HearingType::master};
    session = store::SessionRepo(*writer).insert(s, kFeedNow).value();
    secret = store::TokenSecret::load_or_create(store::TokenSecret::path_for(path)).value();
    token = issue(store::Rotation::keep);
    ServerOptions opts;
    opts.port = 0;
    opts.threads = 4;
    opts.keep_alive_timeout_s = 30;
    server = std::make_unique<WebServer>(opts, path, clock);
    port = server->bind().value();
    http = std::thread([this] { server->run(); });
    ASSERT_TRUE(server->wait_until_running(std::chrono::seconds(10)));
  }
  void TearDown() override {
    server->stop();
    if (http.joinable()) http.join();
  }

  std::string issue(store::Rotation rotation) {
    return store::TokenRepo(*writer)
        .issue(*secret, store::TokenPurpose::feed_site, "CHI", rotation, kFeedNow)
        .value();
  }
  std::string feed_path(const std::string& t) const { return "/feeds/site/CHI/" + t + ".ics"; }
  std::string revalidation(const std::string& t, const std::string& etag) const {
    return get(feed_path(t), "If-None-Match: " + etag + "\r\n");
  }
  // One request on its own connection. Whole, it is sent once the
  // connection is parked on the loop (after a first request, and a pause in
  // which the pool thread that served it has parked it). Split, it is sent in
  // two pieces with a pause between: the loop, or the pool thread serving the
  // fresh connection, first sees an incomplete head, which only the pool
  // answers.
  std::string ask(const std::string& request, bool split = false) {
    Raw c(port);
    if (split) {
      c.send(std::string_view(request).substr(0, 20));
      std::this_thread::sleep_for(milliseconds(30));
      c.send(std::string_view(request).substr(20));
    } else {
      park(c);
      c.send(request);
    }
    return c.response();
  }
  void park(Raw& c) {
    c.send(get("/healthz"));
    EXPECT_TRUE(c.response().starts_with("HTTP/1.1 200"));
    std::this_thread::sleep_for(milliseconds(50));
  }
  // The ETag of the current feed, read with a plain GET (answered by the pool).
  // Read twice: FeedService opens its commit probe at its first look and
  // remembers the WAL-index header from the next one on, which the loop needs.
  std::string current_etag() {
    (void)ask(get(feed_path(token)));
    const std::string r = ask(get(feed_path(token)));
    EXPECT_TRUE(r.starts_with("HTTP/1.1 200")) << r;
    return header_of(r, "ETag");
  }
  void change(int hearings) {
    auto s = store::SessionRepo(*writer).find(session).value().value();
    s.hearings = hearings;
    ASSERT_TRUE(store::SessionRepo(*writer).update(s, kFeedNow));
  }
  std::uint64_t on_loop() const { return server->answered_on_event_loop(); }
  std::string metrics() const {
    std::string out;
    server->metrics().render_http(out);
    return out;
  }

  cw::testing::TempDir dir;
  std::unique_ptr<store::Database> writer;
  std::optional<store::TokenSecret> secret;
  Id session = 0;
  std::string token;
  FakeClock clock{kFeedNow};
  std::unique_ptr<WebServer> server;
  int port = 0;
  std::thread http;
};

TEST_F(FeedLoopTest, TheLoops304IsThePools304ByteForByte) {
  const std::string etag = current_etag();
  ASSERT_FALSE(etag.empty());
  const std::string request = revalidation(token, etag);
  const auto before = on_loop();
  const std::string fast = ask(request);
  ASSERT_EQ(on_loop(), before + 1) << "the revalidation was not answered on the loop";
  const std::string slow = ask(request, /*split=*/true);
  EXPECT_EQ(on_loop(), before + 1) << "a split request was answered on the loop";
  EXPECT_TRUE(fast.starts_with("HTTP/1.1 304")) << fast;
  EXPECT_EQ(header_of(fast, "ETag"), etag);
  EXPECT_FALSE(header_of(fast, "Content-Security-Policy").empty()) << fast;
  EXPECT_EQ(fast, slow);
  // If-Modified-Since alone takes the same path.
  const std::string since =
      get(feed_path(token), "If-Modified-Since: " + header_of(fast, "Last-Modified") + "\r\n");
  EXPECT_EQ(ask(since), ask(since, true));
  EXPECT_EQ(on_loop(), before + 2);
  // A cached feed's body too: for a stale ETag and without a validator.
  for (const std::string& request :
       {revalidation(token, "\"0123\""), get(feed_path(token)),
        get(feed_path(token), "If-None-Match: \"x\", W/" + etag + "\r\n")}) {
    const auto was = on_loop();
    const std::string loop_answer = ask(request);
    EXPECT_EQ(on_loop(), was + 1) << request;
    EXPECT_EQ(loop_answer, ask(request, true)) << request;
  }
  EXPECT_TRUE(ask(get(feed_path(token))).starts_with("HTTP/1.1 200"));
  EXPECT_EQ(rawhttp::body_of(ask(get(feed_path(token)))).size(),
            std::stoul(header_of(ask(get(feed_path(token))), "Content-Length")));
}

TEST_F(FeedLoopTest, WhatTheLoopMayNotAnswerGetsThePoolsAnswer) {
  const std::string etag = current_etag();
  struct Case {
    const char* what;
    std::string request;
    const char* status;
  };
  const std::vector<Case> cases = {
      {"unknown token", revalidation("A" + token.substr(1), etag), "HTTP/1.1 404"},
      {"site not the token's",
       get("/feeds/site/NYC/" + token + ".ics", "If-None-Match: " + etag + "\r\n"), "HTTP/1.1 404"},
      {"HEAD",
       "HEAD " + feed_path(token) + " HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n",
       "HTTP/1.1 304"},
  };
  const auto before = on_loop();
  for (const auto& c : cases) {
    const std::string whole = ask(c.request);
    const std::string split = ask(c.request, true);
    EXPECT_TRUE(whole.starts_with(c.status)) << c.what << ": " << whole;
    EXPECT_EQ(whole, split) << c.what;
  }
  EXPECT_EQ(on_loop(), before);
}

TEST_F(FeedLoopTest, PipelinedRevalidationsAreAnsweredInOrderByThePool) {
  const std::string etag = current_etag();
  Raw c(port);
  const auto before = on_loop();
  c.send(revalidation(token, etag) + get(feed_path(token)) + revalidation(token, etag));
  const std::string first = c.response();
  const std::string second = c.response();
  const std::string third = c.response();
  EXPECT_TRUE(first.starts_with("HTTP/1.1 304")) << first;
  EXPECT_TRUE(second.starts_with("HTTP/1.1 200")) << second;
  EXPECT_TRUE(third.starts_with("HTTP/1.1 304")) << third;
  EXPECT_EQ(on_loop(), before);
  // The connection then goes back to the loop: the next one is answered there.
  std::this_thread::sleep_for(milliseconds(50));
  c.send(revalidation(token, etag));
  EXPECT_TRUE(c.response().starts_with("HTTP/1.1 304"));
  EXPECT_EQ(on_loop(), before + 1);
}

TEST_F(FeedLoopTest, ACommitShowsAtTheNextRevalidation) {
  const std::string old_etag = current_etag();
  Raw c(port);
  c.send(revalidation(token, old_etag));
  ASSERT_TRUE(c.response().starts_with("HTTP/1.1 304"));
  change(7);
  const auto before = on_loop();
  c.send(revalidation(token, old_etag));
  const std::string changed = c.response();
  EXPECT_TRUE(changed.starts_with("HTTP/1.1 200")) << changed;
  const std::string new_etag = header_of(changed, "ETag");
  EXPECT_NE(new_etag, old_etag);
  EXPECT_EQ(on_loop(), before);
  std::this_thread::sleep_for(milliseconds(50));  // parked again
  c.send(revalidation(token, new_etag));
  EXPECT_TRUE(c.response().starts_with("HTTP/1.1 304"));
  EXPECT_EQ(on_loop(), before + 1);
}

TEST_F(FeedLoopTest, ARevokedOrRotatedTokenIsRefusedAtTheNextRevalidation) {
  const std::string etag = current_etag();
  Raw c(port);
  c.send(revalidation(token, etag));
  ASSERT_TRUE(c.response().starts_with("HTTP/1.1 304"));
  const std::string rotated = issue(store::Rotation::rotate);
  ASSERT_NE(rotated, token);
  const auto before = on_loop();
  c.send(revalidation(token, etag));
  const std::string refused = c.response();
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 404")) << refused;
  EXPECT_EQ(refused, ask(revalidation(token, etag), true));
  EXPECT_EQ(on_loop(), before);
  // The new token opens the same feed; then revoking it closes it too.
  c.send(revalidation(rotated, etag));
  EXPECT_TRUE(c.response().starts_with("HTTP/1.1 304"));
  ASSERT_EQ(
      store::TokenRepo(*writer).revoke_all(store::TokenPurpose::feed_site, "CHI", kFeedNow).value(),
      1);
  c.send(revalidation(rotated, etag));
  EXPECT_TRUE(c.response().starts_with("HTTP/1.1 404"));
}

// Misses are counted once per request, also for requests the loop tried
// first; a client over the limit gets 429 even for a revalidation the loop
// could answer; the metrics count the loop's answers.
TEST_F(FeedLoopTest, TheMissLimitAndTheMetricsSeeTheLoopsRequests) {
  const std::string etag = current_etag();
  Raw c(port);
  for (int i = 0; i < 3; ++i) {
    c.send(revalidation(token, etag));
    ASSERT_TRUE(c.response().starts_with("HTTP/1.1 304"));
  }
  EXPECT_NE(metrics().find("courtwatch_http_requests_total{route=\"feed_site\",status=\"304\"} 3"),
            std::string::npos)
      << metrics();
  const std::string miss = revalidation("B" + token.substr(1), etag);
  for (int i = 0; i < 20; ++i) {  // the burst (routes_feeds.cc)
    c.send(miss);
    ASSERT_TRUE(c.response().starts_with("HTTP/1.1 404")) << i;
  }
  c.send(miss);
  EXPECT_TRUE(c.response().starts_with("HTTP/1.1 429"));
  const auto before = on_loop();
  c.send(revalidation(token, etag));
  EXPECT_TRUE(c.response().starts_with("HTTP/1.1 429"));
  EXPECT_EQ(on_loop(), before);
}

// Idle connections wait on the loop, not on pool threads: more of them than
// the pool has threads leave a fresh request answered at once.
TEST_F(FeedLoopTest, IdleConnectionsHoldNoPoolThread) {
  std::vector<std::unique_ptr<Raw>> idle;
  for (int i = 0; i < 16; ++i) {  // the pool has 4 threads
    idle.push_back(std::make_unique<Raw>(port));
    idle.back()->send(get("/healthz"));
    ASSERT_TRUE(idle.back()->response().starts_with("HTTP/1.1 200"));
  }
  const auto start = steady_clock::now();
  const std::string r = ask(get("/healthz"));
  EXPECT_TRUE(r.starts_with("HTTP/1.1 200")) << r;
  EXPECT_LT(steady_clock::now() - start, milliseconds(1000));
  for (auto& c : idle) {  // and they are still open and served
    c->send(get("/healthz"));
    EXPECT_TRUE(c->response().starts_with("HTTP/1.1 200"));
  }
}

// stop() while clients revalidate as fast as they can: run() returns, every
// client sees its connection closed, and every answer it got was whole.
TEST_F(FeedLoopTest, StopDuringLoadEndsCleanly) {
  const std::string etag = current_etag();
  const std::string request = revalidation(token, etag);
  std::atomic<bool> done{false};
  std::atomic<int> answered{0};
  std::atomic<int> broken{0};
  std::vector<std::thread> clients;
  clients.reserve(8);
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      Raw c(port);
      while (!done) {
        c.send(request);
        const std::string r = c.response(milliseconds(3000));
        if (r.empty()) break;  // closed by the server
        if (!r.starts_with("HTTP/1.1 304") || header_of(r, "ETag") != etag) ++broken;
        ++answered;
      }
    });
  }
  while (answered < 400) std::this_thread::sleep_for(milliseconds(5));
  const auto start = steady_clock::now();
  server->stop();
  auto joined = std::async(std::launch::async, [this] { http.join(); });
  ASSERT_EQ(joined.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_LT(steady_clock::now() - start, milliseconds(3000));
  for (auto& t : clients) t.join();  // each saw its connection end
  done = true;
  EXPECT_EQ(broken, 0);
  EXPECT_GT(on_loop(), 0u);
}

}  // namespace
}  // namespace cw::web
