// courtwatch outbox list [--state S] [--json] | retry ID | preview VOLUNTEER_ID [--json]
//
// list shows the stored messages (newest plans included, dropped ones with
// their reason); retry puts a failed or dropped message back to pending, due
// now; preview shows the messages for one volunteer, sent or not: the stored
// ones plus what the planner would add now (computed, not written: a read
// command never writes), as [{"kind", "session", "due", "channel", "state",
// "subject"}] with due in UTC.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "daemon/commands.h"
#include "notify/plan_source.h"
#include "store/outbox_repo.h"
#include "store/repos.h"

namespace cw::daemon {
namespace {

struct OutboxArgs {
  std::string state;
  bool list_json = false;
  Id retry_id = 0;
  std::string volunteer;
  bool preview_json = false;
};

Result<void> list(AppContext& ctx, const OutboxArgs& args) {
  static const std::set<std::string> kStates{"pending", "sending", "sent", "failed", "dropped"};
  if (!args.state.empty() && !kStates.contains(args.state)) {
    return fail(Error::invalid(
        "--state: expected pending, sending, sent, failed or dropped, got '" + args.state + "'"));
  }
  auto db = CW_TRY(ctx.open_db());
  store::OutboxFilter f;
  if (!args.state.empty()) f.state = args.state;
  f.limit = 100000;
  const auto rows = CW_TRY(store::OutboxRepo(*db).list(f));
  if (args.list_json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
      out.push_back({{"id", r.id},
                     {"kind", r.kind},
                     {"state", r.state},
                     {"due", format_instant(r.due)},
                     {"channel", r.channel},
                     {"recipient", r.recipient},
                     {"session", r.session ? nlohmann::json(*r.session) : nlohmann::json()},
                     {"attempts", r.attempts},
                     {"last_error", r.last_error},
                     {"subject", r.subject}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return {};
  }
  for (const auto& r : rows) {
    std::printf("%6lld  %-15s %-8s %s  %-7s %-28s %s%s%s\n", static_cast<long long>(r.id),
                r.kind.c_str(), r.state.c_str(), format_instant(r.due).c_str(), r.channel.c_str(),
                r.recipient.c_str(), r.subject.c_str(), r.last_error.empty() ? "" : "  — ",
                r.last_error.c_str());
  }
  std::printf("%zu message%s\n", rows.size(), rows.size() == 1 ? "" : "s");
  return {};
}

Result<void> retry(AppContext& ctx, const OutboxArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  store::OutboxRepo outbox(*db);
  const auto row = CW_TRY(outbox.find(args.retry_id));
  if (!row) return fail(Error::not_found("no outbox message " + std::to_string(args.retry_id)));
  if (!CW_TRY(outbox.retry(args.retry_id, ctx.clock->now()))) {
    return fail(Error::conflict("outbox message " + std::to_string(args.retry_id) + " is " +
                                row->state + "; only failed or dropped messages can be retried"));
  }
  std::printf("outbox message %lld is pending again\n", static_cast<long long>(args.retry_id));
  return {};
}

Result<void> preview(AppContext& ctx, const OutboxArgs& args) {
  auto db = CW_TRY(ctx.open_db());
  auto v = CW_TRY(store::VolunteerRepo(*db).find_by_handle(args.volunteer));
  if (!v && args.volunteer.find_first_not_of("0123456789") == std::string::npos &&
      !args.volunteer.empty()) {
    v = CW_TRY(store::VolunteerRepo(*db).find(std::stoll(args.volunteer)));
  }
  if (!v) return fail(Error::not_found("no volunteer with id '" + args.volunteer + "'"));
  auto tx = CW_TRY(db->begin_deferred());
  const auto in = CW_TRY(notify::load_plan_input(*db, ctx.config.notify, ctx.clock->now()));
  const auto plan = CW_TRY(notify::plan_messages(in));
  store::OutboxFilter f;
  f.volunteer = v->id;
  f.limit = 100000;
  auto rows = CW_TRY(store::OutboxRepo(*db).list(f));
  for (const auto& d : plan.drop) {
    for (auto& r : rows) {
      if (r.id == d.id) r.state = "dropped";
    }
  }
  for (const auto& r : plan.add) {
    if (r.volunteer == v->id) rows.push_back(r);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.due < b.due; });
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    if (args.preview_json) {
      out.push_back({{"kind", r.kind},
                     {"session", r.session ? nlohmann::json(*r.session) : nlohmann::json()},
                     {"due", format_instant(r.due)},
                     {"channel", r.channel},
                     {"state", r.state},
                     {"subject", r.subject}});
    } else {
      std::printf("%s  %-15s %-8s %-7s %s\n", format_instant(r.due).c_str(), r.kind.c_str(),
                  r.state.c_str(), r.channel.c_str(), r.subject.c_str());
    }
  }
  if (args.preview_json) std::printf("%s\n", out.dump(2).c_str());
  return {};
}

}  // namespace

void register_outbox(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<OutboxArgs>();
  auto* cmd = app.add_subcommand("outbox", "Show and retry notification messages");
  cmd->require_subcommand(1);

  auto* l = cmd->add_subcommand("list", "List outbox messages");
  l->add_option("--state", args->state, "Only messages in this state");
  l->add_flag("--json", args->list_json, "Print a JSON array");
  set_action(l, ctx, [&ctx, args]() { return list(ctx, *args); });

  auto* r = cmd->add_subcommand("retry", "Send a failed or dropped message again");
  r->add_option("ID", args->retry_id, "The message id (from outbox list)")->required();
  set_action(r, ctx, [&ctx, args]() { return retry(ctx, *args); });

  auto* p = cmd->add_subcommand("preview", "The messages planned for one volunteer, sent or not");
  p->add_option("VOLUNTEER_ID", args->volunteer, "The volunteer's id (e.g. v0001)")->required();
  p->add_flag("--json", args->preview_json, "Print a JSON array");
  set_action(p, ctx, [&ctx, args]() { return preview(ctx, *args); });
}

}  // namespace cw::daemon
