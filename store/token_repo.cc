#include "store/token_repo.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "store/epoch.h"

namespace cw::store {
namespace {

constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::size_t kTokenBytes = 16;
constexpr std::size_t kTokenChars = 26;

std::string base32(const unsigned char* data, std::size_t n) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

TokenHash column_hash(const Statement& q, int col) {
  TokenHash h{};
  const void* p = sqlite3_column_blob(q.raw(), col);
  if (p != nullptr && sqlite3_column_bytes(q.raw(), col) == static_cast<int>(h.size())) {
    std::memcpy(h.data(), p, h.size());
  }
  return h;
}

std::optional<TokenPurpose> parse_purpose(std::string_view s) {
  for (auto p : {TokenPurpose::feed_volunteer, TokenPurpose::feed_site, TokenPurpose::feed_open,
                 TokenPurpose::volunteer_link, TokenPurpose::api}) {
    if (to_string(p) == s) return p;
  }
  return std::nullopt;
}

Result<std::string> read_secret_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(Error::io(path + ": cannot read the token secret: " + std::strerror(errno)));
  std::string data(64, '\0');
  const auto n = ::read(fd, data.data(), data.size());
  ::close(fd);
  if (n != 32) return fail(Error::io(path + ": the token secret must be exactly 32 bytes"));
  data.resize(32);
  return data;
}

// Writes a fresh secret to a private temporary file and links it into place;
// link() fails if another process got there first, and then its secret wins.
Result<void> create_secret_file(const std::string& path) {
  std::array<unsigned char, 32> key{};
  randombytes_buf(key.data(), key.size());
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail(Error::io(tmp + ": cannot create the token secret: " + std::strerror(errno)));
  const bool ok =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(key.data(), key.size());
  if (!ok) {
    ::unlink(tmp.c_str());
    return fail(Error::io(tmp + ": cannot write the token secret"));
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return fail(Error::io(path + ": cannot create the token secret: " + std::strerror(link_errno)));
  }
  return {};
}

}  // namespace

std::string_view to_string(TokenPurpose p) {
  switch (p) {
    case TokenPurpose::feed_volunteer:
      return "feed-volunteer";
    case TokenPurpose::feed_site:
      return "feed-site";
    case TokenPurpose::feed_open:
      return "feed-open";
    case TokenPurpose::volunteer_link:
      return "volunteer-link";
    case TokenPurpose::api:
      return "api";
  }
  return "feed-open";
}

void bind_token_hash(Statement& q, int index, const TokenHash& h) {
  sqlite3_bind_blob(q.raw(), index, h.data(), static_cast<int>(h.size()), SQLITE_TRANSIENT);
}

TokenHash hash_token(std::string_view token) {
  TokenHash h{};
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return h;
}

bool well_formed_token(std::string_view token) {
  if (token.size() != kTokenChars) return false;
  for (const char c : token) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

std::string TokenSecret::path_for(const std::string& db_path) { return db_path + ".token-key"; }

Result<TokenSecret> TokenSecret::load_or_create(const std::string& path) {
  if (sodium_init() < 0) return fail(Error::internal("libsodium failed to initialize"));
  if (::access(path.c_str(), F_OK) != 0) CW_TRY(create_secret_file(path));
  auto s = CW_TRY(load(path));
  if (!s) return fail(Error::io(path + ": the token secret vanished right after it was created"));
  return *s;
}

Result<std::optional<TokenSecret>> TokenSecret::load(const std::string& path) {
  if (sodium_init() < 0) return fail(Error::internal("libsodium failed to initialize"));
  if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return std::optional<TokenSecret>{};
  const auto data = CW_TRY(read_secret_file(path));
  TokenSecret s;
  std::memcpy(s.key_.data(), data.data(), s.key_.size());
  return std::optional<TokenSecret>{s};
}

std::string TokenSecret::derive(TokenPurpose purpose, std::string_view subject,
                                std::int64_t version) const {
  std::string input = "courtwatch-token-v1";
  input += '\0';
  input += to_string(purpose);
  input += '\0';
  input += subject;
  input += '\0';
  input += std::to_string(version);
  std::array<unsigned char, kTokenBytes> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), key_.data(), key_.size());
  return base32(out.data(), out.size());
}

