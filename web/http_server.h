// cpp-httplib's server with a connection loop of our own.
//
// cpp-httplib 0.11 keeps its parsing, routing and response writing in
// Server::process_request(Stream&) and wraps it, per connection, in a loop
// that is expensive per request (measured with strace and perf on the feed
// route, 304 answers at 200 connections): four poll() calls (one before every
// recv(), two before every send()), getpeername() and getsockname(), the
// headers and the body in two send() calls; and while it waits for the next
// request on a keep-alive connection it polls for 10 ms and then sleeps 1 ms,
// over and over, so one request in four paid an extra millisecond and two
// more context switches once requests on a connection were ~10 ms apart. It
// also builds a new stream per request, dropping whatever the client
// pipelined behind the first request.
//
// HttpServer overrides that loop (process_and_close_socket, a virtual of
// httplib::Server) and keeps process_request. Per connection it keeps one
// stream: a read buffer that lives as long as the connection (pipelined
// requests are answered in order), the peer and local addresses looked up
// once, and an output buffer flushed with one writev() when a response is
// complete (or when a large body is written: the buffered headers go out with
// it). Per request: one poll() for the next request (with the keep-alive
// timeout, also woken by stop()), recv() and writev(). Timeouts are httplib's:
// it sets SO_RCVTIMEO and SO_SNDTIMEO to the read and write timeouts on every
// accepted socket, so a blocked recv() or send() gives up after them just as
// its poll() did. Still one pool thread per open connection (DESIGN.md §9).
//
// Thread-safe as httplib::Server is; wake_idle_connections() may be called
// from any thread, after stop().
#pragma once

#include <httplib.h>

namespace cw::web {

class HttpServer : public httplib::Server {
 public:
  HttpServer();
  ~HttpServer() override;
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Ends the wait of every connection idle between requests (they close at
  // once instead of at their keep-alive timeout). Call after stop().
  void wake_idle_connections();

 private:
  bool process_and_close_socket(socket_t sock) override;

  int stop_fd_ = -1;  // an eventfd, readable once wake_idle_connections() ran
};

}  // namespace cw::web
