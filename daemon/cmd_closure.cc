// courtwatch closure add SITE DATE [--reason TEXT] [--partial]
// courtwatch closure list [--from DATE] [--json]
// courtwatch closure remove SITE DATE
//
// Parse, call app/closures.h (add_closure, lift_closure: one transaction
// each, sessions and their assignments cancelled or restored with the
// hearings), print. `list` only reads.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/closures.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "store/closure_repo.h"

namespace cw::daemon {

namespace {

struct ClosureArgs {
  std::string site;
  std::string date;
  std::string reason;
  bool partial = false;
  std::string from;
  bool json = false;
};

Result<void> add(AppContext& ctx, const ClosureArgs& a) {
  auto db = CW_TRY(ctx.open_db());
  const auto day = *optional_date(a.date);
  const auto done = CW_TRY(app::add_closure(
      *db, *ctx.clock, app::Actor::coordinator(cli_actor()), a.site, day,
      a.partial ? app::ClosureScope::detained_only_open : app::ClosureScope::whole_day, a.reason));
  std::printf("%s %s on %s: %lld hearing%s cancelled, %d session%s cancelled\n", done.site.c_str(),
              a.partial ? "open to detained cases only" : "closed", format_date(day).c_str(),
              static_cast<long long>(done.hearings), done.hearings == 1 ? "" : "s",
              done.sessions.cancelled, done.sessions.cancelled == 1 ? "" : "s");
  return {};
}

Result<void> remove(AppContext& ctx, const ClosureArgs& a) {
  auto db = CW_TRY(ctx.open_db());
  const auto day = *optional_date(a.date);
  const auto done =
      CW_TRY(app::lift_closure(*db, *ctx.clock, app::Actor::coordinator(cli_actor()), a.site, day));
  std::printf("%s on %s: closure removed, %lld hearing%s restored\n", done.site.c_str(),
              format_date(day).c_str(), static_cast<long long>(done.hearings),
              done.hearings == 1 ? "" : "s");
  return {};
}

Result<void> list(AppContext& ctx, const ClosureArgs& a) {
  auto db = CW_TRY(ctx.open_db());
  const auto closures = CW_TRY(app::list_closures(*db, optional_date(a.from)));
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : closures) {
      out.push_back({{"site", c.site},
                     {"date", format_date(c.date)},
                     {"status", store::to_string(c.kind)},
                     {"reason", c.reason},
                     {"source", c.source},
                     {"created_by", c.created_by},
                     {"created_at", format_instant(c.created_at)}});
    }
    std::printf("%s\n", out.dump().c_str());
    return {};
  }
  for (const auto& c : closures) {
    std::printf("%s  %-8s %-8s %-12s %s\n", format_date(c.date).c_str(), c.site.c_str(),
                std::string(store::to_string(c.kind)).c_str(), c.source.c_str(), c.reason.c_str());
  }
  if (closures.empty()) std::printf("no closures\n");
  return {};
}

}  // namespace

void register_closure(CLI::App& app, AppContext& ctx) {
  auto* closure = app.add_subcommand("closure", "Site-day closures entered by coordinators");
  closure->require_subcommand(1);
  auto args = std::make_shared<ClosureArgs>();

  auto* add_cmd = closure->add_subcommand("add", "Close a site for a day; cancels its hearings");
  add_cmd->add_option("SITE", args->site, "Site code (e.g. CHI)")->required();
  add_cmd->add_option("DATE", args->date, "YYYY-MM-DD")->required()->check(iso_date_validator());
  add_cmd->add_option("--reason", args->reason, "Why (shown to coordinators)");
  add_cmd->add_flag("--partial", args->partial,
                    "Open to detained cases only: cancel only hearings that are not detained");
  set_action(add_cmd, ctx, [&ctx, args] { return add(ctx, *args); });

  auto* list_cmd = closure->add_subcommand("list", "List closures");
  list_cmd->add_option("--from", args->from, "Only closures from this date, YYYY-MM-DD")
      ->check(iso_date_validator());
  list_cmd->add_flag("--json", args->json, "Print JSON");
  set_action(list_cmd, ctx, [&ctx, args] { return list(ctx, *args); });

  auto* rm = closure->add_subcommand("remove", "Remove a manual closure; restores its hearings");
  rm->add_option("SITE", args->site, "Site code")->required();
  rm->add_option("DATE", args->date, "YYYY-MM-DD")->required()->check(iso_date_validator());
  set_action(rm, ctx, [&ctx, args] { return remove(ctx, *args); });
}

}  // namespace cw::daemon