std::string TokenSecret::mac(std::string_view context, std::string_view message) const {
  std::string input = "courtwatch-mac-v1";
  input += '\0';
  input += context;
  input += '\0';
  input += message;
  std::array<unsigned char, kTokenBytes> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), key_.data(), key_.size());
  return base32(out.data(), out.size());
}

bool TokenSecret::verify_mac(std::string_view context, std::string_view message,
                             std::string_view presented) const {
  const std::string expected = mac(context, message);
  if (presented.size() != expected.size()) return false;
  return sodium_memcmp(expected.data(), presented.data(), expected.size()) == 0;
}

Result<std::optional<TokenRepo::Live>> TokenRepo::find_live(TokenPurpose purpose,
                                                            const std::string& subject) {
  auto& q = db_.stmt(
      "SELECT t.id, t.token_hash, (SELECT count(*) FROM tokens o WHERE o.purpose = t.purpose "
      "AND o.subject = t.subject AND o.id <= t.id) FROM tokens t "
      "WHERE t.purpose = ? AND t.subject = ? AND t.revoked IS NULL ORDER BY t.id DESC LIMIT 1");
  q.bind_all(to_string(purpose), subject);
  if (!CW_TRY(q.step())) return std::optional<Live>{};
  Live l{q.int64(0), q.int64(2), column_hash(q, 1)};
  q.reset();
  return std::optional<Live>(l);
}

Result<std::optional<std::string>> TokenRepo::live(const TokenSecret& secret, TokenPurpose purpose,
                                                   const std::string& subject) {
  const auto row = CW_TRY(find_live(purpose, subject));
  if (!row) return std::optional<std::string>{};
  std::string token = secret.derive(purpose, subject, row->version);
  const TokenHash h = hash_token(token);
  if (sodium_memcmp(h.data(), row->hash.data(), h.size()) != 0) {
    return fail(Error::conflict(std::string("the stored ") + std::string(to_string(purpose)) +
                                " token was made with another secret; rotate it (--rotate)"));
  }
  return std::optional<std::string>(std::move(token));
}

Result<std::string> TokenRepo::issue(const TokenSecret& secret, TokenPurpose purpose,
                                     const std::string& subject, Rotation rotation, Instant now) {
  // Its own transaction, or the caller's when one is open (an app/ use case
  // that issues and audits in one).
  std::optional<Transaction> tx;
  if (sqlite3_get_autocommit(db_.raw()) != 0) tx.emplace(CW_TRY(db_.begin_immediate()));
  const auto ts = static_cast<std::int64_t>(now.time_since_epoch().count());
  if (rotation == Rotation::keep) {
    if (auto token = CW_TRY(live(secret, purpose, subject))) {
      if (tx) CW_TRY(tx->commit());
      return std::move(*token);
    }
  } else {
    auto& r = db_.stmt(
        "UPDATE tokens SET revoked = ? WHERE purpose = ? AND subject = ? AND revoked IS NULL");
    r.bind_all(ts, to_string(purpose), subject);
    CW_TRY(r.run());
  }
  auto& n = db_.stmt("SELECT count(*) FROM tokens WHERE purpose = ? AND subject = ?");
  n.bind_all(to_string(purpose), subject);
  CW_TRY(n.step());
  const std::int64_t version = n.int64(0) + 1;
  n.reset();
  std::string token = secret.derive(purpose, subject, version);
  auto& ins =
      db_.stmt("INSERT INTO tokens (token_hash, purpose, subject, created) VALUES (?, ?, ?, ?)");
  bind_token_hash(ins, 1, hash_token(token));
  ins.bind(2, to_string(purpose)).bind(3, subject).bind(4, ts);
  CW_TRY(ins.run());
  if (tx) CW_TRY(tx->commit());
  return token;
}

