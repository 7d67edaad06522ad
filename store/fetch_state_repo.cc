#include "store/fetch_state_repo.h"

namespace cw::store {
namespace {

std::optional<Instant> opt_instant(const store::Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return Instant{std::chrono::seconds{s.int64(col)}};
}

std::optional<std::int64_t> opt_seconds(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return t->time_since_epoch().count();
}

}  // namespace

Result<std::optional<FetchState>> FetchStateRepo::find(const std::string& source) {
  auto& s = db_.stmt(
      "SELECT source, url, etag, last_modified, content_hash, last_attempt, last_success, "
      "last_error FROM fetch_state WHERE source = ?");
  s.bind(1, source);
  if (!CW_TRY(s.step())) return std::optional<FetchState>{};
  FetchState f{s.text(0), s.text(1),         s.text(2),         s.text(3),
               s.text(4), opt_instant(s, 5), opt_instant(s, 6), s.text(7)};
  s.reset();
  return std::optional<FetchState>(std::move(f));
}

Result<void> FetchStateRepo::save(const FetchState& f) {
  auto& s = db_.stmt(
      "INSERT INTO fetch_state (source, url, etag, last_modified, content_hash, last_attempt, "
      "last_success, last_error) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (source) DO UPDATE SET "
      "url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified, "
      "content_hash = excluded.content_hash, last_attempt = excluded.last_attempt, "
      "last_success = excluded.last_success, last_error = excluded.last_error");
  s.bind_all(f.source, f.url, f.etag, f.last_modified, f.content_hash, opt_seconds(f.last_attempt),
             opt_seconds(f.last_success), f.last_error);
  return s.run();
}

}  // namespace cw::store
