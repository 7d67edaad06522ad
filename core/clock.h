// The injected clock.
//
// Code that needs "now" takes a Clock&; production passes SystemClock, tests
// pass FakeClock and move it by hand. Timers that measure durations use
// std::chrono::steady_clock directly, never this. Implementations are
// thread-safe.
#pragma once

#include <atomic>
#include <chrono>

#include "core/time.h"

namespace cw {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::seconds{now_.load()}}; }
  void set(Instant t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace cw
