// HttpServer's connection loop (web/http_server.h), over real sockets on
// loopback: keep-alive, pipelining, timeouts, stop(), slow and vanishing
// clients, 100-continue, bodies larger than its buffers, the peer address.
#include "web/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "../store/temp_db.h"
#include "raw_client.h"
#include "web/server.h"

namespace cw::web {
namespace {

using rawhttp::body_of;
using rawhttp::get;
using rawhttp::Raw;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A body no buffer of the server holds whole: every byte differs from its
// neighbours' so a lost or repeated piece shows.
std::string big_body() {
  std::string body(300 * 1024, ' ');
  for (std::size_t i = 0; i < body.size(); ++i)
    body[i] = static_cast<char>('a' + (i * 7 + i / 26) % 26);
  return body;
}

// An HttpServer on a free loopback port, serving on its own thread.
struct Served {
  explicit Served(int keep_alive_s = 2, std::size_t max_requests = 100, int read_timeout_s = 5) {
    server.set_keep_alive_timeout(keep_alive_s);
    server.set_keep_alive_max_count(max_requests);
    server.set_read_timeout(read_timeout_s, 0);
    server.Get("/small", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("small\n", "text/plain");
    });
    server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(big_body(), "text/plain");
    });
    // Written in pieces through a content provider, as the feed route does.
    server.Get("/provided", [](const httplib::Request&, httplib::Response& res) {
      auto body = std::make_shared<std::string>(big_body());
      res.set_content_provider(
          body->size(), "text/plain",
          [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            sink.write(body->data() + offset, std::min<std::size_t>(length, 1000));
            return true;
          });
    });
    server.Get("/peer", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.remote_addr + " " + std::to_string(req.remote_port), "text/plain");
    });
    // Answers after 500 ms: a request still in flight when stop() is called.
    server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(milliseconds(500));
      res.set_content("slow\n", "text/plain");
    });
    server.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "text/plain");
    });
    // Answered on the event loop when tried there (the body says where).
    server.try_on_event_loop([](std::string_view head) { return head.starts_with("GET /loop"); });
    server.Get("/loop", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(on_event_loop() ? "loop\n" : "pool\n", "text/plain");
      if (on_event_loop()) keep_event_loop_answer();
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(milliseconds(1));
  }
  ~Served() { stop(); }
  void stop() {
    if (!thread.joinable()) return;
    server.stop();
    server.wake_idle_connections();
    thread.join();
  }
  HttpServer server;
  int port = 0;
  std::thread thread;
};

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  Served s;
  Raw c(s.port);
  // All three in one segment: the server reads them in one recv().
  c.send(get("/small") + get("/no-such-path") + get("/peer", "Connection: close\r\n"));
  const std::string all = c.read_to_eof();
  std::vector<std::string> statuses;
  for (auto at = all.find("HTTP/1.1 "); at != std::string::npos;
       at = all.find("HTTP/1.1 ", at + 1)) {
    statuses.push_back(all.substr(at + 9, 3));
  }
  EXPECT_EQ(statuses, (std::vector<std::string>{"200", "404", "200"})) << all;
  EXPECT_TRUE(c.eof());
}

TEST(HttpServer, AConnectionServesItsRequestCapThenCloses) {
  Served s(2, 3);
  Raw c(s.port);
  for (int i = 1; i <= 3; ++i) {
    c.send(get("/small"));
    const std::string r = c.response();
    ASSERT_TRUE(r.starts_with("HTTP/1.1 200")) << i << ": " << r;
    EXPECT_EQ(body_of(r), "small\n");
    if (i < 3) {
      EXPECT_NE(r.find("Keep-Alive: timeout=2, max=3\r\n"), std::string::npos) << r;
    } else {
      EXPECT_NE(r.find("Connection: close\r\n"), std::string::npos) << r;
    }
  }
  c.read_to_eof(milliseconds(1000));
  EXPECT_TRUE(c.eof());
}

TEST(HttpServer, IdleAndSilentConnectionsCloseAtTheKeepAliveTimeout) {
  Served s(1);
  Raw idle(s.port);
  Raw silent(s.port);  // never sends a byte
  idle.send(get("/small"));
  ASSERT_TRUE(idle.response().starts_with("HTTP/1.1 200"));
  const auto start = steady_clock::now();
  EXPECT_EQ(idle.read_to_eof(milliseconds(4000)), "");
  EXPECT_TRUE(idle.eof());
  const auto waited = steady_clock::now() - start;
  EXPECT_GE(waited, milliseconds(800));
  EXPECT_LT(waited, milliseconds(3000));
  silent.read_to_eof(milliseconds(3000));
  EXPECT_TRUE(silent.eof());
}

