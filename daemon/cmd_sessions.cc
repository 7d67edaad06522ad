// courtwatch sessions [--from DATE] [--to DATE] [--site CODE] [--json]
//
// Lists the stored sessions of the range with their coverage. Reads only:
// imports and closures keep the sessions current (app/imports.h).
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "app/record_json.h"
#include "core/text.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "store/session_repos.h"

namespace cw::daemon {
namespace {

struct SessionsArgs {
  std::string from, to, site;
  bool json = false;
};

std::string flags(const Session& s) {
  std::string f;
  if (s.detained) f += "D";
  if (s.individual) f += "I";
  if (s.big) f += "B";
  return f.empty() ? "-" : f;
}

}  // namespace

void register_sessions(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<SessionsArgs>();
  auto* cmd = app.add_subcommand("sessions", "List the watch sessions with their coverage");
  cmd->add_option("--from", args->from, "First date (YYYY-MM-DD; default today)")
      ->check(iso_date_validator());
  cmd->add_option("--to", args->to, "Last date, inclusive (YYYY-MM-DD; default from + 13 days)")
      ->check(iso_date_validator());
  cmd->add_option("--site", args->site, "Only this site code")->check(site_list_validator());
  cmd->add_flag("--json", args->json, "Print a JSON array");
  set_action(cmd, ctx, [&ctx, args]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    const Instant now = ctx.clock->now();
    const DateSpan span = date_span(args->from, args->to, now);
    store::SessionFilter f;
    f.from = span.from;
    f.to = span.to;
    if (!args->site.empty()) f.site = upper_ascii(args->site);
    auto snapshot = CW_TRY(db->begin_deferred());  // sessions and assignments from one state
    const auto sessions = CW_TRY(store::SessionRepo(*db).list(f));
    std::map<Id, int> assigned;
    for (const auto& a : CW_TRY(store::AssignmentRepo(*db).list(span.from, span.to))) {
      if (is_live(a.state)) ++assigned[a.session];
    }
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : sessions) out.push_back(app::session_record(s, assigned[s.id]));
      std::printf("%s\n", out.dump(2).c_str());
      return {};
    }
    for (const auto& s : sessions) {
      std::printf("%s %s %s-%s  %-8s %-20s %-24s %3d hearings  %-3s  %d/%d%s\n",
                  format_date(s.key.date).c_str(), std::string(to_string(s.key.half)).c_str(),
                  format_time(s.start).c_str(), format_time(s.end).c_str(), s.key.site.c_str(),
                  s.key.location.c_str(), s.key.judge.c_str(), s.hearings, flags(s).c_str(),
                  assigned[s.id], s.need(),
                  s.status == SessionStatus::cancelled ? "  CANCELLED" : "");
    }
    std::printf("%zu session%s\n", sessions.size(), sessions.size() == 1 ? "" : "s");
    return {};
  });
}

}  // namespace cw::daemon
