#include "app/assignment_check.h"

#include "app/assignments.h"
#include "app/message_text.h"
#include "app/refusal_text.h"
#include "scheduler/assignment_rules.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {
Result<Session> active_session(store::Database& db, Id session) {
  auto s = CW_TRY(store::SessionRepo(db).find(session));
  if (!s) return fail(no_session(session));
  if (s->status == SessionStatus::cancelled) {
    return fail(session_cancelled(*s));
  }
  return std::move(*s);
}

Result<Volunteer> stored_volunteer(store::Database& db, Id volunteer) {
  auto v = CW_TRY(store::VolunteerRepo(db).find(volunteer));
  if (!v) {
    return fail(no_volunteer(volunteer));
  }
  return std::move(*v);
}

Result<void> seat_check(store::Database& db, const Session& s, const Volunteer& v) {
  store::AssignmentRepo assignments(db);
  store::VolunteerRepo volunteers(db);
  const LocalDate monday = iso_week_start(s.key.date);
  scheduler::AdditionInput in;
  in.volunteer = &v;
  in.session = &s;
  in.forbidden = CW_TRY(assignments.is_forbidden(s.id, v.id));
  in.volunteer_busy =
      CW_TRY(store::SessionRepo(db).live_for_volunteer(v.id, monday, monday + date::days{6}));
  for (const auto& a : CW_TRY(assignments.for_session(s.id))) {
    if (!is_live(a.state)) continue;
    const auto seated = CW_TRY(volunteers.find(a.volunteer));
    if (seated) in.session_roles.push_back(seated->role);
  }
  const auto verdict = scheduler::check_addition(in);
  if (verdict.rule == scheduler::Rule::none) return {};
  auto phrase = refusal_phrase(verdict, v, s);
  std::string message = english(phrase);
  return fail(Error::rule_broken(std::string(scheduler::rule_code(verdict.rule)),
                                 std::move(message), std::move(phrase)));
}

Result<void> check_assignment(store::Database& db, Id session, Id volunteer) {
  const auto s = CW_TRY(active_session(db, session));
  const auto v = CW_TRY(stored_volunteer(db, volunteer));
  return seat_check(db, s, v);
}

Result<Id> volunteer_id(store::Database& db, std::string_view handle) {
  if (handle.empty()) return fail(missing_handle());
  const auto v = CW_TRY(store::VolunteerRepo(db).find_by_handle(std::string(handle)));
  if (!v) return fail(unknown_volunteer(handle));
  return v->id;
}

}  // namespace cw::app
