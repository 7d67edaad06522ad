// Fetching a source over HTTP(S): the injected interface and its libcurl form.
//
// HttpFetcher is what importers and the job runner are given (STYLE.md #5);
// tests pass a real CurlFetcher pointed at a loopback server, or a fake.
// CurlFetcher::get() does one conditional GET (If-None-Match /
// If-Modified-Since from the request) with a connect timeout and a total
// timeout, follows at most max_redirects redirects (HTTP and HTTPS only, also
// after a redirect), aborts a body larger than max_bytes, and retries a
// transport failure (timeout, refused or dropped connection) or a 5xx status
// up to `retries` more times with exponential backoff (backoff, 2×backoff, …
// capped at max_backoff). Any other status (200, 304, 404, …) is returned as
// a response for the caller to judge. One CurlFetcher may be used from one
// thread at a time (it creates a fresh easy handle per attempt, so using it
// from several threads is also safe); curl_global_init runs once.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "core/error.h"

namespace cw::scrapers {

struct HttpRequest {
  std::string url;
  std::string if_none_match;      // an ETag from an earlier response
  std::string if_modified_since;  // a Last-Modified from an earlier response
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag;
  std::string last_modified;
  int attempts = 1;
};

struct FetchLimits {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{120'000};
  std::size_t max_bytes = 64 * 1024 * 1024;
  int max_redirects = 5;
  int retries = 3;
  std::chrono::milliseconds backoff{1'000};
  std::chrono::milliseconds max_backoff{30'000};
};

class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  virtual Result<HttpResponse> get(const HttpRequest& req) = 0;
};

class CurlFetcher final : public HttpFetcher {
 public:
  explicit CurlFetcher(FetchLimits limits = {});
  Result<HttpResponse> get(const HttpRequest& req) override;

 private:
  FetchLimits limits_;
};

// True for http:// and https:// URLs (case-insensitive scheme).
bool is_http_url(std::string_view s);
// "<url>: HTTP <status>", worded for pages as RunFailure::http_status with
// the URL's host (core/import_run.h).
Error http_status_error(const std::string& url, long status);

}  // namespace cw::scrapers
