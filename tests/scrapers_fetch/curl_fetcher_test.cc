// CurlFetcher against a real HTTP server on loopback: conditional requests,
// retries, timeouts, size limits, redirects and schemes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "scrapers/fetch/http_fetcher.h"
#include "tests/scrapers_fetch/loopback_server.h"

namespace cw::scrapers {
namespace {

using namespace std::chrono_literals;

FetchLimits fast_limits() {
  FetchLimits l;
  l.connect_timeout = 2000ms;
  l.total_timeout = 2000ms;
  l.backoff = 10ms;
  l.max_backoff = 40ms;
  l.retries = 3;
  l.max_bytes = 1024 * 1024;
  return l;
}

class CurlFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& h = server_.http();
    h.Get("/etag", [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("ETag", "\"v1\"");
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        res.status = 304;
        return;
      }
      res.set_content("BEGIN:VCALENDAR", "text/calendar");
    });
    h.Get("/lm", [](const httplib::Request& req, httplib::Response& res) {
      const char* stamp = "Mon, 02 Mar 2026 12:00:00 GMT";
      res.set_header("Last-Modified", stamp);
      if (req.get_header_value("If-Modified-Since") == stamp) {
        res.status = 304;
        return;
      }
      res.set_content("page", "text/html");
    });
    h.Get("/flaky", [this](const httplib::Request&, httplib::Response& res) {
      if (++flaky_calls_ <= 2) {
        res.status = 503;
        return;
      }
      res.set_content("ok", "text/plain");
    });
    h.Get("/down", [this](const httplib::Request&, httplib::Response& res) {
      ++down_calls_;
      res.status = 502;
    });
    h.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(1500ms);
      res.set_content("late", "text/plain");
    });
    h.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(2 * 1024 * 1024, 'x'), "text/plain");
    });
    h.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain",
                                       [](std::size_t offset, httplib::DataSink& sink) {
                                         if (offset >= 4 * 1024 * 1024) {
                                           sink.done();
                                           return true;
                                         }
                                         const std::string chunk(64 * 1024, 'y');
                                         return sink.write(chunk.data(), chunk.size());
                                       });
    });
    h.Get("/missing", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    h.Get("/moved",
          [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/etag"); });
    h.Get("/loop",
          [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    h.Get("/to-file", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("file:///etc/passwd");
    });
    server_.start();
  }

  test::LoopbackServer server_;
  std::atomic<int> flaky_calls_{0};
  std::atomic<int> down_calls_{0};
  CurlFetcher fetcher_{fast_limits()};
};

TEST_F(CurlFetcherTest, EtagRoundTripGives304) {
  auto first = fetcher_.get({server_.url("/etag"), "", ""});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->etag, "\"v1\"");
  EXPECT_EQ(first->body, "BEGIN:VCALENDAR");
  auto second = fetcher_.get({server_.url("/etag"), first->etag, ""});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST_F(CurlFetcherTest, LastModifiedRoundTripGives304) {
  auto first = fetcher_.get({server_.url("/lm"), "", ""});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->last_modified, "Mon, 02 Mar 2026 12:00:00 GMT");
  auto second = fetcher_.get({server_.url("/lm"), "", first->last_modified});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
}

TEST_F(CurlFetcherTest, RetriesServerErrorsThenSucceeds) {
  auto res = fetcher_.get({server_.url("/flaky"), "", ""});
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->attempts, 3);
  EXPECT_EQ(flaky_calls_, 3);
}

TEST_F(CurlFetcherTest, GivesUpAfterTheConfiguredRetries) {
  auto res = fetcher_.get({server_.url("/down"), "", ""});
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().message.find("HTTP 502 (after 4 attempts)"), std::string::npos)
      << res.error().message;
  EXPECT_EQ(down_calls_, 4);
}

TEST_F(CurlFetcherTest, TotalTimeoutAbortsASlowServer) {
  auto limits = fast_limits();
  limits.total_timeout = 300ms;
  limits.retries = 1;
  CurlFetcher f(limits);
  const auto start = std::chrono::steady_clock::now();
  auto res = f.get({server_.url("/slow"), "", ""});
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().message.find("Timeout"), std::string::npos) << res.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
}

TEST_F(CurlFetcherTest, SizeLimitAbortsLargeBodies) {
  for (const char* path : {"/big", "/big-chunked"}) {
    auto res = fetcher_.get({server_.url(path), "", ""});
    ASSERT_FALSE(res) << path;
    EXPECT_NE(res.error().message.find("larger than 1024 KB"), std::string::npos)
        << res.error().message;
  }
}

TEST_F(CurlFetcherTest, NotFoundIsAResponseForTheCallerToJudge) {
  auto res = fetcher_.get({server_.url("/missing"), "", ""});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(CurlFetcherTest, FollowsRedirectsWithinBounds) {
  auto res = fetcher_.get({server_.url("/moved"), "", ""});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->etag, "\"v1\"");
  EXPECT_FALSE(fetcher_.get({server_.url("/loop"), "", ""}));
  EXPECT_FALSE(fetcher_.get({server_.url("/to-file"), "", ""}));
}

TEST_F(CurlFetcherTest, OnlyHttpAndHttpsAreFetched) {
  for (const char* url : {"file:///etc/passwd", "ftp://example.org/x", "gopher://x", ""}) {
    auto res = fetcher_.get({url, "", ""});
    ASSERT_FALSE(res) << url;
    EXPECT_EQ(res.error().code, Errc::invalid_input);
  }
  EXPECT_TRUE(is_http_url("HTTPS://example.org"));
}

TEST_F(CurlFetcherTest, RefusedConnectionIsRetriedThenFails) {
  // A port nobody listens on: bind one without listening, then close it.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  auto res = fetcher_.get({"http://127.0.0.1:" + std::to_string(port) + "/", "", ""});
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().message.find("after 4 attempts"), std::string::npos) << res.error().message;
}

}  // namespace
}  // namespace cw::scrapers
