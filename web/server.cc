#include "web/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <stdexcept>
#include <thread>

#include "core/log.h"
#include "web/api_json.h"
#include "web/api_routes.h"
#include "web/desk_routes.h"
#include "web/http_server.h"
#include "web/static_assets.h"

namespace cw::web {
namespace {

// The route name and start time of the request being handled on this thread,
// for the metrics recorded when the response has been written.
thread_local std::string t_route;
thread_local std::chrono::steady_clock::time_point t_start;

constexpr const char* kCsp =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// Header limits beyond cpp-httplib's own (8 KiB per line, no limit on the
// number of lines): a request over either is answered 431 before routing.
// nginx in front allows 4 × 8 KiB (large_client_header_buffers), so no request
// it forwards comes near.
constexpr std::size_t kMaxHeaderLines = 100;
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

// cpp-httplib matches routes with std::regex, whose libstdc++ matcher
// recurses once per character: an 8 KiB path takes ~4.5 MiB of the worker's
// stack, which then stays resident, so 256 such requests would pin over a
// gigabyte. No route's path comes near this; longer ones are answered 414
// before any route is matched.
constexpr std::size_t kMaxPathBytes = 256;

bool headers_too_large(const httplib::Request& req) {
  if (req.headers.size() > kMaxHeaderLines) return true;
  std::size_t bytes = 0;
  for (const auto& [name, value] : req.headers) bytes += name.size() + value.size() + 4;
  return bytes > kMaxHeaderBytes;
}

}  // namespace

std::string public_base_url(const ServerOptions& o) {
  if (!o.public_url.empty()) return o.public_url;
  const bool v6 = o.address.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + o.address + "]" : o.address) + ":" + std::to_string(o.port);
}

std::string client_address(const httplib::Request& req, const ServerOptions& opts) {
  const bool from_proxy =
      !opts.trusted_proxy.empty() &&
      (req.remote_addr == opts.trusted_proxy || req.remote_addr == "::ffff:" + opts.trusted_proxy);
  if (!from_proxy || !req.has_header("X-Forwarded-For")) {
    return req.remote_addr;
  }
  // Clients can send their own X-Forwarded-For; only the last entry, which
  // the proxy appended, is trustworthy.
  const std::string all = req.get_header_value("X-Forwarded-For");
  const auto comma = all.rfind(',');
  std::string last = comma == std::string::npos ? all : all.substr(comma + 1);
  const auto first = last.find_first_not_of(" \t");
  const auto end = last.find_last_not_of(" \t");
  if (first == std::string::npos) return req.remote_addr;
  last = last.substr(first, end - first + 1);
  if (last.size() > 64) return req.remote_addr;
  return last;
}

void send_error(httplib::Response& res, int status, std::string_view message) {
  res.status = status;
  res.set_content(std::string(message) + "\n", "text/plain; charset=utf-8");
}

WebServer::WebServer(ServerOptions opts, std::string db_path, const Clock& clock)
    : opts_(std::move(opts)),
      clock_(clock),
      pool_(std::move(db_path), static_cast<std::size_t>(opts_.threads)),
      auth_(pool_, clock, opts_.secure_cookies),
      http_(std::make_unique<HttpServer>()) {
  http_->set_worker_threads(static_cast<std::size_t>(opts_.threads));
  http_->set_tcp_nodelay(true);
  http_->set_keep_alive_timeout(opts_.keep_alive_timeout_s);
  http_->set_keep_alive_max_count(static_cast<std::size_t>(opts_.keep_alive_max_requests));
  http_->set_read_timeout(10, 0);
  http_->set_write_timeout(10, 0);
  http_->set_payload_max_length(opts_.max_request_bytes);
  http_->set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  http_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    t_route = "other";
    t_start = std::chrono::steady_clock::now();
    if (req.path.size() > kMaxPathBytes) {
      send_error(res, 414, "request path too long");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (headers_too_large(req)) {
      res.set_header("Connection", "close");
      send_error(res, 431, "request headers too large");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Runs for every response just before it is written (routed, 404, errors).
  // Metrics are recorded here rather than in the logger, which runs after the
  // write: a client that reads /metrics right after a response must see it.
  http_->set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
    // Left by the event loop to a pool thread, which answers and counts it.
    if (event_loop_answer_dropped()) return;
    res.set_header("Content-Security-Policy", kCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    metrics_.observe_request(t_route, res.status, std::chrono::steady_clock::now() - t_start);
    t_route = "other";  // a request rejected before routing is not counted under the last route
  });
  http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // Under /api/ every error is a JSON error object (DESIGN.md §8), also an
    // unknown route (404) or a body over the server's limit (413).
    if (res.body.empty() && api::is_api_path(req.path)) {
      api::send_status_error(res, res.status);
    } else if (res.body.empty()) {
      res.set_content(res.status == 404 ? "not found\n" : "error\n", "text/plain; charset=utf-8");
    }
  });
  http_->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          log::error(std::string("internal error while handling a request: ") + e.what());
        }
        if (api::is_api_path(req.path)) return api::send_status_error(res, 500);
        send_error(res, 500, "internal error");
      });
  install_routes();
}

