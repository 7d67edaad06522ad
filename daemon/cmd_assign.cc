// courtwatch assign VOLUNTEER_ID SESSION_ID [--pin]
// courtwatch unassign ASSIGNMENT_ID
// courtwatch invite [--from DATE] [--to DATE]
//
// Parse, call app/assignments.h (app/plan.h for invite), print. A change that would break a hard
// constraint prints the rule's message and exits 1, like any error.
#include <cstdio>

#include "app/assignments.h"
#include "app/plan.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"

namespace cw::daemon {
namespace {

struct AssignArgs {
  std::string from, to;
  std::string volunteer;
  Id session = 0;
  Id assignment = 0;
  bool pin = false;
};

// The operator at the terminal, named "cli:<unix user>" in the audit log.
app::Actor operator_actor() { return app::Actor::coordinator(cli_actor()); }

Result<void> run_assign(AppContext& ctx, const AssignArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const Id volunteer = CW_TRY(app::volunteer_id(*db, args.volunteer));
  const auto a = CW_TRY(app::assign(*db, *ctx.clock, operator_actor(), args.session, volunteer,
                                    args.pin ? app::Pin::yes : app::Pin::no));
  std::printf("assignment %lld: %s in session %lld, %s%s\n", static_cast<long long>(a.id),
              args.volunteer.c_str(), static_cast<long long>(a.session),
              std::string(to_string(a.state)).c_str(), a.pinned ? ", pinned" : "");
  return {};
}

Result<void> run_unassign(AppContext& ctx, const AssignArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  CW_TRY(app::unassign(*db, *ctx.clock, operator_actor(), args.assignment));
  std::printf("assignment %lld cancelled\n", static_cast<long long>(args.assignment));
  return {};
}

Result<void> run_invite(AppContext& ctx, const AssignArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  const DateSpan span = date_span(args.from, args.to, ctx.clock->now());
  const int n = CW_TRY(app::invite(*db, *ctx.clock, operator_actor(), span.from, span.to));
  std::printf("%d assignment%s invited (%s..%s)\n", n, n == 1 ? "" : "s",
              format_date(span.from).c_str(), format_date(span.to).c_str());
  return {};
}

}  // namespace

void register_assign(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<AssignArgs>();
  auto* assign = app.add_subcommand(
      "assign", "Assign a volunteer to a session by hand (the matcher's hard constraints apply)");
  assign->add_option("VOLUNTEER_ID", args->volunteer, "The volunteer's handle (e.g. v0001)")
      ->required();
  assign->add_option("SESSION_ID", args->session, "The session's id (see 'sessions --json')")
      ->required()
      ->check(CLI::PositiveNumber);
  assign->add_flag("--pin", args->pin, "Pin it: re-planning keeps it");
  set_action(assign, ctx, [&ctx, args] { return run_assign(ctx, *args); });

  auto* unassign = app.add_subcommand("unassign", "Cancel an assignment");
  unassign->add_option("ASSIGNMENT_ID", args->assignment, "The assignment's id")
      ->required()
      ->check(CLI::PositiveNumber);
  set_action(unassign, ctx, [&ctx, args] { return run_unassign(ctx, *args); });

  auto* invite = app.add_subcommand(
      "invite", "Proposed assignments become invited; their invitations are queued");
  invite->add_option("--from", args->from, "First session date (YYYY-MM-DD; default today)")
      ->check(iso_date_validator());
  invite->add_option("--to", args->to, "Last date, inclusive (default from + 13 days)")
      ->check(iso_date_validator());
  set_action(invite, ctx, [&ctx, args] { return run_invite(ctx, *args); });
}

}  // namespace cw::daemon
