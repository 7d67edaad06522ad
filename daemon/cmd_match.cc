// courtwatch match [--from DATE] [--to DATE] [--dry-run] [--json] [--export-lp FILE]
//
// Parse, call app/plan.h (preview_plan with --dry-run, which only reads;
// apply_plan otherwise, which stores the proposals), print. The printed
// objective is the model value of the whole printed plan, fixed assignments
// included; --export-lp writes the same model for an independent solver.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/plan.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"

namespace cw::daemon {
namespace {

struct MatchArgs {
  std::string from, to, export_lp;
  bool dry_run = false, json = false;
};

nlohmann::json key_json(const SessionKey& k) {
  return {{"site", k.site},
          {"location", k.location},
          {"judge", k.judge},
          {"date", format_date(k.date)},
          {"half", to_string(k.half)}};
}

nlohmann::json plan_json(const app::PlanDiff& d) {
  nlohmann::json assigned = nlohmann::json::array(), open = nlohmann::json::array();
  for (const auto& a : d.assignments) {
    auto j = key_json(a.key);
    j["volunteer"] = a.handle;
    j["state"] = to_string(a.state);
    assigned.push_back(std::move(j));
  }
  for (const auto& u : d.unfilled) {
    auto j = key_json(u.key);
    j["seats"] = u.seats;
    j["reason"] = u.reason;
    open.push_back(std::move(j));
  }
  return {{"objective", d.objective}, {"assignments", assigned}, {"unfilled", open}};
}

void print_text(const app::PlanDiff& d, bool stored) {
  int seats = 0, fixed = 0;
  for (const auto& u : d.unfilled) seats += u.seats;
  for (const auto& a : d.assignments) fixed += a.fixed;
  std::printf(
      "objective %lld%s: %d sessions, %zu assignments (%d fixed), %d empty seats\n",
      static_cast<long long>(d.objective),
      d.bound == d.objective ? " (optimal)" : (" (bound " + std::to_string(d.bound) + ")").c_str(),
      d.sessions, d.assignments.size(), fixed, seats);
  std::printf("%s: %zu new, %d kept, %zu withdrawn\n", stored ? "proposals" : "dry run",
              d.added.size(), d.kept, d.removed.size());
  if (!stored) std::printf("dry run: nothing stored\n");
  for (const auto& u : d.unfilled) {
    std::printf("  unfilled %s %s %-8s %-20s %-24s %d seat%s: %s\n",
                format_date(u.key.date).c_str(), std::string(to_string(u.key.half)).c_str(),
                u.key.site.c_str(), u.key.location.c_str(), u.key.judge.c_str(), u.seats,
                u.seats == 1 ? "" : "s", u.reason.c_str());
  }
}

Result<void> run_match(AppContext& ctx, const MatchArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const DateSpan span = date_span(args.from, args.to, ctx.clock->now());
  const app::PlanRequest req{span.from, span.to, !args.export_lp.empty()};
  const auto d = args.dry_run
                     ? CW_TRY(app::preview_plan(*db, req))
                     : CW_TRY(app::apply_plan(*db, *ctx.clock, app::Actor::system("matcher"), req));
  if (!args.export_lp.empty()) {
    std::ofstream out(args.export_lp);
    out << d.lp;
    if (!out.flush()) return fail(Error::io("cannot write LP file '" + args.export_lp + "'"));
  }
  if (args.json) {
    std::printf("%s\n", plan_json(d).dump(2).c_str());
  } else {
    print_text(d, !args.dry_run);
  }
  return {};
}

}  // namespace

void register_match(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<MatchArgs>();
  auto* cmd = app.add_subcommand("match", "Staff the sessions of the horizon with volunteers");
  cmd->add_option("--from", args->from, "First date (YYYY-MM-DD; default today)")
      ->check(iso_date_validator());
  cmd->add_option("--to", args->to, "Last date, inclusive (YYYY-MM-DD; default from + 13 days)")
      ->check(iso_date_validator());
  cmd->add_flag("--dry-run", args->dry_run, "Print the plan without storing proposals");
  cmd->add_flag("--json", args->json, "Print the plan as JSON");
  cmd->add_option("--export-lp", args->export_lp, "Also write the model in CPLEX LP format");
  set_action(cmd, ctx, [&ctx, args]() -> Result<void> { return run_match(ctx, *args); });
}

}  // namespace cw::daemon
