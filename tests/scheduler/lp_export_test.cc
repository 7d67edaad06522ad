// The exported LP model, solved by CBC, has the matcher's optimum. Runs when
// `cbc` (Debian coinor-cbc) is on PATH; skipped otherwise.
#include "scheduler/lp_export.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scheduler/matcher.h"
#include "tests/scheduler/random_instances.h"

namespace cw::scheduler {
namespace {

bool have_cbc() { return std::system("command -v cbc >/dev/null 2>&1") == 0; }

// Solves the LP with CBC and returns the optimal objective value.
std::optional<double> cbc_optimum(const std::string& lp, const std::string& name) {
  const auto dir = std::filesystem::path(CW_BINARY_DIR) / "tests" / "scheduler" / "lp";
  std::filesystem::create_directories(dir);
  const auto model = dir / (name + ".lp"), solution = dir / (name + ".sol");
  std::ofstream(model) << lp;
  std::filesystem::remove(solution);
  const std::string cmd = "cbc " + model.string() + " solve solu " + solution.string() + " >" +
                          (dir / (name + ".log")).string() + " 2>&1";
  if (std::system(cmd.c_str()) != 0) return std::nullopt;
  std::ifstream in(solution);
  std::string first;
  std::getline(in, first);
  // "Optimal - objective value 660.00000000"
  if (!first.starts_with("Optimal")) return std::nullopt;
  const auto at = first.find("objective value");
  if (at == std::string::npos) return std::nullopt;
  return std::stod(first.substr(at + 15));
}

TEST(LpExport, WritesEveryPartOfTheModel) {
  MatchInput in;
  in.sessions = {testing::make_session({.detained = true, .languages = {"spanish"}}),
                 testing::make_session({.half = Half::pm})};
  in.volunteers = {testing::make_volunteer("w"),
                   testing::make_volunteer("t", {"CHI"}, Role::trainee)};
  in.volunteers[0].languages = {"spanish"};
  in.fixed = {{0, 0}};
  const std::string lp = export_lp(in);
  EXPECT_NE(lp.find("Maximize"), std::string::npos);
  EXPECT_NE(lp.find("400 y1_0"), std::string::npos);
  EXPECT_NE(lp.find("160 y2_0"), std::string::npos);
  EXPECT_NE(lp.find("10 x_0_0"), std::string::npos);
  EXPECT_NE(lp.find("x_1_0 - x_0_0 <= 0"), std::string::npos);  // trainee needs a partner
  EXPECT_NE(lp.find("x_0_0 = 1"), std::string::npos);           // fixed
  EXPECT_NE(lp.find("- 5 z_0_2"), std::string::npos);           // load penalty
}

TEST(LpExport, CbcFindsTheMatchersOptimum) {
  // scripts/dev deps installs coinor-cbc; a missing solver is a broken setup, not a pass.
  ASSERT_TRUE(have_cbc()) << "cbc not on PATH: run ./scripts/dev deps (coinor-cbc)";
  std::mt19937 rng(7);
  int solved = 0;
  for (int i = 0; i < 24; ++i) {
    testing::RandomSpec spec{
        .max_volunteers = 6, .max_sessions = 8, .trainee_share = i % 2 ? 0.3 : 0.0};
    const MatchInput in = testing::random_instance(rng, spec);
    const Plan plan = match(in);
    const auto optimum = cbc_optimum(export_lp(in), "case" + std::to_string(i));
    ASSERT_TRUE(optimum.has_value()) << "case " << i;
    EXPECT_EQ(static_cast<std::int64_t>(std::llround(*optimum)), plan.objective) << "case " << i;
    ++solved;
  }
  EXPECT_EQ(solved, 24);
}

}  // namespace
}  // namespace cw::scheduler
