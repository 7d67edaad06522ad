// Coordinator accounts and their signed-in sessions in the database.
//
// UserRepo stores users with their Argon2id password hash (the hash is
// produced and checked by app/accounts; this layer only keeps the text).
// AuthSessionRepo stores signed-in browser sessions: only the BLAKE2b hash of
// the session token (store/token_repo.h hash_token), never the token itself,
// with the session's CSRF token, creation and last-seen times. Expiry is a
// rule of app/accounts; these repositories only read and write rows. Not
// thread-safe, like the Database they use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/user.h"
#include "store/db.h"
#include "store/token_repo.h"

namespace cw::store {

struct UserRow {
  User user;
  std::string password_hash;
};

class UserRepo {
 public:
  explicit UserRepo(Database& db) : db_(db) {}
  // Inserts a user; a taken name is Errc::conflict. Returns the new id.
  Result<Id> insert(const User& u, const std::string& password_hash);
  Result<std::optional<UserRow>> find_by_name(const std::string& name);
  Result<std::optional<User>> find(Id id);
  // Every user, by name.
  Result<std::vector<User>> all();
  Result<void> set_disabled(Id id, bool disabled);

 private:
  Database& db_;
};

struct AuthSessionRow {
  Id id = 0;
  User user;
  std::string csrf;
  Instant created{};
  Instant last_seen{};
};

class AuthSessionRepo {
 public:
  explicit AuthSessionRepo(Database& db) : db_(db) {}
  Result<Id> insert(const TokenHash& token_hash, Id user_id, const std::string& csrf, Instant now);
  // The session with this token hash, with its user; nullopt when unknown.
  Result<std::optional<AuthSessionRow>> find(const TokenHash& token_hash);
  Result<void> touch(Id id, Instant now);
  Result<void> remove(Id id);
  // Ends every session of a user; returns how many there were.
  Result<int> remove_for_user(Id user_id);
  // Deletes sessions created before `cutoff` (past their absolute expiry).
  Result<int> remove_created_before(Instant cutoff);

 private:
  Database& db_;
};

}  // namespace cw::store
