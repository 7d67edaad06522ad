// The hard constraints of matching.md, applied to one more assignment.
//
// The matcher enforces the model's hard constraints inside its flow network;
// a manual assignment (a coordinator's assign or pin, a volunteer's claim)
// must obey the same ones. check_addition() says whether adding volunteer v
// to session s, next to the live assignments that already exist, keeps every
// hard constraint, and if not which one breaks first:
//
//   forbidden      a coordinator forbade the pair (matching.md eligibility)
//   wrong-site     s.site is not one of v's sites (eligibility)
//   not-available  v is inactive, or (weekday, half) is not in v's grid and
//                  not an extra half-day, or the date is blacked out
//                  (eligibility, through check_eligibility())
//   double-booked  v is already in a session on that (date, half), s
//                  itself included (constraint 1)
//   weekly-cap     v already has max_per_week sessions in s's ISO week (2)
//   session-full   s already has need(s) volunteers (constraint 3)
//   trainee-alone  v is a trainee and nobody else in s is a non-trainee (4)
//
// A pair the volunteer declined is not refused here: the volunteer may claim
// it again, or a coordinator ask again. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/domain.h"
#include "scheduler/eligibility.h"

namespace cw::scheduler {

enum class Rule {
  none,
  forbidden,
  wrong_site,
  not_available,
  session_full,
  double_booked,
  weekly_cap,
  trainee_alone,
};
// The rule's code in the API ("double-booked", ...); empty for none.
std::string_view rule_code(Rule r);

struct AdditionInput {
  const Volunteer* volunteer = nullptr;
  const Session* session = nullptr;
  bool forbidden = false;               // a coordinator forbade the pair
  std::vector<Session> volunteer_busy;  // sessions where v has a live assignment
  std::vector<Role> session_roles;      // roles of those with a live assignment in s
};

struct Verdict {
  Rule rule = Rule::none;
  Eligibility eligibility = Eligibility::eligible;  // why, for not_available
  const Session* clash = nullptr;                   // double_booked: the session v is already in
  int week_load = 0;                                // v's live sessions in s's ISO week
};

Verdict check_addition(const AdditionInput& in);

}  // namespace cw::scheduler
