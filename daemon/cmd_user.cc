// courtwatch user add NAME --role admin|coordinator [--locale en|es]
//            user list [--json] | user disable NAME
//
// `user add` reads the password from standard input: on a terminal it asks
// twice without echo; otherwise it takes the first line. Rules (length,
// names) are app/accounts's; this file parses, calls and prints.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"

namespace cw::daemon {
namespace {

struct UserArgs {
  std::string name;
  std::string role = "coordinator";
  std::string locale;
  bool json = false;
};

// Reads one line from stdin with the terminal's echo turned off.
std::string read_hidden_line(const char* prompt) {
  (void)std::fprintf(stderr, "%s", prompt);
  (void)std::fflush(stderr);
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    (void)std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> read_password(const std::string& name) {
  if (!isatty(STDIN_FILENO)) return read_hidden_line("");
  std::string first = read_hidden_line(("Password for " + name + ": ").c_str());
  const std::string again = read_hidden_line("Repeat the password: ");
  if (first != again) return fail(Error::invalid("the two passwords differ; nothing was saved"));
  return first;
}

Result<void> add(AppContext& ctx, const UserArgs& args) {
  const auto role = parse_user_role(args.role);
  if (!role) return fail(Error::invalid("--role must be admin or coordinator"));
  auto db = CW_TRY(ctx.open_db());
  app::NewUser u{args.name, CW_TRY(read_password(args.name)), *role, args.locale};
  const User user = CW_TRY(app::add_user(*db, *ctx.clock, cli_actor(), u));
  std::printf("user %s added (%s)\n", user.name.c_str(), std::string(to_string(user.role)).c_str());
  return {};
}

Result<void> list(AppContext& ctx, const UserArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const auto users = CW_TRY(app::list_users(*db));
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& u : users) {
      out.push_back({{"name", u.name},
                     {"role", to_string(u.role)},
                     {"disabled", u.disabled},
                     {"locale", u.locale},
                     {"created", format_instant(u.created)}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return {};
  }
  for (const auto& u : users) {
    std::printf("%-24s %-12s %s%s\n", u.name.c_str(), std::string(to_string(u.role)).c_str(),
                format_instant(u.created).c_str(), u.disabled ? "  (disabled)" : "");
  }
  std::printf("%zu user%s\n", users.size(), users.size() == 1 ? "" : "s");
  return {};
}

Result<void> disable(AppContext& ctx, const UserArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const auto d = CW_TRY(app::disable_user(*db, *ctx.clock, cli_actor(), args.name));
  std::printf("user %s disabled; %d session%s ended, %d API token%s revoked\n", args.name.c_str(),
              d.sessions_ended, d.sessions_ended == 1 ? "" : "s", d.tokens_revoked,
              d.tokens_revoked == 1 ? "" : "s");
  return {};
}

}  // namespace

void register_user(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<UserArgs>();
  auto* cmd = app.add_subcommand("user", "Manage coordinator accounts");
  cmd->require_subcommand(1);

  auto* a = cmd->add_subcommand("add", "Add an account; the password is read from stdin");
  a->add_option("NAME", args->name, "User name (a-z, 0-9, '.', '_', '-')")->required();
  a->add_option("--role", args->role, "admin or coordinator")
      ->required()
      ->check(CLI::IsMember({"admin", "coordinator"}));
  a->add_option("--locale", args->locale, "Page language (default: the browser's)")
      ->check(CLI::IsMember({"en", "es"}));
  set_action(a, ctx, [&ctx, args]() { return add(ctx, *args); });

  auto* l = cmd->add_subcommand("list", "List accounts");
  l->add_flag("--json", args->json, "Print a JSON array");
  set_action(l, ctx, [&ctx, args]() { return list(ctx, *args); });

  auto* d = cmd->add_subcommand("disable", "Disable an account, end its sessions and tokens");
  d->add_option("NAME", args->name, "User name")->required();
  set_action(d, ctx, [&ctx, args]() { return disable(ctx, *args); });
}

}  // namespace cw::daemon
