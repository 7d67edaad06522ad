#include "daemon/context.h"

#include <CLI/CLI.hpp>

#include "daemon/sites_file.h"

namespace cw::daemon {

Result<std::unique_ptr<store::Database>> AppContext::open_db() const {
  const std::string path = db_path.empty() ? config.database_path : db_path;
  auto db = CW_TRY(store::Database::open(path));
  CW_TRY(sync_sites(*db, resolve_data_path(config.sites_file, "sites.csv")));
  return db;
}

void set_action(CLI::App* cmd, AppContext& ctx, std::function<Result<void>()> body) {
  cmd->callback([&ctx, body = std::move(body)] { ctx.action = body; });
}

}  // namespace cw::daemon
