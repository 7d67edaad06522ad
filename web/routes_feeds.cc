// Calendar feed routes (DESIGN.md §6):
//   GET /feeds/v/{token}.ics            one volunteer's sessions   route "feed_volunteer"
//   GET /feeds/site/{code}/{token}.ics  every session at a site    route "feed_site"
//   GET /feeds/open/{token}.ics         sessions that need people  route "feed_open"
// HEAD is served by the same handlers (cpp-httplib sends the headers only).
//
// Responses carry a strong ETag over the body, Last-Modified, Cache-Control:
// private, max-age=300, and answer 304 to a matching If-None-Match (or, when
// none is sent, to an If-Modified-Since not older than Last-Modified). An
// unknown, malformed, revoked or misdirected token gets the same 404 body as
// any unknown path, after the same work; a client with too many such misses
// in a minute gets 429 (web/feed_rate_limit.h). No token is ever logged or
// used as a metric label: metrics use the route names above.
#include <httplib.h>

#include <algorithm>
#include <charconv>

#include "core/log.h"
#include "core/text.h"
#include "web/feed_rate_limit.h"
#include "web/feed_service.h"
#include "web/http_server.h"
#include "web/server.h"

namespace cw::web {
namespace {

constexpr double kMissBurst = 20;
constexpr double kMissesPerMinute = 20;

// Reads 1..max_digits decimal digits at text[i], advancing i.
std::optional<int> read_number(std::string_view text, std::size_t& i, std::size_t max_digits) {
  const std::string_view rest = text.substr(std::min(i, text.size()), max_digits);
  if (rest.empty() || rest[0] < '0' || rest[0] > '9') return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (ec != std::errc{}) return std::nullopt;
  i += static_cast<std::size_t>(end - rest.data());
  return value;
}

// Reads `literal` at text[i], advancing i.
bool read_literal(std::string_view text, std::size_t& i, std::string_view literal) {
  if (i > text.size() || text.substr(i, literal.size()) != literal) return false;
  i += literal.size();
  return true;
}

// IMF-fixdate only ("Sun, 06 Nov 1994 08:49:37 GMT"), which is what clients
// send. Anything else, an out-of-range number too, is not a date, and RFC 9110
// has the header ignored then.
std::optional<Instant> parse_http_date(std::string_view text) {
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  std::size_t i = 3;  // the weekday name, not checked
  const bool weekday = read_literal(text, i, ", ");
  const auto d = read_number(text, i, 2);
  if (!weekday || !d || !read_literal(text, i, " ")) return std::nullopt;
  const auto m = kMonths.find(text.substr(i, 3));
  i += 3;
  if (m == std::string_view::npos || m % 3 != 0 || !read_literal(text, i, " ")) {
    return std::nullopt;
  }
  const auto y = read_number(text, i, 4);
  if (!y || !read_literal(text, i, " ")) return std::nullopt;
  const auto h = read_number(text, i, 2);
  if (!h || !read_literal(text, i, ":")) return std::nullopt;
  const auto mi = read_number(text, i, 2);
  if (!mi || !read_literal(text, i, ":")) return std::nullopt;
  const auto sec = read_number(text, i, 2);
  if (!sec || !read_literal(text, i, " GMT") || i != text.size()) return std::nullopt;
  const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(m / 3 + 1)},
                                 date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok() || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  return date::sys_days{ymd} + std::chrono::hours{*h} + std::chrono::minutes{*mi} +
         std::chrono::seconds{*sec};
}

// True when an If-None-Match list names this entity tag (weak comparison, as
// RFC 9110 asks for If-None-Match).
bool etag_matches(std::string_view header, std::string_view etag) {
  for (auto part : split(header, ',')) {
    part = trim(part);
    if (part == "*") return true;
    if (part.starts_with("W/")) part.remove_prefix(2);
    if (part == etag) return true;
  }
  return false;
}

// The first value of a request header, read in place (no copy per request).
std::optional<std::string_view> header(const httplib::Request& req, const char* name) {
  const auto [first, end] = req.headers.equal_range(name);
  if (first == end) return std::nullopt;
  return std::string_view(first->second);
}

bool not_modified(const httplib::Request& req, const FeedBody& feed) {
  if (const auto tags = header(req, "If-None-Match")) return etag_matches(*tags, feed.etag);
  if (const auto date = header(req, "If-Modified-Since")) {
    const auto since = parse_http_date(*date);
    return since && feed.last_modified <= *since;
  }
  return false;
}

// True for a request head the event loop may answer: a feed GET (the loop
// answers it when the feed is cached unchanged).
bool feed_request(std::string_view head) { return head.starts_with("GET /feeds/"); }

// A path parameter, read in place.
std::string_view match(const httplib::Request& req, std::size_t i) {
  return {req.matches[i].first, req.matches[i].second};
}

struct FeedRoutes {
  FeedRoutes(FeedServiceOptions o, const Clock& clock, const ServerOptions& server)
      : service(std::move(o), clock), server(server) {}
  FeedService service;
  const ServerOptions& server;
  MissLimiter misses{kMissBurst, kMissesPerMinute};

