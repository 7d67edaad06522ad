// The matcher's view of its input (internal to scheduler/).
//
// prepare() computes, once per match: every candidate pair (eligible, not
// excluded, not already fixed) with its pair bonus (+10 language, +3 previous
// plan), each session's half-day and ISO week as integers, and the connected
// components of the volunteer-session graph (linked by candidate and fixed
// pairs), which are solved independently because the objective and every
// constraint separate along them. Candidates of a component are sorted by
// (volunteer, week, half-day, session), the order the network builder wants.
// Read-only after prepare(); thread-safe to share.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "scheduler/matcher.h"

namespace cw::scheduler {

struct Candidate {
  int volunteer = 0;
  int session = 0;
  int bonus = 0;  // 10 if a language matches, + 3 if in the previous plan
};

struct Component {
  std::vector<int> volunteers;  // global indices, ascending
  std::vector<int> sessions;    // global indices, ascending
  std::vector<int> candidates;  // indices into Instance::candidates, sorted as above
  std::vector<Pair> fixed;      // the fixed pairs inside this component
  bool has_trainee_candidates = false;
};

struct Instance {
  const MatchInput* in = nullptr;
  std::vector<Candidate> candidates;
  std::vector<int> halfday;   // per session: days since epoch * 2 + (pm ? 1 : 0)
  std::vector<int> week;      // per session: days since epoch of the ISO week's Monday
  std::vector<char> trainee;  // per volunteer
  std::vector<Pair> fixed;    // sorted, unique
  std::unordered_set<std::uint64_t> previous;
  std::vector<Component> components;

  static std::uint64_t key(int volunteer, int session) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(volunteer)) << 32) |
           static_cast<std::uint32_t>(session);
  }
};

Instance prepare(const MatchInput& in);

// True when the volunteer speaks one of the session's languages.
bool speaks_session_language(const Volunteer& v, const Session& s);

// Model value of a set of pairs (fixed ones included by the caller).
std::int64_t score_pairs(const MatchInput& in, const std::unordered_set<std::uint64_t>& previous,
                         const std::vector<Pair>& pairs);

}  // namespace cw::scheduler
