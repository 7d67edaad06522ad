#include "daemon/config.h"

#include <arpa/inet.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "daemon/config_notify.h"
#include "daemon/config_sources_toml.h"

#ifndef COURTWATCH_DATADIR
#define COURTWATCH_DATADIR "/usr/share/courtwatch"
#endif

namespace cw::daemon {
namespace {

bool is_ip_address(const std::string& text) {
  in6_addr buf{};
  return inet_pton(AF_INET, text.c_str(), &buf) == 1 ||
         inet_pton(AF_INET6, text.c_str(), &buf) == 1;
}

std::string where(const std::string& name, const toml::node& n, const std::string& key) {
  return name + ": line " + std::to_string(n.source().begin.line) + ", key '" + key + "'";
}

// Walks one table, dispatching known keys and rejecting unknown ones.
class TableReader {
 public:
  TableReader(const std::string& name, const toml::table& t, std::string prefix)
      : name_(name), table_(t), prefix_(std::move(prefix)) {}

  Result<void> string(const char* key, std::string& out) {
    seen_.insert(key);
    const auto* n = table_.get(key);
    if (!n) return {};
    if (!n->is_string()) return type_error(*n, key, "a string");
    out = n->value<std::string>().value();
    return {};
  }

  Result<void> integer(const char* key, int& out, int lo, int hi) {
    seen_.insert(key);
    const auto* n = table_.get(key);
    if (!n) return {};
    if (!n->is_integer()) return type_error(*n, key, "an integer");
    const auto v = n->value<std::int64_t>().value();
    if (v < lo || v > hi) {
      return fail(Error::invalid(where(name_, *n, prefix_ + key) + ": expected an integer from " +
                                 std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                                 std::to_string(v)));
    }
    out = static_cast<int>(v);
    return {};
  }

  Result<void> boolean(const char* key, bool& out) {
    seen_.insert(key);
    const auto* n = table_.get(key);
    if (!n) return {};
    if (!n->is_boolean()) return type_error(*n, key, "true or false");
    out = n->value<bool>().value();
    return {};
  }

  // Any value (or nullptr when absent), checked by the caller.
  const toml::node* node(const char* key) {
    seen_.insert(key);
    return table_.get(key);
  }

  // Returns the sub-table (or nullptr when absent); error if not a table.
  Result<const toml::table*> table(const char* key) {
    seen_.insert(key);
    const auto* n = table_.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) return fail(type_error(*n, key, "a table").error());
    return n->as_table();
  }

  Result<void> reject_unknown() {
    for (const auto& [k, v] : table_) {
      if (!seen_.contains(std::string(k.str()))) {
        return fail(Error::invalid(name_ + ": line " + std::to_string(k.source().begin.line) +
                                   ": unknown key '" + prefix_ + std::string(k.str()) + "'"));
      }
    }
    return {};
  }

 private:
  Result<void> type_error(const toml::node& n, const char* key, const char* expected) {
    return fail(Error::invalid(where(name_, n, prefix_ + key) + ": expected " + expected));
  }

