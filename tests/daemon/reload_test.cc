// What SIGHUP applies and what waits for a restart (daemon/reload.h).
#include "daemon/reload.h"

#include <gtest/gtest.h>

#include "core/log.h"

namespace cw::daemon {
namespace {

Config parsed(std::string_view text) { return parse_config(text, "t.toml").value(); }

TEST(Reload, NothingChangedNothingReported) {
  const auto d = diff_for_reload(Config{}, Config{});
  EXPECT_TRUE(d.applied.empty());
  EXPECT_TRUE(d.needs_restart.empty());
}

TEST(Reload, AppliesWhatTheJobsReadAndKeepsTheRest) {
  Config current = parsed("[server]\nlisten = \"127.0.0.1:8080\"\nthreads = 64\n");
  const Config next = parsed(R"(
[server]
listen = "127.0.0.1:9090"
threads = 32
[log]
level = "debug"
[backup]
dir = "/var/lib/courtwatch/backups"
keep = 3
[retention]
days = 30
[[sources]]
name = "s"
kind = "csv"
path = "/srv/x.csv"
)");
  const auto d = apply_reload(current, next);
  EXPECT_EQ(d.applied, (std::vector<std::string>{"log.level", "sources", "backup.dir",
                                                 "backup.keep", "retention.days"}));
  EXPECT_EQ(d.needs_restart, (std::vector<std::string>{"server.listen", "server.threads"}));
  EXPECT_EQ(current.log_level, "debug");
  EXPECT_EQ(current.sources.size(), 1u);
  EXPECT_EQ(current.maintenance.backup_keep, 3);
  EXPECT_EQ(current.maintenance.retention_days, 30);
  EXPECT_EQ(current.server.listen_port, 8080);  // the old values stay in force
  EXPECT_EQ(current.server.threads, 64);
  log::set_level(log::Level::info);
}

TEST(Reload, FetchAndFeedsNeedARestart) {
  const auto d = diff_for_reload(
      Config{}, parsed("[fetch]\nretries = 1\n[feeds]\ncoordinator_contact = \"x\"\n"));
  EXPECT_EQ(d.needs_restart, (std::vector<std::string>{"feeds.coordinator_contact", "fetch"}));
}

TEST(Reload, NotificationSettingsAreAppliedAndRebuildTheWorker) {
  Config current = parsed("[notify]\nquiet_start = \"21:00\"\n");
  const Config next = parsed(R"(
[notify]
quiet_start = "22:00"
[smtp]
url = "smtp://127.0.0.1:2525"
from = "Court Watch <watch@example.org>"
)");
  const auto d = apply_reload(current, next);
  EXPECT_EQ(d.applied, (std::vector<std::string>{"notify", "smtp"}));
  EXPECT_TRUE(d.needs_restart.empty());
  EXPECT_TRUE(notify_changed(d));
  EXPECT_EQ(current.notify.smtp.url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(current.notify.rules.quiet.start, TimeOfDay{22 * 60});
  EXPECT_FALSE(notify_changed(diff_for_reload(current, next)));
  EXPECT_FALSE(notify_changed(diff_for_reload(Config{}, parsed("[log]\nlevel = \"debug\"\n"))));
}

}  // namespace
}  // namespace cw::daemon
