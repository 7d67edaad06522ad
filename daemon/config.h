// Daemon configuration: the TOML file of DESIGN.md §9.
//
// load_config() reads a file (or returns the built-in defaults when path is
// empty) and validates it completely: an unknown key or a value of the wrong
// type or range is an error that names the file, the key and its line. The
// result is a plain value; the daemon swaps in a new one on SIGHUP.
#pragma once

#include <map>
#include <string>

#include "core/error.h"
#include "daemon/config_sources.h"
#include "notify/notify_config.h"

namespace cw::daemon {

struct ServerConfig {
  std::string listen_address = "127.0.0.1";
  int listen_port = 8080;
  std::string public_url;  // e.g. "https://watch.example.org"; default http://<listen>
  int threads = 256;       // worker pool; each keep-alive connection holds one
  int keep_alive_timeout_s = 2;
  int keep_alive_max_requests = 1000;
  std::size_t max_request_bytes = 1 << 20;
  bool behind_https_proxy = false;
  // The reverse proxy's IP address: X-Forwarded-* are believed only from it.
  std::string trusted_proxy;
};

struct FeedsConfig {
  std::string coordinator_contact;  // shown in every feed event: name, phone, e-mail
};

// [backup] and [retention]: the maintenance jobs of `courtwatch serve`.
struct MaintenanceConfig {
  std::string backup_dir;  // empty: no scheduled backups
  std::chrono::seconds backup_interval{24 * 3600};
  int backup_keep = 7;
  int retention_days = 90;  // assignments and reports of older sessions are anonymized
};

struct Config {
  std::string source_file;  // where it came from, empty for defaults
  std::string database_path = "./courtwatch.db";
  std::string sites_file;  // empty: ./config/sites.csv, then the installed copy
  std::string demo_dir;    // empty: ./config/demo, then the installed copy
  ServerConfig server;
  FeedsConfig feeds;
  int import_horizon_days = 60;
  std::map<std::string, std::string> csv_column_aliases;  // [import.csv.columns]
  std::string log_level = "info";                         // debug, info, warning, error
  std::vector<SourceConfig> sources;                      // [[sources]]: scheduled imports
  FetchConfig fetch;                                      // [fetch]
  MaintenanceConfig maintenance;                          // [backup], [retention]
  notify::NotifyConfig notify;  // [notify], [[notify.coordinators]], [smtp], [webhook]
};

// The URL people reach courtwatch at: server.public_url, else
// http://<listen address>:<port>.
std::string public_base_url(const Config& c);

// Reads and validates a TOML file. An empty path means built-in defaults.
Result<Config> load_config(const std::string& path);
// Parses TOML text; `name` is used in error messages.
Result<Config> parse_config(std::string_view text, const std::string& name);

// The config file to use when --config is not given: ./courtwatch.toml if it
// exists, /etc/courtwatch/courtwatch.toml when running as root under systemd
// (INVOCATION_ID set) and it exists, otherwise none (built-in defaults).
std::string default_config_path();

// 127.0.0.0/8, ::1 (and its v4-mapped form) or "localhost". courtwatch serve
// warns when it listens anywhere else (DESIGN.md §9: expose it via the proxy).
bool is_loopback_address(const std::string& address);

// Where to find a bundled data file: `configured` if set, else
// <exe>/../share/courtwatch/<rel> (an installed binary, from any directory),
// else ./config/<rel> (a build tree run from the checkout), else the data
// directory compiled in (COURTWATCH_DATADIR).
std::string resolve_data_path(const std::string& configured, const std::string& rel);

}  // namespace cw::daemon
