// The HTTP server (cpp-httplib) and its routes.
//
// WebServer owns the httplib::Server, a connection pool on the database and
// the request metrics. bind() binds exclusively (SO_REUSEADDR only, never
// SO_REUSEPORT, so a second daemon on the same port fails loudly) and
// re-listens with a deep backlog; run() serves on the calling thread until
// stop() is called from another thread. Routes are added in routes_*.cc
// through route(), which names each route for metrics. The server is tuned
// per DESIGN.md §13: TCP_NODELAY, a sized worker pool, a short keep-alive
// timeout and a per-connection request cap; connections are served by
// HttpServer's loop (web/http_server.h), not httplib's.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "store/pool.h"
#include "web/auth.h"
#include "web/metrics.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace cw::web {

class HttpServer;  // web/http_server.h

struct ServerOptions {
  std::string address = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  int threads = 256;
  int keep_alive_timeout_s = 2;
  int keep_alive_max_requests = 1000;
  std::size_t max_request_bytes = 1 << 20;
  std::string public_url;
  std::string coordinator_contact;  // [feeds] coordinator_contact, shown in feed events
  // The reverse proxy's address (server.trusted_proxy): only a request from
  // this peer has its X-Forwarded-For believed (the last entry, the one the
  // proxy added) for rate limits. Empty: the header is always ignored.
  std::string trusted_proxy;
  // Session cookies get the Secure attribute (TLS, or an HTTPS proxy in front).
  bool secure_cookies = false;
};

// The URL the outside world reaches the server at: public_url, or
// http://<address>:<port> (no trailing slash).
std::string public_base_url(const ServerOptions& opts);

// The address to charge a request to (rate limits): the peer, or when the
// peer is the trusted proxy, the last X-Forwarded-For entry. Never logged.
std::string client_address(const httplib::Request& req, const ServerOptions& opts);

class WebServer {
 public:
  WebServer(ServerOptions opts, std::string db_path, const Clock& clock);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the listening socket; returns the bound port.
  Result<int> bind();
  // Serves until stop(). Returns when the listener is closed and workers are done.
  void run();
  // Blocks until run() has entered its accept loop (so that a stop() issued
  // afterwards cannot be lost); false after the timeout.
  bool wait_until_running(std::chrono::milliseconds timeout);
  // Stops accepting, lets in-flight requests finish; safe from any thread.
  void stop();

  Metrics& metrics() { return metrics_; }
  store::Pool& pool() { return pool_; }
  const ServerOptions& options() const { return opts_; }
  const Clock& clock() const { return clock_; }

  Authenticator& auth() { return auth_; }

  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // Routes that answer without a login (DESIGN.md §8: /login, /healthz,
  // /readyz, /static/…, /feeds/…, /v/…): GET (and HEAD) or POST.
  void get(const std::string& pattern, const std::string& name, Handler h);
  void post(const std::string& pattern, const std::string& name, Handler h);
  // HTML pages: no session → 303 to /login; POST also needs the CSRF token
  // (form field "csrf" or X-CSRF-Token), 403 when missing or wrong.
  void page_get(const std::string& pattern, const std::string& name, UserRole min, AuthedHandler h);
  void page_post(const std::string& pattern, const std::string& name, UserRole min,
                 AuthedHandler h);
  // JSON API: session cookie (+ X-CSRF-Token on changes) or Bearer API token;
  // 401 without credentials, 403 for a wrong role or CSRF token, as
  // {"error": {"code", "message"}}.
  void api_get(const std::string& pattern, const std::string& name, UserRole min, AuthedHandler h);
  void api_post(const std::string& pattern, const std::string& name, UserRole min, AuthedHandler h);
  void api_delete(const std::string& pattern, const std::string& name, UserRole min,
                  AuthedHandler h);
  // Requests whose head `filter` accepts are first tried on the HTTP event
  // loop, where a handler may answer one that needs no wait (web/http_server.h).
  void try_on_event_loop(std::function<bool(std::string_view head)> filter);
  // How many requests the event loop answered itself (tests, benches).
  std::uint64_t answered_on_event_loop() const;
  // Every registered route, in registration order.
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  Handler instrument(const std::string& name, Handler h);
  void install_routes();
  void add(const std::string& method, const std::string& pattern, const std::string& name,
           RouteAccess access, UserRole min, Handler h);

  ServerOptions opts_;
  const Clock& clock_;
  store::Pool pool_;
  Metrics metrics_;
  Authenticator auth_;
  std::vector<RouteInfo> routes_;
  std::unique_ptr<HttpServer> http_;
  std::atomic<int> listen_fd_{-1};
};

// Route groups (one file each).
void add_health_routes(WebServer& server);     // /healthz /readyz /metrics
void add_hearing_pages(WebServer& server);     // /hearings (upcoming hearings per site)
void add_login_routes(WebServer& server);      // /login, /logout (pages_login.cc)
void add_feed_routes(WebServer& server);       // /feeds/... (routes_feeds.cc)
void add_volunteer_routes(WebServer& server);  // /v/... (routes_volunteer.cc)

// Sends a plain-text error with the given status.
void send_error(httplib::Response& res, int status, std::string_view message);

}  // namespace cw::web
