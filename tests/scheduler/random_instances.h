// Random small matching instances and an exhaustive reference solver, for
// property tests. The solver enumerates every subset of allowed pairs
// (allowed = the independent checker accepts the pair on its own) and keeps
// the best plan that check_plan() accepts, scored by score_plan().
#pragma once

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <random>

#include "scheduler/matcher.h"
#include "scheduler/plan_check.h"
#include "tests/scheduler/builders.h"

namespace cw::scheduler::testing {

struct RandomSpec {
  int max_volunteers = 4;
  int max_sessions = 6;
  double trainee_share = 0.0;
  bool with_fixed = true;
};

inline MatchInput random_instance(std::mt19937& rng, const RandomSpec& spec) {
  auto coin = [&](double p) { return std::uniform_real_distribution<>(0, 1)(rng) < p; };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> sites = {"CHI", "HOU"};
  const std::vector<std::string> langs = {"spanish", "mam", "haitian creole"};
  MatchInput in;
  const int ns = 1 + pick(spec.max_sessions);
  for (int i = 0; i < ns; ++i) {
    SessionSpec s;
    s.site = sites[static_cast<std::size_t>(pick(coin(0.8) ? 1 : 2))];
    s.day = pick(10);
    s.half = coin(0.5) ? Half::am : Half::pm;
    s.detained = coin(0.45);
    s.individual = coin(0.3);
    s.big = coin(0.2);
    if (coin(0.4)) s.languages = {langs[static_cast<std::size_t>(pick(3))]};
    s.judge = "Judge " + std::to_string(i);
    in.sessions.push_back(make_session(s));
  }
  const int nv = 1 + pick(spec.max_volunteers);
  for (int i = 0; i < nv; ++i) {
    Volunteer v =
        make_volunteer("v" + std::to_string(i), {"CHI"},
                       coin(spec.trainee_share) ? Role::trainee : Role::watcher, 1 + pick(3));
    if (coin(0.2)) v.sites.push_back("HOU");
    for (auto& g : v.availability.grid) g = coin(0.7);
    if (coin(0.2)) v.availability.blackouts.push_back({day(pick(10)), day(pick(10))});
    if (coin(0.2)) v.availability.extra.push_back({day(pick(10)), coin(0.5) ? Half::am : Half::pm});
    if (coin(0.5)) v.languages.push_back(langs[static_cast<std::size_t>(pick(3))]);
    v.active = coin(0.93);
    in.volunteers.push_back(std::move(v));
  }
  for (int k = 0; k < 2; ++k) {
    if (coin(0.3)) in.excluded.push_back({pick(nv), pick(ns)});
    if (coin(0.5)) in.previous.push_back({pick(nv), pick(ns)});
  }
  if (spec.with_fixed && coin(0.3)) {
    // A fixed pair, kept only when it is a valid plan on its own.
    const Pair p{pick(nv), pick(ns)};
    if (in.volunteers[static_cast<std::size_t>(p.volunteer)].role != Role::trainee) {
      in.fixed.push_back(p);
      if (!check_plan(in, {{p.volunteer, p.session, true}}).empty()) in.fixed.clear();
    }
  }
  return in;
}

struct Exhaustive {
  std::int64_t best = 0;
  std::vector<Placement> plan;
  int leaves = 0;
};

inline std::optional<Exhaustive> exhaustive_optimum(const MatchInput& in, std::size_t max_pairs) {
  std::vector<Placement> base;
  base.reserve(in.fixed.size());
  for (const auto& p : in.fixed) base.push_back({p.volunteer, p.session, true});
  std::vector<Placement> allowed;
  for (std::size_t s = 0; s < in.sessions.size(); ++s) {
    for (std::size_t v = 0; v < in.volunteers.size(); ++v) {
      const Placement a{static_cast<int>(v), static_cast<int>(s), false};
      if (std::find_if(base.begin(), base.end(), [&](const Placement& b) {
            return b.volunteer == a.volunteer && b.session == a.session;
          }) != base.end()) {
        continue;
      }
      auto alone = base;
      alone.push_back(a);
      const auto problems = check_plan(in, alone);
      const bool ok = std::none_of(problems.begin(), problems.end(), [](const std::string& m) {
        return m.starts_with("not eligible") || m.starts_with("declined");
      });
      if (ok) allowed.push_back(a);
    }
  }
  if (allowed.size() > max_pairs) return std::nullopt;
  Exhaustive out;
  out.best = std::numeric_limits<std::int64_t>::min();
  std::vector<Placement> current = base;
  // Depth-first over allowed pairs; prune with the capacity constraints.
  auto feasible_so_far = [&]() {
    const auto problems = check_plan(in, current);
    return std::all_of(problems.begin(), problems.end(),
                       [](const std::string& m) { return m.starts_with("trainee without"); });
  };
  std::function<void(std::size_t)> dfs = [&](std::size_t i) {
    if (i == allowed.size()) {
      ++out.leaves;
      if (!check_plan(in, current).empty()) return;
      const auto value = score_plan(in, current);
      if (value > out.best) {
        out.best = value;
        out.plan = current;
      }
      return;
    }
    dfs(i + 1);
    current.push_back(allowed[i]);
    if (feasible_so_far()) dfs(i + 1);
    current.pop_back();
  };
  dfs(0);
  return out;
}

}  // namespace cw::scheduler::testing
