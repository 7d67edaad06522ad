#include "daemon/config_notify.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "core/text.h"

namespace cw::daemon {
namespace {

// Reads one table: typed getters that remember which keys were known.
class Keys {
 public:
  Keys(const std::string& file, const toml::table& t, std::string prefix)
      : file_(file), t_(t), prefix_(std::move(prefix)) {}

  std::string where(const char* key) const {
    const auto* n = t_.get(key);
    const int line =
        n ? static_cast<int>(n->source().begin.line) : static_cast<int>(t_.source().begin.line);
    return file_ + ": line " + std::to_string(line) + ", key '" + prefix_ + key + "'";
  }
  Error bad(const char* key, const std::string& what) const {
    return Error::invalid(where(key) + ": " + what);
  }

  Result<void> string(const char* key, std::string& out) {
    known_.insert(key);
    const auto* n = t_.get(key);
    if (!n) return {};
    if (!n->is_string()) return fail(bad(key, "expected a string"));
    out = n->value<std::string>().value();
    return {};
  }
  Result<void> integer(const char* key, int& out, int lo, int hi) {
    known_.insert(key);
    const auto* n = t_.get(key);
    if (!n) return {};
    const auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < lo || *v > hi) {
      return fail(
          bad(key, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi)));
    }
    out = static_cast<int>(*v);
    return {};
  }
  Result<void> hour(const char* key, TimeOfDay& out) {
    std::string text;
    CW_TRY(string(key, text));
    if (text.empty()) return {};
    auto t = parse_hh_mm(text);
    if (!t || text.size() != 5) return fail(bad(key, "expected a time HH:MM, got '" + text + "'"));
    out = *t;
    return {};
  }
  Result<void> strings(const char* key, std::vector<std::string>& out) {
    known_.insert(key);
    const auto* n = t_.get(key);
    if (!n) return {};
    const auto* arr = n->as_array();
    if (!arr) return fail(bad(key, "expected an array of strings"));
    for (const auto& v : *arr) {
      if (!v.is_string()) return fail(bad(key, "expected an array of strings"));
      out.push_back(v.value<std::string>().value());
    }
    return {};
  }
  const toml::node* node(const char* key) {
    known_.insert(key);
    return t_.get(key);
  }
  Result<void> reject_unknown() const {
    for (const auto& [k, v] : t_) {
      if (!known_.contains(std::string(k.str()))) {
        return fail(Error::invalid(file_ + ": line " + std::to_string(k.source().begin.line) +
                                   ": unknown key '" + prefix_ + std::string(k.str()) + "'"));
      }
    }
    return {};
  }

 private:
  const std::string& file_;
  const toml::table& t_;
  std::string prefix_;
  std::set<std::string> known_;
};

Result<const toml::table*> as_table(const std::string& file, const toml::node& n,
                                    const std::string& key) {
  const auto* t = n.as_table();
  if (!t) {
    return fail(Error::invalid(file + ": line " + std::to_string(n.source().begin.line) +
                               ", key '" + key + "': expected a table"));
  }
  return t;
}

// The first line of a secret file, without trailing whitespace.
Result<std::string> read_secret(const Keys& k, const char* key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(k.bad(key, "cannot read " + path));
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  s = s.substr(0, s.find('\n'));
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  if (s.empty()) return fail(k.bad(key, path + " is empty"));
  return s;
}

bool plausible_email(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() &&
         s.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
}

bool loopback(const std::string& host) {
  return host == "localhost" || host == "[::1]" || host.starts_with("127.");
}

bool one_line(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

Result<notify::Coordinator> read_coordinator(const std::string& file, const toml::table& t,
                                             std::size_t i) {
  Keys k(file, t, "notify.coordinators[" + std::to_string(i) + "].");
  notify::Coordinator c;
  CW_TRY(k.string("name", c.name));
  CW_TRY(k.string("email", c.email));
  CW_TRY(k.string("timezone", c.timezone));
  CW_TRY(k.strings("sites", c.sites));
  CW_TRY(k.string("locale", c.locale));
  CW_TRY(k.reject_unknown());
  if (!plausible_email(c.email)) return fail(k.bad("email", "expected an e-mail address"));
  if (!one_line(c.name)) return fail(k.bad("name", "expected one line"));
  if (!find_zone(c.timezone)) {
    return fail(k.bad("timezone", "unknown IANA time zone '" + c.timezone + "'"));
  }
  if (c.locale != "en" && c.locale != "es") return fail(k.bad("locale", "expected en or es"));
  for (auto& s : c.sites) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return std::toupper(ch); });
  }
  return c;
}

}  // namespace

