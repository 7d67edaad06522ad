#include "app/assignments.h"

#include "app/assignment_check.h"
#include "app/audit_text.h"
#include "app/message_text.h"
#include "app/refusal_text.h"
#include "store/audit_repo.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::app {
namespace {

store::Actor event_actor(const Actor& who, std::string reason = {}) {
  return {who.label(), std::move(reason)};
}

Result<void> require_coordinator(const Actor& who, std::string_view what) {
  if (who.kind != ActorKind::volunteer) return {};
  return fail(Error::invalid("a volunteer cannot " + std::string(what)));
}

Result<Assignment> stored_assignment(store::Database& db, const Actor& who, Id id) {
  auto a = CW_TRY(store::AssignmentRepo(db).find(id));
  // A volunteer sees only their own assignments: another's does not exist.
  if (!a || (who.kind == ActorKind::volunteer && a->volunteer != who.volunteer)) {
    return fail(no_assignment(id));
  }
  return *a;
}

// The pair as the audit log keeps it: the volunteer's handle (no name) and
// the session's number, place, date and half.
Result<Phrase> pair_values(store::Database& db, Id session, Id volunteer) {
  const auto s = CW_TRY(store::SessionRepo(db).find(session));
  const auto v = CW_TRY(store::VolunteerRepo(db).find(volunteer));
  Phrase values = s ? session_values(*s) : Phrase{};
  return values.arg("session", std::to_string(session))
      .arg("volunteer", v ? v->handle : std::to_string(volunteer));
}

Result<void> audit_pair(store::Database& db, Instant now, const Actor& who, std::string_view action,
                        Id session, Id volunteer) {
  return record_audit(db, now, who.label(), action, CW_TRY(pair_values(db, session, volunteer)));
}

Result<void> audit_assignment(store::Database& db, Instant now, const Actor& who,
                              std::string_view action, Id assignment) {
  const auto a = CW_TRY(store::AssignmentRepo(db).find(assignment));
  if (!a) return fail(Error::internal("assignment " + std::to_string(assignment) + " vanished"));
  Phrase values = CW_TRY(pair_values(db, a->session, a->volunteer));
  values.arg("assignment", std::to_string(assignment))
      .arg("assignment_state", std::string(to_string(a->state)))
      .arg("pinned", a->pinned ? "yes" : "no");
  return record_audit(db, now, who.label(), action, values);
}

Result<Assignment> reload(store::Database& db, Id id) {
  auto a = CW_TRY(store::AssignmentRepo(db).find(id));
  if (!a) return fail(Error::internal("assignment " + std::to_string(id) + " vanished"));
  return *a;
}

// Brings a pair's non-live assignment back to `target` through the states
// the lifecycle allows (declined -> invited, cancelled -> proposed first).
Result<void> revive(store::AssignmentRepo& repo, const Assignment& a, AssignmentState target,
                    const store::Actor& who, Instant now) {
  const auto first =
      a.state == AssignmentState::declined ? AssignmentState::invited : AssignmentState::proposed;
  CW_TRY(repo.transition(a.id, first, who, now));
  return repo.transition(a.id, target, who, now);
}

Result<LocalDate> site_today(store::Database& db, const std::string& site, Instant now) {
  const auto s = CW_TRY(store::SiteRepo(db).find(site));
  if (!s) return fail(Error::internal("session at unknown site " + site));
  return local_day(CW_TRY(find_zone(s->timezone)), now);
}

}  // namespace

Result<Assignment> assign(store::Database& db, const Clock& clock, const Actor& who, Id session,
                          Id volunteer, Pin pin) {
  CW_TRY(require_coordinator(who, "assign"));
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto s = CW_TRY(active_session(db, session));
  const auto v = CW_TRY(stored_volunteer(db, volunteer));
  CW_TRY(seat_check(db, s, v));
  store::AssignmentRepo repo(db);
  const auto ev = event_actor(who, "assigned by hand");
  const bool pinned = pin == Pin::yes;
  Id id = 0;
  if (const auto existing = CW_TRY(repo.find_pair(s.id, v.id))) {
    id = existing->id;
    const auto target = existing->state == AssignmentState::declined ? AssignmentState::invited
                                                                     : AssignmentState::proposed;
    CW_TRY(repo.transition(id, target, ev, now));
    if (existing->pinned != pinned) CW_TRY(repo.set_pinned(s.id, v.id, pinned, ev, now));
  } else {
    id = CW_TRY(repo.create(s.id, v.id, AssignmentState::proposed, pinned, ev, now));
  }
  CW_TRY(audit_assignment(db, now, who, "assignment.assign", id));
  auto out = CW_TRY(reload(db, id));
  CW_TRY(tx.commit());
  return out;
}

Result<void> unassign(store::Database& db, const Clock& clock, const Actor& who, Id assignment) {
  CW_TRY(require_coordinator(who, "unassign"));
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto a = CW_TRY(stored_assignment(db, who, assignment));
  if (!is_live(a.state)) {
    return fail(assignment_not_live(assignment, a.state, Action::unassign));
  }
  store::AssignmentRepo repo(db);
  const auto ev = event_actor(who, "unassigned by hand");
  if (a.pinned) CW_TRY(repo.set_pinned(a.session, a.volunteer, false, ev, now));
  CW_TRY(repo.transition(a.id, AssignmentState::cancelled, ev, now));
  CW_TRY(audit_assignment(db, now, who, "assignment.unassign", a.id));
  return tx.commit();
}

