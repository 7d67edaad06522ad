#include "web/http_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <list>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>

namespace cw::web {
// Named, not anonymous: HttpConnection (declared in the header) holds a
// ConnectionStream.
namespace http_server_detail {

// Requests are read through this buffer (cpp-httplib reads header lines one
// byte at a time); a body read of at least this size goes straight to recv().
constexpr std::size_t kReadBuffer = 16 * 1024;
// Response bytes are gathered up to this size; a larger write goes out at
// once, together with what is gathered, in one writev().
constexpr std::size_t kWriteBuffer = 16 * 1024;
// Readiness events taken per epoll_wait() by an event loop.
constexpr int kLoopEvents = 256;
// Event loops: one per core, at most this many (a connection parks on the
// loop its descriptor number picks).
constexpr unsigned kMaxLoops = 2;

// The request being tried on the event loop, if any (this thread's).
struct LoopTry {
  bool trying = false;
  bool kept = false;
};
thread_local LoopTry t_loop_try;

// The numeric address and port of a socket name, as cpp-httplib writes them
// (getnameinfo with NI_NUMERICHOST: "127.0.0.1", "::1", "::ffff:127.0.0.1").
void numeric_address(const sockaddr_storage& addr, socklen_t len, std::string& ip, int& port) {
  if (addr.ss_family == AF_INET) {
    port = ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    port = ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  } else {
    return;
  }
  std::array<char, NI_MAXHOST> host{};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host.data(),
                  static_cast<socklen_t>(host.size()), nullptr, 0, NI_NUMERICHOST) == 0) {
    ip = host.data();
  }
}

// A socket's peer or local name, looked up on first use and kept.
struct SocketName {
  using Getter = int (*)(int, sockaddr*, socklen_t*);
  void get(int sock, Getter getname, std::string& ip_out, int& port_out) {
    if (!known) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      if (getname(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
        numeric_address(addr, len, ip, port);
      }
      known = true;
    }
    ip_out = ip;
    port_out = port;
  }
  bool known = false;
  std::string ip;
  int port = -1;
};

// What a read that must not wait found.
enum class Arrival { bytes, nothing, closed };

// One connection's stream, kept across its requests (see the header). In
// loop mode (a request tried on the event loop) it never waits: a read past
// the buffered bytes fails, and every write is only gathered.
class ConnectionStream final : public httplib::Stream {
 public:
  // `read_timeout` bounds a read inside a request.
  ConnectionStream(int sock, std::chrono::milliseconds read_timeout)
      : sock_(sock), read_timeout_(read_timeout) {
    out_.reserve(4096);
  }

  bool has_buffered() const { return in_begin_ < in_end_; }
  std::string_view buffered() const { return {in_.data() + in_begin_, in_end_ - in_begin_}; }

