#include "app/source_import.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "scrapers/csv/hearings_csv.h"
#include "scrapers/csv/volunteers_csv.h"
#include "scrapers/eoir/eoir.h"
#include "scrapers/fetch/fetched_import.h"
#include "scrapers/ics/ics_import.h"
#include "scrapers/status/status_import.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::app {
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

scrapers::IcsImportOptions ics_options(const SourceSpec& s, Change change) {
  scrapers::IcsImportOptions i;
  i.input = s.url.empty() ? s.path : s.url;
  i.site = s.site;
  i.as_of = s.as_of;
  i.horizon_days = s.horizon_days;
  if (change == Change::skip_unchanged) i.source = "ics:" + s.name;
  return i;
}

// Imports a body fetched from s.url.
Result<ImportRun> import_body(store::Database& db, const Clock& clock, const SourceSpec& s,
                              Change change, std::string_view body) {
  switch (s.kind) {
    case SourceKind::ics:
      return scrapers::import_ics_text(db, body, ics_options(s, change), clock);
    case SourceKind::status:
      return scrapers::import_status_text(db, body, {s.url, s.as_of}, clock);
    default:
      return fail(Error::invalid("source '" + s.name + "': a " + std::string(to_string(s.kind)) +
                                 " source is read from a file, not a URL"));
  }
}

Result<ImportRun> import_local(store::Database& db, const Clock& clock, const SourceSpec& s,
                               Change change) {
  switch (s.kind) {
    case SourceKind::ics:
      return scrapers::import_ics_file(db, ics_options(s, change), clock);
    case SourceKind::status:
      return scrapers::import_status_file(db, {s.path, s.as_of}, clock);
    case SourceKind::csv: {
      scrapers::HearingsCsvOptions opts;
      opts.column_aliases = s.csv_aliases;
      return scrapers::import_hearings_csv(db, s.path, clock, opts);
    }
    case SourceKind::eoir: {
      scrapers::EoirOptions opts;
      opts.dir = s.path;
      opts.as_of = s.as_of;
      opts.horizon_days = s.horizon_days;
      return scrapers::import_eoir(db, opts, clock);
    }
    case SourceKind::volunteers:
      return scrapers::import_volunteers_csv(db, s.path, clock);
  }
  return fail(Error::internal("unhandled source kind"));
}

// A one-off fetch without validators (the CLI): always imported.
Result<ImportRun> fetch_and_import(store::Database& db, const Clock& clock,
                                   scrapers::HttpFetcher& fetcher, const SourceSpec& s) {
  auto res = fetcher.get({s.url, "", ""});
  if (res && res->status != 200) {
    res = fail(scrapers::http_status_error(s.url, res->status));
  }
  if (!res) {
    ImportRun run;
    run.source = std::string(to_string(s.kind));
    run.input = s.url;
    CW_TRY(store::record_failed_run(db, clock, std::move(run), res.error()));
    return fail(std::move(res).error());
  }
  return import_body(db, clock, s, Change::always, res->body);
}

// One source once, without the session refresh (import_source() adds it).
Result<std::optional<ImportRun>> import_once(store::Database& db, const Clock& clock,
                                             scrapers::HttpFetcher& fetcher, const SourceSpec& s,
                                             Change change) {
  const std::string kind(to_string(s.kind));
  if (!s.url.empty()) {
    if (change == Change::always) {
      return std::optional(CW_TRY(fetch_and_import(db, clock, fetcher, s)));
    }
    return scrapers::import_fetched(
        db, fetcher, clock, {s.name, kind, s.url},
        [&](std::string_view body) { return import_body(db, clock, s, change, body); });
  }
  store::ImportRunRepo runs(db);
  const auto fp = local_fingerprint(s.path);
  if (change == Change::skip_unchanged && CW_TRY(runs.last_fingerprint(kind, s.path)) == fp) {
    return std::optional<ImportRun>{};
  }
  auto run = CW_TRY(import_local(db, clock, s, change));
  CW_TRY(runs.set_fingerprint(run.id, fp));
  return std::optional(std::move(run));
}

}  // namespace

Result<std::optional<ImportOutcome>> run_source(store::Database& db, const Clock& clock,
                                                scrapers::HttpFetcher& fetcher,
                                                const SourceSpec& source, Change change) {
  return import_source(db, clock, source.kind,
                       [&] { return import_once(db, clock, fetcher, source, change); });
}

}  // namespace cw::app
