// Answers calendar feed requests: token → feed → body, cached.
//
// find() looks the token up (store/token_repo.h: hash, constant-time compare),
// checks that it opens this kind of feed (and this site), and returns the
// feed's body with its ETag and Last-Modified. Bodies are cached per feed and
// reused while (a) the data digest is unchanged and (b) the selection is
// still valid (feeds::Selection::valid_until: the next UTC midnight, or when
// a kept cancelled session drops out). The digest (web/feed_source.h) is
// recomputed on a connection only when PRAGMA data_version says another
// connection committed. Token lookups are cached too (token -> kind and
// subject), stamped with an epoch that moves whenever any pooled connection
// sees a commit, so a poll while nothing changed — the common case, usually a
// 304 — costs one PRAGMA data_version (no table read, no transaction) and two
// hash-map lookups. Why that is safe: a connection whose data_version did not
// move has seen no commit since its last look, and every connection's first
// look after a commit moves the epoch, before any cached answer is reused;
// an entry is stamped with the epoch read before its snapshot began, so one
// built across a commit is already stale.
//
// Cheaper still, the common poll takes no connection at all: the service
// remembers the WAL-index header (store/commit_probe.h) read just before the
// snapshot of its last full look, with that look's digest. While the header
// read for a request is still that one, nothing has been committed since, so
// the digest is current and a token answer stamped with the current epoch is
// valid: a read of the mapped header and two hash-map lookups, no SQLite
// call, no system call. Any other header (a commit, or one being written)
// takes the path above, which moves the epoch first if anything changed. A
// header is remembered only with a digest of a snapshot that began after it
// was read, so a remembered pair never claims an older state than the header
// says. DTSTAMP is the latest change of the feed's data, never the request
// time, so equal data gives equal bytes and the same ETag; when a body
// changes without a later change time (a session dropping out),
// Last-Modified becomes the time of regeneration.
//
// The service keeps its own connection pool, whose connections live as long
// as the service (the per-connection data_version state is keyed by them).
// Thread-safe: call find() from any number of HTTP workers.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "feeds/feed_content.h"
#include "store/commit_probe.h"
#include "store/pool.h"
#include "store/token_repo.h"
#include "web/feed_source.h"

namespace cw::web {

struct FeedServiceOptions {
  std::string db_path;
  std::string public_url;  // no trailing slash
  std::string coordinator_contact;
};

struct FeedBody {
  std::string body;
  std::string etag;  // strong, quoted
  Instant last_modified{};
  std::string last_modified_http;  // last_modified as an IMF-fixdate, for the header
};

class FeedService {
 public:
  FeedService(FeedServiceOptions opts, const Clock& clock);

  // The feed opened by `token` (and `site`, for site feeds), or nullptr when
  // the token is unknown, malformed, revoked or for another feed.
  Result<std::shared_ptr<const FeedBody>> find(feeds::FeedKind kind, std::string_view token,
                                               std::string_view site);
  // find()'s first step alone: the feed when the WAL-index header says
  // nothing was committed since it was cached and checked for this token;
  // nullptr when only find() can tell. No SQLite call, no system call, only
  // the cache's shared lock (held exclusively just for a map insert): for
  // the HTTP event loop, which must not block.
  std::shared_ptr<const FeedBody> find_unchanged(feeds::FeedKind kind, std::string_view token,
                                                 std::string_view site);

 private:
  struct Cached {
    std::shared_ptr<const FeedBody> feed;
    DataDigest digest{};
    Instant valid_until{};
  };
  struct ConnState {
    std::int64_t data_version = -1;
    DataDigest digest{};
  };
  struct TokenHit {
    feeds::FeedKind kind{};
    std::string subject;
    std::uint64_t epoch = 0;
  };

  // The digest as this connection sees it; `unchanged` tells whether its
  // data_version is the one of its last look (then nothing was committed since).
  Result<DataDigest> current_digest(store::Database& db, bool* unchanged = nullptr);
  // The cached feed for a token when `header` is the remembered one; nullptr
  // when it moved or the token has no current answer.
  std::shared_ptr<const FeedBody> cached_unchanged(feeds::FeedKind kind, std::string_view token,
                                                   std::string_view site,
                                                   const store::CommitProbe::Header& header,
                                                   Instant now);
  // The WAL-index header now, when the probe is open and the header settled.
  std::optional<store::CommitProbe::Header> read_header() const;
  // Remembers `header` (read before the snapshot `digest` was computed in).
  void remember(const std::optional<store::CommitProbe::Header>& header, const DataDigest& digest);
  // The cached feed for a token when nothing changed since it was cached.
  std::shared_ptr<const FeedBody> cached_locked(feeds::FeedKind kind, std::string_view token,
                                                std::string_view site, const DataDigest& digest,
                                                Instant now);  // cache_mutex_ held
  std::shared_ptr<const FeedBody> cached(feeds::FeedKind kind, std::string_view token,
                                         std::string_view site, const DataDigest& digest,
                                         Instant now);
  Result<Cached> build(store::Database& db, feeds::FeedKind kind, const std::string& subject,
                       Instant now, const std::shared_ptr<const FeedBody>& previous);
  std::string calendar_name(store::Database& db, feeds::FeedKind kind, const std::string& subject);
  std::string self_service_url(store::Database& db, const std::string& volunteer);

  FeedServiceOptions opts_;
  const Clock& clock_;
  store::Pool pool_;
  std::optional<store::TokenSecret> secret_;

  std::mutex conn_mutex_;
  std::unordered_map<const store::Database*, ConnState> conns_;
  std::atomic<std::uint64_t> epoch_{1};
  std::optional<store::CommitProbe> probe_;  // set once, with the first connection
  std::once_flag probe_once_;
  std::atomic<bool> probe_ready_{false};  // probe_ is set (or failed to open)
  struct Seen {
    store::CommitProbe::Header header{};
    DataDigest digest{};
  };
  std::optional<Seen> seen_;  // guarded by cache_mutex_
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::string, Cached> cache_;  // by kind and subject
  // Looked up by a string_view: no copy of the token per request.
  struct TokenHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, TokenHit, TokenHash, std::equal_to<>>
      token_hits_;  // by token (memory only)
};

}  // namespace cw::web
