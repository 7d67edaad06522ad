// Reads what a calendar feed shows from the database (web side of feeds/).
//
// load_feed_facts() returns the sessions a feed may show, from the first date
// any feed shows (feeds::first_shown_date) on, each with its site, coverage
// and last change, and for a volunteer feed that volunteer's assignment;
// feeds::select_events() then decides what is shown. data_digest() hashes
// every row a feed body can depend on (sessions, assignments, sites, tokens),
// so that equal digests mean equal bodies for the same feed and day; it is
// computed only when SQLite's PRAGMA data_version says another connection
// committed (see web/feed_service.h). Callers hold one read transaction
// around these calls so that they see one snapshot. Not thread-safe: one
// Database per call.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "feeds/feed_content.h"
#include "store/db.h"

namespace cw::web {

struct FeedQuery {
  feeds::FeedKind kind = feeds::FeedKind::open;
  std::optional<Id> volunteer;      // volunteer feeds
  std::optional<std::string> site;  // site feeds
  LocalDate from{};
};

Result<std::vector<feeds::SessionFacts>> load_feed_facts(store::Database& db, const FeedQuery& q);

using DataDigest = std::array<unsigned char, 16>;
Result<DataDigest> data_digest(store::Database& db);
// SQLite's per-connection counter of commits made by other connections.
Result<std::int64_t> data_version(store::Database& db);

}  // namespace cw::web
