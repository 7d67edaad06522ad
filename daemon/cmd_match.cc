// courtwatch match [--from DATE] [--to DATE] [--dry-run] [--json] [--export-lp FILE]
//
// Runs daemon/planning.h's plan_sessions() over the horizon (unless
// --dry-run it stores the plan as proposals) and prints the plan. The
// printed objective is the model value of the whole printed plan, fixed
// assignments included; --export-lp writes the same model for an
// independent solver.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "daemon/planning.h"

namespace cw::daemon {
namespace {

struct MatchArgs {
  std::string from, to, export_lp;
  bool dry_run = false, json = false;
};

nlohmann::json plan_json(const Loaded& l, const scheduler::Plan& plan,
                         const std::vector<scheduler::Unfilled>& unfilled) {
  nlohmann::json assigned = nlohmann::json::array(), open = nlohmann::json::array();
  for (const auto& a : plan.assignments) {
    const auto& s = l.in.sessions[static_cast<std::size_t>(a.session)].key;
    const auto state =
        a.fixed ? l.fixed_state.at({a.volunteer, a.session}) : AssignmentState::proposed;
    assigned.push_back(
        {{"volunteer", l.in.volunteers[static_cast<std::size_t>(a.volunteer)].handle},
         {"site", s.site},
         {"location", s.location},
         {"judge", s.judge},
         {"date", format_date(s.date)},
         {"half", to_string(s.half)},
         {"state", to_string(state)}});
  }
  for (const auto& u : unfilled) {
    const auto& s = l.in.sessions[static_cast<std::size_t>(u.session)].key;
    open.push_back({{"site", s.site},
                    {"location", s.location},
                    {"judge", s.judge},
                    {"date", format_date(s.date)},
                    {"half", to_string(s.half)},
                    {"seats", u.seats},
                    {"reason", u.reason}});
  }
  return {{"objective", plan.objective}, {"assignments", assigned}, {"unfilled", open}};
}

void print_text(const Loaded& l, const scheduler::Plan& plan,
                const std::vector<scheduler::Unfilled>& unfilled, bool stored,
                const store::ProposalCounts& counts) {
  int seats = 0, fixed = 0;
  for (const auto& u : unfilled) seats += u.seats;
  for (const auto& a : plan.assignments) fixed += a.fixed;
  std::printf("objective %lld%s: %zu sessions, %zu assignments (%d fixed), %d empty seats\n",
              static_cast<long long>(plan.objective),
              plan.bound == plan.objective
                  ? " (optimal)"
                  : (" (bound " + std::to_string(plan.bound) + ")").c_str(),
              l.in.sessions.size(), plan.assignments.size(), fixed, seats);
  if (stored) {
    std::printf("proposals: %d new, %d kept, %d withdrawn\n", counts.added, counts.kept,
                counts.withdrawn);
  } else {
    std::printf("dry run: nothing stored\n");
  }
  for (const auto& u : unfilled) {
    const auto& s = l.in.sessions[static_cast<std::size_t>(u.session)].key;
    std::printf("  unfilled %s %s %-8s %-20s %-24s %d seat%s: %s\n", format_date(s.date).c_str(),
                std::string(to_string(s.half)).c_str(), s.site.c_str(), s.location.c_str(),
                s.judge.c_str(), u.seats, u.seats == 1 ? "" : "s", u.reason.c_str());
  }
}

Result<void> run_match(AppContext& ctx, const MatchArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const Instant now = ctx.clock->now();
  const SessionScope scope = session_scope(args.from, args.to, "", now);
  const auto r = CW_TRY(plan_sessions(
      *db, scope, now, args.dry_run ? PlanMode::dry_run : PlanMode::store, args.export_lp));
  if (args.json) {
    std::printf("%s\n", plan_json(r.loaded, r.plan, r.unfilled).dump(2).c_str());
  } else {
    print_text(r.loaded, r.plan, r.unfilled, !args.dry_run, r.counts);
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
