// Process metrics in the Prometheus text format.
//
// HTTP request counts by route and status and a latency histogram by route
// are recorded by the server as requests finish; domain gauges (hearings,
// imports, sessions, outbox) are read from the database at scrape time by
// the /metrics handler and appended. Route labels are route *names* ("feed",
// "healthz"), never paths, so no token or id ever becomes a label.
// Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace cw::web {

class Metrics {
 public:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};

  void observe_request(const std::string& route, int status, std::chrono::nanoseconds latency);
  // Appends the HTTP metrics in text exposition format.
  void render_http(std::string& out) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

// Helpers for writing one metric family.
void metric_header(std::string& out, const char* name, const char* type, const char* help);
void metric_value(std::string& out, const char* name, const std::string& labels, double value);

}  // namespace cw::web
