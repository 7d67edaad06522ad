#include <algorithm>
#include <set>

#include "store/collect.h"
#include "store/epoch.h"
#include "store/session_repos.h"

namespace cw::store {
namespace {

constexpr const char* kAssignmentColumns = "a.id, a.session_id, a.volunteer_id, a.state, a.pinned";

Result<Assignment> read_assignment_row(const Statement& q) {
  Assignment a;
  a.id = q.int64(0);
  a.session = q.int64(1);
  a.volunteer = q.int64(2);
  a.state = CW_TRY(parse_assignment_state(q.text(3)));
  a.pinned = q.int64(4) != 0;
  return a;
}

Result<std::vector<Assignment>> read_assignments(Statement& q) {
  return collect<Assignment>(q, read_assignment_row);
}

}  // namespace

const std::string& live_states_sql() {
  static const std::string sql = [] {
    std::string list;
    for (const auto s : kAllAssignmentStates) {
      if (!is_live(s)) continue;
      list += (list.empty() ? "('" : ",'") + std::string(to_string(s)) + "'";
    }
    return list + ")";
  }();
  return sql;
}

bool transition_allowed(AssignmentState from, AssignmentState to) {
  using S = AssignmentState;
  switch (from) {
    case S::proposed:
      return to == S::invited || to == S::confirmed || to == S::cancelled || to == S::declined;
    case S::invited:
      return to == S::confirmed || to == S::declined || to == S::cancelled;
    case S::confirmed:
      return to == S::declined || to == S::cancelled;
    case S::declined:
      return to == S::invited;  // a coordinator asks again
    case S::cancelled:
      return to == S::proposed || to == S::invited;
  }
  return false;
}

Result<void> AssignmentRepo::record(Id assignment, std::string_view from, std::string_view to,
                                    const Actor& who, Instant now) {
  auto& q = db_.stmt(
      "INSERT INTO assignment_events (assignment_id, at, from_state, to_state, actor, reason) "
      "VALUES (?,?,?,?,?,?)");
  q.bind_all(assignment, seconds(now), from, to, who.name, who.reason);
  return q.run();
}

Result<std::vector<Assignment>> AssignmentRepo::list(LocalDate from, LocalDate to) {
  auto& q = db_.stmt(std::string("SELECT ") + kAssignmentColumns +
                     " FROM assignments a JOIN sessions s ON s.id = a.session_id "
                     "WHERE s.date BETWEEN ? AND ? ORDER BY a.session_id, a.volunteer_id");
  q.bind_all(format_date(from), format_date(to));
  return read_assignments(q);
}

Result<std::optional<Assignment>> AssignmentRepo::find(Id id) {
  auto& q =
      db_.stmt(std::string("SELECT ") + kAssignmentColumns + " FROM assignments a WHERE a.id = ?");
  q.bind(1, id);
  if (!CW_TRY(q.step())) return std::optional<Assignment>{};
  auto a = read_assignment_row(q);
  q.reset();
  if (!a) return fail(a.error());
  return std::optional<Assignment>(*a);
}

Result<std::optional<Assignment>> AssignmentRepo::find_pair(Id session, Id volunteer) {
  auto& q = db_.stmt(std::string("SELECT ") + kAssignmentColumns +
                     " FROM assignments a WHERE a.session_id = ? AND a.volunteer_id = ?");
  q.bind_all(session, volunteer);
  if (!CW_TRY(q.step())) return std::optional<Assignment>{};
  auto a = read_assignment_row(q);
  q.reset();
  if (!a) return fail(a.error());
  return std::optional<Assignment>(*a);
}

Result<std::vector<Assignment>> AssignmentRepo::for_session(Id session) {
  auto& q = db_.stmt(std::string("SELECT ") + kAssignmentColumns +
                     " FROM assignments a WHERE a.session_id = ? ORDER BY a.id");
  q.bind(1, session);
  return read_assignments(q);
}

Result<bool> AssignmentRepo::is_forbidden(Id session, Id volunteer) {
  auto& q = db_.stmt("SELECT 1 FROM forbidden_pairs WHERE session_id = ? AND volunteer_id = ?");
  q.bind_all(session, volunteer);
  const bool found = CW_TRY(q.step());
  q.reset();
  return found;
}

Result<std::vector<AssignmentEvent>> AssignmentRepo::events(Id assignment) {
  auto& q = db_.stmt(
      "SELECT id, assignment_id, at, from_state, to_state, actor, reason FROM assignment_events "
      "WHERE assignment_id = ? ORDER BY id");
  q.bind(1, assignment);
  std::vector<AssignmentEvent> out;
  while (CW_TRY(q.step())) {
    out.push_back({q.int64(0), q.int64(1), Instant{std::chrono::seconds{q.int64(2)}}, q.text(3),
                   q.text(4), q.text(5), q.text(6)});
  }
  return out;
}

Result<Id> AssignmentRepo::create(Id session, Id volunteer, AssignmentState state, bool pinned,
                                  const Actor& who, Instant now) {
  auto& q = db_.stmt(
      "INSERT INTO assignments (session_id, volunteer_id, state, pinned, version, created, "
      "updated) VALUES (?,?,?,?,1,?,?)");
  q.bind_all(session, volunteer, to_string(state), pinned, seconds(now), seconds(now));
  if (auto ok = q.run(); !ok) {
    return fail(Error::conflict("cannot assign volunteer " + std::to_string(volunteer) +
                                " to session " + std::to_string(session) + ": " +
                                ok.error().message));
  }
  const Id id = db_.last_insert_rowid();
  CW_TRY(record(id, "", to_string(state), who, now));
  return id;
}

Result<void> AssignmentRepo::transition(Id assignment, AssignmentState to, const Actor& who,
                                        Instant now) {
  const auto current = CW_TRY(find(assignment));
  if (!current) {
    return fail(Error::not_found("assignment " + std::to_string(assignment) + " does not exist"));
  }
  if (current->state == to) return {};
  if (!transition_allowed(current->state, to)) {
    return fail(Error::conflict("assignment " + std::to_string(assignment) + " cannot go from " +
                                std::string(to_string(current->state)) + " to " +
                                std::string(to_string(to))));
  }
  auto& q =
      db_.stmt("UPDATE assignments SET state = ?, version = version + 1, updated = ? WHERE id = ?");
  q.bind_all(to_string(to), seconds(now), assignment);
  CW_TRY(q.run());
  return record(assignment, to_string(current->state), to_string(to), who, now);
}

Result<Id> AssignmentRepo::set_pinned(Id session, Id volunteer, bool pinned, const Actor& who,
                                      Instant now) {
  const auto current = CW_TRY(find_pair(session, volunteer));
  if (!current) {
    if (!pinned) return fail(Error::not_found("no assignment to unpin"));
    return create(session, volunteer, AssignmentState::proposed, true, who, now);
  }
  if (pinned && !is_live(current->state)) {
    CW_TRY(transition(current->id, AssignmentState::proposed, who, now));
  }
  if (current->pinned == pinned) return current->id;
  auto& q = db_.stmt(
      "UPDATE assignments SET pinned = ?, version = version + 1, updated = ? WHERE id = ?");
  q.bind_all(pinned, seconds(now), current->id);
  CW_TRY(q.run());
  const auto state = CW_TRY(find(current->id))->state;
  Actor noted = who;
  noted.reason = (pinned ? "pinned" : "unpinned") + (who.reason.empty() ? "" : ": " + who.reason);
  CW_TRY(record(current->id, to_string(state), to_string(state), noted, now));
  return current->id;
}

Result<void> AssignmentRepo::forbid(Id session, Id volunteer, const Actor& who, Instant now) {
  auto& q = db_.stmt(
      "INSERT OR IGNORE INTO forbidden_pairs (session_id, volunteer_id, by_user, at) "
      "VALUES (?,?,?,?)");
  q.bind_all(session, volunteer, who.name, seconds(now));
  CW_TRY(q.run());
  const auto current = CW_TRY(find_pair(session, volunteer));
  if (!current || !is_live(current->state)) return {};
  if (current->pinned) {
    auto& u = db_.stmt("UPDATE assignments SET pinned = 0 WHERE id = ?");
    u.bind(1, current->id);
    CW_TRY(u.run());
  }
  Actor noted = who;
  if (noted.reason.empty()) noted.reason = "forbidden by a coordinator";
  return transition(current->id, AssignmentState::cancelled, noted, now);
}

Result<void> AssignmentRepo::allow(Id session, Id volunteer) {
  auto& q = db_.stmt("DELETE FROM forbidden_pairs WHERE session_id = ? AND volunteer_id = ?");
  q.bind_all(session, volunteer);
  return q.run();
}

Result<std::vector<std::pair<Id, Id>>> AssignmentRepo::forbidden(LocalDate from, LocalDate to) {
  auto& q = db_.stmt(
      "SELECT f.session_id, f.volunteer_id FROM forbidden_pairs f JOIN sessions s ON "
      "s.id = f.session_id WHERE s.date BETWEEN ? AND ? ORDER BY 1, 2");
  q.bind_all(format_date(from), format_date(to));
  std::vector<std::pair<Id, Id>> out;
  while (CW_TRY(q.step())) out.emplace_back(q.int64(0), q.int64(1));
  return out;
}

Result<ProposalCounts> AssignmentRepo::replace_proposals(LocalDate from, LocalDate to,
                                                         const std::vector<std::pair<Id, Id>>& plan,
                                                         const Actor& who, Instant now) {
  const std::set<std::pair<Id, Id>> wanted(plan.begin(), plan.end());
  ProposalCounts counts;
  std::set<std::pair<Id, Id>> existing;
  for (const auto& a : CW_TRY(list(from, to))) {
    existing.insert({a.session, a.volunteer});
    const bool in_plan = wanted.contains({a.session, a.volunteer});
    if (a.state == AssignmentState::proposed) {
      if (in_plan) {
        ++counts.kept;
      } else if (!a.pinned) {
        CW_TRY(
            transition(a.id, AssignmentState::cancelled, {who.name, "not in the new plan"}, now));
        ++counts.withdrawn;
      }
    } else if (a.state == AssignmentState::cancelled && in_plan) {
      CW_TRY(transition(a.id, AssignmentState::proposed, who, now));
      ++counts.added;
    }
  }
  for (const auto& [session, volunteer] : wanted) {
    if (existing.contains({session, volunteer})) continue;
    CW_TRY(create(session, volunteer, AssignmentState::proposed, false, who, now));
    ++counts.added;
  }
  return counts;
}

Result<int> AssignmentRepo::cancel_for_session(Id session, const Actor& who, Instant now) {
  std::vector<Id> ids;
  auto& q =
      db_.stmt("SELECT id FROM assignments WHERE session_id = ? AND state IN " + live_states_sql());
  q.bind(1, session);
  while (CW_TRY(q.step())) ids.push_back(q.int64(0));
  for (const Id id : ids) CW_TRY(transition(id, AssignmentState::cancelled, who, now));
  return static_cast<int>(ids.size());
}

}  // namespace cw::store
