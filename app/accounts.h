// Account use cases: coordinator users, their sign-in sessions and API
// tokens (DESIGN.md §8 Auth, §11).
//
// Every rule about accounts lives here: what a valid user name and password
// are, how passwords are hashed (Argon2id, libsodium crypto_pwhash_argon2id),
// how long a session lives (idle and absolute expiry against the injected
// Clock), and that a disabled user has no session and no usable token. CLI
// commands and HTTP handlers only parse, call and print. Each state change
// runs in one transaction and writes the audit log (who, what, when; never a
// password, token or session id). Functions take the Database they run on;
// like it, they are not thread-safe — call them with one connection per
// thread. Password hashing is CPU- and memory-heavy (64 MiB per call): the
// HTTP layer bounds how many run at once.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/user.h"
#include "store/db.h"

namespace cw::app {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;
inline constexpr std::chrono::minutes kSessionIdle{30};
inline constexpr std::chrono::hours kSessionAbsolute{12};

struct NewUser {
  std::string name;
  std::string password;
  UserRole role = UserRole::coordinator;
  std::string locale;  // "", "en" or "es"
};

// Validates, hashes the password and stores the user; audit "user.add".
Result<User> add_user(store::Database& db, const Clock& clock, std::string_view actor,
                      const NewUser& u);
Result<std::vector<User>> list_users(store::Database& db);
struct Disabled {
  int sessions_ended = 0;
  int tokens_revoked = 0;
};
// Disables the user, ends their sessions and revokes their API tokens;
// audit "user.disable". Disabling a disabled user is not an error.
Result<Disabled> disable_user(store::Database& db, const Clock& clock, std::string_view actor,
                              const std::string& name);

// Checks a password against the user's hash. Unknown and disabled users are
// checked against a dummy hash so that they cost the same time; all three
// answer nullopt.
Result<std::optional<User>> check_password(store::Database& db, const std::string& name,
                                           std::string_view password);

// A browser session just started: the cookie value and the session's CSRF
// token. Both are secrets: never log them.
struct NewSession {
  std::string token;
  std::string csrf;
};
// Starts a session for a user who has just proved their password (and
// deletes sessions past their absolute expiry); audit "login".
Result<NewSession> start_session(store::Database& db, const Clock& clock, const User& user);

struct ActiveSession {
  Id id = 0;
  User user;
  std::string csrf;
  Instant created{};
  Instant last_seen{};
};
// The live session for a cookie value, or nullopt when unknown, expired (idle
// or absolute) or its user is disabled. `seen_since(session id)` may report
// activity after the stored last_seen (the HTTP layer keeps it in memory so
// that a GET never writes). Never writes.
using SeenSince = std::function<std::optional<Instant>(Id)>;
Result<std::optional<ActiveSession>> find_session(store::Database& db, const Clock& clock,
                                                  std::string_view token,
                                                  const SeenSince& seen_since = {});
// Whether a session whose latest activity is `last_seen` is still live.
bool session_live(Instant created, Instant last_seen, Instant now);
// Records activity on a session (done on state-changing requests).
Result<void> touch_session(store::Database& db, Id session_id, Instant at);
// Ends the session with this cookie value; audit "logout". Unknown: no-op.
Result<void> end_session(store::Database& db, const Clock& clock, std::string_view token);

struct IssuedApiToken {
  Id id = 0;
  std::string token;  // shown once
};
// A new API token owned by the named (enabled) user; audit "api-token.create".
Result<IssuedApiToken> create_api_token(store::Database& db, const Clock& clock,
                                        std::string_view actor, const std::string& user_name);
// Revokes an API token by id; audit "api-token.revoke". Only API tokens can
// be revoked this way (feed and volunteer links rotate instead).
Result<void> revoke_api_token(store::Database& db, const Clock& clock, std::string_view actor,
                              Id token_id);
struct ApiTokenInfo {
  Id id = 0;
  std::string user;
  Instant created{};
  std::optional<Instant> revoked;
};
Result<std::vector<ApiTokenInfo>> list_api_tokens(store::Database& db);
// The enabled user owning a live API token; nullopt for anything else
// (unknown, revoked, another purpose such as a volunteer's page link).
Result<std::optional<User>> user_for_api_token(store::Database& db, std::string_view token);

}  // namespace cw::app
