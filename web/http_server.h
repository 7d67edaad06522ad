// cpp-httplib's server with a connection loop of our own, and an event loop
// that holds the connections idle between requests.
//
// cpp-httplib 0.11 keeps its parsing, routing and response writing in
// Server::process_request(Stream&) and wraps it, per connection, in a loop
// that is expensive per request (measured with strace and perf on the feed
// route, 304 answers at 200 connections): four poll() calls (one before every
// recv(), two before every send()), getpeername() and getsockname(), the
// headers and the body in two send() calls; and while it waits for the next
// request on a keep-alive connection it polls for 10 ms and then sleeps 1 ms,
// over and over. It also builds a new stream per request, dropping whatever
// the client pipelined behind the first request.
//
// HttpServer overrides that loop (process_and_close_socket, a virtual of
// httplib::Server) and keeps process_request. Per connection it keeps one
// stream: a read buffer that lives as long as the connection (pipelined
// requests are answered in order), the peer and local addresses looked up
// once, and an output buffer flushed with one writev() when a response is
// complete (or when a large body is written: the buffered headers go out with
// it). A read inside a request that would block waits in poll() for
// httplib's read timeout; SO_SNDTIMEO (httplib's write timeout, set on every
// accepted socket) bounds a blocked send().
//
// Between requests a connection holds no thread. A pool thread serves a
// connection while it has bytes to answer; when a read without waiting finds
// none, it parks the connection on an event loop (a thread with an epoll set,
// level-triggered; one per core, at most two, as nginx runs one worker per
// core; the descriptor number picks the loop) and returns to the pool. Until then, one pool thread
// per open connection waited in recv() for the next request, so every request cost a thread wake-up
// (two context switches): at 200 connections, 200 threads each woken per request (perf), while
// nginx's two workers take many ready sockets per epoll_wait(). Now idle keep-alive connections,
// however many, leave the pool free for requests (tested: more idle connections than pool threads,
// and a fresh request is still answered at once).
//
// When a parked connection becomes readable, the loop reads what arrived. If
// that is exactly one whole request head (nothing pipelined behind it, no
// partial request) and the filter set with try_on_event_loop() accepts it,
// the loop runs process_request itself in loop mode: the stream never waits
// (a read past the buffered bytes fails) and gathers the response. A handler
// that can answer from memory does so and calls keep_event_loop_answer();
// then the loop sends the response without waiting and parks the connection
// again: one recv() and one send() per request, no thread switch. Any other
// outcome (the handler returned without keeping, an error, a body to read)
// drops the gathered response unsent and unrecorded (the post-routing hook
// checks event_loop_answer_dropped()) and hands the connection, with the
// request's bytes put back, to a pool thread, which handles it from its
// first byte as any other: so a request gets exactly the pool's answer
// whichever path it takes, and the loop's answers come from the very same
// process_request, hooks and handler. Everything the filter does not accept
// (other routes, partial or pipelined requests, bodies) goes to the pool at
// once. The feed routes (web/routes_feeds.cc) answer on the loop a feed GET
// whose feed the cache holds unchanged (FeedService::find_unchanged: no
// SQLite call): 304 to a matching validator, else the cached body, sent
// without waiting (what does not fit in the socket buffer is finished by a
// pool thread). Measured (bench/feeds, 2 cores shared with other jobs, load
// 4-7; daemon CPU per request from /proc, which load disturbs far less than
// req/s): a 304 went from one thread wake-up per request and 58% of nginx's
// req/s at 200 connections to 18-19 us of CPU (nginx 15-17 us) and 92-115%
// of nginx's req/s; a 200 to 26-28 us (nginx 30-33 us). See the commits.
//
// Timeouts and limits: a parked connection closes at the keep-alive timeout
// after its last request (the loop keeps them in park order and sleeps until
// the first one's deadline); a request that has begun is bounded by the read
// timeout on a pool thread as before; the keep-alive request cap counts the
// loop's answers too. A response the loop cannot send at once is finished by
// a pool thread. wake_idle_connections() closes every parked connection and
// every one that parks later (a response being written still goes out); when
// the worker pool shuts down (listen ends) the loop stops handing work to it
// first, under the same lock as its hand-offs, so no job is queued after the
// pool's workers have drained their queue.
//
// Thread-safe as httplib::Server is; wake_idle_connections() may be called
// from any thread, after stop(). The worker pool is HttpServer's own (its
// new_task_queue): do not replace it.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace cw::web {

class ConnectionLoop;   // web/http_server.cc
struct HttpConnection;  // web/http_server.cc

class HttpServer : public httplib::Server {
 public:
  HttpServer();
  ~HttpServer() override;
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The worker pool's size (set before listening; httplib's default otherwise).
  void set_worker_threads(std::size_t threads);

  // Requests whose head `filter` accepts are first tried on the event loop
  // (see above). The filter sees the whole head (request line and headers,
  // with the final empty line) and must not block.
  void try_on_event_loop(std::function<bool(std::string_view head)> filter);

  // Closes every connection idle between requests now, and every one that
  // becomes idle later, instead of at its keep-alive timeout. Call at stop().
  void wake_idle_connections();

  // How many requests the event loop answered itself (tests, benches).
  std::uint64_t answered_on_event_loop() const { return loop_answers_.load(); }

 private:
  friend class ConnectionLoop;
  enum class LoopNext { park, hand_off, close };

  bool process_and_close_socket(socket_t sock) override;
  // Serves a connection on a pool thread until it closes or is parked.
  void serve(std::unique_ptr<HttpConnection> c);
  // The event loop read a request's first bytes on a parked connection.
  LoopNext answer_on_loop(HttpConnection& c, std::chrono::milliseconds& keep_alive_out);
  std::chrono::milliseconds keep_alive() const;

  std::size_t threads_ = CPPHTTPLIB_THREAD_POOL_COUNT;
  std::function<bool(std::string_view)> loop_filter_;
  std::atomic<std::uint64_t> loop_answers_{0};
  // Last: their threads call into the members above.
  std::vector<std::unique_ptr<ConnectionLoop>> loops_;
};

// For route handlers and hooks, on the thread handling a request:
// true while it is being tried on the event loop: answer only what needs no
// wait (no database read, no blocking write), then call
// keep_event_loop_answer(); return without it to leave the request to a pool
// thread, which handles it again from its first byte.
bool on_event_loop();
void keep_event_loop_answer();
// True when the request is tried on the event loop and not (yet) kept: its
// response will be dropped, so nothing about it may be recorded.
bool event_loop_answer_dropped();

}  // namespace cw::web
