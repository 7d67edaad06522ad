// courtwatch: one binary, many subcommands (DESIGN.md §10).
//
// Exit codes: 0 success, 1 failure (one clear message on stderr), 2 usage
// error (CLI11's message and a hint to --help).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "core/log.h"
#include "daemon/commands.h"

int main(int argc, char** argv) {
  using namespace cw::daemon;
  cw::SystemClock clock;
  AppContext ctx;
  ctx.clock = &clock;

  CLI::App app{"courtwatch: court-watch scheduling daemon", "courtwatch"};
  app.require_subcommand(1);
  app.fallthrough();  // --db and --config may also follow the subcommand
  app.set_version_flag("--version", "courtwatch 0.1.0");
  app.add_option("--db", ctx.db_path, "SQLite database file (overrides the config)");
  app.add_option("--config", ctx.config_path, "TOML configuration file");
  app.footer("Run 'courtwatch COMMAND --help' for a command's options.");

  register_serve(app, ctx);
  register_import(app, ctx);
  register_import_eoir(app, ctx);
  register_volunteers(app, ctx);
  register_hearings(app, ctx);
  register_db(app, ctx);
  register_sessions(app, ctx);
  register_match(app, ctx);
  register_feed_url(app, ctx);
  register_volunteer_url(app, ctx);
  register_import_ics(app, ctx);
  register_import_status(app, ctx);
  register_closure(app, ctx);
  register_assign(app, ctx);
  register_user(app, ctx);
  register_api_token(app, ctx);
  register_outbox(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  try {
    const std::string config_path =
        ctx.config_path.empty() ? default_config_path() : ctx.config_path;
    auto config = load_config(config_path);
    if (!config) {
      std::cerr << "courtwatch: " << config.error().message << "\n";
      return 1;
    }
    ctx.config = std::move(*config);
    cw::log::Level level{};
    if (cw::log::parse_level(ctx.config.log_level, level)) cw::log::set_level(level);
    if (!ctx.action) return 2;
    auto ok = ctx.action();
    if (!ok) {
      std::cerr << "courtwatch: " << ok.error().message << "\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "courtwatch: internal error: " << e.what() << "\n";
    return 1;
  }
}
