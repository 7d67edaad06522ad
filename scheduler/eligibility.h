// Who may watch which session (matching.md "Eligibility").
//
// A volunteer may be assigned to a session only if active, the session's site
// is one of theirs, the session's (weekday, half) is in their weekly grid and
// the date is not blacked out — or the (date, half) is one of their extra
// half-days — and the pair is neither declined by the volunteer nor forbidden
// by a coordinator (those pairs are passed in separately, see matcher.h).
// check_eligibility() says which rule fails first, so explanations can name
// it. Pure functions, thread-safe.
#pragma once

#include <string_view>

#include "core/domain.h"

namespace cw::scheduler {

enum class Eligibility {
  eligible,
  inactive,     // the volunteer is not active
  other_site,   // the session's site is not one of the volunteer's
  not_in_grid,  // the (weekday, half) is not in the grid, and no extra half-day
  blacked_out,  // in the grid, but the date is a blackout date
};

Eligibility check_eligibility(const Volunteer& v, const SessionKey& s);
inline bool eligible(const Volunteer& v, const SessionKey& s) {
  return check_eligibility(v, s) == Eligibility::eligible;
}

// "mon" .. "sun": the weekday code that reasons and refusals (Phrase values)
// carry, worded by their patterns in the reader's language.
std::string_view weekday_code(LocalDate d);

}  // namespace cw::scheduler