  const std::string& name_;
  const toml::table& table_;
  std::string prefix_;
  std::set<std::string> seen_;
};

Result<void> read_server(const std::string& name, const toml::table& t, ServerConfig& s) {
  TableReader r(name, t, "server.");
  std::string listen;
  CW_TRY(r.string("listen", listen));
  if (!listen.empty()) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return fail(Error::invalid(where(name, *t.get("listen"), "server.listen") +
                                 ": expected ADDRESS:PORT, got '" + listen + "'"));
    }
    auto addr = listen.substr(0, colon);
    if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']') {
      addr = addr.substr(1, addr.size() - 2);
    }
    int port = 0;
    const auto port_text = listen.substr(colon + 1);
    try {
      std::size_t used = 0;
      port = std::stoi(port_text, &used);
      if (used != port_text.size()) port = -1;
    } catch (const std::exception&) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      return fail(Error::invalid(where(name, *t.get("listen"), "server.listen") +
                                 ": expected a port from 0 (any free port) to 65535, got '" +
                                 port_text + "'"));
    }
    s.listen_address = addr;
    s.listen_port = port;
  }
  CW_TRY(r.string("public_url", s.public_url));
  if (!s.public_url.empty() && !s.public_url.starts_with("http://") &&
      !s.public_url.starts_with("https://")) {
    return fail(Error::invalid(where(name, *t.get("public_url"), "server.public_url") +
                               ": expected a URL starting with http:// or https://"));
  }
  while (s.public_url.ends_with('/')) s.public_url.pop_back();
  CW_TRY(r.integer("threads", s.threads, 4, 1024));
  CW_TRY(r.integer("keep_alive_timeout", s.keep_alive_timeout_s, 1, 60));
  CW_TRY(r.integer("keep_alive_max_requests", s.keep_alive_max_requests, 1, 1000000));
  int max_kb = static_cast<int>(s.max_request_bytes / 1024);
  CW_TRY(r.integer("max_request_kb", max_kb, 1, 1024 * 1024));
  s.max_request_bytes = static_cast<std::size_t>(max_kb) * 1024;
  CW_TRY(r.boolean("behind_https_proxy", s.behind_https_proxy));
  CW_TRY(r.string("trusted_proxy", s.trusted_proxy));
  if (!s.trusted_proxy.empty() && !is_ip_address(s.trusted_proxy)) {
    return fail(Error::invalid(where(name, *t.get("trusted_proxy"), "server.trusted_proxy") +
                               ": expected an IPv4 or IPv6 address, e.g. \"127.0.0.1\""));
  }
  return r.reject_unknown();
}

Result<void> read_import(const std::string& name, const toml::table& t, Config& c) {
  TableReader r(name, t, "import.");
  CW_TRY(r.integer("horizon_days", c.import_horizon_days, 1, 3660));
  if (const auto* csv = CW_TRY(r.table("csv"))) {
    TableReader rc(name, *csv, "import.csv.");
    if (const auto* cols = CW_TRY(rc.table("columns"))) {
      for (const auto& [k, v] : *cols) {
        if (!v.is_string()) {
          return fail(Error::invalid(where(name, v, "import.csv.columns." + std::string(k.str())) +
                                     ": expected a string (the canonical column name)"));
        }
        c.csv_column_aliases[std::string(k.str())] = v.value<std::string>().value();
      }
    }
    CW_TRY(rc.reject_unknown());
  }
  return r.reject_unknown();
}

// One line of plain text, short enough for a calendar event.
Result<void> read_feeds(const std::string& name, const toml::table& t, FeedsConfig& f) {
  TableReader r(name, t, "feeds.");
  CW_TRY(r.string("coordinator_contact", f.coordinator_contact));
  const bool control = std::any_of(f.coordinator_contact.begin(), f.coordinator_contact.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
  if (f.coordinator_contact.size() > 200 || control) {
    return fail(
        Error::invalid(where(name, *t.get("coordinator_contact"), "feeds.coordinator_contact") +
                       ": expected one line of at most 200 bytes"));
  }
  return r.reject_unknown();
}

Result<void> read_backup(const std::string& name, const toml::table& t, MaintenanceConfig& m) {
  TableReader r(name, t, "backup.");
  CW_TRY(r.string("dir", m.backup_dir));
  std::string interval;
  CW_TRY(r.string("interval", interval));
  if (!interval.empty()) {
    auto v = parse_interval(interval);
    if (!v) {
      return fail(Error::invalid(where(name, *t.get("interval"), "backup.interval") + ": " +
                                 v.error().message));
    }
    m.backup_interval = *v;
  }
  CW_TRY(r.integer("keep", m.backup_keep, 1, 1000));
  return r.reject_unknown();
}

}  // namespace

