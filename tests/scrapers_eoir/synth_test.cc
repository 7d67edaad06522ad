// A small synthetic release from bench/import's generator (every quirk at its
// realistic rate) imports without a crash, and every count is what the
// generator says a correct import must report.
#include "bench/import/synth.h"

#include "core/clock.h"
#include "scrapers/eoir/eoir.h"
#include "scrapers/eoir/release.h"
#include "scrapers/eoir/scan.h"
#include "tests/scrapers_eoir/eoir_test_env.h"

namespace cw {
namespace {

TEST(EoirSynthetic, CountsAddUp) {
  test::EoirEnv env;
  for (const auto& s : bench::synth_sites()) ASSERT_TRUE(store::SiteRepo(env.db()).upsert(s));
  bench::SynthOptions so;
  so.dir = (env.dir() / "release").string();
  so.rows = 40'000;
  so.as_of = LocalDate{date::year{2026} / 3 / 2};
  so.window_fraction = 0.3;
  const auto ex = bench::write_synthetic_release(so);
  ASSERT_TRUE(ex) << ex.error().message;
  ASSERT_GT(ex->tabs_in_msg, 0);
  ASSERT_GT(ex->short_rows, 0);
  ASSERT_GT(ex->unknown_site, 0);
  ASSERT_GT(ex->bad_time, 0);

  const FakeClock clock(Instant{date::sys_days{date::year{2026} / 3 / 2}});
  scrapers::EoirOptions opts{so.dir, so.as_of, so.horizon_days, {}};
  const auto run = scrapers::import_eoir(env.db(), opts, clock);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->state, RunState::ok);
  EXPECT_EQ(run->rows_read, ex->rows);
  EXPECT_EQ(run->added, ex->hearings);
  EXPECT_EQ(run->updated + run->cancelled + run->unchanged, 0);
  EXPECT_EQ(run->rejected_total(), ex->unknown_site + ex->bad_time);
  EXPECT_EQ(run->rejected.at("unknown-site").count, ex->unknown_site);
  EXPECT_EQ(run->rejected.at("bad-time").count, ex->bad_time);
  EXPECT_EQ(run->rejected.at("bad-time").lines.size(), std::min<std::size_t>(20, ex->bad_time));
  EXPECT_EQ(run->first_field.at("bad-time"), "ADJ_TIME_START");
  EXPECT_EQ(run->first_field.at("unknown-site"), "BASE_CITY_CODE");

  const auto all = *store::HearingRepo(env.db()).list({});
  EXPECT_EQ(static_cast<std::int64_t>(all.size()), ex->hearings);
  const auto cancelled = std::count_if(all.begin(), all.end(), [](const Hearing& h) {
    return h.status == HearingStatus::cancelled;
  });
  const auto detained =
      std::count_if(all.begin(), all.end(), [](const Hearing& h) { return h.detained; });
  EXPECT_EQ(cancelled, ex->cancelled);
  EXPECT_EQ(detained, ex->detained);

  // The parse layer's own tally of skipped rows closes the sum.
  const auto files = scrapers::eoir::locate_release(so.dir);
  const auto scope = scrapers::eoir::make_scope(bench::synth_sites(), opts, clock);
  const auto lookups = scrapers::eoir::load_lookups(*files);
  const auto custody = scrapers::eoir::load_custody(files->proceeding);
  ImportRun scratch;
  const auto stats =
      scrapers::eoir::scan_schedule(files->schedule, *scope, *lookups, *custody, scratch, nullptr,
                                    [](const Hearing&) -> Result<void> { return {}; });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->outside_window, ex->outside_window);
  EXPECT_EQ(stats->not_hearing, ex->not_hearing);
  EXPECT_EQ(stats->hearings + stats->outside_window + stats->not_hearing + stats->other_site +
                stats->rejected,
            stats->rows);
}

}  // namespace
}  // namespace cw
