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
// it). Per request: recv() and writev(), nothing else (measured with strace
// on 304 answers: poll, recvfrom, sendmsg per request before, recvfrom and
// sendmsg now). The wait for the next request is the recv() itself, bounded
// by SO_RCVTIMEO, which the loop sets to the keep-alive timeout once per
// connection; a read inside a request that would block waits in poll() for
// httplib's read timeout instead, as before. SO_SNDTIMEO (httplib's write
// timeout, set on every accepted socket) bounds a blocked send().
// wake_idle_connections() ends the waits by shutting down the reading side
// of every connection waiting for a request: a response being written still
// goes out, and a connection that finishes its request later closes instead
// of waiting. Still one pool thread per open connection (DESIGN.md §9).
//
// Thread-safe as httplib::Server is; wake_idle_connections() may be called
// from any thread, after stop().
#pragma once

#include <httplib.h>

#include <memory>

namespace cw::web {

class IdleWaits;  // web/http_server.cc

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

  std::unique_ptr<IdleWaits> waits_;
};

}  // namespace cw::web