  // Reads what has arrived into the (empty) buffer, without waiting.
  Arrival receive_arrived() {
    const ssize_t n = receive(in_.data(), in_.size(), MSG_DONTWAIT);
    if (n > 0) {
      in_begin_ = 0;
      in_end_ = static_cast<std::size_t>(n);
      return Arrival::bytes;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Arrival::nothing;
    return Arrival::closed;
  }

  // Loop mode on; `abandon_loop_try()` puts the buffered request back and
  // drops what was written since.
  void begin_loop_try() {
    loop_mode_ = true;
    try_begin_ = in_begin_;
    try_out_ = out_.size();
  }
  void end_loop_try() { loop_mode_ = false; }
  void abandon_loop_try() {
    loop_mode_ = false;
    in_begin_ = try_begin_;
    out_.resize(try_out_);
  }

  // Sends what the last response left in the output buffer.
  bool flush() {
    if (out_.empty()) return !failed_;
    iovec iov{out_.data(), out_.size()};
    const bool ok = send_all({&iov, 1});
    out_.clear();
    if (out_.capacity() > kWriteBuffer) std::string().swap(out_);  // see flush_arrived()
    return ok;
  }

  // Sends what fits without waiting; true when nothing is left to send.
  // What is left stays for flush(); failed() tells a broken connection.
  bool flush_arrived() {
    while (!out_.empty() && !failed_) {
      const ssize_t sent = ::send(sock_, out_.data(), out_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent < 0 && errno == EINTR) continue;
      if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
      if (sent <= 0) {
        failed_ = true;
        break;
      }
      out_.erase(0, static_cast<std::size_t>(sent));
    }
    if (!out_.empty() || failed_) return false;
    // A body gathered on the loop grew the buffer: an idle connection keeps
    // no more than a pool thread's gathering needs.
    if (out_.capacity() > kWriteBuffer) std::string().swap(out_);
    return true;
  }
  bool failed() const { return failed_; }

  bool is_readable() const override {
    if (in_begin_ < in_end_) return true;
    if (loop_mode_) return false;
    pollfd fd{sock_, POLLIN, 0};
    return ::poll(&fd, 1, 0) > 0;
  }
  bool is_writable() const override { return !failed_; }

  ssize_t read(char* ptr, std::size_t size) override {
    if (in_begin_ == in_end_) {
      if (loop_mode_) return -1;  // the event loop never waits for a byte
      // A response started before the request is read whole (100 Continue)
      // must reach the client, which waits for it before sending the body.
      if (!flush()) return -1;
      if (size >= kReadBuffer) return receive_within_read_timeout(ptr, size);
      const ssize_t n = receive_within_read_timeout(in_.data(), in_.size());
      if (n <= 0) return n;
      in_begin_ = 0;
      in_end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, in_end_ - in_begin_);
    std::memcpy(ptr, in_.data() + in_begin_, n);
    in_begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (failed_) return -1;
    if (loop_mode_ || out_.size() + size <= kWriteBuffer) {
      out_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    iovec iov[2] = {{out_.data(), out_.size()}, {const_cast<char*>(ptr), size}};
    const bool ok = out_.empty() ? send_all({iov + 1, 1}) : send_all(iov);
    out_.clear();
    return ok ? static_cast<ssize_t>(size) : -1;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    peer_.get(sock_, ::getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    local_.get(sock_, ::getsockname, ip, port);
  }

  socket_t socket() const override { return sock_; }

 private:
  ssize_t receive(char* ptr, std::size_t size, int flags) {
    for (;;) {
      const ssize_t n = ::recv(sock_, ptr, size, flags);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  // recv() of bytes inside a request: what has arrived, else what arrives
  // within the read timeout; -1 after it.
  ssize_t receive_within_read_timeout(char* ptr, std::size_t size) {
    const auto deadline = std::chrono::steady_clock::now() + read_timeout_;
    for (;;) {
      const ssize_t n = receive(ptr, size, MSG_DONTWAIT);
      if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return n;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return -1;
      pollfd fd{sock_, POLLIN, 0};
      const int ready = ::poll(&fd, 1, static_cast<int>(left.count()));
      if (ready == 0 || (ready < 0 && errno != EINTR)) return -1;
    }
  }

  // Sends every byte of `iov` (SO_SNDTIMEO bounds each blocked send); false,
  // and every later write fails, when the peer is gone or stopped reading.
  bool send_all(std::span<iovec> iov) {
    std::size_t i = 0;
    while (!failed_ && i < iov.size()) {
      msghdr msg{};
      msg.msg_iov = iov.data() + i;
      msg.msg_iovlen = iov.size() - i;
      ssize_t sent = ::sendmsg(sock_, &msg, MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      if (sent <= 0) {
        failed_ = true;
        break;
      }
      for (; i < iov.size() && static_cast<std::size_t>(sent) >= iov[i].iov_len; ++i) {
        sent -= static_cast<ssize_t>(iov[i].iov_len);
      }
      if (i < iov.size()) {
        iov[i].iov_base = static_cast<char*>(iov[i].iov_base) + sent;
        iov[i].iov_len -= static_cast<std::size_t>(sent);
      }
    }
    return !failed_;
  }

  int sock_;
  std::chrono::milliseconds read_timeout_;
  std::array<char, kReadBuffer> in_{};
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  std::string out_;
  bool failed_ = false;
  bool loop_mode_ = false;
  std::size_t try_begin_ = 0;
  std::size_t try_out_ = 0;
  mutable SocketName peer_;
  mutable SocketName local_;
};

// The end of the first request head in `bytes` when it is the whole of
// `bytes` (nothing pipelined behind it): true only then.
bool one_whole_head(std::string_view bytes) {
  const auto end = bytes.find("\r\n\r\n");
  return end != std::string_view::npos && end + 4 == bytes.size();
}

}  // namespace http_server_detail

bool on_event_loop() { return http_server_detail::t_loop_try.trying; }
void keep_event_loop_answer() { http_server_detail::t_loop_try.kept = true; }
bool event_loop_answer_dropped() {
  return http_server_detail::t_loop_try.trying && !http_server_detail::t_loop_try.kept;
}

// An open connection, between or inside requests; closed when destroyed.
struct HttpConnection {
  HttpConnection(int sock, std::chrono::milliseconds read_timeout, std::size_t max_requests)
      : sock(sock), stream(sock, read_timeout), left(max_requests) {}
  ~HttpConnection() {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  int sock;
  http_server_detail::ConnectionStream stream;
  std::size_t left;      // requests it may still make (keep-alive max count)
  bool closing = false;  // the last answer closes it once sent
  std::chrono::steady_clock::time_point deadline{};  // while parked: the keep-alive timeout
  std::list<std::unique_ptr<HttpConnection>>::iterator parked_at{};
};

// The event loop: one thread and an epoll set of the parked connections
// (idle between requests), oldest park first in `parked_` (all share one
// keep-alive timeout, so the first is the next to expire). Only the loop
// thread takes a connection out of `parked_` or closes a parked one, so a
// connection named by a readiness event is alive while the loop handles it.
// Pool threads add connections (park()), under `mutex_`, with their epoll
// registration. The pool the loop hands work to is the server's current
// task queue (attach/detach, under `mutex_`): a hand-off made under the lock
// while attached is queued before the pool's shutdown begins, and its
// workers run every queued job before they exit.
class ConnectionLoop {
 public:
  explicit ConnectionLoop(HttpServer& server)
      : server_(server), epoll_(::epoll_create1(EPOLL_CLOEXEC)), wake_(::eventfd(0, EFD_CLOEXEC)) {
    if (epoll_ < 0 || wake_ < 0)
      throw std::runtime_error("HttpServer: cannot create its event loop");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;  // the wake-up descriptor
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    thread_ = std::thread([this] { run(); });
  }
  ~ConnectionLoop() {
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
    }
    wake();
    thread_.join();
    parked_.clear();
    ::close(wake_);
    ::close(epoll_);
  }
  ConnectionLoop(const ConnectionLoop&) = delete;
  ConnectionLoop& operator=(const ConnectionLoop&) = delete;

  // Takes a connection with no buffered bytes until it is readable; closes
  // it at once when the loop is stopping.
  void park(std::unique_ptr<HttpConnection> c, std::chrono::milliseconds keep_alive) {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    const bool was_empty = parked_.empty();
    add_parked(std::move(c), keep_alive);
    HttpConnection& added = *parked_.back();
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = &added;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, added.sock, &ev) != 0) {
      parked_.pop_back();
      return;
    }
    if (was_empty) wake();  // the loop may sleep without a deadline
  }

  void attach(httplib::TaskQueue* pool) {
    std::lock_guard lock(mutex_);
    pool_ = pool;
  }
  // The pool shuts down: no more hand-offs; parked connections close.
  void detach() {
    std::lock_guard lock(mutex_);
    pool_ = nullptr;
    stopping_ = true;
    wake();
  }
  // Closes the parked connections now and every one parked later.
  void stop() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake();
  }

 private:
  using Next = HttpServer::LoopNext;

  void wake() {
    const std::uint64_t one = 1;
    (void)!::write(wake_, &one, sizeof one);
  }

  void add_parked(std::unique_ptr<HttpConnection> c, std::chrono::milliseconds keep_alive) {
    c->deadline = std::chrono::steady_clock::now() + keep_alive;
    parked_.push_back(std::move(c));
    parked_.back()->parked_at = std::prev(parked_.end());
  }

  // Milliseconds until the first parked connection expires (-1: none).
  int timeout_ms() const {
    if (parked_.empty()) return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(
        parked_.front()->deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
  }

  void run() {
    std::array<epoll_event, http_server_detail::kLoopEvents> events{};
    for (;;) {
      int timeout = -1;
      {
        std::lock_guard lock(mutex_);
        if (quit_) return;
        if (stopping_) parked_.clear();
        const auto now = std::chrono::steady_clock::now();
        while (!parked_.empty() && parked_.front()->deadline <= now) parked_.pop_front();
        timeout = timeout_ms();
      }
      const int n = ::epoll_wait(epoll_, events.data(), http_server_detail::kLoopEvents, timeout);
      for (int i = 0; i < n; ++i) {
        if (events[i].data.ptr == nullptr) {
          std::uint64_t count = 0;
          (void)!::read(wake_, &count, sizeof count);
          continue;
        }
        handle(static_cast<HttpConnection*>(events[i].data.ptr));
      }
    }
  }

  // A parked connection is readable.
  void handle(HttpConnection* c) {
    std::unique_ptr<HttpConnection> owned;
    std::chrono::milliseconds keep_alive{};
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;  // closed with the others at the next turn
      owned = std::move(*c->parked_at);
      parked_.erase(c->parked_at);
    }
    Next next = Next::close;
    switch (owned->stream.receive_arrived()) {
      case http_server_detail::Arrival::bytes:
        next = server_.answer_on_loop(*owned, keep_alive);
        break;
      case http_server_detail::Arrival::nothing:
        keep_alive = server_.keep_alive();
        next = Next::park;
        break;
      case http_server_detail::Arrival::closed:
        break;
    }
    if (next == Next::close) return;  // owned closes it
    std::lock_guard lock(mutex_);
    if (next == Next::park && !stopping_) {
      add_parked(std::move(owned), keep_alive);  // still in the epoll set
      return;
    }
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, owned->sock, nullptr);
    if (next == Next::hand_off && pool_ != nullptr) {
      // std::function needs a copyable job; a dropped job closes the connection.
      auto box = std::make_shared<std::unique_ptr<HttpConnection>>(std::move(owned));
      pool_->enqueue([this, box] { server_.serve(std::move(*box)); });
    }
  }

  HttpServer& server_;
  int epoll_;
  int wake_;
  std::mutex mutex_;
  std::list<std::unique_ptr<HttpConnection>> parked_;  // oldest park first
  httplib::TaskQueue* pool_ = nullptr;
  bool stopping_ = false;
  bool quit_ = false;
  std::thread thread_;  // last: started once the rest is set up
};

namespace {

// The server's worker pool, which tells the event loop when it is made and
// before it shuts down.
class LoopedThreadPool final : public httplib::TaskQueue {
 public:
  LoopedThreadPool(std::span<const std::unique_ptr<ConnectionLoop>> loops, std::size_t threads)
      : loops_(loops), pool_(threads) {
    for (const auto& loop : loops_) loop->attach(&pool_);
  }
  void enqueue(std::function<void()> fn) override { pool_.enqueue(std::move(fn)); }
  void shutdown() override {
    for (const auto& loop : loops_) loop->detach();
    pool_.shutdown();
  }