Result<Config> parse_config(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return fail(Error::invalid(name + ": line " + std::to_string(e.source().begin.line) + ": " +
                               std::string(e.description())));
  }
  Config c;
  c.source_file = name;
  TableReader r(name, root, "");
  if (const auto* db = CW_TRY(r.table("database"))) {
    TableReader rd(name, *db, "database.");
    CW_TRY(rd.string("path", c.database_path));
    CW_TRY(rd.reject_unknown());
  }
  if (const auto* server = CW_TRY(r.table("server"))) CW_TRY(read_server(name, *server, c.server));
  if (const auto* data = CW_TRY(r.table("data"))) {
    TableReader rd(name, *data, "data.");
    CW_TRY(rd.string("sites_file", c.sites_file));
    CW_TRY(rd.string("demo_dir", c.demo_dir));
    CW_TRY(rd.reject_unknown());
  }
  if (const auto* imp = CW_TRY(r.table("import"))) CW_TRY(read_import(name, *imp, c));
  if (const auto* feeds = CW_TRY(r.table("feeds"))) CW_TRY(read_feeds(name, *feeds, c.feeds));
  if (const auto* log = CW_TRY(r.table("log"))) {
    TableReader rl(name, *log, "log.");
    CW_TRY(rl.string("level", c.log_level));
    static const std::set<std::string> kLevels{"debug", "info", "warning", "error"};
    if (!kLevels.contains(c.log_level)) {
      return fail(Error::invalid(where(name, *log->get("level"), "log.level") +
                                 ": expected debug, info, warning or error, got '" + c.log_level +
                                 "'"));
    }
    CW_TRY(rl.reject_unknown());
  }
  if (const auto* sources = r.node("sources")) c.sources = CW_TRY(read_sources(name, *sources));
  if (const auto* fetch = r.node("fetch")) c.fetch = CW_TRY(read_fetch(name, *fetch));
  if (const auto* b = CW_TRY(r.table("backup"))) CW_TRY(read_backup(name, *b, c.maintenance));
  if (const auto* ret = CW_TRY(r.table("retention"))) {
    TableReader rr(name, *ret, "retention.");
    CW_TRY(rr.integer("days", c.maintenance.retention_days, 1, 3650));
    CW_TRY(rr.reject_unknown());
  }
  if (const auto* n = r.node("notify")) CW_TRY(read_notify(name, *n, c.notify));
  if (const auto* n = r.node("smtp")) CW_TRY(read_smtp(name, *n, c.notify.smtp));
  if (const auto* n = r.node("webhook")) CW_TRY(read_webhook(name, *n, c.notify.webhook));
  CW_TRY(r.reject_unknown());
  return c;
}

std::string public_base_url(const Config& c) {
  if (!c.server.public_url.empty()) return c.server.public_url;
  const auto& a = c.server.listen_address;
  const bool v6 = a.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + a + "]" : a) + ":" + std::to_string(c.server.listen_port);
}

Result<Config> load_config(const std::string& path) {
  if (path.empty()) return Config{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::io(path + ": cannot open configuration file"));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

std::string default_config_path() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists("courtwatch.toml", ec)) return "courtwatch.toml";
  if (geteuid() == 0 && std::getenv("INVOCATION_ID") &&
      fs::exists("/etc/courtwatch/courtwatch.toml", ec)) {
    return "/etc/courtwatch/courtwatch.toml";
  }
  return "";
}

bool is_loopback_address(const std::string& address) {
  if (address == "localhost" || address == "::1") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return address.starts_with("::ffff:127.");
}

std::string resolve_data_path(const std::string& configured, const std::string& rel) {
  namespace fs = std::filesystem;
  if (!configured.empty()) return configured;
  std::error_code ec;
  // An installed binary (<prefix>/bin/courtwatch) reads <prefix>/share/courtwatch,
  // wherever the prefix is and whatever the working directory.
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "courtwatch" / rel;
    if (fs::exists(installed, ec)) return installed.string();
  }
  // A build tree run from the checkout.
  const auto local = fs::path("config") / rel;
  if (fs::exists(local, ec)) return local.string();
  return (fs::path(COURTWATCH_DATADIR) / rel).string();
}

}  // namespace cw::daemon
