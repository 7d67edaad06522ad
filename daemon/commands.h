// Registration of every `courtwatch` subcommand (DESIGN.md §10). Each function
// lives in its own cmd_*.cc file and adds its subcommand(s) to the app.
#pragma once

#include <CLI/CLI.hpp>

#include "daemon/context.h"

namespace cw::daemon {

void register_serve(CLI::App& app, AppContext& ctx);          // cmd_serve.cc
void register_import(CLI::App& app, AppContext& ctx);         // cmd_import.cc (import csv, ...)
void register_import_eoir(CLI::App& app, AppContext& ctx);    // cmd_import_eoir.cc (import eoir)
void register_volunteers(CLI::App& app, AppContext& ctx);     // cmd_volunteers.cc
void register_hearings(CLI::App& app, AppContext& ctx);       // cmd_hearings.cc
void register_db(CLI::App& app, AppContext& ctx);             // cmd_db.cc
void register_sessions(CLI::App& app, AppContext& ctx);       // cmd_sessions.cc
void register_match(CLI::App& app, AppContext& ctx);          // cmd_match.cc
void register_feed_url(CLI::App& app, AppContext& ctx);       // cmd_feed_url.cc
void register_volunteer_url(CLI::App& app, AppContext& ctx);  // cmd_feed_url.cc
void register_import_ics(CLI::App& app, AppContext& ctx);     // cmd_import_ics.cc (import ics)
void register_import_status(CLI::App& app, AppContext& ctx);  // cmd_import_status.cc
void register_closure(CLI::App& app, AppContext& ctx);        // cmd_closure.cc
void register_assign(CLI::App& app, AppContext& ctx);         // cmd_assign.cc (assign, unassign)
void register_user(CLI::App& app, AppContext& ctx);           // cmd_user.cc
void register_api_token(CLI::App& app, AppContext& ctx);      // cmd_api_token.cc
void register_outbox(CLI::App& app, AppContext& ctx);         // cmd_outbox.cc

}  // namespace cw::daemon