 private:
  std::span<const std::unique_ptr<ConnectionLoop>> loops_;
  httplib::ThreadPool pool_;
};

}  // namespace

HttpServer::HttpServer() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < std::min(cores, http_server_detail::kMaxLoops); ++i) {
    loops_.push_back(std::make_unique<ConnectionLoop>(*this));
  }
  new_task_queue = [this] { return new LoopedThreadPool(loops_, threads_); };
}

HttpServer::~HttpServer() = default;

void HttpServer::set_worker_threads(std::size_t threads) {
  threads_ = std::max<std::size_t>(threads, 1);
}

void HttpServer::try_on_event_loop(std::function<bool(std::string_view)> filter) {
  loop_filter_ = std::move(filter);
}

void HttpServer::wake_idle_connections() {
  for (const auto& loop : loops_) loop->stop();
}

std::chrono::milliseconds HttpServer::keep_alive() const {
  return std::chrono::seconds(keep_alive_timeout_sec_);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  const auto read_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_));
  serve(std::make_unique<HttpConnection>(sock, read_timeout, keep_alive_max_count_));
  return true;
}

void HttpServer::serve(std::unique_ptr<HttpConnection> c) {
  // What the event loop could not send without waiting goes first.
  if (!c->stream.flush() || c->closing) return;
  while (c->left > 0 && svr_sock_ != INVALID_SOCKET) {
    if (!c->stream.has_buffered()) {
      const http_server_detail::Arrival arrival = c->stream.receive_arrived();
      if (arrival == http_server_detail::Arrival::closed) return;
      if (arrival == http_server_detail::Arrival::nothing) {
        if (keep_alive_timeout_sec_ > 0) {
          ConnectionLoop& loop = *loops_[static_cast<std::size_t>(c->sock) % loops_.size()];
          loop.park(std::move(c), keep_alive());
        }
        return;
      }
    }
    bool connection_closed = false;
    const bool ok = process_request(c->stream, c->left == 1, connection_closed, nullptr);
    --c->left;
    if (!c->stream.flush() || !ok || connection_closed) return;
  }
}

