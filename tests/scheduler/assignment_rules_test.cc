// check_addition() is the model's hard constraints for one more pair: on
// random instances it accepts a pair exactly when the independent checker
// (plan_check.h, written from matching.md apart from the matcher) accepts a
// valid plan (part of the matcher's) with that pair added.
#include "scheduler/assignment_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "scheduler/matcher.h"
#include "scheduler/plan_check.h"
#include "tests/scheduler/random_instances.h"

namespace cw::scheduler {
namespace {

AdditionInput addition(const MatchInput& in, const std::vector<Placement>& plan, int v, int s) {
  AdditionInput a;
  a.volunteer = &in.volunteers[static_cast<std::size_t>(v)];
  a.session = &in.sessions[static_cast<std::size_t>(s)];
  a.forbidden = std::find(in.excluded.begin(), in.excluded.end(), Pair{v, s}) != in.excluded.end();
  for (const auto& p : plan) {
    if (p.volunteer == v)
      a.volunteer_busy.push_back(in.sessions[static_cast<std::size_t>(p.session)]);
    if (p.session == s)
      a.session_roles.push_back(in.volunteers[static_cast<std::size_t>(p.volunteer)].role);
  }
  return a;
}

TEST(AssignmentRules, AgreesWithTheIndependentCheckerOnRandomInstances) {
  std::mt19937 rng(7);
  int refused = 0, accepted = 0;
  std::map<Rule, int> seen;
  for (int i = 0; i < 300; ++i) {
    const MatchInput in = testing::random_instance(
        rng, {.max_volunteers = 5, .max_sessions = 6, .trainee_share = 0.3});
    // The base: part of the matcher's plan (an optimal plan leaves no seat a
    // pair could still take), fixed pairs kept, valid on its own.
    const Plan plan = match(in);
    std::vector<Placement> base;
    for (const auto& p : plan.assignments) {
      if (p.fixed || rng() % 2 == 0) base.push_back(p);
    }
    if (!check_plan(in, base).empty()) base = plan.assignments;
    ASSERT_TRUE(check_plan(in, base).empty());
    for (int v = 0; v < static_cast<int>(in.volunteers.size()); ++v) {
      for (int s = 0; s < static_cast<int>(in.sessions.size()); ++s) {
        auto more = base;
        const bool present = std::any_of(more.begin(), more.end(), [&](const Placement& p) {
          return p.volunteer == v && p.session == s;
        });
        more.push_back({v, s, false});
        const bool ok = !present && check_plan(in, more).empty();
        const Verdict verdict = check_addition(addition(in, base, v, s));
        EXPECT_EQ(verdict.rule == Rule::none, ok)
            << "instance " << i << " volunteer " << v << " session " << s << " rule "
            << rule_code(verdict.rule);
        ++seen[verdict.rule];
        (ok ? accepted : refused) += 1;
      }
    }
  }
  EXPECT_GT(accepted, 50);
  for (const Rule r : {Rule::forbidden, Rule::wrong_site, Rule::not_available, Rule::double_booked,
                       Rule::weekly_cap, Rule::session_full, Rule::trainee_alone}) {
    EXPECT_GT(seen[r], 0) << "no instance exercised " << rule_code(r);
  }
}

}  // namespace
}  // namespace cw::scheduler
