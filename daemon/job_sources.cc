#include "daemon/job_sources.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "app/imports.h"
#include "scrapers/csv/hearings_csv.h"
#include "scrapers/csv/volunteers_csv.h"
#include "scrapers/eoir/eoir.h"
#include "scrapers/fetch/fetch_state.h"
#include "scrapers/fetch/fetched_import.h"
#include "scrapers/ics/ics_import.h"
#include "scrapers/status/status_import.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::daemon {
namespace {

namespace fs = std::filesystem;

// Names, sizes and modification times of a file or a directory's files.
std::string local_fingerprint(const std::string& path) {
  std::error_code ec;
  std::vector<std::string> parts;
  auto add = [&](const fs::path& p) {
    const auto size = fs::file_size(p, ec);
    const auto mtime = fs::last_write_time(p, ec).time_since_epoch().count();
    parts.push_back(p.filename().string() + ":" + std::to_string(size) + ":" +
                    std::to_string(mtime));
  };
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file(ec)) add(e.path());
    }
  } else {
    add(path);
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += p + ";";
  return out;
}

scrapers::IcsImportOptions ics_options(const SourceConfig& s, const Config& c,
                                       const SourceOptions& o, bool named) {
  scrapers::IcsImportOptions i;
  i.input = s.url.empty() ? s.path : s.url;
  i.site = s.site;
  i.as_of = o.as_of;
  i.horizon_days = o.horizon_days.value_or(c.import_horizon_days);
  // A configured source keeps its hearings under its name, so editing its URL
  // does not orphan them; a one-off import uses site and input.
  if (named) i.source = "ics:" + s.name;
  return i;
}

// Imports a body fetched from src.url.
Result<ImportRun> import_body(store::Database& db, app::SourceKind kind, const SourceConfig& s,
                              const Config& c, const Clock& clock, const SourceOptions& o,
                              bool named, std::string_view body) {
  switch (kind) {
    case app::SourceKind::ics:
      return scrapers::import_ics_text(db, body, ics_options(s, c, o, named), clock);
    case app::SourceKind::status:
      return scrapers::import_status_text(db, body, {s.url, o.as_of}, clock);
    default:
      return fail(Error::invalid("source '" + s.name + "': a " + std::string(to_string(kind)) +
                                 " source is read from a file, not a URL"));
  }
}

Result<ImportRun> import_local(store::Database& db, app::SourceKind kind, const SourceConfig& s,
                               const Config& c, const Clock& clock, const SourceOptions& o,
                               bool named) {
  switch (kind) {
    case app::SourceKind::ics:
      return scrapers::import_ics_file(db, ics_options(s, c, o, named), clock);
    case app::SourceKind::status:
      return scrapers::import_status_file(db, {s.path, o.as_of}, clock);
    case app::SourceKind::csv: {
      scrapers::HearingsCsvOptions opts;
      opts.column_aliases = c.csv_column_aliases;
      return scrapers::import_hearings_csv(db, s.path, clock, opts);
    }
    case app::SourceKind::eoir: {
      scrapers::EoirOptions opts;
      opts.dir = s.path;
      opts.as_of = o.as_of;
      opts.horizon_days = o.horizon_days.value_or(c.import_horizon_days);
      return scrapers::import_eoir(db, opts, clock);
    }
    case app::SourceKind::volunteers:
      return scrapers::import_volunteers_csv(db, s.path, clock);
  }
  return fail(Error::internal("unhandled source kind"));
}

// A one-off fetch without validators (the CLI): always imported.
Result<ImportRun> fetch_and_import(store::Database& db, app::SourceKind kind, const SourceConfig& s,
                                   const Config& c, scrapers::HttpFetcher& fetcher,
                                   const Clock& clock, const SourceOptions& o) {
  auto res = fetcher.get({s.url, "", ""});
  if (res && res->status != 200) {
    res = fail(Error::io(s.url + ": HTTP " + std::to_string(res->status)));
  }
  if (!res) {
    ImportRun run;
    run.source = s.kind;
    run.input = s.url;
    CW_TRY(store::record_failed_run(db, clock, std::move(run), res.error().message));
    return fail(std::move(res).error());
  }
  return import_body(db, kind, s, c, clock, o, false, res->body);
}

}  // namespace

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
    const auto abs = fs::absolute(input, ec);
    s.path = ec ? input : abs.lexically_normal().string();
  }
  return s;
}

namespace {

// One source once, without the session refresh (import_source() adds it).
Result<std::optional<ImportRun>> import_once(store::Database& db, app::SourceKind kind,
                                             const SourceConfig& s, const Config& c,
                                             scrapers::HttpFetcher& fetcher, const Clock& clock,
                                             const SourceOptions& o) {
  const bool scheduled = o.change == Change::skip_unchanged;
  std::optional<ImportRun> run;
  if (!s.url.empty()) {
    if (!scheduled)
      return std::optional(CW_TRY(fetch_and_import(db, kind, s, c, fetcher, clock, o)));
    return scrapers::import_fetched(
        db, fetcher, clock, {s.name, s.kind, s.url},
        [&](std::string_view body) { return import_body(db, kind, s, c, clock, o, true, body); });
  }
  store::ImportRunRepo runs(db);
  const auto fp = local_fingerprint(s.path);
  if (scheduled && CW_TRY(runs.last_fingerprint(s.kind, s.path)) == fp) return run;
  run = CW_TRY(import_local(db, kind, s, c, clock, o, scheduled));
  CW_TRY(runs.set_fingerprint(run->id, fp));
  return run;
}

}  // namespace

Result<std::optional<ImportRun>> run_source(store::Database& db, const SourceConfig& s,
                                            const Config& c, scrapers::HttpFetcher& fetcher,
                                            const Clock& clock, const SourceOptions& o) {
  const auto kind = CW_TRY(app::parse_source_kind(s.kind));
  auto outcome = CW_TRY(app::import_source(
      db, clock, kind, [&] { return import_once(db, kind, s, c, fetcher, clock, o); }));
  if (!outcome) return std::optional<ImportRun>{};
  return std::optional<ImportRun>(std::move(outcome->run));
}

}  // namespace cw::daemon
