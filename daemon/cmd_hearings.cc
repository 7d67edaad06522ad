// courtwatch hearings [--from DATE] [--to DATE] [--site CODE] [--json]
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/record_json.h"
#include "core/text.h"
#include "daemon/cli_util.h"
#include "daemon/commands.h"
#include "store/repos.h"

namespace cw::daemon {

namespace {
struct HearingsArgs {
  std::string from, to, site;
  bool json = false;
};

nlohmann::json to_json(const Hearing& h) {
  auto j = app::hearing_record(h);
  j["source_key"] = h.source_key;
  return j;
}
}  // namespace

void register_hearings(CLI::App& app, AppContext& ctx) {
  auto args = std::make_shared<HearingsArgs>();
  auto* cmd = app.add_subcommand("hearings", "List stored hearings (site-local dates and times)");
  cmd->add_option("--from", args->from, "First date (YYYY-MM-DD)")->check(iso_date_validator());
  cmd->add_option("--to", args->to, "Last date, inclusive (YYYY-MM-DD)")
      ->check(iso_date_validator());
  cmd->add_option("--site", args->site, "Only this site code")->check(site_list_validator());
  cmd->add_flag("--json", args->json, "Print a JSON array");
  set_action(cmd, ctx, [&ctx, args]() -> Result<void> {
    auto db = CW_TRY(ctx.open_db());
    store::HearingRepo repo(*db);
    store::HearingFilter f;
    f.from = optional_date(args->from);
    f.to = optional_date(args->to);
    if (!args->site.empty()) f.site = upper_ascii(args->site);
    if (args->json) {
      std::string out = "[";
      bool first = true;
      CW_TRY(repo.each(f, [&](const Hearing& h) {
        out += first ? "\n  " : ",\n  ";
        first = false;
        out += to_json(h).dump();
      }));
      out += first ? "]\n" : "\n]\n";
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout)) {
        return fail(Error::io("stdout: cannot write the hearings JSON (" +
                              std::to_string(out.size()) + " bytes)"));
      }
      return {};
    }
    std::size_t n = 0;
    CW_TRY(repo.each(f, [&](const Hearing& h) {
      ++n;
      std::printf("%s %s%s%s  %-8s %-10s %-24s %-24s %-9s%s\n", format_date(h.date).c_str(),
                  format_time(h.start).c_str(), h.stop ? "-" : "      ",
                  h.stop ? format_time(*h.stop).c_str() : "", h.site.c_str(),
                  std::string(to_string(h.type)).c_str(), h.location.c_str(), h.judge.c_str(),
                  h.detained ? "detained" : "",
                  h.status == HearingStatus::cancelled ? "  CANCELLED" : "");
    }));
    std::printf("%zu hearing%s\n", n, n == 1 ? "" : "s");
    return {};
  });
}

}  // namespace cw::daemon
