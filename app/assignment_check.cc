#include "app/assignment_check.h"

#include "app/assignments.h"
#include "scheduler/assignment_rules.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {
namespace {

using scheduler::Eligibility;
using scheduler::Rule;

std::string place(const SessionKey& k) {
  return k.location.empty() ? k.site : k.site + " " + k.location;
}

std::string half_word(Half h) { return h == Half::am ? "morning" : "afternoon"; }

std::string display_name(const Volunteer& v) { return v.name.empty() ? v.handle : v.name; }

std::string joined(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out.empty() ? "none" : out;
}

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string unavailable_message(const Volunteer& v, const Session& s, Eligibility why) {
  const std::string name = display_name(v);
  switch (why) {
    case Eligibility::inactive:
      return name + " is not active";
    case Eligibility::blacked_out:
      return name + " is away on " + format_date(s.key.date) + " (a blackout date)";
    default:
      return name + " is not available on " +
             scheduler::weekday_half_phrase(s.key.date, s.key.half);
  }
}

std::string message(const scheduler::Verdict& verdict, const Volunteer& v, const Session& s) {
  const std::string name = display_name(v);
  switch (verdict.rule) {
    case Rule::none:
      return "";
    case Rule::forbidden:
      return "a coordinator has ruled out " + name + " for " + describe(s) +
             "; allow the pair first";
    case Rule::wrong_site:
      return name + " does not watch at " + s.key.site + " (sites: " + joined(v.sites) + ")";
    case Rule::not_available:
      return unavailable_message(v, s, verdict.eligibility);
    case Rule::double_booked:
      if (verdict.clash->id == s.id) return name + " is already assigned to " + describe(s);
      return name + " is already at " + place(verdict.clash->key) + " that " +
             half_word(s.key.half);
    case Rule::weekly_cap:
      return name + " has reached the weekly cap of " + plural(v.max_per_week, "session") +
             " (week of " + format_date(iso_week_start(s.key.date)) + ")";
    case Rule::session_full:
      return describe(s) + " already has its " + plural(s.need(), "volunteer");
    case Rule::trainee_alone:
      return name + " is a trainee and " + describe(s) +
             " has no watcher or lead yet; assign one first";
  }
  return "";
}

}  // namespace

Result<Session> active_session(store::Database& db, Id session) {
  auto s = CW_TRY(store::SessionRepo(db).find(session));
  if (!s) return fail(Error::not_found("session " + std::to_string(session) + " does not exist"));
  if (s->status == SessionStatus::cancelled) {
    return fail(Error::conflict(describe(*s) + " is cancelled"));
  }
  return std::move(*s);
}

Result<Volunteer> stored_volunteer(store::Database& db, Id volunteer) {
  auto v = CW_TRY(store::VolunteerRepo(db).find(volunteer));
  if (!v) {
    return fail(Error::not_found("volunteer " + std::to_string(volunteer) + " does not exist"));
  }
  return std::move(*v);
}

std::string describe(const Session& s) {
  return place(s.key) + " on " + format_date(s.key.date) + " (" + half_word(s.key.half) + ")";
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
  if (verdict.rule == Rule::none) return {};
  return fail(
      Error::rule_broken(std::string(scheduler::rule_code(verdict.rule)), message(verdict, v, s)));
}

Result<void> check_assignment(store::Database& db, Id session, Id volunteer) {
  const auto s = CW_TRY(active_session(db, session));
  const auto v = CW_TRY(stored_volunteer(db, volunteer));
  return seat_check(db, s, v);
}

Result<Id> volunteer_id(store::Database& db, std::string_view handle) {
  const auto v = CW_TRY(store::VolunteerRepo(db).find_by_handle(std::string(handle)));
  if (!v) return fail(Error::not_found("no volunteer '" + std::string(handle) + "'"));
  return v->id;
}

}  // namespace cw::app
