#include "scrapers/fetch/fetch_state.h"

#include <cstdio>

namespace cw::scrapers {
namespace {

using store::FetchState;
using store::FetchStateRepo;

FetchState fresh_state(const std::string& source, const std::string& url) {
  FetchState f;
  f.source = source;
  f.url = url;
  return f;
}

}  // namespace

std::string content_hash(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  (void)std::snprintf(buf, sizeof buf, "%016llx",
                      static_cast<unsigned long long>(h));  // always fits
  return buf;
}

Result<Fetched> fetch_if_changed(store::Database& db, HttpFetcher& fetcher,
                                 const std::string& source, const std::string& url,
                                 const Clock& clock) {
  FetchStateRepo repo(db);
  auto state = CW_TRY(repo.find(source)).value_or(fresh_state(source, url));
  if (state.url != url) state = fresh_state(source, url);  // a new URL: no validators
  HttpRequest req{url, state.etag, state.last_modified};
  auto res = fetcher.get(req);
  if (!res) {
    CW_TRY(record_failure(db, source, url, res.error().message, clock));
    return fail(std::move(res).error());
  }
  Fetched out;
  out.next = state;
  out.next.last_attempt = clock.now();
  if (res->status == 304) {
    CW_TRY(record_success(db, out.next, clock));
    return out;
  }
  if (res->status != 200) {
    auto e = http_status_error(url, res->status);
    CW_TRY(record_failure(db, source, url, e.message, clock));
    return fail(std::move(e));
  }
  out.next.etag = res->etag;
  out.next.last_modified = res->last_modified;
  const auto hash = content_hash(res->body);
  if (hash == state.content_hash) {
    CW_TRY(record_success(db, out.next, clock));
    return out;
  }
  out.next.content_hash = hash;
  out.changed = true;
  out.body = std::move(res->body);
  return out;
}

Result<void> record_success(store::Database& db, FetchState next, const Clock& clock) {
  next.last_attempt = next.last_success = clock.now();
  next.last_error.clear();
  return FetchStateRepo(db).save(next);
}

Result<void> record_failure(store::Database& db, const std::string& source, const std::string& url,
                            const std::string& error, const Clock& clock) {
  FetchStateRepo repo(db);
  auto state = CW_TRY(repo.find(source)).value_or(fresh_state(source, url));
  state.url = url;
  state.last_attempt = clock.now();
  state.last_error = error;
  return repo.save(state);
}

}  // namespace cw::scrapers
