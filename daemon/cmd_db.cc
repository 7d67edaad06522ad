// courtwatch db backup FILE | db check
#include <cstdio>
#include <filesystem>

#include "daemon/commands.h"

namespace cw::daemon {

void register_db(CLI::App& app, AppContext& ctx) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("db", "Database maintenance");
  cmd->require_subcommand(1);

  auto* backup = cmd->add_subcommand("backup", "Write a consistent copy of the database (online)");
  backup->add_option("FILE", *file, "Destination file (must not exist)")->required();
  set_action(backup, ctx, [&ctx, file]() -> Result<void> {
    std::error_code ec;
    if (std::filesystem::exists(*file, ec)) {
      return fail(Error::invalid(*file + ": already exists; refusing to overwrite"));
    }
    auto db = CW_TRY(ctx.open_db());
    const std::string tmp = *file + ".partial";
    if (auto ok = db->backup_to(tmp); !ok) {
      std::filesystem::remove(tmp, ec);
      return ok;
    }
    std::filesystem::rename(tmp, *file, ec);
    if (ec) return fail(Error::io(*file + ": " + ec.message()));
    std::printf("backup written to %s\n", file->c_str());
    return {};
  });

  auto* check = cmd->add_subcommand("check", "Check integrity, foreign keys and schema version");
  set_action(check, ctx, [&ctx]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    if (auto ok = db->check(); !ok) {
      return fail(Error::database(db->path() + ": check failed:\n" + ok.error().message));
    }
    std::printf("%s: ok (schema version %d)\n", db->path().c_str(), db->user_version());
    return {};
  });
}

}  // namespace cw::daemon
