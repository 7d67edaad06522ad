#include "web/login_throttle.h"

namespace cw::web {

LoginThrottle::LoginThrottle(const Clock& clock, ThrottleLimits per_account,
                             ThrottleLimits per_client, std::size_t max_keys)
    : clock_(clock),
      account_limits_(per_account),
      client_limits_(per_client),
      max_keys_(max_keys) {}

bool LoginThrottle::is_blocked(Table& t, const std::string& key, Instant now) {
  const auto it = t.find(key);
  return it != t.end() && now < it->second.locked_until;
}

bool LoginThrottle::blocked(const std::string& client, const std::string& account) {
  const Instant now = clock_.now();
  std::lock_guard lock(mutex_);
  // Both are evaluated, so a blocked client costs the same as a blocked account.
  const bool by_client = is_blocked(clients_, client, now);
  const bool by_account = is_blocked(accounts_, account, now);
  return by_client || by_account;
}

void LoginThrottle::prune(Table& t, const ThrottleLimits& limits, Instant now) {
  std::erase_if(t, [&](const auto& kv) {
    return now >= kv.second.locked_until && now >= kv.second.window_start + limits.window;
  });
}

void LoginThrottle::count(Table& t, const ThrottleLimits& limits, const std::string& key,
                          Instant now) {
  auto it = t.find(key);
  if (it == t.end()) {
    if (t.size() >= max_keys_) prune(t, limits, now);
    if (t.size() >= max_keys_) return;
    it = t.emplace(key, Entry{0, now, {}}).first;
  }
  Entry& e = it->second;
  if (now >= e.window_start + limits.window) e = Entry{0, now, {}};
  if (++e.failures >= limits.failures) {
    e.locked_until = now + limits.lock;
    // The next window starts when the lock ends: one more failure after it
    // does not lock again at once.
    e.failures = 0;
    e.window_start = e.locked_until;
  }
}

void LoginThrottle::record_failure(const std::string& client, const std::string& account) {
  const Instant now = clock_.now();
  std::lock_guard lock(mutex_);
  count(clients_, client_limits_, client, now);
  count(accounts_, account_limits_, account, now);
}

void LoginThrottle::record_success(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

}  // namespace cw::web
