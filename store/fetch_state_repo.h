// The `fetch_state` table: what the last fetch of each remote source
// returned (validators for the next conditional GET, a hash of the last
// content imported, and the times and error of the last attempts). The rule
// that reads and writes it is scrapers/fetch/fetch_state.h. Not thread-safe:
// the caller's Database.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "store/db.h"

namespace cw::store {

struct FetchState {
  std::string source;  // the configured source name, or the URL for a one-off import
  std::string url;
  std::string etag;
  std::string last_modified;
  std::string content_hash;
  std::optional<Instant> last_attempt;
  std::optional<Instant> last_success;
  std::string last_error;
};

class FetchStateRepo {
 public:
  explicit FetchStateRepo(Database& db) : db_(db) {}
  Result<std::optional<FetchState>> find(const std::string& source);
  Result<void> save(const FetchState& s);

 private:
  Database& db_;
};

}  // namespace cw::store
