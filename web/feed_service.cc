#include "web/feed_service.h"

#include <sodium.h>

#include "core/log.h"
#include "core/text.h"
#include "feeds/ical_writer.h"
#include "feeds/ical_zones.h"
#include "store/repos.h"

namespace cw::web {
namespace {

constexpr std::size_t kMaxCached = 20000;

std::string strong_etag(const std::string& body) {
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                     nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const unsigned char c : h) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out + "\"";
}

std::optional<store::TokenPurpose> purpose_of(feeds::FeedKind kind) {
  switch (kind) {
    case feeds::FeedKind::volunteer:
      return store::TokenPurpose::feed_volunteer;
    case feeds::FeedKind::site:
      return store::TokenPurpose::feed_site;
    case feeds::FeedKind::open:
      return store::TokenPurpose::feed_open;
  }
  return std::nullopt;
}

std::string http_date(Instant t) { return date::format("%a, %d %b %Y %H:%M:%S GMT", t); }

std::string cache_key(feeds::FeedKind kind, const std::string& subject) {
  return std::to_string(static_cast<int>(kind)) + "|" + subject;
}

}  // namespace

FeedService::FeedService(FeedServiceOptions opts, const Clock& clock)
    : opts_(std::move(opts)), clock_(clock), pool_(opts_.db_path, 4096) {
  // libical loads a zone on first lookup, unsynchronized; find() renders from
  // any number of threads, so every zone is loaded here, once per process,
  // for every user of the service (serve, tests, benches), before any find().
  static std::once_flag zones_loaded;
  std::call_once(zones_loaded, [] { (void)feeds::preload_ical_zones(); });
  auto secret = store::TokenSecret::load_or_create(store::TokenSecret::path_for(opts_.db_path));
  if (secret) {
    secret_ = *secret;
  } else {
    log::warning("feeds: volunteer self-service links left out: " + secret.error().message);
  }
}

Result<DataDigest> FeedService::current_digest(store::Database& db, bool* unchanged) {
  const auto version = CW_TRY(store::data_version(db));
  {
    std::lock_guard lock(conn_mutex_);
    const auto it = conns_.find(&db);
    if (it != conns_.end() && it->second.data_version == version) {
      if (unchanged) *unchanged = true;
      return it->second.digest;
    }
  }
  // Something was committed since this connection last looked (or it never
  // did): every cached token answer may be stale.
  epoch_.fetch_add(1);
  if (unchanged) *unchanged = false;
  const DataDigest digest = CW_TRY(store::feed_data_digest(db));
  std::lock_guard lock(conn_mutex_);
  conns_[&db] = ConnState{version, digest};
  return digest;
}

std::shared_ptr<const FeedBody> FeedService::cached_unchanged(
    feeds::FeedKind kind, std::string_view token, std::string_view site,
    const store::CommitProbe::Header& header, Instant now) {
  std::shared_lock lock(cache_mutex_);
  if (!seen_ || seen_->header != header) return nullptr;
  return cached_locked(kind, token, site, seen_->digest, now);
}

std::optional<store::CommitProbe::Header> FeedService::read_header() const {
  if (!probe_ready_.load(std::memory_order_acquire) || !probe_) return std::nullopt;
  return probe_->read();
}

std::shared_ptr<const FeedBody> FeedService::find_unchanged(feeds::FeedKind kind,
                                                            std::string_view token,
                                                            std::string_view site) {
  const auto header = read_header();
  if (!header) return nullptr;
  return cached_unchanged(kind, token, site, *header, clock_.now());
}

void FeedService::remember(const std::optional<store::CommitProbe::Header>& header,
                           const DataDigest& digest) {
  if (!header) return;
  std::unique_lock lock(cache_mutex_);
  seen_ = Seen{*header, digest};
}

std::shared_ptr<const FeedBody> FeedService::cached(feeds::FeedKind kind, std::string_view token,
                                                    std::string_view site, const DataDigest& digest,
                                                    Instant now) {
  std::shared_lock lock(cache_mutex_);
  return cached_locked(kind, token, site, digest, now);
}

std::shared_ptr<const FeedBody> FeedService::cached_locked(feeds::FeedKind kind,
                                                           std::string_view token,
                                                           std::string_view site,
                                                           const DataDigest& digest, Instant now) {
  const auto hit = token_hits_.find(token);
  if (hit == token_hits_.end() || hit->second.epoch != epoch_.load() || hit->second.kind != kind) {
    return nullptr;
  }
  if (kind == feeds::FeedKind::site && upper_ascii(site) != hit->second.subject) return nullptr;
  const auto it = cache_.find(cache_key(kind, hit->second.subject));
  if (it == cache_.end() || it->second.digest != digest || now >= it->second.valid_until) {
    return nullptr;
  }
  return it->second.feed;
}

std::string FeedService::self_service_url(store::Database& db, const std::string& volunteer) {
  if (!secret_) return {};
  auto token = store::TokenRepo(db).live(*secret_, store::TokenPurpose::volunteer_link, volunteer);
  if (!token || !*token) return {};
  return opts_.public_url + "/v/" + **token;
}

