// courtwatch import ics URL|FILE --site CODE [--as-of DATE] [--horizon-days N] [--json]
//
// A one-off import of a partner calendar (scrapers/ics/ics_import.h). A URL
// is fetched with the configured [fetch] limits and always imported (the
// scheduler, jobs.h, is what skips unchanged sources). The run record goes to
// stdout; exit 1 with one message when the whole run failed (unreadable file,
// not a calendar, failed fetch, unknown site).
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "daemon/job_sources.h"
#include "scrapers/fetch/http_fetcher.h"

namespace cw::daemon {

namespace {

struct ImportIcsArgs {
  std::string input;
  std::string site;
  std::string as_of;
  int horizon_days = 0;
  bool json = false;
};

}  // namespace

void register_import_ics(CLI::App& app, AppContext& ctx) {
  auto* import = app.get_subcommand("import");
  auto args = std::make_shared<ImportIcsArgs>();
  auto* cmd = import->add_subcommand("ics", "Import a partner calendar (iCalendar file or URL)");
  cmd->add_option("INPUT", args->input, "An .ics file or an http(s):// URL")->required();
  cmd->add_option("--site", args->site, "Site code the events happen at (e.g. CHI-ERO)")
      ->required();
  cmd->add_option("--as-of", args->as_of, "First day of the window, YYYY-MM-DD (default: today)")
      ->check(iso_date_validator());
  cmd->add_option("--horizon-days", args->horizon_days,
                  "Days in the window (default: import.horizon_days, 60)")
      ->check(CLI::Range(1, 3660));
  cmd->add_flag("--json", args->json, "Print the import run record as JSON");
  set_action(cmd, ctx, [&ctx, args]() -> Result<void> {
    auto s = adhoc_source("ics", args->input);
    s.site = args->site;
    SourceOptions o;
    o.change = Change::always;
    o.as_of = optional_date(args->as_of);
    if (args->horizon_days > 0) o.horizon_days = args->horizon_days;
    auto db = CW_TRY(ctx.open_db());
    scrapers::CurlFetcher fetcher(fetch_limits(ctx.config.fetch));
    const auto run = CW_TRY(run_source(*db, s, ctx.config, fetcher, *ctx.clock, o));
    if (run) print_import_run(*run, args->json);
    return {};
  });
}

}  // namespace cw::daemon
