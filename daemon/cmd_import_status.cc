// courtwatch import status FILE|URL [--date DATE] [--json]
//
// Closures from the EOIR operational-status page, saved as a file or fetched
// from a URL (scrapers/status/status_import.h): closed courts and courts open
// to detained cases only become site-day closures for the notice's date, and
// the hearings they cover are cancelled with reason "closure". The run record
// goes to stdout; exit 1 with one message when the whole run failed
// (unreadable file, failed fetch, no date on the page and no --date).
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "daemon/job_sources.h"
#include "scrapers/fetch/http_fetcher.h"

namespace cw::daemon {

namespace {
struct ImportStatusArgs {
  std::string input;
  std::string date;
  bool json = false;
};
}  // namespace

void register_import_status(CLI::App& app, AppContext& ctx) {
  auto* import = app.get_subcommand("import");
  auto args = std::make_shared<ImportStatusArgs>();
  auto* cmd =
      import->add_subcommand("status", "Import closures from the EOIR operational-status page");
  cmd->add_option("INPUT", args->input, "A saved HTML page or an http(s):// URL")->required();
  cmd->add_option("--date", args->date, "The notice's date, YYYY-MM-DD (default: from the page)")
      ->check(iso_date_validator());
  cmd->add_flag("--json", args->json, "Print the import run record as JSON");
  set_action(cmd, ctx, [&ctx, args]() -> Result<void> {
    const auto s = adhoc_source("status", args->input);
    SourceOptions o;
    o.change = Change::always;
    o.as_of = optional_date(args->date);
    auto db = CW_TRY(ctx.open_db());
    scrapers::CurlFetcher fetcher(fetch_limits(ctx.config.fetch));
    const auto run = CW_TRY(run_source(*db, s, ctx.config, fetcher, *ctx.clock, o));
    if (run) print_import_run(*run, args->json);
    return {};
  });
}

}  // namespace cw::daemon
