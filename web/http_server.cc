#include "web/http_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>

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

// One connection's stream, kept across its requests (see the header).
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int sock, int stop_fd) : sock_(sock), stop_fd_(stop_fd) { out_.reserve(4096); }

  // Waits up to `timeout` for the next request's first bytes; false on
  // timeout, on wake_idle_connections(), or on a poll() error. A closed or
  // broken connection reads as ready: process_request() then finds no line.
  bool wait_for_request(std::chrono::milliseconds timeout) {
    if (in_begin_ < in_end_) return true;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      pollfd fds[2] = {{sock_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      const int ready = ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(left.count(), 0)));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0 || fds[1].revents != 0) return false;
      return true;
    }
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
      if (size >= kReadBuffer) return receive(ptr, size);
      const ssize_t n = receive(in_.data(), in_.size());
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
  // recv() with the socket's SO_RCVTIMEO (httplib's read timeout).
  ssize_t receive(char* ptr, std::size_t size) {
    for (;;) {
      const ssize_t n = ::recv(sock_, ptr, size, 0);
      if (n < 0 && errno == EINTR) continue;
      return n;
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
  int stop_fd_;
  std::array<char, kReadBuffer> in_{};
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  std::string out_;
  bool failed_ = false;
  mutable SocketName peer_;
  mutable SocketName local_;
};

}  // namespace

HttpServer::HttpServer() : stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (stop_fd_ < 0) {
    throw std::runtime_error(std::string("cannot create an eventfd for the HTTP server: ") +
                             std::strerror(errno));
  }
}

HttpServer::~HttpServer() { ::close(stop_fd_); }

void HttpServer::wake_idle_connections() {
  const std::uint64_t one = 1;
  // Stays readable: every waiting and every later wait ends at once.
  [[maybe_unused]] const auto n = ::write(stop_fd_, &one, sizeof one);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  {
    ConnectionStream stream(sock, stop_fd_);
    const std::chrono::milliseconds keep_alive(keep_alive_timeout_sec_ * 1000);
    for (std::size_t left = keep_alive_max_count_;
         left > 0 && svr_sock_ != INVALID_SOCKET && stream.wait_for_request(keep_alive); --left) {
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