TEST(HttpServer, StopEndsIdleConnectionsAtOnceNotAtTheirTimeout) {
  Served s(30);
  std::vector<std::unique_ptr<Raw>> idle;
  for (int i = 0; i < 5; ++i) {
    idle.push_back(std::make_unique<Raw>(s.port));
    idle.back()->send(get("/small"));
    ASSERT_TRUE(idle.back()->response().starts_with("HTTP/1.1 200"));
  }
  const auto start = steady_clock::now();
  auto stopped = std::async(std::launch::async, [&s] { s.stop(); });
  ASSERT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_LT(steady_clock::now() - start, milliseconds(2000));
  for (auto& c : idle) {
    c->read_to_eof(milliseconds(1000));
    EXPECT_TRUE(c->eof());
  }
}

// GET /small sent in pieces of `piece` bytes, `pause` between them; the answer.
std::string small_in_pieces(int port, std::size_t piece, milliseconds pause) {
  Raw c(port);
  const std::string request = get("/small");
  for (std::size_t i = 0; i < request.size(); i += piece) {
    if (i > 0) std::this_thread::sleep_for(pause);
    c.send(std::string_view(request).substr(i, piece));
  }
  return c.response();
}

TEST(HttpServer, ARequestArrivingInPiecesIsServed) {
  Served s;
  const std::string r = small_in_pieces(s.port, 5, milliseconds(10));
  EXPECT_TRUE(r.starts_with("HTTP/1.1 200")) << r;
  EXPECT_EQ(body_of(r), "small\n");
}

// The keep-alive timeout bounds the wait for a request, the read timeout a
// request that has begun: a pause inside one longer than the first (the
// socket's receive timeout while idle) must not cut it off.
TEST(HttpServer, APauseInsideARequestIsBoundByTheReadTimeoutNotTheKeepAlive) {
  Served s(1, 100, 4);
  const std::string r = small_in_pieces(s.port, 23, milliseconds(1600));  // a pause in "Host"
  EXPECT_TRUE(r.starts_with("HTTP/1.1 200")) << r;
  EXPECT_EQ(body_of(r), "small\n");
}

// cpp-httplib answers a request whose headers stop coming 400 once the read
// timeout has passed (the keep-alive timeout, far longer here, plays no part).
TEST(HttpServer, ARequestStalledPastTheReadTimeoutIsAnswered400) {
  Served s(30, 100, 1);
  Raw c(s.port);
  c.send("GET /small HTTP/1.1\r\nHo");
  const auto start = steady_clock::now();
  const std::string r = c.response(milliseconds(5000));
  const auto waited = steady_clock::now() - start;
  EXPECT_TRUE(r.starts_with("HTTP/1.1 400")) << r;
  EXPECT_GE(waited, milliseconds(800));
  EXPECT_LT(waited, milliseconds(4000));
}

// stop() ends the waits between requests, not a request being answered.
TEST(HttpServer, StopLetsARequestInFlightFinish) {
  Served s(30);
  Raw idle(s.port);
  idle.send(get("/small"));
  ASSERT_TRUE(idle.response().starts_with("HTTP/1.1 200"));
  Raw busy(s.port);
  busy.send(get("/slow"));
  std::this_thread::sleep_for(milliseconds(150));  // the handler is running
  auto stopped = std::async(std::launch::async, [&s] { s.stop(); });
  const std::string r = busy.response();
  EXPECT_TRUE(r.starts_with("HTTP/1.1 200")) << r;
  EXPECT_EQ(body_of(r), "slow\n");
  ASSERT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  busy.read_to_eof(milliseconds(1000));
  EXPECT_TRUE(busy.eof());
  idle.read_to_eof(milliseconds(1000));
  EXPECT_TRUE(idle.eof());
}

TEST(HttpServer, ExpectContinueIsAnsweredBeforeTheClientSendsTheBody) {
  Served s;
  Raw c(s.port);
  c.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
      "Expect: 100-continue\r\n\r\n");
  const std::string interim =
      c.read_until([](const std::string& s) { return s.find("\r\n\r\n") != std::string::npos; },
                   milliseconds(3000));
  ASSERT_TRUE(interim.starts_with("HTTP/1.1 100 Continue\r\n")) << interim;
  c.send("hello");
  const std::string all =
      c.read_until([](const std::string& s) { return s.ends_with("hello"); }, milliseconds(3000));
  EXPECT_NE(all.find("HTTP/1.1 200"), std::string::npos) << all;
  EXPECT_TRUE(all.ends_with("\r\n\r\nhello")) << all;
}

TEST(HttpServer, LargeBodiesArriveWholeFromABodyOrAContentProvider) {
  Served s;
  Raw c(s.port);
  for (const char* path : {"/big", "/provided", "/small", "/big"}) {
    c.send(get(path));
    const std::string r = c.response();
    ASSERT_TRUE(r.starts_with("HTTP/1.1 200")) << path;
    EXPECT_EQ(body_of(r), std::string(path) == "/small" ? "small\n" : big_body()) << path;
  }
  c.send(get("/big") + get("/provided"));  // pipelined behind a large answer
  EXPECT_EQ(body_of(c.response()), big_body());
  EXPECT_EQ(body_of(c.response()), big_body());
}

