// Conditional fetching of remote sources over the `fetch_state` table
// (store/fetch_state_repo.h).
//
// fetch_if_changed() is the rule "only re-import when the source changed":
// it sends the stored ETag / Last-Modified, and reports `changed = false` on
// 304 or when the body hashes to the content last imported. A failed fetch
// (transport error after the fetcher's retries, or a status other than 200 and
// 304) is recorded (last_attempt, last_error) and returned as an Error; the
// stored validators and the data already imported are left alone. After a
// successful import the caller commits the new validators with
// record_success(), so a failed import is re-tried on the next run instead of
// being skipped as "unchanged". Not thread-safe: the caller's Database.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "scrapers/fetch/http_fetcher.h"
#include "store/db.h"
#include "store/fetch_state_repo.h"

namespace cw::scrapers {

struct Fetched {
  bool changed = false;
  std::string body;        // empty unless changed
  store::FetchState next;  // the state to save once the body has been imported
};

Result<Fetched> fetch_if_changed(store::Database& db, HttpFetcher& fetcher,
                                 const std::string& source, const std::string& url,
                                 const Clock& clock);
// Saves next with last_success = now and no error.
Result<void> record_success(store::Database& db, store::FetchState next, const Clock& clock);
// Records a failed attempt (fetch or import) without touching the validators.
Result<void> record_failure(store::Database& db, const std::string& source, const std::string& url,
                            const std::string& error, const Clock& clock);

// A 64-bit FNV-1a hash of s as 16 hex digits: change detection, not security.
std::string content_hash(std::string_view s);

}  // namespace cw::scrapers