Result<std::optional<TokenMatch>> TokenRepo::lookup(std::string_view token) {
  // The hash is computed for every presented string, well-formed or not, so
  // a malformed token costs the same as an unknown one.
  const TokenHash h = hash_token(token);
  const bool shaped = well_formed_token(token);
  auto& q = db_.stmt(
      "SELECT token_hash, purpose, subject, revoked IS NULL, id FROM tokens WHERE token_hash = ?");
  bind_token_hash(q, 1, h);
  if (!CW_TRY(q.step())) return std::optional<TokenMatch>{};
  const TokenHash stored = column_hash(q, 0);
  const auto purpose = parse_purpose(q.text(1));
  std::string subject = q.text(2);
  const bool live = q.int64(3) != 0;
  const Id id = q.int64(4);
  q.reset();
  const bool same = sodium_memcmp(stored.data(), h.data(), h.size()) == 0;
  if (!same || !live || !shaped || !purpose) return std::optional<TokenMatch>{};
  return std::optional<TokenMatch>(TokenMatch{*purpose, std::move(subject), id});
}

std::string random_token() {
  std::array<unsigned char, kTokenBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string token = base32(raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return token;
}

Result<IssuedToken> TokenRepo::issue_random(TokenPurpose purpose, const std::string& subject,
                                            Instant now) {
  IssuedToken out{0, random_token()};
  auto& ins =
      db_.stmt("INSERT INTO tokens (token_hash, purpose, subject, created) VALUES (?, ?, ?, ?)");
  bind_token_hash(ins, 1, hash_token(out.token));
  ins.bind(2, to_string(purpose)).bind(3, subject).bind(4, seconds(now));
  CW_TRY(ins.run());
  out.id = db_.last_insert_rowid();
  return out;
}

namespace {

TokenRow read_token_row(const Statement& q) {
  TokenRow r;
  r.id = q.int64(0);
  r.purpose = parse_purpose(q.text(1)).value_or(TokenPurpose::feed_open);
  r.subject = q.text(2);
  r.created = Instant{std::chrono::seconds{q.int64(3)}};
  if (auto at = q.opt_int64(4)) r.revoked = Instant{std::chrono::seconds{*at}};
  return r;
}

}  // namespace

Result<std::optional<TokenRow>> TokenRepo::find(Id id) {
  auto& q = db_.stmt("SELECT id, purpose, subject, created, revoked FROM tokens WHERE id = ?");
  q.bind_all(id);
  if (!CW_TRY(q.step())) return std::optional<TokenRow>{};
  TokenRow r = read_token_row(q);
  q.reset();
  return std::optional<TokenRow>(std::move(r));
}

Result<std::vector<TokenRow>> TokenRepo::list(TokenPurpose purpose) {
  auto& q = db_.stmt(
      "SELECT id, purpose, subject, created, revoked FROM tokens WHERE purpose = ? ORDER BY id");
  q.bind_all(to_string(purpose));
  std::vector<TokenRow> out;
  while (CW_TRY(q.step())) out.push_back(read_token_row(q));
  return out;
}

Result<bool> TokenRepo::revoke(Id id, Instant now) {
  auto& q = db_.stmt("UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL");
  q.bind_all(seconds(now), id);
  CW_TRY(q.run());
  return db_.changes() > 0;
}

Result<int> TokenRepo::revoke_all(TokenPurpose purpose, const std::string& subject, Instant now) {
  auto& q = db_.stmt(
      "UPDATE tokens SET revoked = ? WHERE purpose = ? AND subject = ? AND revoked IS NULL");
  q.bind_all(seconds(now), to_string(purpose), subject);
  CW_TRY(q.run());
  return db_.changes();
}

}  // namespace cw::store
