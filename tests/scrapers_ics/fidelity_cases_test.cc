// ICS import fidelity (issue 11): one fixture per case in
// tests/fixtures/ics/cases/ — RANGE=THISANDFUTURE, several RRULEs, a rejected
// override, a TZID only the file defines, RDATE;VALUE=PERIOD, duplicate UIDs
// and a start in the spring-forward gap. Each NAME.ics is imported into a
// real database over a fixed window and compared with NAME.expected.json.
// crosscheck_expanders.py checks the same expected files against ical.js and
// python's recurring-ical-events, independent expanders.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "scrapers/ics/ics_import.h"
#include "tests/scrapers_ics/import_env.h"

namespace cw {
namespace {

namespace fs = std::filesystem;
using date::year;

const fs::path kCases = fs::path(CW_FIXTURES) / "ics" / "cases";
// The window every case uses: 2027-03-01 .. 2027-04-14, Chicago (CHI-ERO);
// crosscheck_expanders.py uses the same one.
constexpr LocalDate kCasesAsOf{year{2027} / 3 / 1};
constexpr int kHorizonDays = 45;

class IcsFidelity : public ::testing::TestWithParam<const char*> {};

TEST_P(IcsFidelity, ImportMatchesExpected) {
  test::ImportEnv env;
  const FakeClock clock(Instant{date::sys_days{kCasesAsOf.time_since_epoch()}} +
                        std::chrono::hours(12));
  scrapers::IcsImportOptions o;
  o.input = (kCases / (std::string(GetParam()) + ".ics")).string();
  o.site = "CHI-ERO";
  o.as_of = kCasesAsOf;
  o.horizon_days = kHorizonDays;
  o.source = "ics:partner";
  auto run = scrapers::import_ics_file(env.db(), o, clock);
  ASSERT_TRUE(run) << run.error().message;
  const nlohmann::json actual = {{"run", test::ImportEnv::run_json(*run)},
                                 {"hearings", env.hearings_json()}};
  test::expect_matches_fixture(actual, kCases / (std::string(GetParam()) + ".expected.json"));
}

INSTANTIATE_TEST_SUITE_P(Cases, IcsFidelity,
                         ::testing::Values("range-thisandfuture", "multiple-rrule",
                                           "rejected-override", "custom-tzid", "rdate-period",
                                           "duplicate-uid", "spring-forward-gap"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace cw
