// What every CLI command gets: the global options, the loaded configuration,
// the clock, and a way to open the database. Commands live one per file
// (cmd_*.cc) and register themselves on the CLI11 app through the functions
// declared in commands.h; a command's callback returns Result<void>, and
// main() turns an error into one line on stderr and exit code 1.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "daemon/config.h"
#include "store/db.h"

namespace CLI {
class App;
}

namespace cw::daemon {

struct AppContext {
  // Global options (set by CLI11 before any command callback runs).
  std::string db_path;      // --db; overrides config
  std::string config_path;  // --config

  Config config;  // loaded by main() before the command runs
  const Clock* clock = nullptr;

  // Opens and migrates the database named by --db or the config, and makes
  // sure the sites table matches config.sites_file.
  Result<std::unique_ptr<store::Database>> open_db() const;

  // The command chosen on the command line; main() runs it after loading config.
  std::function<Result<void>()> action;
};

// Wraps a command body so it becomes the app's action once CLI11 has parsed.
void set_action(CLI::App* cmd, AppContext& ctx, std::function<Result<void>()> body);

}  // namespace cw::daemon
