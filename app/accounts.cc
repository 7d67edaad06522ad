#include "app/accounts.h"

#include <sodium.h>

#include <charconv>

#include "app/audit_text.h"
#include "core/text.h"
#include "store/audit_repo.h"
#include "store/token_repo.h"
#include "store/user_repo.h"

namespace cw::app {
namespace {

constexpr std::size_t kMaxNameLength = 64;

// Account changes are audited by user name, role and token id: never a secret.
Result<void> audit_account(store::Database& db, Instant at, std::string_view actor,
                           std::string_view action, const std::string& user,
                           std::optional<Id> token = std::nullopt) {
  Phrase values;
  values.arg("user", user);
  if (token) values.arg("token", std::to_string(*token));
  return record_audit(db, at, actor, action, values);
}

Result<void> ensure_sodium() {
  if (sodium_init() < 0) return fail(Error::internal("libsodium failed to initialize"));
  return {};
}

// A user name: 1-64 of a-z 0-9 . _ -, starting with a letter or digit.
// Upper case is folded, so "Ana" and "ana" are one account.
Result<std::string> normalize_name(std::string_view raw) {
  std::string name = lower_ascii(trim(raw));
  if (name.empty()) return fail(Error::invalid("the user name is empty"));
  if (name.size() > kMaxNameLength) {
    return fail(Error::invalid("user name '" + name + "' is longer than 64 characters"));
  }
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return fail(Error::invalid("user name '" + name +
                                 "' may only contain letters a-z, digits, '.', '_' and '-'"));
    }
  }
  if (name.front() == '.' || name.front() == '-' || name.front() == '_') {
    return fail(Error::invalid("user name '" + name + "' must start with a letter or digit"));
  }
  return name;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Result<void> check_new_password(std::string_view password) {
  if (password.empty()) return fail(Error::invalid("the password is empty"));
  if (!valid_utf8(password)) return fail(Error::invalid("the password is not valid UTF-8"));
  if (utf8_length(password) < kMinPasswordLength) {
    return fail(Error::invalid("the password is too short: it needs at least " +
                               std::to_string(kMinPasswordLength) + " characters"));
  }
  if (password.size() > kMaxPasswordLength) {
    return fail(Error::invalid("the password is too long: at most " +
                               std::to_string(kMaxPasswordLength) + " bytes"));
  }
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  CW_TRY(ensure_sodium());
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_argon2id_str(out.data(), password.data(), password.size(),
                                 crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) != 0) {
    return fail(Error::internal("cannot hash the password: out of memory"));
  }
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// A hash of a random password, verified against when there is no real hash,
// so that an unknown user name costs the same as a wrong password.
const std::string& dummy_hash() {
  static const std::string hash = [] {
    const std::string random = store::random_token();
    return hash_password(random).value_or(std::string());
  }();
  return hash;
}

bool verify(const std::string& hash, std::string_view password) {
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<Id> parse_id(std::string_view s) {
  Id v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<User> add_user(store::Database& db, const Clock& clock, std::string_view actor,
                      const NewUser& u) {
  User user;
  user.name = CW_TRY(normalize_name(u.name));
  user.role = u.role;
  if (!u.locale.empty() && u.locale != "en" && u.locale != "es") {
    return fail(Error::invalid("locale '" + u.locale + "' is not supported (en or es)"));
  }
  user.locale = u.locale;
  CW_TRY(check_new_password(u.password));
  const std::string hash = CW_TRY(hash_password(u.password));
  auto tx = CW_TRY(db.begin_immediate());
  user.created = clock.now();
  user.id = CW_TRY(store::UserRepo(db).insert(user, hash));
  CW_TRY(
      record_audit(db, user.created, actor, "user.add",
                   Phrase{}.arg("user", user.name).arg("role", std::string(to_string(user.role)))));
  CW_TRY(tx.commit());
  return user;
}

Result<std::vector<User>> list_users(store::Database& db) { return store::UserRepo(db).all(); }

Result<Disabled> disable_user(store::Database& db, const Clock& clock, std::string_view actor,
                              const std::string& raw_name) {
  const std::string name = CW_TRY(normalize_name(raw_name));
  auto tx = CW_TRY(db.begin_immediate());
  const auto row = CW_TRY(store::UserRepo(db).find_by_name(name));
  if (!row) return fail(Error::not_found("no user named '" + name + "'"));
  const Instant now = clock.now();
  CW_TRY(store::UserRepo(db).set_disabled(row->user.id, true));
  Disabled d;
  d.sessions_ended = CW_TRY(store::AuthSessionRepo(db).remove_for_user(row->user.id));
  d.tokens_revoked = CW_TRY(
      store::TokenRepo(db).revoke_all(store::TokenPurpose::api, std::to_string(row->user.id), now));
  CW_TRY(audit_account(db, now, actor, "user.disable", name));
  CW_TRY(tx.commit());
  return d;
}

Result<std::optional<User>> check_password(store::Database& db, const std::string& raw_name,
                                           std::string_view password) {
  CW_TRY(ensure_sodium());
  const auto name = normalize_name(raw_name);
  std::optional<store::UserRow> row;
  if (name) row = CW_TRY(store::UserRepo(db).find_by_name(*name));
  const bool usable = row && !row->user.disabled && password.size() <= kMaxPasswordLength;
  // Always one Argon2id verification, whatever the outcome.
  const bool ok =
      verify(usable ? row->password_hash : dummy_hash(), password.substr(0, kMaxPasswordLength));
  if (!usable || !ok) return std::optional<User>{};
  return std::optional<User>(row->user);
}

Result<NewSession> start_session(store::Database& db, const Clock& clock, const User& user) {
  CW_TRY(ensure_sodium());
  NewSession s{store::random_token(), store::random_token()};
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  store::AuthSessionRepo sessions(db);
  CW_TRY(sessions.remove_created_before(now - kSessionAbsolute));
  CW_TRY(sessions.insert(store::hash_token(s.token), user.id, s.csrf, now));
  CW_TRY(audit_account(db, now, user.name, "login", user.name));
  CW_TRY(tx.commit());
  return s;
}

bool session_live(Instant created, Instant last_seen, Instant now) {
  return now < created + kSessionAbsolute && now < last_seen + kSessionIdle;
}

Result<std::optional<ActiveSession>> find_session(store::Database& db, const Clock& clock,
                                                  std::string_view token,
                                                  const SeenSince& seen_since) {
  if (!store::well_formed_token(token)) return std::optional<ActiveSession>{};
  const auto row = CW_TRY(store::AuthSessionRepo(db).find(store::hash_token(token)));
  if (!row || row->user.disabled) return std::optional<ActiveSession>{};
  Instant last = row->last_seen;
  if (seen_since) last = std::max(last, seen_since(row->id).value_or(last));
  if (!session_live(row->created, last, clock.now())) return std::optional<ActiveSession>{};
  return std::optional<ActiveSession>(
      ActiveSession{row->id, row->user, row->csrf, row->created, last});
}

Result<void> touch_session(store::Database& db, Id session_id, Instant at) {
  return store::AuthSessionRepo(db).touch(session_id, at);
}

Result<void> end_session(store::Database& db, const Clock& clock, std::string_view token) {
  if (!store::well_formed_token(token)) return {};
  auto tx = CW_TRY(db.begin_immediate());
  store::AuthSessionRepo sessions(db);
  const auto row = CW_TRY(sessions.find(store::hash_token(token)));
  if (!row) return {};
  CW_TRY(sessions.remove(row->id));
  CW_TRY(audit_account(db, clock.now(), row->user.name, "logout", row->user.name));
  return tx.commit();
}

Result<IssuedApiToken> create_api_token(store::Database& db, const Clock& clock,
                                        std::string_view actor, const std::string& raw_name) {
  CW_TRY(ensure_sodium());
  const std::string name = CW_TRY(normalize_name(raw_name));
  auto tx = CW_TRY(db.begin_immediate());
  const auto row = CW_TRY(store::UserRepo(db).find_by_name(name));
  if (!row) return fail(Error::not_found("no user named '" + name + "'"));
  if (row->user.disabled) return fail(Error::conflict("user '" + name + "' is disabled"));
  const Instant now = clock.now();
  const auto issued = CW_TRY(store::TokenRepo(db).issue_random(store::TokenPurpose::api,
                                                               std::to_string(row->user.id), now));
  CW_TRY(audit_account(db, now, actor, "api-token.create", name, issued.id));
  CW_TRY(tx.commit());
  return IssuedApiToken{issued.id, issued.token};
}

Result<void> revoke_api_token(store::Database& db, const Clock& clock, std::string_view actor,
                              Id token_id) {
  auto tx = CW_TRY(db.begin_immediate());
  store::TokenRepo tokens(db);
  const auto row = CW_TRY(tokens.find(token_id));
  if (!row || row->purpose != store::TokenPurpose::api) {
    return fail(Error::not_found("no API token with id " + std::to_string(token_id)));
  }
  const Instant now = clock.now();
  if (!CW_TRY(tokens.revoke(token_id, now))) {
    return fail(Error::conflict("API token " + std::to_string(token_id) + " is already revoked"));
  }
  CW_TRY(record_audit(db, now, actor, "api-token.revoke",
                      Phrase{}.arg("token", std::to_string(token_id))));
  return tx.commit();
}

Result<std::vector<ApiTokenInfo>> list_api_tokens(store::Database& db) {
  const auto rows = CW_TRY(store::TokenRepo(db).list(store::TokenPurpose::api));
  store::UserRepo users(db);
  std::vector<ApiTokenInfo> out;
  for (const auto& r : rows) {
    const auto id = parse_id(r.subject);
    std::optional<User> owner;
    if (id) owner = CW_TRY(users.find(*id));
    out.push_back({r.id, owner ? owner->name : "?", r.created, r.revoked});
  }
  return out;
}

Result<std::optional<User>> user_for_api_token(store::Database& db, std::string_view token) {
  const auto match = CW_TRY(store::TokenRepo(db).lookup(token));
  if (!match || match->purpose != store::TokenPurpose::api) return std::optional<User>{};
  const auto id = parse_id(match->subject);
  if (!id) return std::optional<User>{};
  auto user = CW_TRY(store::UserRepo(db).find(*id));
  if (!user || user->disabled) return std::optional<User>{};
  return user;
}

}  // namespace cw::app
