// courtwatch import eoir DIR [--as-of DATE] [--horizon-days N] [--sites CHI,HOU] [--json]
//
// Imports an extracted EOIR case-data release (scrapers/eoir/eoir.h). Progress
// goes to stderr (a bar on a terminal, periodic lines otherwise); the run
// record goes to stdout. Exit 0 when the run completed, even with rejected
// rows; 1 with one message when the whole run failed (unreadable directory,
// missing tbl_schedule.csv, a bad --as-of or --sites).
#include "app/imports.h"
#include "core/progress.h"
#include "core/text.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "scrapers/eoir/eoir.h"

namespace cw::daemon {

namespace {
struct ImportEoirArgs {
  std::string dir;
  std::string as_of;
  int horizon_days = 60;
  std::string sites;
  bool json = false;
};
}  // namespace

void register_import_eoir(CLI::App& app, AppContext& ctx) {
  auto* import = app.get_subcommand("import");
  auto args = std::make_shared<ImportEoirArgs>();
  auto* cmd = import->add_subcommand("eoir", "Import an EOIR case-data release (FOIA)");
  cmd->add_option("DIR", args->dir, "Extracted release directory")->required();
  cmd->add_option("--as-of", args->as_of,
                  "First day of the window, YYYY-MM-DD (default: today at each site)");
  cmd->add_option("--horizon-days", args->horizon_days, "Days in the window (default 60)");
  cmd->add_option("--sites", args->sites, "Only these sites, comma-separated (e.g. CHI,HOU)");
  cmd->add_flag("--json", args->json, "Print the import run record as JSON");
  set_action(cmd, ctx, [&ctx, args]() -> Result<void> {
    scrapers::EoirOptions opts;
    opts.dir = args->dir;
    opts.horizon_days = args->horizon_days;
    opts.sites = split_trimmed(args->sites, ',');
    if (!args->as_of.empty()) {
      auto as_of = parse_iso_date(args->as_of);
      if (!as_of) return fail(std::move(as_of).error().context("--as-of"));
      opts.as_of = *as_of;
    }
    auto db = CW_TRY(ctx.open_db());
    Progress progress(stderr, Progress::detect(stderr));
    const auto done = CW_TRY(app::import_source(
        *db, *ctx.clock, app::SourceKind::eoir,
        app::always_runs([&] { return scrapers::import_eoir(*db, opts, *ctx.clock, &progress); })));
    print_import_run(done->run, args->json);
    return {};
  });
}

}  // namespace cw::daemon
