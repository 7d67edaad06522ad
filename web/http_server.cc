#include "web/http_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace cw::web {
namespace {

// Requests are read through this buffer (cpp-httplib reads header lines one
// byte at a time); a body read of at least this size goes straight to recv().
constexpr std::size_t kReadBuffer = 16 * 1024;
// Response bytes are gathered up to this size; a larger write goes out at
// once, together with what is gathered, in one writev().
constexpr std::size_t kWriteBuffer = 16 * 1024;

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

}  // namespace

// The connections of one server, for wake_idle_connections(): each marks
// when it waits for its next request; wake() shuts the reading side of the
// waiting ones down (their recv() returns 0 at once) and makes every later
// wait end before it begins. Marking is an atomic store, no lock; the lock
// is taken once when a connection starts and once when it ends, so wake()
// never shuts down a descriptor closed and reused meanwhile. Why no wait is
// missed: a connection marks itself waiting before it reads stopping(), and
// wake() sets stopping before it reads the marks (both sequentially
// consistent), so either the connection sees stopping or wake() sees it wait.
class IdleWaits {
 public:
  struct Entry {
    int sock = -1;
    std::atomic<bool> waiting{false};
  };

  void add(Entry* e) {
    std::lock_guard lock(mutex_);
    entries_.insert(e);
  }
  void remove(Entry* e) {
    std::lock_guard lock(mutex_);
    entries_.erase(e);
  }
  bool stopping() const { return stopping_.load(); }
  void wake() {
    stopping_.store(true);
    std::lock_guard lock(mutex_);
    for (Entry* e : entries_) {
      if (e->waiting.load()) ::shutdown(e->sock, SHUT_RD);
    }
  }

 private:
  std::mutex mutex_;
  std::unordered_set<Entry*> entries_;
  std::atomic<bool> stopping_{false};
};

namespace {

// One connection's stream, kept across its requests (see the header).
class ConnectionStream final : public httplib::Stream {
 public:
  // `read_timeout` bounds a read inside a request; the socket's SO_RCVTIMEO
  // (the keep-alive timeout, or none when it is zero) bounds the wait for one.
  ConnectionStream(int sock, IdleWaits& waits, bool keep_alive_wait,
                   std::chrono::milliseconds read_timeout)
      : sock_(sock), waits_(waits), keep_alive_wait_(keep_alive_wait), read_timeout_(read_timeout) {
    out_.reserve(4096);
    entry_.sock = sock;
    waits_.add(&entry_);
  }
  ~ConnectionStream() override { waits_.remove(&entry_); }
  ConnectionStream(const ConnectionStream&) = delete;
  ConnectionStream& operator=(const ConnectionStream&) = delete;

  // Reads the next request's first bytes (or finds them buffered); false on
  // the keep-alive timeout, when the peer closed or broke the connection, or
  // once wake_idle_connections() ran.
  bool wait_for_request() {
    if (in_begin_ < in_end_) return true;
    entry_.waiting.store(true);
    ssize_t n = -1;
    if (!waits_.stopping()) {
      n = receive(in_.data(), in_.size(), keep_alive_wait_ ? 0 : MSG_DONTWAIT);
    }
    entry_.waiting.store(false);
    if (n <= 0) return false;
    in_begin_ = 0;
    in_end_ = static_cast<std::size_t>(n);
    return true;
  }

  // Sends what the last response left in the output buffer.
  bool flush() {
    if (out_.empty()) return !failed_;
    iovec iov{out_.data(), out_.size()};
    const bool ok = send_all({&iov, 1});
    out_.clear();
    return ok;
  }

  bool is_readable() const override {
    if (in_begin_ < in_end_) return true;
    pollfd fd{sock_, POLLIN, 0};
    return ::poll(&fd, 1, 0) > 0;
  }
  bool is_writable() const override { return !failed_; }

  ssize_t read(char* ptr, std::size_t size) override {
    // A response started before the request is read whole (100 Continue)
    // must reach the client, which waits for it before sending the body.
    if (!flush()) return -1;
    if (in_begin_ == in_end_) {
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
    if (out_.size() + size <= kWriteBuffer) {
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
  IdleWaits& waits_;
  IdleWaits::Entry entry_;
  bool keep_alive_wait_;  // false: the keep-alive timeout is zero, no wait
  std::chrono::milliseconds read_timeout_;
  std::array<char, kReadBuffer> in_{};
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  std::string out_;
  bool failed_ = false;
  mutable SocketName peer_;
  mutable SocketName local_;
};

}  // namespace

HttpServer::HttpServer() : waits_(std::make_unique<IdleWaits>()) {}

HttpServer::~HttpServer() = default;

void HttpServer::wake_idle_connections() { waits_->wake(); }

bool HttpServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  {
    // The wait for a request is a blocking recv(): its bound is the
    // keep-alive timeout (httplib set the read timeout here).
    const timeval keep_alive{keep_alive_timeout_sec_, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &keep_alive, sizeof keep_alive);
    const auto read_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_));
    ConnectionStream stream(sock, *waits_, keep_alive_timeout_sec_ > 0, read_timeout);
    for (std::size_t left = keep_alive_max_count_;
         left > 0 && svr_sock_ != INVALID_SOCKET && stream.wait_for_request(); --left) {
      bool connection_closed = false;
      ret = process_request(stream, left == 1, connection_closed, nullptr);
      ret = stream.flush() && ret;
      if (!ret || connection_closed) break;
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace cw::web
