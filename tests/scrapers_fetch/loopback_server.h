// A real HTTP server on 127.0.0.1 (cpp-httplib) for the fetcher tests, on a
// free port, running on its own thread until the object goes away. Handlers
// are registered before start(); counters are atomic.
#pragma once

#include <httplib.h>

#include <atomic>
#include <string>
#include <thread>

namespace cw::test {

class LoopbackServer {
 public:
  httplib::Server& http() { return server_; }

  void start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~LoopbackServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace cw::test
