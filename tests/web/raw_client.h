// A raw HTTP/1.1 client socket for tests over loopback: what is sent is
// exactly what the test wrote, what is read is every byte the server sent.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace cw::web::rawhttp {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A raw client socket: what is sent is exactly what the test wrote.
class Raw {
 public:
  explicit Raw(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }
  ~Raw() { ::close(fd_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  void send(std::string_view bytes) {
    ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  // Reads until `pred(received)` holds, EOF, or `timeout`; returns everything read.
  template <typename Pred>
  std::string read_until(Pred pred, milliseconds timeout = milliseconds(5000)) {
    const auto deadline = steady_clock::now() + timeout;
    while (!pred(got_) && !eof_) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[65536];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        eof_ = true;
        break;
      }
      got_.append(buf, static_cast<std::size_t>(n));
    }
    return got_;
  }
  // Reads until the peer closes the connection (or `timeout`).
  std::string read_to_eof(milliseconds timeout = milliseconds(5000)) {
    return read_until([](const std::string&) { return false; }, timeout);
  }
  // One whole response (headers and Content-Length body), removed from what was read.
  std::string response(milliseconds timeout = milliseconds(5000)) {
    read_until([](const std::string& s) { return complete_length(s) != std::string::npos; },
               timeout);
    const auto n = complete_length(got_);
    if (n == std::string::npos) return std::exchange(got_, {});
    std::string one = got_.substr(0, n);
    got_.erase(0, n);
    return one;
  }
  bool eof() const { return eof_; }
  int local_port() const {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    return ntohs(addr.sin_port);
  }

  // The length of the first complete response in `s`, npos while incomplete.
  static std::size_t complete_length(const std::string& s) {
    const auto end = s.find("\r\n\r\n");
    if (end == std::string::npos) return std::string::npos;
    std::size_t length = 0;
    const auto at = s.find("Content-Length: ");
    if (at != std::string::npos && at < end) length = std::stoul(s.substr(at + 16));
    if (s.size() < end + 4 + length) return std::string::npos;
    return end + 4 + length;
  }

 private:
  int fd_;
  std::string got_;
  bool eof_ = false;
};

inline std::string get(std::string_view path, std::string_view extra = "") {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: x\r\n" + std::string(extra) + "\r\n";
}

inline std::string body_of(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

}  // namespace cw::web::rawhttp
