// Secret tokens for calendar feeds and volunteer self-service links
// (DESIGN.md §6, §11).
//
// A token is 128 bits, written as 26 lowercase base32 characters. It is not
// stored: the `tokens` table keeps only its BLAKE2b hash (crypto_generichash)
// with the purpose and subject it opens, and a presented token is found by
// that hash and compared with sodium_memcmp. Tokens are separate from every
// other credential (their own key, their own purposes).
//
// So that `courtwatch feed-url` can print the same URL again, a token is not
// drawn at random on each issue but derived: token = first 16 bytes of
// BLAKE2b keyed with a 256-bit server secret (randombytes_buf, created on
// first use in a file beside the database, mode 0600) over purpose, subject
// and version. The version of a stored token is its ordinal among the rows of
// the same (purpose, subject); rotating revokes the live row and adds the
// next, so the old URL answers 404 at once and the new one is unguessable
// without the secret. Anyone holding both the database and the secret file
// can derive live tokens: back them up separately (docs: operations).
//
// TokenRepo is not thread-safe, like the Database it uses; TokenSecret is an
// immutable value, safe to share.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

enum class TokenPurpose { feed_volunteer, feed_site, feed_open, volunteer_link, api };
std::string_view to_string(TokenPurpose p);

using TokenHash = std::array<unsigned char, 32>;
TokenHash hash_token(std::string_view token);
void bind_token_hash(Statement& q, int index, const TokenHash& h);
// 26 characters of the base32 alphabet (a-z, 2-7).
bool well_formed_token(std::string_view token);

// The key that tokens are derived with.
class TokenSecret {
 public:
  // Reads the secret at path, or creates it (mode 0600, atomically: two
  // processes starting at once agree on one secret). For start-up (`serve`,
  // the notifier) and write paths (issuing a token) only.
  static Result<TokenSecret> load_or_create(const std::string& path);
  // Reads the secret at path; nullopt when there is none yet. Never writes:
  // what read paths (every GET) use, so that a read fails closed instead of
  // minting a key.
  static Result<std::optional<TokenSecret>> load(const std::string& path);
  // Where the secret of a database lives: "<db>.token-key".
  static std::string path_for(const std::string& db_path);
  std::string derive(TokenPurpose purpose, std::string_view subject, std::int64_t version) const;
  // A keyed 128-bit MAC of `message` under a context label, as 26 base32
  // characters (the CSRF field of a volunteer page is mac("csrf", token)).
  std::string mac(std::string_view context, std::string_view message) const;
  // Compares `presented` with mac(context, message) in constant time.
  bool verify_mac(std::string_view context, std::string_view message,
                  std::string_view presented) const;

 private:
  std::array<unsigned char, 32> key_{};
};

enum class Rotation { keep, rotate };

struct TokenMatch {
  TokenPurpose purpose = TokenPurpose::feed_open;
  std::string subject;
  Id id = 0;
};

// A random token just issued: its row id and its text (shown once).
struct IssuedToken {
  Id id = 0;
  std::string token;
};

// A stored token row (never the token itself).
struct TokenRow {
  Id id = 0;
  TokenPurpose purpose = TokenPurpose::feed_open;
  std::string subject;
  Instant created{};
  std::optional<Instant> revoked;
};

// A random token in the base32 shape of every other token (128 bits).
std::string random_token();

class TokenRepo {
 public:
  explicit TokenRepo(Database& db) : db_(db) {}

  // The live token of (purpose, subject), issuing one when there is none;
  // Rotation::rotate revokes the live one first. Fails when the stored hash
  // does not match the re-derived token (the secret file was replaced).
  // Runs in the caller's transaction when one is open, else in its own.
  Result<std::string> issue(const TokenSecret& secret, TokenPurpose purpose,
                            const std::string& subject, Rotation rotation, Instant now);
  // The live token of (purpose, subject), or nullopt; never writes.
  Result<std::optional<std::string>> live(const TokenSecret& secret, TokenPurpose purpose,
                                          const std::string& subject);
  // The live token with this text, or nullopt. The same work is done for a
  // token that never existed, one that was revoked and one that is live.
  Result<std::optional<TokenMatch>> lookup(std::string_view token);

  // Stores a fresh random token for (purpose, subject); the caller's
  // transaction, if any, covers it.
  Result<IssuedToken> issue_random(TokenPurpose purpose, const std::string& subject, Instant now);
  // The row with this id, or nullopt.
  Result<std::optional<TokenRow>> find(Id id);
  // Every row of a purpose, oldest first.
  Result<std::vector<TokenRow>> list(TokenPurpose purpose);
  // Revokes one live row; false when it was already revoked.
  Result<bool> revoke(Id id, Instant now);
  // Revokes every live row of (purpose, subject); returns how many.
  Result<int> revoke_all(TokenPurpose purpose, const std::string& subject, Instant now);

 private:
  struct Live {
    Id id = 0;
    std::int64_t version = 0;
    TokenHash hash{};
  };
  Result<std::optional<Live>> find_live(TokenPurpose purpose, const std::string& subject);
  Database& db_;
};

}  // namespace cw::store
