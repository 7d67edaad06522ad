// A per-client limit on feed misses (unknown or malformed tokens).
//
// Each client address has a token bucket of `burst` misses that refills at
// `per_minute`; a client whose bucket is empty gets 429 for every feed
// request until it refills, so guessing tokens costs a minute per `per_minute`
// guesses while a subscriber who hits its feed every few minutes never
// notices. Buckets of clients not seen for ten minutes are dropped. Steady
// time is passed in (tests). Thread-safe; while no client has a bucket (no
// miss in the last ten minutes, the normal state) a request takes no lock.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cw::web {

class MissLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  MissLimiter(double burst, double per_minute) : burst_(burst), per_minute_(per_minute) {}

  // True when the client has no misses left and must be refused.
  bool exhausted(const std::string& client, Clock::time_point now);
  // Takes one miss from the client's bucket.
  void record_miss(const std::string& client, Clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at{};
  };
  Bucket& refill(const std::string& client, Clock::time_point now);
  void prune(Clock::time_point now);

  double burst_;
  double per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::atomic<std::size_t> count_{0};  // buckets_.size(), readable without mutex_
  Clock::time_point last_prune_{};
};

}  // namespace cw::web
