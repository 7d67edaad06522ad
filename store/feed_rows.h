// What a calendar feed is built from, read from the database (feeds/ is pure
// and never sees SQL; web/feed_source.h turns these rows into its input).
//
// feed_rows() returns the sessions a feed may show, dated from `from` on,
// each with its site, coverage (live assignments, core/domain.h is_live()),
// last change, and for a volunteer feed that volunteer's assignment state.
// feed_data_digest() identifies the state of every row a feed body can depend
// on (sessions, assignments, sites, tokens): the change count that triggers
// keep in the writing transaction (schema v6, feed_changes), so equal digests
// mean equal bodies for the same feed and day, and it costs one row read. A
// read error is an error, never a made-up digest. Callers
// hold one read transaction around these calls so that they see one
// snapshot. Not thread-safe, like the Database they use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

struct FeedRow {
  Session session;
  Site site;
  Instant updated{};              // last change of the session row
  Instant assignments_updated{};  // last change of its assignments (epoch if none)
  int assigned = 0;               // live assignments
  std::optional<AssignmentState> mine;
};

struct FeedRowQuery {
  LocalDate from{};
  std::optional<Id> volunteer;      // only sessions this volunteer has an assignment in
  std::optional<std::string> site;  // only this site
};

Result<std::vector<FeedRow>> feed_rows(Database& db, const FeedRowQuery& q);

// The feed_changes counter itself: compared for equality only.
using DataDigest = std::uint64_t;
Result<DataDigest> feed_data_digest(Database& db);
// SQLite's per-connection counter of commits made by other connections.
Result<std::int64_t> data_version(Database& db);

}  // namespace cw::store
