// courtwatch api-token create --user NAME | revoke ID | list [--json]
//
// `create` prints the token once on stdout (alone, for scripts) and its id on
// stderr; only its hash is stored. Scripts send it as
// `Authorization: Bearer TOKEN`.
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"

namespace cw::daemon {
namespace {

struct TokenArgs {
  std::string user;
  Id id = 0;
  bool json = false;
};

Result<void> create(AppContext& ctx, const TokenArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const auto issued = CW_TRY(app::create_api_token(*db, *ctx.clock, cli_actor(), args.user));
  // The token is shown only here: if it cannot be written, it is revoked
  // again rather than left valid and unknown to anyone.
  if (std::printf("%s\n", issued.token.c_str()) < 0 || std::fflush(stdout) != 0) {
    CW_TRY(app::revoke_api_token(*db, *ctx.clock, cli_actor(), issued.id));
    return fail(Error::io("stdout: cannot write the new API token; it was revoked again"));
  }
  (void)std::fprintf(stderr,
                     "API token %lld for %s; it is shown only this once "
                     "(revoke with: courtwatch api-token revoke %lld)\n",
                     static_cast<long long>(issued.id), args.user.c_str(),
                     static_cast<long long>(issued.id));
  return {};
}

Result<void> revoke(AppContext& ctx, const TokenArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  CW_TRY(app::revoke_api_token(*db, *ctx.clock, cli_actor(), args.id));
  std::printf("API token %lld revoked\n", static_cast<long long>(args.id));
  return {};
}

Result<void> list(AppContext& ctx, const TokenArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const auto tokens = CW_TRY(app::list_api_tokens(*db));
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : tokens) {
      out.push_back({{"id", t.id},
                     {"user", t.user},
                     {"created", format_instant(t.created)},
                     {"revoked", t.revoked ? nlohmann::json(format_instant(*t.revoked))
                                           : nlohmann::json(nullptr)}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return {};
  }
  for (const auto& t : tokens) {
    std::printf("%-6lld %-24s %s%s\n", static_cast<long long>(t.id), t.user.c_str(),
                format_instant(t.created).c_str(), t.revoked ? "  (revoked)" : "");
  }
  return {};
}

}  // namespace

void register_api_token(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<TokenArgs>();
  auto* cmd = app.add_subcommand("api-token", "Manage API tokens for scripts");
  cmd->require_subcommand(1);

  auto* c = cmd->add_subcommand("create", "Create a token for a user and print it once");
  c->add_option("--user", args->user, "The account the token acts as")->required();
  set_action(c, ctx, [&ctx, args]() { return create(ctx, *args); });

  auto* r = cmd->add_subcommand("revoke", "Revoke a token by id");
  r->add_option("ID", args->id, "Token id (from create or list)")->required();
  set_action(r, ctx, [&ctx, args]() { return revoke(ctx, *args); });

  auto* l = cmd->add_subcommand("list", "List API tokens (ids, owners; never the tokens)");
  l->add_flag("--json", args->json, "Print a JSON array");
  set_action(l, ctx, [&ctx, args]() { return list(ctx, *args); });
}

}  // namespace cw::daemon
