// Property tests over many random small instances: the matcher's plan passes
// the independent checker, its objective is the independent score, and it
// equals the exhaustive optimum (without trainees) or is within 1% of it
// (with trainees).
#include <gtest/gtest.h>

#include "scheduler/matcher.h"
#include "scheduler/plan_check.h"
#include "tests/scheduler/random_instances.h"

namespace cw::scheduler {
namespace {

struct Tally {
  int instances = 0;
  int exact = 0;
  int trainees_placed = 0;  // instances whose optimum places a trainee
  int branched = 0;         // instances that needed branch and bound beyond the root
};

Tally run_property(std::uint32_t seed, const testing::RandomSpec& spec, int wanted,
                   double tolerance) {
  std::mt19937 rng(seed);
  Tally t;
  for (int attempt = 0; t.instances < wanted && attempt < wanted * 20; ++attempt) {
    const MatchInput in = testing::random_instance(rng, spec);
    const auto reference = testing::exhaustive_optimum(in, 13);
    if (!reference) continue;
    ++t.instances;
    const Plan plan = match(in);
    const auto problems = check_plan(in, plan.assignments);
    EXPECT_TRUE(problems.empty()) << "instance " << t.instances << ": " << problems.front();
    EXPECT_EQ(plan.objective, score_plan(in, plan.assignments));
    EXPECT_GE(plan.bound, reference->best);
    EXPECT_LE(plan.objective, reference->best);
    EXPECT_GE(static_cast<double>(plan.objective),
              (1.0 - tolerance) * static_cast<double>(reference->best))
        << "instance " << t.instances << " (seed " << seed << ")";
    if (plan.objective == reference->best) ++t.exact;
    t.branched += plan.stats.bb_nodes > 1;
    t.trainees_placed +=
        std::any_of(reference->plan.begin(), reference->plan.end(), [&](const Placement& a) {
          return in.volunteers[static_cast<std::size_t>(a.volunteer)].role == Role::trainee;
        });
  }
  return t;
}

TEST(MatcherProperty, EqualsExhaustiveOptimumWithoutTrainees) {
  const Tally t = run_property(1, {.max_volunteers = 4, .max_sessions = 6}, 250, 0.0);
  EXPECT_EQ(t.instances, 250);
  EXPECT_EQ(t.exact, t.instances);
  RecordProperty("instances", t.instances);
}

TEST(MatcherProperty, WithinOnePercentOfExhaustiveOptimumWithTrainees) {
  const Tally t =
      run_property(2, {.max_volunteers = 5, .max_sessions = 5, .trainee_share = 0.4}, 250, 0.01);
  EXPECT_EQ(t.instances, 250);
  RecordProperty("instances", t.instances);
  RecordProperty("exact", t.exact);
  EXPECT_GT(t.trainees_placed, 50);  // the instances do exercise trainees
  std::cout << "trainee instances: " << t.instances << ", exact: " << t.exact
            << ", trainee in optimum: " << t.trainees_placed << ", branched: " << t.branched
            << "\n";
}

}  // namespace
}  // namespace cw::scheduler
