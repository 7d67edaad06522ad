// Checks shared by the read models' parameters (app/queries) and the JSON API's
// request bodies (web/api_writes.cc), so both default and refuse alike.
// Errors are invalid-input errors whose message starts with the parameter's
// name. Pure functions, thread-safe.
#pragma once

#include <optional>

#include "core/domain.h"

namespace cw::app {

// [from, to] with the defaults of app/queries.h: from = the UTC date of now,
// to = from + 13 days. Refuses from after to.
Result<DateRange> resolve_range(std::optional<LocalDate> from, std::optional<LocalDate> to,
                                Instant now);
// The limit when within 1..kMaxPageLimit.
Result<int> checked_limit(int limit);

}  // namespace cw::app
