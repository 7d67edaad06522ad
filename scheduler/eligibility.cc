#include "scheduler/eligibility.h"

#include <algorithm>
#include <array>

namespace cw::scheduler {

Eligibility check_eligibility(const Volunteer& v, const SessionKey& s) {
  if (!v.active) return Eligibility::inactive;
  if (std::find(v.sites.begin(), v.sites.end(), s.site) == v.sites.end()) {
    return Eligibility::other_site;
  }
  const Availability& a = v.availability;
  if (std::find(a.extra.begin(), a.extra.end(), HalfDay{s.date, s.half}) != a.extra.end()) {
    return Eligibility::eligible;
  }
  if (!a.weekly(weekday_index(s.date), s.half)) return Eligibility::not_in_grid;
  const bool blacked = std::any_of(a.blackouts.begin(), a.blackouts.end(),
                                   [&](const DateRange& r) { return r.contains(s.date); });
  return blacked ? Eligibility::blacked_out : Eligibility::eligible;
}

std::string_view weekday_code(LocalDate d) {
  static constexpr std::array<std::string_view, 7> kCodes{"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};
  return kCodes[static_cast<std::size_t>(weekday_index(d))];
}

}  // namespace cw::scheduler
