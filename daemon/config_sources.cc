#include <regex>
#include <set>

#include "daemon/config_sources_toml.h"
#include "scrapers/fetch/http_fetcher.h"

namespace cw::daemon {
namespace {

std::string at(const std::string& file, const toml::node& n, const std::string& key) {
  return file + ": line " + std::to_string(n.source().begin.line) + ", key '" + key + "'";
}

Result<std::string> text(const std::string& file, const toml::table& t, const std::string& prefix,
                         const char* key) {
  const auto* n = t.get(key);
  if (!n) return std::string();
  if (!n->is_string())
    return fail(Error::invalid(at(file, *n, prefix + key) + ": expected a string"));
  return n->value<std::string>().value();
}

Result<int> integer(const std::string& file, const toml::table& t, const char* key, int def, int lo,
                    int hi) {
  const auto* n = t.get(key);
  if (!n) return def;
  const auto v = n->value<std::int64_t>();
  if (!n->is_integer() || !v || *v < lo || *v > hi) {
    return fail(Error::invalid(at(file, *n, std::string("fetch.") + key) +
                               ": expected an integer from " + std::to_string(lo) + " to " +
                               std::to_string(hi)));
  }
  return static_cast<int>(*v);
}

Error unknown_key(const std::string& file, const toml::key& k, const std::string& prefix) {
  return Error::invalid(file + ": line " + std::to_string(k.source().begin.line) +
                        ": unknown key '" + prefix + std::string(k.str()) + "'");
}

Result<void> reject_unknown(const std::string& file, const toml::table& t,
                            const std::set<std::string>& known, const std::string& prefix) {
  for (const auto& [k, v] : t) {
    if (!known.contains(std::string(k.str()))) return fail(unknown_key(file, k, prefix));
  }
  return {};
}

Result<SourceConfig> read_source(const std::string& file, const toml::table& t, std::size_t i) {
  const std::string prefix = "sources[" + std::to_string(i) + "].";
  CW_TRY(reject_unknown(file, t, {"name", "kind", "url", "path", "site", "interval"}, prefix));
  auto bad = [&](const char* key, const std::string& what) {
    const auto* n = t.get(key);
    const std::string where = n ? at(file, *n, prefix + key)
                                : file + ": line " + std::to_string(t.source().begin.line) +
                                      ", key '" + prefix + key + "'";
    return fail(Error::invalid(where + ": " + what));
  };
  SourceConfig s;
  s.name = CW_TRY(text(file, t, prefix, "name"));
  s.kind = CW_TRY(text(file, t, prefix, "kind"));
  s.url = CW_TRY(text(file, t, prefix, "url"));
  s.path = CW_TRY(text(file, t, prefix, "path"));
  s.site = CW_TRY(text(file, t, prefix, "site"));
  const auto interval = CW_TRY(text(file, t, prefix, "interval"));
  static const std::regex kName("[a-z0-9][a-z0-9._-]{0,63}");
  if (!std::regex_match(s.name, kName)) {
    return bad("name", "expected a name of lowercase letters, digits, '.', '_' or '-'");
  }
  static const std::set<std::string> kKinds{"ics", "status", "csv", "eoir"};
  if (!kKinds.contains(s.kind)) return bad("kind", "expected ics, status, csv or eoir");
  if (!s.url.empty() && !scrapers::is_http_url(s.url)) {
    return bad("url", "expected a URL starting with http:// or https://");
  }
  if (s.url.empty() == s.path.empty()) return bad("url", "expected exactly one of url and path");
  if ((s.kind == "eoir" || s.kind == "csv") && !s.url.empty()) {
    return bad("url", s.kind + " sources are local: give path (see docs/operations.md)");
  }
  if (s.kind == "ics" && s.site.empty()) return bad("site", "an ics source needs a site code");
  if (s.kind != "ics" && !s.site.empty()) return bad("site", "only ics sources take a site");
  if (!interval.empty()) {
    auto v = parse_interval(interval);
    if (!v) return bad("interval", v.error().message);
    s.interval = *v;
  }
  return s;
}

}  // namespace

Result<std::chrono::seconds> parse_interval(std::string_view text) {
  static const std::regex kInterval("([0-9]{1,6})([smhd])");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, kInterval)) {
    return fail(Error::invalid("expected a duration like \"90s\", \"30m\", \"6h\" or \"1d\""));
  }
  const long n = std::stol(m[1].str());
  const char unit = m[2].str()[0];
  const long mult = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400;
  const std::chrono::seconds v{n * mult};
  if (v < std::chrono::minutes(1) || v > std::chrono::days(30)) {
    return fail(Error::invalid("expected a duration from 1m to 30d"));
  }
  return v;
}

Result<std::vector<SourceConfig>> read_sources(const std::string& file, const toml::node& node) {
  const auto* arr = node.as_array();
  if (!arr) {
    return fail(Error::invalid(at(file, node, "sources") +
                               ": expected [[sources]] tables (an array of tables)"));
  }
  std::vector<SourceConfig> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto* t = (*arr)[i].as_table();
    if (!t) {
      return fail(Error::invalid(at(file, (*arr)[i], "sources[" + std::to_string(i) + "]") +
                                 ": expected a table"));
    }
    auto s = CW_TRY(read_source(file, *t, i));
    if (!names.insert(s.name).second) {
      return fail(
          Error::invalid(at(file, *t->get("name"), "sources[" + std::to_string(i) + "].name") +
                         ": duplicate source name '" + s.name + "'"));
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<FetchConfig> read_fetch(const std::string& file, const toml::node& node) {
  const auto* t = node.as_table();
  if (!t) return fail(Error::invalid(at(file, node, "fetch") + ": expected a table"));
  CW_TRY(reject_unknown(file, *t,
                        {"connect_timeout", "timeout", "max_size_mb", "retries", "max_redirects"},
                        "fetch."));
  FetchConfig f;
  f.connect_timeout_s = CW_TRY(integer(file, *t, "connect_timeout", f.connect_timeout_s, 1, 300));
  f.timeout_s = CW_TRY(integer(file, *t, "timeout", f.timeout_s, 1, 3600));
  f.max_size_mb = CW_TRY(integer(file, *t, "max_size_mb", f.max_size_mb, 1, 8192));
  f.retries = CW_TRY(integer(file, *t, "retries", f.retries, 0, 10));
  f.max_redirects = CW_TRY(integer(file, *t, "max_redirects", f.max_redirects, 0, 20));
  return f;
}

}  // namespace cw::daemon
