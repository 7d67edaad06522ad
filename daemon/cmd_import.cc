// courtwatch import csv FILE [--json]
#include "app/imports.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"

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
    const auto done = CW_TRY(
        app::import_hearings_csv(*db, *ctx.clock, args->file, ctx.config.csv_column_aliases));
    print_import_run(done.run, args->json);
    return {};
  });
}

}  // namespace cw::daemon
