#include "notify/backoff.h"

#include <algorithm>

namespace cw::notify {

std::chrono::seconds backoff_delay(int attempt, const DeliveryConfig& config, double jitter) {
  const double base = static_cast<double>(config.backoff_base.count());
  const double cap = static_cast<double>(config.backoff_max.count());
  const int doublings = std::clamp(attempt - 1, 0, 30);
  const double full = std::min(cap, base * static_cast<double>(1LL << doublings));
  const double j = std::clamp(jitter, 0.0, 1.0);
  const auto s = static_cast<std::int64_t>(full / 2 + j * full / 2);
  return std::chrono::seconds{std::max<std::int64_t>(1, s)};
}

bool retry_allowed(int attempt, const DeliveryConfig& config) {
  return attempt < config.max_attempts;
}

}  // namespace cw::notify
