#include "scheduler/assignment_rules.h"

#include <algorithm>

namespace cw::scheduler {

std::string_view rule_code(Rule r) {
  switch (r) {
    case Rule::none:
      return "";
    case Rule::forbidden:
      return "forbidden";
    case Rule::wrong_site:
      return "wrong-site";
    case Rule::not_available:
      return "not-available";
    case Rule::session_full:
      return "session-full";
    case Rule::double_booked:
      return "double-booked";
    case Rule::weekly_cap:
      return "weekly-cap";
    case Rule::trainee_alone:
      return "trainee-alone";
  }
  return "";
}

Verdict check_addition(const AdditionInput& in) {
  const Volunteer& v = *in.volunteer;
  const Session& s = *in.session;
  Verdict out;
  const LocalDate week = iso_week_start(s.key.date);
  for (const auto& b : in.volunteer_busy) {
    if (iso_week_start(b.key.date) == week) ++out.week_load;
  }
  if (in.forbidden) {
    out.rule = Rule::forbidden;
    return out;
  }
  out.eligibility = check_eligibility(v, s.key);
  if (out.eligibility == Eligibility::other_site) {
    out.rule = Rule::wrong_site;
    return out;
  }
  if (out.eligibility != Eligibility::eligible) {
    out.rule = Rule::not_available;
    return out;
  }
  for (const auto& b : in.volunteer_busy) {
    if (b.key.date == s.key.date && b.key.half == s.key.half) {
      out.rule = Rule::double_booked;
      out.clash = &b;
      return out;
    }
  }
  if (out.week_load >= v.max_per_week) {
    out.rule = Rule::weekly_cap;
    return out;
  }
  if (static_cast<int>(in.session_roles.size()) >= s.need()) {
    out.rule = Rule::session_full;
    return out;
  }
  const bool has_non_trainee = std::any_of(in.session_roles.begin(), in.session_roles.end(),
                                           [](Role r) { return r != Role::trainee; });
  if (v.role == Role::trainee && !has_non_trainee) out.rule = Rule::trainee_alone;
  return out;
}

}  // namespace cw::scheduler
