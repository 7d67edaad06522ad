#include "daemon/reload.h"

#include "core/log.h"

namespace cw::daemon {
namespace {

std::string joined(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

bool same_sources(const std::vector<SourceConfig>& a, const std::vector<SourceConfig>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].kind != b[i].kind || a[i].url != b[i].url ||
        a[i].path != b[i].path || a[i].site != b[i].site || a[i].interval != b[i].interval) {
      return false;
    }
  }
  return true;
}

}  // namespace

ReloadDiff diff_for_reload(const Config& o, const Config& n) {
  ReloadDiff d;
  auto check = [](std::vector<std::string>& into, bool differs, const char* key) {
    if (differs) into.emplace_back(key);
  };
  auto& now = d.applied;
  check(now, o.log_level != n.log_level, "log.level");
  check(now, !same_sources(o.sources, n.sources), "sources");
  check(now, o.import_horizon_days != n.import_horizon_days, "import.horizon_days");
  check(now, o.csv_column_aliases != n.csv_column_aliases, "import.csv.columns");
  const auto &om = o.maintenance, &nm = n.maintenance;
  check(now, om.backup_dir != nm.backup_dir, "backup.dir");
  check(now, om.backup_interval != nm.backup_interval, "backup.interval");
  check(now, om.backup_keep != nm.backup_keep, "backup.keep");
  check(now, om.retention_days != nm.retention_days, "retention.days");
  const auto &on = o.notify, &nn = n.notify;
  check(now, on.rules != nn.rules || on.delivery != nn.delivery, "notify");
  check(now, on.coordinators != nn.coordinators, "notify.coordinators");
  check(now, on.smtp != nn.smtp, "smtp");
  check(now, on.webhook != nn.webhook, "webhook");

  auto& later = d.needs_restart;
  const auto &os = o.server, &ns = n.server;
  check(later, o.database_path != n.database_path, "database.path");
  check(later, os.listen_address != ns.listen_address || os.listen_port != ns.listen_port,
        "server.listen");
  check(later, os.public_url != ns.public_url, "server.public_url");
  check(later, os.threads != ns.threads, "server.threads");
  check(later, os.keep_alive_timeout_s != ns.keep_alive_timeout_s, "server.keep_alive_timeout");
  check(later, os.keep_alive_max_requests != ns.keep_alive_max_requests,
        "server.keep_alive_max_requests");
  check(later, os.max_request_bytes != ns.max_request_bytes, "server.max_request_kb");
  check(later, os.behind_https_proxy != ns.behind_https_proxy, "server.behind_https_proxy");
  check(later, os.trusted_proxy != ns.trusted_proxy, "server.trusted_proxy");
  check(later, o.sites_file != n.sites_file, "data.sites_file");
  check(later, o.demo_dir != n.demo_dir, "data.demo_dir");
  check(later, o.feeds.coordinator_contact != n.feeds.coordinator_contact,
        "feeds.coordinator_contact");
  const auto &of = o.fetch, &nf = n.fetch;
  check(later,
        of.connect_timeout_s != nf.connect_timeout_s || of.timeout_s != nf.timeout_s ||
            of.max_size_mb != nf.max_size_mb || of.retries != nf.retries ||
            of.max_redirects != nf.max_redirects,
        "fetch");
  return d;
}

bool notify_changed(const ReloadDiff& d) {
  for (const auto& key : d.applied) {
    if (key == "notify" || key.starts_with("notify.") || key == "smtp" || key == "webhook") {
      return true;
    }
  }
  return false;
}

ReloadDiff apply_reload(Config& current, const Config& next) {
  auto d = diff_for_reload(current, next);
  current.log_level = next.log_level;
  current.sources = next.sources;
  current.import_horizon_days = next.import_horizon_days;
  current.csv_column_aliases = next.csv_column_aliases;
  current.maintenance = next.maintenance;
  current.notify = next.notify;
  log::Level level{};
  if (log::parse_level(current.log_level, level)) log::set_level(level);
  log::debug("log level now " + current.log_level);  // seen only when it took effect
  log::info("configuration reloaded; applied: " +
            (d.applied.empty() ? std::string("nothing changed") : joined(d.applied)));
  if (!d.needs_restart.empty()) {
    log::warning("configuration changes that need a restart (old values stay in force): " +
                 joined(d.needs_restart));
  }
  return d;
}

}  // namespace cw::daemon
