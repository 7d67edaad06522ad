// Sign-in rate limiting per client address and per account name.
//
// Each key (a client address, or a lower-cased account name, whether or not
// such an account exists) counts failed sign-ins in a window; a key that
// reaches its limit is blocked until `lock` after its last counted failure.
// While blocked, attempts are refused without checking the password and are
// not counted (an attacker cannot keep a real user locked out forever by
// hammering, beyond the lock time per burst). A successful sign-in clears
// the account's count, not the address's. Entries past their window and
// lock are pruned; the tables are capped (`max_keys`), and a full table
// tracks no new key rather than evicting a blocked one. Time comes from the
// injected Clock (tests move it). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace cw::web {

struct ThrottleLimits {
  int failures = 5;  // failures within `window` that block
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds lock{15 * 60};
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock,
                ThrottleLimits per_account = {5, std::chrono::minutes(15),
                                              std::chrono::minutes(15)},
                ThrottleLimits per_client = {20, std::chrono::minutes(15),
                                             std::chrono::minutes(15)},
                std::size_t max_keys = 100000);

  // True when a sign-in for this account from this client must be refused.
  bool blocked(const std::string& client, const std::string& account);
  void record_failure(const std::string& client, const std::string& account);
  void record_success(const std::string& account);

 private:
  struct Entry {
    int failures = 0;
    Instant window_start{};
    Instant locked_until{};
  };
  using Table = std::unordered_map<std::string, Entry>;
  bool is_blocked(Table& t, const std::string& key, Instant now);
  void count(Table& t, const ThrottleLimits& limits, const std::string& key, Instant now);
  void prune(Table& t, const ThrottleLimits& limits, Instant now);

  const Clock& clock_;
  ThrottleLimits account_limits_;
  ThrottleLimits client_limits_;
  std::size_t max_keys_;
  std::mutex mutex_;
  Table accounts_;
  Table clients_;
};

}  // namespace cw::web
