// courtwatch db backup FILE | db restore FILE | db check
#include <cstdio>
#include <filesystem>

#include "daemon/backup.h"
#include "daemon/commands.h"
#include "store/invariants.h"

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

  auto source = std::make_shared<std::string>();
  auto* restore = cmd->add_subcommand(
      "restore", "Replace the database by a verified backup (refused while a daemon runs)");
  restore->add_option("FILE", *source, "Backup file (checked before anything is replaced)")
      ->required();
  set_action(restore, ctx, [&ctx, source]() -> Result<void> {
    const std::string path = ctx.db_path.empty() ? ctx.config.database_path : ctx.db_path;
    CW_TRY(restore_backup(*source, path, *ctx.clock));
    std::printf("restored %s from %s (the previous file was kept as %s.before-restore-*)\n",
                path.c_str(), source->c_str(), path.c_str());
    return {};
  });

  auto* check = cmd->add_subcommand(
      "check", "Check integrity, foreign keys, schema version and the application's invariants");
  set_action(check, ctx, [&ctx]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    if (auto ok = db->check(); !ok) {
      return fail(Error::database(db->path() + ": check failed:\n" + ok.error().message));
    }
    const auto broken = CW_TRY(store::check_invariants(*db));
    if (!broken.empty()) {
      std::string lines;
      for (const auto& v : broken) lines += "  " + v.rule + ": " + v.example + "\n";
      return fail(Error::database(db->path() + ": invariants violated:\n" + lines));
    }
    std::printf("%s: ok (schema version %d)\n", db->path().c_str(), db->user_version());
    return {};
  });
}

}  // namespace cw::daemon
