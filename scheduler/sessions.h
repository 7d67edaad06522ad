// Watch sessions from hearings (matching.md "Watch sessions").
//
// build_sessions() groups scheduled hearings by (site, location, judge, local
// date, half) and computes start/end (a hearing without a stop time lasts its
// type's default duration), the non-English languages, D/I/B flags and
// counts. reconcile() gives sessions a stable identity across re-imports: it
// compares freshly built sessions with the stored ones of the same scope, so
// a key keeps its id, a stored session that no longer has scheduled hearings
// becomes cancelled (never deleted), a cancelled one that gets hearings again
// is restored, and `sequence` rises whenever time, place or status changes.
// Pure functions, thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/domain.h"

namespace cw::scheduler {

// Sessions sorted by key, with id 0 and sequence 0. Cancelled hearings are ignored.
std::vector<Session> build_sessions(std::span<const Hearing> hearings);

enum class SessionChangeKind { added, updated, cancelled, restored, unchanged };
std::string_view to_string(SessionChangeKind k);

struct SessionChange {
  SessionChangeKind kind = SessionChangeKind::unchanged;
  Session session;  // the state to store: stored id and raised sequence kept
};

// `stored` are the sessions already in the database for the scope that
// `fresh` was built from (same dates and sites). Output sorted by key.
std::vector<SessionChange> reconcile(std::span<const Session> stored,
                                     std::span<const Session> fresh);

}  // namespace cw::scheduler
