// courtwatch volunteers import FILE.csv [--json] | list [--json]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/imports.h"
#include "core/text.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "scrapers/csv/availability_text.h"
#include "scrapers/csv/volunteers_csv.h"
#include "store/repos.h"

namespace cw::daemon {

namespace {
struct VolunteersArgs {
  std::string file;
  bool import_json = false;
  bool list_json = false;
};

nlohmann::json to_json(const Volunteer& v) {
  return {{"id", v.handle},
          {"name", v.name},
          {"email", v.email},
          {"phone", v.phone},
          {"role", to_string(v.role)},
          {"sites", v.sites},
          {"languages", v.languages},
          {"max_per_week", v.max_per_week},
          {"availability", scrapers::csv::format_weekly_grid(v.availability.grid)},
          {"blackouts", scrapers::csv::format_blackouts(v.availability.blackouts)},
          {"extra", scrapers::csv::format_extra_half_days(v.availability.extra)},
          {"active", v.active},
          {"locale", v.locale}};
}
}  // namespace

void register_volunteers(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<VolunteersArgs>();
  auto* cmd = app.add_subcommand("volunteers", "Manage volunteers");
  cmd->require_subcommand(1);

  auto* imp = cmd->add_subcommand("import", "Import or update volunteers from a CSV file");
  imp->add_option("FILE", args->file, "Volunteers CSV (see docs)")
      ->required()
      ->check(CLI::ExistingFile);
  imp->add_flag("--json", args->import_json, "Print the import run record as JSON");
  set_action(imp, ctx, [&ctx, args]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    const auto done = CW_TRY(
        app::import_source(*db, *ctx.clock, app::SourceKind::volunteers, app::always_runs([&] {
          return scrapers::import_volunteers_csv(*db, args->file, *ctx.clock);
        })));
    print_import_run(done->run, args->import_json);
    return {};
  });

  auto* list = cmd->add_subcommand("list", "List volunteers");
  list->add_flag("--json", args->list_json, "Print a JSON array");
  set_action(list, ctx, [&ctx, args]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    store::VolunteerRepo repo(*db);
    const auto all = CW_TRY(repo.all());
    if (args->list_json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& v : all) out.push_back(to_json(v));
      std::printf("%s\n", out.dump(2).c_str());
      return {};
    }
    for (const auto& v : all) {
      std::string sites;
      for (const auto& s : v.sites) sites += (sites.empty() ? "" : ";") + s;
      std::printf("%-8s %-24s %-8s %-16s max %d/wk  %s%s\n", v.handle.c_str(), v.name.c_str(),
                  std::string(to_string(v.role)).c_str(), sites.c_str(), v.max_per_week,
                  scrapers::csv::format_weekly_grid(v.availability.grid).c_str(),
                  v.active ? "" : "  (inactive)");
    }
    std::printf("%zu volunteer%s\n", all.size(), all.size() == 1 ? "" : "s");
    return {};
  });
}

}  // namespace cw::daemon