HttpServer::LoopNext HttpServer::answer_on_loop(HttpConnection& c,
                                                std::chrono::milliseconds& keep_alive_out) {
  using Next = LoopNext;
  if (svr_sock_ == INVALID_SOCKET) return Next::close;
  const std::string_view bytes = c.stream.buffered();
  if (!loop_filter_ || c.left == 0 || !http_server_detail::one_whole_head(bytes) ||
      !loop_filter_(bytes)) {
    return Next::hand_off;
  }
  c.stream.begin_loop_try();
  http_server_detail::t_loop_try = {true, false};
  bool connection_closed = false;
  bool ok = false;
  try {
    ok = process_request(c.stream, c.left == 1, connection_closed, nullptr);
  } catch (...) {
    http_server_detail::t_loop_try.kept = false;
  }
  const bool kept = http_server_detail::t_loop_try.kept;
  http_server_detail::t_loop_try = {};
  if (!kept) {
    c.stream.abandon_loop_try();
    return Next::hand_off;
  }
  c.stream.end_loop_try();
  loop_answers_.fetch_add(1, std::memory_order_relaxed);
  --c.left;
  if (!ok || connection_closed || c.left == 0) c.closing = true;
  if (!c.stream.flush_arrived()) return c.stream.failed() ? Next::close : Next::hand_off;
  if (c.closing) return Next::close;
  keep_alive_out = keep_alive();
  return Next::park;
}

}  // namespace cw::web
