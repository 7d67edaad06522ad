// courtwatch import csv FILE [--json]
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "daemon/job_sources.h"
#include "scrapers/csv/hearings_csv.h"

namespace cw::daemon {

namespace {
struct ImportCsvArgs {
  std::string file;
  bool json = false;
};
}  // namespace

void register_import(CLI::App& app, AppContext& ctx) {
  auto* import = app.add_subcommand("import", "Import hearings from a source");
  import->require_subcommand(1);

  auto args = std::make_shared<ImportCsvArgs>();
  auto* csv = import->add_subcommand("csv", "Import a coalition spreadsheet (CSV)");
  csv->add_option("FILE", args->file, "CSV file")->required()->check(CLI::ExistingFile);
  csv->add_flag("--json", args->json, "Print the import run record as JSON");
  set_action(csv, ctx, [&ctx, args]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    scrapers::HearingsCsvOptions opts;
    opts.column_aliases = ctx.config.csv_column_aliases;
    const auto run = CW_TRY(scrapers::import_hearings_csv(*db, args->file, *ctx.clock, opts));
    CW_TRY(reapply_closures_after_import(*db, *ctx.clock));
    print_import_run(run, args->json);
    return {};
  });
}

}  // namespace cw::daemon