TEST(HttpServer, HeadAnswersHeadersOnly) {
  Served s;
  Raw c(s.port);
  c.send("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\n" + get("/small"));
  const std::string all =
      c.read_until([](const std::string& s) { return s.ends_with("small\n"); }, milliseconds(3000));
  // The HEAD answer announces the big body's length but carries none: the
  // next bytes are the second response.
  const auto second = all.find("HTTP/1.1 200", 1);
  ASSERT_NE(second, std::string::npos) << all;
  EXPECT_TRUE(all.substr(0, second).ends_with("\r\n\r\n"));
  EXPECT_NE(all.find("Content-Length: " + std::to_string(big_body().size())), std::string::npos);
  EXPECT_EQ(body_of(all.substr(second)), "small\n");
}

TEST(HttpServer, AClientVanishingMidResponseDoesNotDisturbOthers) {
  Served s;
  for (int i = 0; i < 20; ++i) {
    Raw gone(s.port);
    gone.send(get("/big") + get("/big") + get("/big"));
  }  // closed unread: the server's writes fail (EPIPE/ECONNRESET), no SIGPIPE
  Raw c(s.port);
  c.send(get("/provided"));
  EXPECT_EQ(body_of(c.response()), big_body());
}

TEST(HttpServer, ThePeerAddressIsTheClientsOnEveryRequest) {
  Served s;
  Raw c(s.port);
  const std::string expected = "127.0.0.1 " + std::to_string(c.local_port());
  for (int i = 0; i < 3; ++i) {
    c.send(get("/peer"));
    EXPECT_EQ(body_of(c.response()), expected);
  }
  Raw other(s.port);
  other.send(get("/peer"));
  EXPECT_EQ(body_of(other.response()), "127.0.0.1 " + std::to_string(other.local_port()));
}

// Once a connection is parked, the loop answers what it may; its answers
// count towards the request cap, and a Connection: close from the client, or
// the cap, closes the connection after the loop's answer as after the pool's.
TEST(HttpServer, TheEventLoopsAnswersKeepTheConnectionRules) {
  Served s(2, 4);
  Raw c(s.port);
  c.send(get("/small"));
  ASSERT_TRUE(c.response().starts_with("HTTP/1.1 200"));
  std::this_thread::sleep_for(milliseconds(50));  // parked
  c.send(get("/loop"));
  EXPECT_EQ(body_of(c.response()), "loop\n");
  c.send(get("/loop"));
  EXPECT_EQ(body_of(c.response()), "loop\n");
  c.send(get("/loop"));  // the fourth request: the last one
  const std::string last = c.response();
  EXPECT_EQ(body_of(last), "loop\n");
  EXPECT_NE(last.find("Connection: close"), std::string::npos) << last;
  c.read_to_eof(milliseconds(1000));
  EXPECT_TRUE(c.eof());
  EXPECT_EQ(s.server.answered_on_event_loop(), 3u);

  Raw d(s.port);
  d.send(get("/small"));
  ASSERT_TRUE(d.response().starts_with("HTTP/1.1 200"));
  std::this_thread::sleep_for(milliseconds(50));
  d.send(get("/loop", "Connection: close\r\n"));
  EXPECT_EQ(body_of(d.response()), "loop\n");
  d.read_to_eof(milliseconds(1000));
  EXPECT_TRUE(d.eof());
  // A parked connection then closes at the keep-alive timeout as before.
  Raw e(s.port);
  e.send(get("/small"));
  ASSERT_TRUE(e.response().starts_with("HTTP/1.1 200"));
  std::this_thread::sleep_for(milliseconds(50));
  e.send(get("/loop"));
  EXPECT_EQ(body_of(e.response()), "loop\n");
  const auto start = steady_clock::now();
  e.read_to_eof(milliseconds(4000));
  EXPECT_TRUE(e.eof());
  EXPECT_GE(steady_clock::now() - start, milliseconds(1800));
}

// WebServer::stop() must wake its idle connections too (a SIGTERM drains at
// once, not after the keep-alive timeout).
TEST(HttpServer, WebServerStopEndsIdleKeepAliveConnections) {
  cw::testing::TempDir dir;
  const std::string db_path = dir.file("w.db");
  ASSERT_TRUE(store::Database::open(db_path));
  SystemClock clock;
  ServerOptions opts;
  opts.port = 0;
  opts.threads = 8;
  opts.keep_alive_timeout_s = 30;
  WebServer server(opts, db_path, clock);
  const int port = server.bind().value();
  std::thread http([&server] { server.run(); });
  ASSERT_TRUE(server.wait_until_running(std::chrono::seconds(10)));
  Raw c(port);
  c.send(get("/healthz"));
  ASSERT_TRUE(c.response().starts_with("HTTP/1.1 200"));
  const auto start = steady_clock::now();
  server.stop();
  auto joined = std::async(std::launch::async, [&http] { http.join(); });
  ASSERT_EQ(joined.wait_for(std::chrono::seconds(20)), std::future_status::ready);
  EXPECT_LT(steady_clock::now() - start, milliseconds(2000));
  c.read_to_eof(milliseconds(1000));
  EXPECT_TRUE(c.eof());
}

}  // namespace
}  // namespace cw::web
