#include "scrapers/status/status_import.h"

#include <fstream>
#include <sstream>

#include "core/import_run.h"
#include "scrapers/csv/csv_run.h"
#include "scrapers/status/closures.h"
#include "scrapers/status/court_names.h"
#include "scrapers/status/status_page.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::scrapers {
namespace {

constexpr std::size_t kMaxPageBytes = 16 * 1024 * 1024;
constexpr const char* kSource = "eoir-status";

struct Applied {
  bool changed = false;
  std::int64_t cancelled = 0;
};

Result<Applied> apply_entry(store::Database& db, const std::string& site, LocalDate day,
                            const status::StatusEntry& e, const Clock& clock) {
  store::ClosureRepo closures(db);
  Applied out;
  const auto now = clock.now();
  if (e.kind == status::CourtStatus::open) {
    if (CW_TRY(closures.remove(site, day, kSource)) > 0) {
      out.changed = true;
      CW_TRY(status::reopen_site_day(db, site, day, now));
    }
    return out;
  }
  const auto kind = e.kind == status::CourtStatus::closed ? store::ClosureKind::closed
                                                          : store::ClosureKind::partial;
  bool same = false;
  for (const auto& c : CW_TRY(closures.list(day))) {
    if (c.date == day && c.site == site && c.source == kSource) {
      same = c.kind == kind && c.reason == e.status;
    }
  }
  if (!same) {
    store::Closure c{site, day, kind, e.status, kSource, "eoir-status", now};
    CW_TRY(closures.put(c));
    // A partial closure that replaces a full one gives detained hearings back.
    if (kind == store::ClosureKind::partial) CW_TRY(status::reopen_site_day(db, site, day, now));
    out.changed = true;
  }
  out.cancelled = CW_TRY(status::close_site_day(db, site, day, kind, now));
  return out;
}

Result<void> import_page(store::Database& db, std::string_view html,
                         const StatusImportOptions& opts, const Clock& clock, ImportRun& run) {
  const auto page = status::parse_status_page(html);
  const auto day = opts.date ? opts.date : page.date;
  if (!day) {
    return fail(
        failed_as(Error::invalid(run.input + ": no date found on the status page; give --date"),
                  run_failure(RunFailure::no_date)));
  }
  const status::CourtNames names(CW_TRY(store::SiteRepo(db).all()));
  for (const auto& e : page.entries) {
    ++run.rows_read;
    const auto where = "line " + std::to_string(e.line) + ": ";
    const auto site = names.find(e.court);
    if (!site) {
      run.reject("unknown-court", e.line, where + "no site for court '" + e.court + "'");
      continue;
    }
    if (e.kind == status::CourtStatus::unknown) {
      run.reject("unknown-status", e.line,
                 where + "status '" + e.status + "' of " + *site +
                     " is not open, closed or detained-only");
      continue;
    }
    const auto applied = CW_TRY(apply_entry(db, *site, *day, e, clock));
    run.cancelled += applied.cancelled;
    if (applied.changed) {
      ++run.updated;
    } else if (applied.cancelled == 0) {
      ++run.unchanged;
    }
  }
  return {};
}

}  // namespace

Result<ImportRun> import_status_text(store::Database& db, std::string_view html,
                                     const StatusImportOptions& opts, const Clock& clock) {
  ImportRun run;
  run.source = "status";
  run.input = opts.input;
  return store::record_import(db, clock, std::move(run),
                              [&](ImportRun& r) { return import_page(db, html, opts, clock, r); });
}

Result<ImportRun> import_status_file(store::Database& db, const StatusImportOptions& opts,
                                     const Clock& clock) {
  auto read = [&]() -> Result<std::string> {
    std::ifstream in;
    CW_TRY(csv::open_input(opts.input, in));
    std::string text;
    text.resize(kMaxPageBytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxPageBytes) {
      return fail(failed_as(Error::invalid(csv::display_name(opts.input) + ": larger than 16 MB"),
                            run_failure(RunFailure::too_large)
                                .arg("file", input_label(opts.input))
                                .arg("limit", "16 MB")));
    }
    return text;
  }();
  if (!read) {
    ImportRun run;
    run.source = "status";
    run.input = opts.input;
    return store::record_import(db, clock, std::move(run),
                                [&](ImportRun&) -> Result<void> { return fail(read.error()); });
  }
  return import_status_text(db, *read, opts, clock);
}

}  // namespace cw::scrapers