  void serve(feeds::FeedKind kind, const httplib::Request& req, httplib::Response& res,
             std::string_view token, std::string_view site) {
    const auto now = MissLimiter::Clock::now();
    const std::string client = client_address(req, server);
    if (misses.exhausted(client, now)) {
      if (on_event_loop()) return;  // left to a pool thread
      res.set_header("Retry-After", "60");
      return send_error(res, 429, "too many requests");
    }
    if (on_event_loop()) {
      // Only a feed the cache holds unchanged (no database read) is answered
      // from the event loop; anything else is left to a pool thread.
      const auto feed = service.find_unchanged(kind, token, site);
      if (!feed) return;
      answer(req, res, feed);
      return keep_event_loop_answer();
    }
    auto feed = service.find(kind, token, site);
    if (!feed) {
      log::error("feeds: cannot build a feed: " + feed.error().message);
      return send_error(res, 500, "internal error");
    }
    if (!*feed) {
      misses.record_miss(client, now);
      return send_error(res, 404, "not found");
    }
    answer(req, res, *feed);
  }

  // The answer for a found feed, from a pool thread or the event loop alike:
  // 304 to a matching validator, else the body.
  static void answer(const httplib::Request& req, httplib::Response& res,
                     const std::shared_ptr<const FeedBody>& feed) {
    res.set_header("ETag", feed->etag);
    res.set_header("Last-Modified", feed->last_modified_http);
    res.set_header("Cache-Control", "private, max-age=300");
    if (not_modified(req, *feed)) {
      res.status = 304;
      return;
    }
    // Written straight from the cached body: no per-request copy.
    res.set_content_provider(
        feed->body.size(), "text/calendar; charset=utf-8",
        [feed](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          sink.write(feed->body.data() + offset, length);
          return true;
        });
  }
};

}  // namespace

void add_feed_routes(WebServer& server) {
  FeedServiceOptions o;
  o.db_path = server.pool().path();
  o.public_url = public_base_url(server.options());
  o.coordinator_contact = server.options().coordinator_contact;
  auto routes = std::make_shared<FeedRoutes>(std::move(o), server.clock(), server.options());
  server.try_on_event_loop(feed_request);
  server.get(R"(/feeds/v/([^/]+)\.ics)", "feed_volunteer",
             [routes](const httplib::Request& req, httplib::Response& res) {
               routes->serve(feeds::FeedKind::volunteer, req, res, match(req, 1), "");
             });
  server.get(R"(/feeds/site/([^/]+)/([^/]+)\.ics)", "feed_site",
             [routes](const httplib::Request& req, httplib::Response& res) {
               routes->serve(feeds::FeedKind::site, req, res, match(req, 2), match(req, 1));
             });
  server.get(R"(/feeds/open/([^/]+)\.ics)", "feed_open",
             [routes](const httplib::Request& req, httplib::Response& res) {
               routes->serve(feeds::FeedKind::open, req, res, match(req, 1), "");
             });
}

}  // namespace cw::web
