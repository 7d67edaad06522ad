// courtwatch match [--from DATE] [--to DATE] [--dry-run] [--json] [--export-lp FILE]
//
// Brings the sessions of the horizon up to date, builds the matcher's input
// from the store — confirmed, invited and pinned assignments are fixed (an
// invitation has been sent, so re-planning does not move it), current
// proposals are the previous plan, declined and forbidden pairs are
// excluded — runs scheduler::match(), explains every empty seat, and unless
// --dry-run replaces the stored proposals by the new ones. The printed
// objective is the model value of the whole printed plan, fixed assignments
// included; --export-lp writes the same model for an independent solver.
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/log.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "daemon/session_sync.h"
#include "scheduler/explain.h"
#include "scheduler/lp_export.h"
#include "scheduler/matcher.h"
#include "scheduler/plan_check.h"
#include "store/repos.h"
#include "store/session_repos.h"

namespace cw::daemon {
namespace {

struct MatchArgs {
  std::string from, to, export_lp;
  bool dry_run = false, json = false;
};

// The matcher's input plus the stored ids behind its indices.
struct Loaded {
  scheduler::MatchInput in;
  std::vector<Id> session_ids, volunteer_ids;
  std::map<std::pair<int, int>, AssignmentState> fixed_state;
};

Result<Loaded> load(store::Database& db, const SessionScope& scope) {
  Loaded l;
  store::SessionFilter f;
  f.from = scope.from;
  f.to = scope.to;
  f.include_cancelled = false;
  l.in.sessions = CW_TRY(store::SessionRepo(db).list(f));
  l.in.volunteers = CW_TRY(store::VolunteerRepo(db).all());
  std::map<Id, int> session_index, volunteer_index;
  for (const auto& s : l.in.sessions) {
    session_index[s.id] = static_cast<int>(l.session_ids.size());
    l.session_ids.push_back(s.id);
  }
  for (const auto& v : l.in.volunteers) {
    volunteer_index[v.id] = static_cast<int>(l.volunteer_ids.size());
    l.volunteer_ids.push_back(v.id);
  }
  auto pair_of = [&](Id session, Id volunteer) -> std::optional<scheduler::Pair> {
    const auto s = session_index.find(session);
    const auto v = volunteer_index.find(volunteer);
    if (s == session_index.end() || v == volunteer_index.end()) return std::nullopt;
    return scheduler::Pair{v->second, s->second};
  };
  store::AssignmentRepo assignments(db);
  for (const auto& a : CW_TRY(assignments.list(scope.from, scope.to))) {
    const auto p = pair_of(a.session, a.volunteer);
    if (!p) continue;
    const bool live = a.state == AssignmentState::proposed || a.state == AssignmentState::invited ||
                      a.state == AssignmentState::confirmed;
    if (a.state == AssignmentState::proposed) l.in.previous.push_back(*p);
    if (a.state == AssignmentState::declined) l.in.excluded.push_back(*p);
    if (a.state == AssignmentState::confirmed || a.state == AssignmentState::invited ||
        (a.pinned && live)) {
      l.in.fixed.push_back(*p);
      l.fixed_state[{p->volunteer, p->session}] = a.state;
    }
  }
  for (const auto& [session, volunteer] : CW_TRY(assignments.forbidden(scope.from, scope.to))) {
    if (const auto p = pair_of(session, volunteer)) l.in.excluded.push_back(*p);
  }
  return l;
}

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
  CW_TRY(sync_sessions(*db, scope, now));
  const Loaded l = CW_TRY(load(*db, scope));
  if (!args.export_lp.empty()) {
    std::ofstream out(args.export_lp);
    out << scheduler::export_lp(l.in);
    if (!out.flush()) return fail(Error::io("cannot write LP file '" + args.export_lp + "'"));
  }
  const scheduler::Plan plan = scheduler::match(l.in);
  const auto unfilled = scheduler::explain_unfilled(l.in, plan);
  for (const auto& problem : scheduler::check_plan(l.in, plan.assignments)) {
    // Only fixed assignments that already break a rule can get here.
    log::warning("match: plan breaks a rule because of fixed assignments: " + problem);
  }
  store::ProposalCounts counts;
  if (!args.dry_run) {
    std::vector<std::pair<Id, Id>> proposals;
    for (const auto& a : plan.assignments) {
      if (a.fixed) continue;
      proposals.emplace_back(l.session_ids[static_cast<std::size_t>(a.session)],
                             l.volunteer_ids[static_cast<std::size_t>(a.volunteer)]);
    }
    auto tx = CW_TRY(db->begin_immediate());
    counts = CW_TRY(store::AssignmentRepo(*db).replace_proposals(
        scope.from, scope.to, proposals,
        {"matcher", "plan objective " + std::to_string(plan.objective)}, now));
    CW_TRY(tx.commit());
  }
  if (args.json) {
    std::printf("%s\n", plan_json(l, plan, unfilled).dump(2).c_str());
  } else {
    print_text(l, plan, unfilled, !args.dry_run, counts);
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