Result<void> read_notify(const std::string& file, const toml::node& node, notify::NotifyConfig& c) {
  const auto* t = CW_TRY(as_table(file, node, "notify"));
  Keys k(file, *t, "notify.");
  auto& r = c.rules;
  CW_TRY(k.hour("quiet_start", r.quiet.start));
  CW_TRY(k.hour("quiet_end", r.quiet.end));
  CW_TRY(k.hour("confirm_request_at", r.confirm_request_at));
  CW_TRY(k.hour("reminder_at", r.reminder_at));
  CW_TRY(k.hour("digest_at", r.digest_at));
  int urgent = static_cast<int>(r.urgent_within.count());
  CW_TRY(k.integer("urgent_within_hours", urgent, 0, 168));
  r.urgent_within = std::chrono::hours{urgent};
  CW_TRY(k.integer("horizon_days", r.horizon_days, 1, 365));
  auto& d = c.delivery;
  CW_TRY(k.integer("concurrency", d.concurrency, 1, 64));
  CW_TRY(k.integer("max_attempts", d.max_attempts, 1, 100));
  int base = static_cast<int>(d.backoff_base.count());
  CW_TRY(k.integer("backoff_base", base, 1, 3600));
  d.backoff_base = std::chrono::seconds{base};
  int most = static_cast<int>(d.backoff_max.count());
  CW_TRY(k.integer("backoff_max", most, 1, 7 * 86400));
  d.backoff_max = std::chrono::seconds{std::max(most, base)};
  int every = static_cast<int>(d.plan_interval.count());
  CW_TRY(k.integer("plan_interval", every, 1, 3600));
  d.plan_interval = std::chrono::seconds{every};
  if (const auto* coords = k.node("coordinators")) {
    const auto* arr = coords->as_array();
    if (!arr) return fail(k.bad("coordinators", "expected [[notify.coordinators]] tables"));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const auto* ct =
          CW_TRY(as_table(file, (*arr)[i], "notify.coordinators[" + std::to_string(i) + "]"));
      c.coordinators.push_back(CW_TRY(read_coordinator(file, *ct, i)));
    }
  }
  return k.reject_unknown();
}

Result<void> read_smtp(const std::string& file, const toml::node& node, notify::SmtpConfig& c) {
  const auto* t = CW_TRY(as_table(file, node, "smtp"));
  Keys k(file, *t, "smtp.");
  std::string tls = "required", password_file, password_env;
  CW_TRY(k.string("url", c.url));
  CW_TRY(k.string("tls", tls));
  CW_TRY(k.string("ca_file", c.ca_file));
  CW_TRY(k.string("username", c.username));
  CW_TRY(k.string("password_file", password_file));
  CW_TRY(k.string("password_env", password_env));
  CW_TRY(k.string("from", c.from));
  CW_TRY(k.string("reply_to", c.reply_to));
  CW_TRY(k.integer("connect_timeout", c.connect_timeout_s, 1, 300));
  CW_TRY(k.integer("timeout", c.timeout_s, 1, 3600));
  CW_TRY(k.reject_unknown());
  if (!c.url.empty() && !c.url.starts_with("smtp://") && !c.url.starts_with("smtps://")) {
    return fail(k.bad("url", "expected smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT"));
  }
  if (tls != "required" && tls != "none") return fail(k.bad("tls", "expected required or none"));
  c.tls_required = tls == "required";
  if (!c.tls_required && !c.url.empty() && !loopback(url_host(c.url))) {
    return fail(k.bad("tls", "tls = \"none\" is only allowed for a loopback relay"));
  }
  if (!c.tls_required && c.url.starts_with("smtps://")) {
    return fail(k.bad("tls", "smtps:// is implicit TLS; tls = \"none\" contradicts it"));
  }
  if (!password_file.empty() && !password_env.empty()) {
    return fail(k.bad("password_env", "give password_file or password_env, not both"));
  }
  if (!password_file.empty()) c.password = CW_TRY(read_secret(k, "password_file", password_file));
  if (!password_env.empty()) {
    const char* v = std::getenv(password_env.c_str());
    if (!v || !*v)
      return fail(k.bad("password_env", "environment variable " + password_env + " is not set"));
    c.password = v;
  }
  if (!c.url.empty() && c.from.empty()) return fail(k.bad("from", "a sender address is required"));
  if (!one_line(c.from) || !one_line(c.reply_to)) {
    return fail(k.bad("from", "expected one line"));
  }
  return {};
}

Result<void> read_webhook(const std::string& file, const toml::node& node,
                          notify::WebhookConfig& c) {
  const auto* t = CW_TRY(as_table(file, node, "webhook"));
  Keys k(file, *t, "webhook.");
  std::string secret_file;
  CW_TRY(k.string("url", c.url));
  CW_TRY(k.string("secret_file", secret_file));
  CW_TRY(k.integer("timeout", c.timeout_s, 1, 300));
  CW_TRY(k.reject_unknown());
  if (!c.url.empty() && !c.url.starts_with("http://") && !c.url.starts_with("https://")) {
    return fail(k.bad("url", "expected a URL starting with http:// or https://"));
  }
  if (!c.url.empty() && secret_file.empty()) {
    return fail(k.bad("secret_file", "a webhook needs a secret to sign its bodies"));
  }
  if (!secret_file.empty()) c.secret = CW_TRY(read_secret(k, "secret_file", secret_file));
  return {};
}

}  // namespace cw::daemon
