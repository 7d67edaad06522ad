#include "web/feed_rate_limit.h"

#include <algorithm>

namespace cw::web {

MissLimiter::Bucket& MissLimiter::refill(const std::string& client, Clock::time_point now) {
  auto [it, added] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!added) {
    const double minutes = std::chrono::duration<double>(now - b.at).count() / 60.0;
    b.tokens = std::min(burst_, b.tokens + minutes * per_minute_);
    b.at = now;
  }
  return b;
}

void MissLimiter::prune(Clock::time_point now) {
  if (now - last_prune_ < std::chrono::minutes(1)) return;
  last_prune_ = now;
  std::erase_if(buckets_,
                [now](const auto& kv) { return now - kv.second.at > std::chrono::minutes(10); });
  count_.store(buckets_.size(), std::memory_order_release);
}

bool MissLimiter::exhausted(const std::string& client, Clock::time_point now) {
  // No bucket at all: the same answer as finding none under the lock, as of
  // a moment before any bucket being added now.
  if (count_.load(std::memory_order_acquire) == 0) return false;
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(client);
  if (it == buckets_.end()) return false;
  return refill(client, now).tokens < 1.0;
}

void MissLimiter::record_miss(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  prune(now);
  Bucket& b = refill(client, now);
  b.tokens = std::max(0.0, b.tokens - 1.0);
  count_.store(buckets_.size(), std::memory_order_release);
}

}  // namespace cw::web
