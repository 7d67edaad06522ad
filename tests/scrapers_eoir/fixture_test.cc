// Fixture tests of the EOIR importer (STYLE.md #12): each directory
// tests/fixtures/eoir/<case>/ is a small release written in the real format
// for one rule of eoir-import.md; importing it into a fresh database must give
// exactly <case>.expected.json (the run record without timestamps and the
// resulting hearings). A missing expected file is written and the test fails,
// asking for review.
#include <fstream>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "scrapers/eoir/eoir.h"
#include "tests/scrapers_eoir/eoir_test_env.h"

namespace cw {
namespace {

namespace fs = std::filesystem;

struct FixtureCase {
  const char* name;
  std::optional<LocalDate> as_of = LocalDate{date::year{2026} / 3 / 2};
  int horizon = 60;
  std::vector<std::string> sites = {};
};

void PrintTo(const FixtureCase& c, std::ostream* os) { *os << c.name; }

const std::vector<FixtureCase>& cases() {
  static const std::vector<FixtureCase> list = {
      {"basic"},
      {"column_order"},
      {"adj_msg_tabs"},
      {"null_like"},
      {"dates"},
      {"times"},
      {"not_hearing"},
      {"cancelled"},
      {"unknown_site"},
      {"sites_restriction", LocalDate{date::year{2026} / 3 / 2}, 60, {"chi"}},
      {"types"},
      {"detained"},
      {"lookups"},
      {"no_lookups"},
      {"latin1_crlf"},
      {"default_as_of", std::nullopt},
      {"many_rejects"},
      {"missing_column"},
      {"missing_schedule"},
      {"empty_schedule"},
  };
  return list;
}

const fs::path kEoirRoot = fs::path(CW_FIXTURES) / "eoir";

// Replaces the machine-specific fixture path in messages.
void strip_paths(nlohmann::json& j) {
  if (j.is_string()) {
    auto s = j.get<std::string>();
    for (auto pos = s.find(kEoirRoot.string()); pos != std::string::npos;
         pos = s.find(kEoirRoot.string())) {
      s.replace(pos, kEoirRoot.string().size(), "<fixtures>");
    }
    j = s;
  } else if (j.is_structured()) {
    for (auto& v : j) strip_paths(v);
  }
}

class EoirFixture : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(EoirFixture, ImportMatchesExpected) {
  const auto& c = GetParam();
  test::EoirEnv env;
  env.add_fixture_sites();
  // 2026-03-02T05:30Z: already March 2 in New York, still March 1 in Chicago.
  const FakeClock clock(Instant{date::sys_days{date::year{2026} / 3 / 2}} +
                        std::chrono::minutes(330));
  scrapers::EoirOptions opts{(kEoirRoot / c.name).string(), c.as_of, c.horizon, c.sites};
  const auto run = scrapers::import_eoir(env.db(), opts, clock);

  nlohmann::json actual;
  if (run) {
    actual["run"] = test::EoirEnv::run_json(*run);
  } else {
    const auto stored = store::ImportRunRepo(env.db()).recent(1);
    ASSERT_TRUE(stored && stored->size() == 1) << "failed run was not recorded";
    EXPECT_EQ((*stored)[0].error, run.error().message);
    actual["run"] = test::EoirEnv::run_json((*stored)[0]);
  }
  actual["hearings"] = env.hearings_json();
  strip_paths(actual);

  test::expect_matches_fixture(actual, kEoirRoot / (std::string(c.name) + ".expected.json"));
}

INSTANTIATE_TEST_SUITE_P(Releases, EoirFixture, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(EoirFixtures, EveryFixtureDirectoryHasACase) {
  for (const auto& entry : fs::directory_iterator(kEoirRoot)) {
    if (!entry.is_directory()) continue;
    const auto name = entry.path().filename().string();
    const bool listed = std::any_of(cases().begin(), cases().end(),
                                    [&](const FixtureCase& c) { return name == c.name; });
    EXPECT_TRUE(listed) << "fixture " << name << " is not run by any test";
  }
}

}  // namespace
}  // namespace cw
