#include "store/user_repo.h"

#include "store/epoch.h"

namespace cw::store {
namespace {

// Columns: id, name, role, disabled, created, locale (from `first` on).
constexpr const char* kUserColumns = "u.id, u.name, u.role, u.disabled, u.created, u.locale";

User read_user(const Statement& q, int first) {
  User u;
  u.id = q.int64(first);
  u.name = q.text(first + 1);
  u.role = parse_user_role(q.text(first + 2)).value_or(UserRole::coordinator);
  u.disabled = q.int64(first + 3) != 0;
  u.created = instant(q.int64(first + 4));
  u.locale = q.text(first + 5);
  return u;
}

}  // namespace

Result<Id> UserRepo::insert(const User& u, const std::string& password_hash) {
  auto& exists = db_.stmt("SELECT 1 FROM users WHERE name = ?");
  exists.bind_all(u.name);
  const bool taken = CW_TRY(exists.step());
  exists.reset();
  if (taken) return fail(Error::conflict("a user named '" + u.name + "' already exists"));
  auto& q = db_.stmt(
      "INSERT INTO users (name, password_hash, role, created, disabled, locale) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind_all(u.name, password_hash, to_string(u.role), seconds(u.created), u.disabled, u.locale);
  CW_TRY(q.run());
  return db_.last_insert_rowid();
}

Result<std::optional<UserRow>> UserRepo::find_by_name(const std::string& name) {
  auto& q = db_.stmt(std::string("SELECT ") + kUserColumns +
                     ", u.password_hash FROM users u WHERE u.name = ?");
  q.bind_all(name);
  if (!CW_TRY(q.step())) return std::optional<UserRow>{};
  UserRow row{read_user(q, 0), q.text(6)};
  q.reset();
  return std::optional<UserRow>(std::move(row));
}

Result<std::optional<User>> UserRepo::find(Id id) {
  auto& q = db_.stmt(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id = ?");
  q.bind_all(id);
  if (!CW_TRY(q.step())) return std::optional<User>{};
  User u = read_user(q, 0);
  q.reset();
  return std::optional<User>(std::move(u));
}

Result<std::vector<User>> UserRepo::all() {
  auto& q = db_.stmt(std::string("SELECT ") + kUserColumns + " FROM users u ORDER BY u.name");
  std::vector<User> out;
  while (CW_TRY(q.step())) out.push_back(read_user(q, 0));
  return out;
}

Result<void> UserRepo::set_disabled(Id id, bool disabled) {
  auto& q = db_.stmt("UPDATE users SET disabled = ? WHERE id = ?");
  q.bind_all(disabled, id);
  return q.run();
}

Result<Id> AuthSessionRepo::insert(const TokenHash& token_hash, Id user_id, const std::string& csrf,
                                   Instant now) {
  auto& q = db_.stmt(
      "INSERT INTO auth_sessions (token_hash, user_id, csrf, created, last_seen) "
      "VALUES (?, ?, ?, ?, ?)");
  bind_token_hash(q, 1, token_hash);
  q.bind(2, user_id).bind(3, csrf).bind(4, seconds(now)).bind(5, seconds(now));
  CW_TRY(q.run());
  return db_.last_insert_rowid();
}

Result<std::optional<AuthSessionRow>> AuthSessionRepo::find(const TokenHash& token_hash) {
  auto& q = db_.stmt(std::string("SELECT s.id, s.csrf, s.created, s.last_seen, ") + kUserColumns +
                     " FROM auth_sessions s JOIN users u ON u.id = s.user_id "
                     "WHERE s.token_hash = ?");
  bind_token_hash(q, 1, token_hash);
  if (!CW_TRY(q.step())) return std::optional<AuthSessionRow>{};
  AuthSessionRow row;
  row.id = q.int64(0);
  row.csrf = q.text(1);
  row.created = instant(q.int64(2));
  row.last_seen = instant(q.int64(3));
  row.user = read_user(q, 4);
  q.reset();
  return std::optional<AuthSessionRow>(std::move(row));
}

Result<void> AuthSessionRepo::touch(Id id, Instant now) {
  auto& q = db_.stmt("UPDATE auth_sessions SET last_seen = max(last_seen, ?) WHERE id = ?");
  q.bind_all(seconds(now), id);
  return q.run();
}

Result<void> AuthSessionRepo::remove(Id id) {
  auto& q = db_.stmt("DELETE FROM auth_sessions WHERE id = ?");
  q.bind_all(id);
  return q.run();
}

Result<int> AuthSessionRepo::remove_for_user(Id user_id) {
  auto& q = db_.stmt("DELETE FROM auth_sessions WHERE user_id = ?");
  q.bind_all(user_id);
  CW_TRY(q.run());
  return db_.changes();
}

Result<int> AuthSessionRepo::remove_created_before(Instant cutoff) {
  auto& q = db_.stmt("DELETE FROM auth_sessions WHERE created < ?");
  q.bind_all(seconds(cutoff));
  CW_TRY(q.run());
  return db_.changes();
}

}  // namespace cw::store
