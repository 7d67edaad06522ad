// Coordinator edits of volunteers (DESIGN.md §8 "volunteers", §11 erasure).
//
// create_volunteer() adds one (its handle must be new), update_volunteer()
// replaces the stored details and availability of an existing one (found by
// id; the handle does not change), erasure is app/volunteer_self.h's
// erase_volunteer() (the same for a coordinator and the volunteer), rotate_volunteer_link() issues
// a new calendar-feed or self-service token and revokes the old one. Each runs in one transaction
// (BEGIN IMMEDIATE) and appends one audit entry naming the volunteer by handle only. Every site
// must exist; a bad value is an invalid-input error a coordinator can act on. Not thread-safe (one
// Database).
#pragma once

#include <string>

#include "app/actor.h"
#include "core/clock.h"
#include "core/domain.h"
#include "scrapers/csv/availability_text.h"
#include "store/db.h"
#include "store/token_repo.h"

namespace cw::app {

// The text forms of availability (blackouts, extra half-days) that the
// volunteers CSV uses (matching.md), shared by the coordinator's form.
using scrapers::csv::format_blackouts;
using scrapers::csv::format_extra_half_days;
using scrapers::csv::parse_blackouts;
using scrapers::csv::parse_extra_half_days;

Result<Id> create_volunteer(store::Database& db, const Clock& clock, const Actor& who,
                            const Volunteer& v);
Result<void> update_volunteer(store::Database& db, const Clock& clock, const Actor& who,
                              const Volunteer& v);
// `secret_path`: the token key beside the database (store::TokenSecret::path_for).
Result<void> rotate_volunteer_link(store::Database& db, const Clock& clock, const Actor& who,
                                   const std::string& secret_path, Id volunteer,
                                   store::TokenPurpose purpose);

}  // namespace cw::app
