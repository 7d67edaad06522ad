// Repositories for watch sessions and assignments (DESIGN.md §5).
//
// SessionRepo stores sessions by key; the caller (daemon/session_sync)
// decides what changed, using scheduler::reconcile(), so ids stay stable and
// sequence rises as the scheduler says. Sessions are never deleted, only
// cancelled.
//
// AssignmentRepo keeps the assignment lifecycle: proposed → invited →
// confirmed | declined, and cancelled (replaced proposal, forbidden pair,
// cancelled session); pinning; coordinator forbids (forbidden_pairs). Every
// change of state or pin is recorded in assignment_events with who, when and
// why. Group several calls in one Transaction when they must be atomic.
// Not thread-safe, like the Database they use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "store/db.h"

namespace cw::store {

struct SessionFilter {
  std::optional<LocalDate> from = {};  // inclusive
  std::optional<LocalDate> to = {};    // inclusive
  std::optional<std::string> site = {};
  bool include_cancelled = true;
};

// The session columns of a query over `sessions s`, in the order
// read_session_columns() reads them. Queries that select more (the feeds',
// the agenda's, the digest's) put their own columns after these.
inline constexpr std::string_view kSessionColumns =
    "s.id, s.site, s.location, s.judge, s.date, s.half, s.start_min, s.end_min, s.hearings, "
    "s.detained_hearings, s.individual, s.languages, s.types, s.status, s.sequence";
inline constexpr int kSessionColumnCount = 15;
// The site columns that follow when a query joins the session's site as
// `sites t`.
inline constexpr std::string_view kSiteColumns = "t.name, t.address, t.timezone, t.kind";

// Reads a session from columns 0..14 of a row (kSessionColumns).
Result<Session> read_session_columns(const Statement& q);
// Reads the session's site from the four kSiteColumns starting at `first`.
Result<Site> read_site_columns(const Statement& q, int first, const std::string& code);
// Steps q to the end, reading each row with read_session_columns().
Result<std::vector<Session>> read_sessions(Statement& q);

class SessionRepo {
 public:
  explicit SessionRepo(Database& db) : db_(db) {}
  // Sessions ordered by date, half, site, location, judge.
  Result<std::vector<Session>> list(const SessionFilter& f);
  Result<std::optional<Session>> find(Id id);
  // Active sessions dated in [from, to] where the volunteer has a live
  // assignment, ordered by date and half.
  Result<std::vector<Session>> live_for_volunteer(Id volunteer, LocalDate from, LocalDate to);
  // Inserts a new session (s.id must be 0) and returns its id.
  Result<Id> insert(const Session& s, Instant now);
  // Updates every field of the stored session s.id (key included).
  Result<void> update(const Session& s, Instant now);

 private:
  Database& db_;
};

struct AssignmentEvent {
  Id id = 0;
  Id assignment = 0;
  Instant at{};
  std::string from_state;  // empty for the creation
  std::string to_state;
  std::string actor;  // user name, "matcher", "volunteer", "import"
  std::string reason;
};

// Who changes something, and why (recorded with every event).
struct Actor {
  std::string name;
  std::string reason;
};

struct ProposalCounts {
  int added = 0;      // new proposals
  int kept = 0;       // already proposed
  int withdrawn = 0;  // earlier proposals no longer in the plan (now cancelled)
};

class AssignmentRepo {
 public:
  explicit AssignmentRepo(Database& db) : db_(db) {}

  // Assignments of the sessions dated in [from, to].
  Result<std::vector<Assignment>> list(LocalDate from, LocalDate to);
  Result<std::optional<Assignment>> find(Id id);
  Result<std::optional<Assignment>> find_pair(Id session, Id volunteer);
  // Every assignment of one session, any state, by id.
  Result<std::vector<Assignment>> for_session(Id session);
  Result<bool> is_forbidden(Id session, Id volunteer);
  Result<std::vector<AssignmentEvent>> events(Id assignment);

  // Creates an assignment in `state` (error if the pair already has one).
  Result<Id> create(Id session, Id volunteer, AssignmentState state, bool pinned, const Actor& who,
                    Instant now);
  // Moves an assignment to `to` if the lifecycle allows it (conflict otherwise).
  Result<void> transition(Id assignment, AssignmentState to, const Actor& who, Instant now);
  // Pins (creating a pinned proposal when the pair has no live assignment) or unpins.
  Result<Id> set_pinned(Id session, Id volunteer, bool pinned, const Actor& who, Instant now);

  // Coordinator forbids: the pair is never proposed; a live assignment is cancelled.
  Result<void> forbid(Id session, Id volunteer, const Actor& who, Instant now);
  Result<void> allow(Id session, Id volunteer);
  // Forbidden pairs of the sessions dated in [from, to], as (session, volunteer).
  Result<std::vector<std::pair<Id, Id>>> forbidden(LocalDate from, LocalDate to);

  // Replaces the unpinned proposals of sessions dated in [from, to] by `plan`
  // (session, volunteer pairs). Invited, confirmed and declined assignments
  // are never touched.
  Result<ProposalCounts> replace_proposals(LocalDate from, LocalDate to,
                                           const std::vector<std::pair<Id, Id>>& plan,
                                           const Actor& who, Instant now);
  // Cancels every live assignment of a session (the session went away).
  Result<int> cancel_for_session(Id session, const Actor& who, Instant now);

 private:
  Result<void> record(Id assignment, std::string_view from, std::string_view to, const Actor& who,
                      Instant now);
  Database& db_;
};

// The live states (core/domain.h is_live()) as a SQL list, e.g.
// "('proposed','invited','confirmed')", for `state IN ...` in queries.
const std::string& live_states_sql();

// Whether the lifecycle allows from -> to.
bool transition_allowed(AssignmentState from, AssignmentState to);

}  // namespace cw::store
