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

// Several random instances side by side, each on sites of its own, so the
// matcher sees (at least) one component per part.
MatchInput side_by_side(std::mt19937& rng, int parts) {
  MatchInput all;
  for (int k = 0; k < parts; ++k) {
    MatchInput in = testing::random_instance(
        rng, {.max_volunteers = 8, .max_sessions = 10, .trainee_share = 0.3});
    const std::string suffix = "-" + std::to_string(k);
    const int v0 = static_cast<int>(all.volunteers.size());
    const int s0 = static_cast<int>(all.sessions.size());
    for (auto& s : in.sessions) {
      s.key.site += suffix;
      all.sessions.push_back(std::move(s));
    }
    for (auto& v : in.volunteers) {
      for (auto& site : v.sites) site += suffix;
      all.volunteers.push_back(std::move(v));
    }
    auto shift = [&](const std::vector<Pair>& from, std::vector<Pair>& to) {
      for (const auto& p : from) to.push_back({p.volunteer + v0, p.session + s0});
    };
    shift(in.fixed, all.fixed);
    shift(in.previous, all.previous);
    shift(in.excluded, all.excluded);
  }
  return all;
}

TEST(MatcherProperty, ThePlanDoesNotDependOnTheNumberOfThreads) {
  std::mt19937 rng(3);
  int most_components = 0;
  for (int i = 0; i < 60; ++i) {
    const MatchInput in = side_by_side(rng, 6);
    const Plan one = match(in, {.threads = 1});
    const Plan four = match(in, {.threads = 4});
    EXPECT_EQ(four.assignments, one.assignments) << "instance " << i;
    EXPECT_EQ(four.objective, one.objective);
    EXPECT_EQ(four.bound, one.bound);
    EXPECT_EQ(four.stats.flow_solves, one.stats.flow_solves);
    EXPECT_EQ(four.stats.flow_arcs, one.stats.flow_arcs);
    EXPECT_EQ(four.stats.bb_nodes, one.stats.bb_nodes);
    EXPECT_TRUE(check_plan(in, four.assignments).empty());
    EXPECT_EQ(four.objective, score_plan(in, four.assignments));
    most_components = std::max(most_components, one.stats.components);
  }
  EXPECT_GE(most_components, 6);  // there were components to share out
}

}  // namespace
}  // namespace cw::scheduler