std::string FeedService::calendar_name(store::Database& db, feeds::FeedKind kind,
                                       const std::string& subject) {
  switch (kind) {
    case feeds::FeedKind::volunteer:
      return "Court watch · my sessions";
    case feeds::FeedKind::open:
      return "Court watch · open sessions";
    case feeds::FeedKind::site: {
      auto site = store::SiteRepo(db).find(subject);
      if (site && *site)
        return "Court watch · " + feeds::short_site_name(**site) + " (" + subject + ")";
      return "Court watch · " + subject;
    }
  }
  return "Court watch";
}

Result<FeedService::Cached> FeedService::build(store::Database& db, feeds::FeedKind kind,
                                               const std::string& subject, Instant now,
                                               const std::shared_ptr<const FeedBody>& previous) {
  FeedQuery q;
  q.kind = kind;
  q.from = feeds::first_shown_date(now);
  if (kind == feeds::FeedKind::volunteer) q.volunteer = std::stoll(subject);
  if (kind == feeds::FeedKind::site) q.site = subject;
  const auto facts = CW_TRY(load_feed_facts(db, q));
  const auto selection = feeds::select_events(kind, facts, now);

  feeds::FeedSpec spec;
  spec.kind = kind;
  spec.calendar_name = calendar_name(db, kind, subject);
  spec.public_url = opts_.public_url;
  spec.coordinator_contact = opts_.coordinator_contact;
  if (kind == feeds::FeedKind::volunteer) spec.self_service_url = self_service_url(db, subject);
  spec.stamp = selection.last_modified;

  auto feed = std::make_shared<FeedBody>();
  feed->body = CW_TRY(feeds::render_calendar(spec, selection));
  feed->etag = strong_etag(feed->body);
  feed->last_modified = selection.last_modified;
  if (previous && previous->etag != feed->etag && feed->last_modified <= previous->last_modified) {
    feed->last_modified = now;  // changed without a later change time: a session dropped out
  }
  feed->last_modified_http = http_date(feed->last_modified);
  return Cached{std::move(feed), {}, selection.valid_until};
}

Result<std::shared_ptr<const FeedBody>> FeedService::find(feeds::FeedKind kind,
                                                          std::string_view token,
                                                          std::string_view site) {
  // Fastest path: the WAL-index header has not moved since the last full
  // look (see the header). It is read before any snapshot below begins.
  const auto header = read_header();
  if (header) {
    if (auto feed = cached_unchanged(kind, token, site, *header, clock_.now())) return feed;
  }
  auto db = CW_TRY(pool_.acquire());
  if (!probe_ready_.load(std::memory_order_acquire)) {
    // Opened once a connection of ours holds the database (and its -shm) open.
    std::call_once(probe_once_, [this] {
      if (auto probe = store::CommitProbe::open(opts_.db_path)) probe_.emplace(std::move(*probe));
      probe_ready_.store(true, std::memory_order_release);
    });
  }
  {
    // Fast path: nothing committed since this connection last looked.
    bool unchanged = false;
    const DataDigest digest = CW_TRY(current_digest(*db, &unchanged));
    remember(header, digest);
    if (unchanged) {
      if (auto feed = cached(kind, token, site, digest, clock_.now())) return feed;
    }
  }
  const std::uint64_t epoch = epoch_.load();  // before the snapshot: see the header
  auto tx = CW_TRY(db->begin_deferred());     // one snapshot: token, digest and data
  const auto match = CW_TRY(store::TokenRepo(*db).lookup(token));
  if (!match || match->purpose != purpose_of(kind)) return std::shared_ptr<const FeedBody>{};
  if (kind == feeds::FeedKind::site && upper_ascii(site) != match->subject) {
    return std::shared_ptr<const FeedBody>{};
  }
  if (kind == feeds::FeedKind::volunteer &&
      (match->subject.empty() ||
       match->subject.find_first_not_of("0123456789") != std::string::npos)) {
    return std::shared_ptr<const FeedBody>{};
  }
  const DataDigest digest = CW_TRY(current_digest(*db));
  const Instant now = clock_.now();
  const std::string key = cache_key(kind, match->subject);
  std::shared_ptr<const FeedBody> feed, previous;
  {
    std::shared_lock lock(cache_mutex_);
    if (const auto it = cache_.find(key); it != cache_.end()) {
      const bool current = it->second.digest == digest && now < it->second.valid_until;
      (current ? feed : previous) = it->second.feed;
    }
  }
  Cached fresh;
  if (!feed) {
    fresh = CW_TRY(build(*db, kind, match->subject, now, previous));
    fresh.digest = digest;
    feed = fresh.feed;
  }
  std::unique_lock lock(cache_mutex_);
  if (fresh.feed) {
    if (cache_.size() >= kMaxCached) cache_.clear();
    cache_[key] = std::move(fresh);
  }
  if (token_hits_.size() >= kMaxCached) token_hits_.clear();
  token_hits_[std::string(token)] = TokenHit{kind, match->subject, epoch};
  return feed;
}

}  // namespace cw::web
