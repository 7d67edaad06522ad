// What a calendar feed shows, as feeds/' input (web side of feeds/).
//
// load_feed_facts() returns the sessions a feed may show, from the first date
// any feed shows (feeds::first_shown_date) on, read by store/feed_rows.h;
// feeds::select_events() then decides what is shown. The digest and
// data_version that decide when to rebuild are store::feed_data_digest() and
// store::data_version() (see web/feed_service.h). Callers hold one read
// transaction around these calls so that they see one snapshot. Not
// thread-safe: one Database per call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/feed_content.h"
#include "store/db.h"
#include "store/feed_rows.h"

namespace cw::web {

struct FeedQuery {
  feeds::FeedKind kind = feeds::FeedKind::open;
  std::optional<Id> volunteer;      // volunteer feeds
  std::optional<std::string> site;  // site feeds
  LocalDate from{};
};

Result<std::vector<feeds::SessionFacts>> load_feed_facts(store::Database& db, const FeedQuery& q);

using store::DataDigest;

}  // namespace cw::web
