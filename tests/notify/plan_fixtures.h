// Inputs for the planner tests: sites in several zones, one session, one
// volunteer and its assignment, and a way to feed a plan back as "existing".
#pragma once

#include <optional>

#include "notify/planner.h"
#include "tests/support/utc.h"

namespace cw::notify::testing {

// "2027-03-14T10:00:00Z" as an Instant.
inline Instant at(const char* iso) { return cw::test_support::utc(iso); }

inline Site site(const char* code, const char* zone) {
  return {code, std::string(code) + " Immigration Court", "1 Main St", zone,
          SiteKind::immigration_court};
}

// A world with one session (id 7) at `zone`, one volunteer (id 3) and one
// assignment (id 11) in `state`.
struct World {
  PlanInput in;
  Id next_row = 1;

  World(const char* zone, const char* day, int start_min, AssignmentState state, Instant now) {
    in.now = now;
    SessionFacts f;
    f.site = site("XYZ", zone);
    f.session.id = 7;
    f.session.key = {"XYZ", "Courtroom 5", "Judge Ada", *parse_iso_date(day), Half::am};
    f.session.start = TimeOfDay{start_min};
    f.session.end = TimeOfDay{start_min + 180};
    f.session.sequence = 1;
    in.sessions.emplace(7, f);
    RecipientFacts v;
    v.id = 3;
    v.handle = "v0003";
    v.name = "Rosa";
    v.email = "rosa@example.org";
    in.volunteers.emplace(3, v);
    AssignmentFacts a;
    a.assignment = {11, 7, 3, state, false};
    a.invite_round = state == AssignmentState::proposed ? 0 : 1;
    a.invited_at = now - std::chrono::hours{1};
    in.assignments.push_back(a);
  }

  Session& session() { return in.sessions.at(7).session; }
  AssignmentFacts& assignment() { return in.assignments.front(); }
  RecipientFacts& volunteer() { return in.volunteers.at(3); }

  Plan plan() {
    auto p = plan_messages(in);
    if (!p) throw std::runtime_error(p.error().message);
    return *p;
  }

  // Plans and stores the result as existing rows in `state`; applies drops.
  Plan plan_and_apply(const char* state = "pending") {
    Plan p = plan();
    for (const auto& d : p.drop) {
      for (auto& r : in.existing) {
        if (r.id == d.id) r.state = "dropped";
      }
    }
    for (auto r : p.add) {
      r.id = next_row++;
      r.state = state;
      in.existing.push_back(r);
    }
    return p;
  }

  const store::OutboxRow* existing(const std::string& kind) const {
    for (const auto& r : in.existing) {
      if (r.kind == kind && r.state != "dropped") return &r;
    }
    return nullptr;
  }
  void set_state(const std::string& kind, const char* state) {
    for (auto& r : in.existing) {
      if (r.kind == kind) r.state = state;
    }
  }
};

inline std::optional<store::OutboxRow> find_kind(const Plan& p, const std::string& kind) {
  for (const auto& r : p.add) {
    if (r.kind == kind) return r;
  }
  return std::nullopt;
}

}  // namespace cw::notify::testing
