#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <thread>

#include "core/import_run.h"
#include "core/text.h"
#include "scrapers/fetch/http_fetcher.h"

namespace cw::scrapers {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Transfer {
  std::size_t max_bytes = 0;
  bool too_big = false;
  HttpResponse res;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t len = size * n;
  if (t->res.body.size() + len > t->max_bytes) {
    t->too_big = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->res.body.append(data, len);
  return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect): forget the old headers
    t->res.etag.clear();
    t->res.last_modified.clear();
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    const auto name = trim(line.substr(0, colon));
    const auto value = std::string(trim(line.substr(colon + 1)));
    if (iequals(name, "etag")) t->res.etag = value;
    if (iequals(name, "last-modified")) t->res.last_modified = value;
  }
  return size * n;
}

// The kind of a failed transfer, for pages (core/import_run.h).
Phrase transfer_failure(CURLcode rc, const std::string& url) {
  RunFailure kind = RunFailure::fetch_failed;
  if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT)
    kind = RunFailure::unreachable;
  if (rc == CURLE_OPERATION_TIMEDOUT) kind = RunFailure::timed_out;
  return run_failure(kind).arg("host", url_host(url));
}

bool retryable(CURLcode rc) {
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

enum class Outcome { done, retry, failed };

struct Attempt {
  Outcome outcome = Outcome::failed;
  Result<HttpResponse> result = fail(Error::internal("not attempted"));
};

Attempt attempt(const HttpRequest& req, const FetchLimits& lim) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {Outcome::failed, fail(Error::internal("curl_easy_init failed"))};
  Transfer t;
  t.max_bytes = lim.max_bytes;
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  if (!req.if_none_match.empty()) add_header("If-None-Match: " + req.if_none_match);
  if (!req.if_modified_since.empty()) add_header("If-Modified-Since: " + req.if_modified_since);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, static_cast<long>(lim.max_redirects));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(lim.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(lim.total_timeout.count()));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(lim.max_bytes));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "courtwatch/0.1 (+scheduled import)");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  const CURLcode rc = curl_easy_perform(c);
  if (t.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
    return {Outcome::failed,
            fail(failed_as(Error::io(req.url + ": response larger than " +
                                     std::to_string(lim.max_bytes / 1024) + " KB; aborted"),
                           run_failure(RunFailure::too_large)
                               .arg("host", url_host(req.url))
                               .arg("limit", std::to_string(lim.max_bytes / 1024) + " KB")))};
  }
  if (rc != CURLE_OK) {
    return {retryable(rc) ? Outcome::retry : Outcome::failed,
            fail(failed_as(Error::io(req.url + ": " + curl_easy_strerror(rc)),
                           transfer_failure(rc, req.url)))};
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.res.status);
  if (t.res.status >= 500) {
    return {Outcome::retry, fail(http_status_error(req.url, t.res.status))};
  }
  return {Outcome::done, std::move(t.res)};
}

}  // namespace

Error http_status_error(const std::string& url, long status) {
  return failed_as(Error::io(url + ": HTTP " + std::to_string(status)),
                   run_failure(RunFailure::http_status)
                       .arg("host", url_host(url))
                       .arg("status", std::to_string(status)));
}

bool is_http_url(std::string_view s) {
  const auto lower = lower_ascii(s.substr(0, 8));
  return lower.starts_with("http://") || lower.starts_with("https://");
}

CurlFetcher::CurlFetcher(FetchLimits limits) : limits_(limits) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<HttpResponse> CurlFetcher::get(const HttpRequest& req) {
  if (!is_http_url(req.url)) {
    return fail(failed_as(
        Error::invalid("'" + req.url + "': only http:// and https:// URLs can be fetched"),
        run_failure(RunFailure::not_http)));
  }
  auto delay = limits_.backoff;
  for (int i = 0;; ++i) {
    auto a = attempt(req, limits_);
    if (a.outcome == Outcome::done) {
      a.result->attempts = i + 1;
      return a.result;
    }
    if (a.outcome == Outcome::failed || i >= limits_.retries) {
      if (i > 0) {
        Error e = std::move(a.result).error();  // keeps its phrase
        e.message += " (after " + std::to_string(i + 1) + " attempts)";
        return fail(std::move(e));
      }
      return a.result;
    }
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, limits_.max_backoff);
  }
}

}  // namespace cw::scrapers
