#include "web/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <future>
#include <thread>

#include "../store/temp_db.h"

namespace cw::web {
namespace {

struct ServerTest : ::testing::Test {
  void SetUp() override {
    db_path = dir.file("w.db");
    ASSERT_TRUE(store::Database::open(db_path));
  }
  cw::testing::TempDir dir;
  std::string db_path;
  SystemClock clock;
};

// A stop() issued before the accept loop starts used to be lost, and the
// daemon's shutdown hung in join(). wait_until_running() closes that window.
TEST_F(ServerTest, StopRightAfterStartIsNeverLost) {
  for (int i = 0; i < 50; ++i) {
    ServerOptions opts;
    opts.port = 0;
    opts.threads = 4;
    WebServer server(opts, db_path, clock);
    ASSERT_TRUE(server.bind());
    std::thread http([&server] { server.run(); });
    ASSERT_TRUE(server.wait_until_running(std::chrono::seconds(10)));
    server.stop();
    auto joined = std::async(std::launch::async, [&http] { http.join(); });
    ASSERT_EQ(joined.wait_for(std::chrono::seconds(10)), std::future_status::ready)
        << "server did not stop, iteration " << i;
  }
}

TEST_F(ServerTest, SecondServerOnTheSamePortFailsToBind) {
  ServerOptions opts;
  opts.port = 0;
  opts.threads = 4;
  WebServer first(opts, db_path, clock);
  const auto port = first.bind();
  ASSERT_TRUE(port);
  opts.port = *port;
  WebServer second(opts, db_path, clock);
  const auto again = second.bind();
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find(std::to_string(*port)), std::string::npos);
}

TEST_F(ServerTest, EveryResponseCarriesTheSecurityHeaders) {
  ServerOptions opts;
  opts.port = 0;
  opts.threads = 4;
  WebServer server(opts, db_path, clock);
  const int port = server.bind().value();
  std::thread http([&server] { server.run(); });
  ASSERT_TRUE(server.wait_until_running(std::chrono::seconds(10)));
  httplib::Client client("127.0.0.1", port);
  for (const char* path : {"/healthz", "/", "/no-such-page"}) {
    const auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
    const auto csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
  }
  const auto head = client.Head("/healthz");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  server.stop();
  http.join();
}

httplib::Request request_from(const std::string& peer, const std::string& forwarded) {
  httplib::Request req;
  req.remote_addr = peer;
  if (!forwarded.empty()) req.set_header("X-Forwarded-For", forwarded);
  return req;
}

TEST(ClientAddress, IsThePeerUnlessAProxyIsTrusted) {
  ServerOptions opts;
  EXPECT_EQ(client_address(request_from("127.0.0.1", "203.0.113.9"), opts), "127.0.0.1");
  opts.trusted_proxy = "127.0.0.1";
  EXPECT_EQ(client_address(request_from("127.0.0.1", "203.0.113.9"), opts), "203.0.113.9");
  EXPECT_EQ(client_address(request_from("::ffff:127.0.0.1", "203.0.113.9"), opts), "203.0.113.9");
  EXPECT_EQ(client_address(request_from("127.0.0.1", ""), opts), "127.0.0.1");
  // Another local process is not the proxy: its header is ignored.
  EXPECT_EQ(client_address(request_from("127.0.0.2", "203.0.113.9"), opts), "127.0.0.2");
  EXPECT_EQ(client_address(request_from("::1", "2001:db8::7"), opts), "::1");
  opts.trusted_proxy = "::1";
  EXPECT_EQ(client_address(request_from("::1", "2001:db8::7"), opts), "2001:db8::7");
}

TEST(ClientAddress, OnlyTheEntryTheProxyAddedCounts) {
  ServerOptions opts;
  opts.trusted_proxy = "127.0.0.1";
  // A client cannot pick its own bucket by sending X-Forwarded-For itself.
  EXPECT_EQ(client_address(request_from("127.0.0.1", "1.2.3.4, 198.51.100.2"), opts),
            "198.51.100.2");
  // A peer other than the proxy: its header is ignored.
  EXPECT_EQ(client_address(request_from("198.51.100.7", "1.2.3.4"), opts), "198.51.100.7");
  EXPECT_EQ(client_address(request_from("127.0.0.1", " , "), opts), "127.0.0.1");
}

}  // namespace
}  // namespace cw::web