Result<void> pin(store::Database& db, const Clock& clock, const Actor& who, Id assignment,
                 Pin pinned) {
  CW_TRY(require_coordinator(who, "pin"));
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto a = CW_TRY(stored_assignment(db, who, assignment));
  if (!is_live(a.state)) {
    return fail(assignment_not_live(assignment, a.state, Action::pin));
  }
  CW_TRY(store::AssignmentRepo(db).set_pinned(a.session, a.volunteer, pinned == Pin::yes,
                                              event_actor(who), now));
  CW_TRY(audit_assignment(db, now, who, pinned == Pin::yes ? "assignment.pin" : "assignment.unpin",
                          a.id));
  return tx.commit();
}

Result<void> forbid(store::Database& db, const Clock& clock, const Actor& who, Id session,
                    Id volunteer) {
  CW_TRY(require_coordinator(who, "forbid a pair"));
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  if (!CW_TRY(store::SessionRepo(db).find(session))) {
    return fail(no_session(session));
  }
  CW_TRY(stored_volunteer(db, volunteer));
  CW_TRY(store::AssignmentRepo(db).forbid(session, volunteer, event_actor(who), now));
  CW_TRY(audit_pair(db, now, who, "pair.forbid", session, volunteer));
  return tx.commit();
}

Result<void> allow(store::Database& db, const Clock& clock, const Actor& who, Id session,
                   Id volunteer) {
  CW_TRY(require_coordinator(who, "allow a pair"));
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  store::AssignmentRepo repo(db);
  if (!CW_TRY(repo.is_forbidden(session, volunteer))) {
    return fail(not_ruled_out(volunteer, session));
  }
  CW_TRY(repo.allow(session, volunteer));
  CW_TRY(audit_pair(db, now, who, "pair.allow", session, volunteer));
  return tx.commit();
}

Result<void> confirm(store::Database& db, const Clock& clock, const Actor& who, Id assignment) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto a = CW_TRY(stored_assignment(db, who, assignment));
  store::AssignmentRepo repo(db);
  const auto ev = event_actor(who, "confirmed");
  switch (a.state) {
    case AssignmentState::confirmed:
      return {};  // already: a second click changes nothing
    case AssignmentState::cancelled:
      return fail(assignment_was_cancelled(assignment, /*confirming=*/true));
    case AssignmentState::declined: {
      // The seat was given up: take it again only if the rules still allow.
      const auto s = CW_TRY(active_session(db, a.session));
      CW_TRY(seat_check(db, s, CW_TRY(stored_volunteer(db, a.volunteer))));
      CW_TRY(revive(repo, a, AssignmentState::confirmed, ev, now));
      break;
    }
    case AssignmentState::proposed:
    case AssignmentState::invited:
      CW_TRY(repo.transition(a.id, AssignmentState::confirmed, ev, now));
      break;
  }
  CW_TRY(audit_assignment(db, now, who, "assignment.confirm", a.id));
  return tx.commit();
}

Result<void> decline(store::Database& db, const Clock& clock, const Actor& who, Id assignment) {
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto a = CW_TRY(stored_assignment(db, who, assignment));
  if (a.state == AssignmentState::declined) return {};
  if (a.state == AssignmentState::cancelled) {
    return fail(assignment_was_cancelled(assignment, /*confirming=*/false));
  }
  store::AssignmentRepo repo(db);
  const auto ev = event_actor(who, "declined");
  if (a.pinned) CW_TRY(repo.set_pinned(a.session, a.volunteer, false, ev, now));
  CW_TRY(repo.transition(a.id, AssignmentState::declined, ev, now));
  CW_TRY(audit_assignment(db, now, who, "assignment.decline", a.id));
  return tx.commit();
}

Result<Assignment> claim(store::Database& db, const Clock& clock, const Actor& who, Id session) {
  if (who.kind != ActorKind::volunteer) {
    return fail(Error::invalid("only a volunteer can claim a session; assign instead"));
  }
  const Instant now = clock.now();
  auto tx = CW_TRY(db.begin_immediate());
  const auto s = CW_TRY(active_session(db, session));
  if (s.key.date < CW_TRY(site_today(db, s.key.site, now))) {
    return fail(session_past(s));
  }
  const auto v = CW_TRY(stored_volunteer(db, who.volunteer));
  CW_TRY(seat_check(db, s, v));
  store::AssignmentRepo repo(db);
  const auto ev = event_actor(who, "claimed an open seat");
  Id id = 0;
  if (const auto existing = CW_TRY(repo.find_pair(s.id, v.id))) {
    id = existing->id;
    CW_TRY(revive(repo, *existing, AssignmentState::confirmed, ev, now));
  } else {
    id = CW_TRY(repo.create(s.id, v.id, AssignmentState::confirmed, false, ev, now));
  }
  CW_TRY(audit_assignment(db, now, who, "assignment.claim", id));
  auto out = CW_TRY(reload(db, id));
  CW_TRY(tx.commit());
  return out;
}

}  // namespace cw::app
