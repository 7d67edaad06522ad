#include "daemon/job_sources.h"

#include <filesystem>

namespace cw::daemon {

scrapers::FetchLimits fetch_limits(const FetchConfig& c) {
  scrapers::FetchLimits l;
  l.connect_timeout = std::chrono::seconds(c.connect_timeout_s);
  l.total_timeout = std::chrono::seconds(c.timeout_s);
  l.max_bytes = static_cast<std::size_t>(c.max_size_mb) * 1024 * 1024;
  l.retries = c.retries;
  l.max_redirects = c.max_redirects;
  return l;
}

SourceConfig adhoc_source(std::string kind, const std::string& input) {
  SourceConfig s;
  s.kind = std::move(kind);
  s.name = input;
  if (scrapers::is_http_url(input)) {
    s.url = input;
  } else {
    std::error_code ec;
    const auto abs = std::filesystem::absolute(input, ec);
    s.path = ec ? input : abs.lexically_normal().string();
  }
  return s;
}

Result<std::optional<ImportRun>> run_source(store::Database& db, const SourceConfig& s,
                                            const Config& c, scrapers::HttpFetcher& fetcher,
                                            const Clock& clock, const SourceOptions& o) {
  app::SourceSpec spec;
  spec.kind = CW_TRY(app::parse_source_kind(s.kind));
  spec.name = s.name;
  spec.url = s.url;
  spec.path = s.path;
  spec.site = s.site;
  spec.as_of = o.as_of;
  spec.horizon_days = o.horizon_days.value_or(c.import_horizon_days);
  spec.csv_aliases = c.csv_column_aliases;
  auto outcome = CW_TRY(app::run_source(db, clock, fetcher, spec, o.change));
  if (!outcome) return std::optional<ImportRun>{};
  return std::optional<ImportRun>(std::move(outcome->run));
}

}  // namespace cw::daemon
