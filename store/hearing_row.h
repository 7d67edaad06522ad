// Reading a hearing row of the store, shared by the hearing repository and
// the read models. Internal to store/; not thread-safe beyond Statement's own
// rules (one thread per connection).
#pragma once

#include "core/domain.h"
#include "core/error.h"
#include "store/db.h"

namespace cw::store {

// The public fields of a hearing from columns 0–12 in this order: id,
// source_key, site, date, start_min, stop_min, location, judge, type,
// language, detained, status, cancel_reason. case_ref and notes stay empty:
// a caller that may show them reads them itself.
Result<Hearing> read_hearing_public(const Statement& s);

}  // namespace cw::store