WebServer::~WebServer() = default;

void WebServer::install_routes() {
  // cpp-httplib tries a method's routes in registration order, one std::regex
  // match each (with its allocations), until one matches: the feed routes,
  // by far the most requested (every calendar client polls), come first.
  // No two routes' patterns match the same path, so the order changes
  // nothing else.
  add_feed_routes(*this);
  add_health_routes(*this);
  add_static_routes(*this);
  add_hearing_pages(*this);
  add_login_routes(*this);
  add_volunteer_routes(*this);
  add_desk_pages(*this);
  add_api_read_routes(*this);
  add_api_write_routes(*this);
}

void WebServer::try_on_event_loop(std::function<bool(std::string_view head)> filter) {
  http_->try_on_event_loop(std::move(filter));
}

std::uint64_t WebServer::answered_on_event_loop() const { return http_->answered_on_event_loop(); }

WebServer::Handler WebServer::instrument(const std::string& name, Handler h) {
  return [name, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    t_route = name;
    h(req, res);
  };
}

void WebServer::add(const std::string& method, const std::string& pattern, const std::string& name,
                    RouteAccess access, UserRole min, Handler h) {
  routes_.push_back({method, pattern, name, access, min});
  auto handler = instrument(name, std::move(h));
  if (method == "GET") {
    http_->Get(pattern, std::move(handler));
  } else if (method == "POST") {
    http_->Post(pattern, std::move(handler));
  } else if (method == "DELETE") {
    http_->Delete(pattern, std::move(handler));
  } else {
    throw std::logic_error("route " + name + ": unsupported method " + method);
  }
}

void WebServer::get(const std::string& pattern, const std::string& name, Handler h) {
  add("GET", pattern, name, RouteAccess::open, UserRole::coordinator, std::move(h));
}

void WebServer::post(const std::string& pattern, const std::string& name, Handler h) {
  add("POST", pattern, name, RouteAccess::open, UserRole::coordinator, std::move(h));
}

void WebServer::page_get(const std::string& pattern, const std::string& name, UserRole min,
                         AuthedHandler h) {
  add("GET", pattern, name, RouteAccess::page, min,
      auth_.guard(RouteAccess::page, Change::none, min, std::move(h)));
}

void WebServer::page_post(const std::string& pattern, const std::string& name, UserRole min,
                          AuthedHandler h) {
  add("POST", pattern, name, RouteAccess::page, min,
      auth_.guard(RouteAccess::page, Change::state, min, std::move(h)));
}

void WebServer::api_get(const std::string& pattern, const std::string& name, UserRole min,
                        AuthedHandler h) {
  add("GET", pattern, name, RouteAccess::api, min,
      auth_.guard(RouteAccess::api, Change::none, min, std::move(h)));
}

void WebServer::api_post(const std::string& pattern, const std::string& name, UserRole min,
                         AuthedHandler h) {
  add("POST", pattern, name, RouteAccess::api, min,
      auth_.guard(RouteAccess::api, Change::state, min, std::move(h)));
}

void WebServer::api_delete(const std::string& pattern, const std::string& name, UserRole min,
                           AuthedHandler h) {
  add("DELETE", pattern, name, RouteAccess::api, min,
      auth_.guard(RouteAccess::api, Change::state, min, std::move(h)));
}

Result<int> WebServer::bind() {
  int port = opts_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(opts_.address);
    if (port <= 0) {
      return fail(Error::io("cannot bind " + opts_.address + " to a free port"));
    }
  } else if (!http_->bind_to_port(opts_.address, port)) {
    return fail(Error::io("cannot listen on " + opts_.address + ":" + std::to_string(port) +
                          ": the address is in use or not available"));
  }
  // Debian's build listens with a backlog of 5; deepen it (DESIGN.md §13).
  if (const int fd = listen_fd_.load(); fd >= 0) ::listen(fd, 1024);
  opts_.port = port;  // a free port picked here is the one links must name
  return port;
}

void WebServer::run() { http_->listen_after_bind(); }

bool WebServer::wait_until_running(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!http_->is_running()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

void WebServer::stop() {
  // httplib's stop() does nothing until run() has reached its accept loop, so
  // a stop() right after start-up would leave run() blocked in accept() for
  // ever. Before that, shut the listening socket down instead: accept() then
  // fails at once and run() closes the socket and returns.
  const int fd = listen_fd_.exchange(-1);
  if (http_->is_running()) {
    http_->stop();
  } else if (fd >= 0) {
    ::shutdown(fd, SHUT_RDWR);
  }
  http_->wake_idle_connections();  // idle keep-alive connections close now
}

}  // namespace cw::web
