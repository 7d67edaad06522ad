// What a coordinator's daily digest lists, read from the store at send time
// (DESIGN.md §7): sessions of the coordinator's sites starting in the next
// 72 hours with fewer live assignments than they need (with the matcher's
// reason when the daemon provides one), declines, failed imports and failed
// messages of the last 24 hours. No case reference is read. Not thread-safe
// (one Database).
#pragma once

#include <functional>
#include <map>

#include "notify/compose.h"
#include "notify/notify_config.h"
#include "store/db.h"

namespace cw::notify {

// Why each unfilled session is unfilled (session id → reason), worded in the
// language of `locale` ("en", "es": the coordinator's), or an error. The
// daemon provides it from app/'s plan preview and phrase catalogs, which
// notify/ may not include (DESIGN.md §2): the words come in ready-made.
using UnfilledReasons =
    std::function<Result<std::map<Id, std::string>>(store::Database&, Instant, std::string_view)>;

Result<DigestFacts> load_digest(store::Database& db, const Coordinator& c, Instant now,
                                const UnfilledReasons& reasons);

}  // namespace cw::notify
