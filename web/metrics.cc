#include "web/metrics.h"

#include <cstdio>

namespace cw::web {

void Metrics::observe_request(const std::string& route, int status,
                              std::chrono::nanoseconds latency) {
  const double seconds = std::chrono::duration<double>(latency).count();
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void metric_header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void metric_value(std::string& out, const char* name, const std::string& labels, double value) {
  char buf[64];
  (void)std::snprintf(buf, sizeof buf, "%.17g", value);
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += ' ';
  out += buf;
  out += '\n';
}

void Metrics::render_http(std::string& out) const {
  std::lock_guard lock(mutex_);
  metric_header(out, "courtwatch_http_requests_total", "counter",
                "HTTP requests by route and status.");
  for (const auto& [key, n] : requests_) {
    metric_value(out, "courtwatch_http_requests_total",
                 "route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"",
                 static_cast<double>(n));
  }
  metric_header(out, "courtwatch_http_request_duration_seconds", "histogram",
                "HTTP request latency by route.");
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      char le[32];
      (void)std::snprintf(le, sizeof le, "%g", kBuckets[i]);
      metric_value(out, "courtwatch_http_request_duration_seconds_bucket",
                   "route=\"" + route + "\",le=\"" + le + "\"", static_cast<double>(h.buckets[i]));
    }
    metric_value(out, "courtwatch_http_request_duration_seconds_bucket",
                 "route=\"" + route + "\",le=\"+Inf\"", static_cast<double>(h.count));
    metric_value(out, "courtwatch_http_request_duration_seconds_sum", "route=\"" + route + "\"",
                 h.sum);
    metric_value(out, "courtwatch_http_request_duration_seconds_count", "route=\"" + route + "\"",
                 static_cast<double>(h.count));
  }
}

}  // namespace cw::web
